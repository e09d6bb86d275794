"""Signing the Code of Ethics: versioned text, typed name, hash, time and IP."""

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from peerpath.audit.models import AuditEvent
from peerpath.intake.actions import do_publish_demo_ethics_document
from peerpath.intake.models import (
    Application,
    ApplicationStatus,
    EthicsDocument,
    EthicsSignature,
)
from peerpath.lib.dates import add_years

pytestmark = pytest.mark.django_db

ETHICS = reverse("intake-ethics")


@pytest.fixture
def document():
    return do_publish_demo_ethics_document()


def sign(client, name, agree="on"):
    return client.post(ETHICS, {"agree": agree, "typed_name": name}, REMOTE_ADDR="203.0.113.9")


def test_participant_reads_and_signs_the_current_version(client, participant, document):
    client.force_login(participant)
    page = client.get(ETHICS).content.decode()
    assert "Hope." in page and document.version in page
    response = sign(client, "  ana   RUIZ ")
    assert response.status_code == 302
    signature = EthicsSignature.objects.get()
    assert signature.user == participant and signature.document == document
    assert signature.typed_name == "ana RUIZ"
    expected = hashlib.sha256(f"{document.body}\n---\n{document.body_es}".encode()).hexdigest()
    assert signature.text_sha256 == expected
    assert signature.ip_address == "203.0.113.9"
    assert AuditEvent.objects.filter(action="ethics.sign", actor=participant).exists()
    page = client.get(ETHICS).content.decode()
    due = date_format(add_years(timezone.localdate(), 2), "DATE_FORMAT")
    assert f"It is due to be signed again by {due}." in page
    assert "Sign the Code of Ethics</button>" not in page


@pytest.mark.parametrize(
    ("name", "agree", "field", "message"),
    [
        ("Ana Ruiz", "", "agree", "Tick the box"),
        ("", "on", "typed_name", "Type your full name to sign."),
        ("Someone Else", "on", "typed_name", "as it is on your account: Ana Ruiz"),
        ("<script>alert(1)</script>", "on", "typed_name", "letters, spaces, hyphens"),
        ("A", "on", "typed_name", "letters, spaces, hyphens"),
    ],
)
def test_bad_signatures_are_refused_next_to_the_field(
    client, participant, document, name, agree, field, message
):
    client.force_login(participant)
    response = sign(client, name, agree)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not EthicsSignature.objects.exists()


def test_names_in_other_scripts_and_with_accents_are_accepted(client, program, document):
    from peerpath.accounts.models import Role
    from peerpath.conftest import make_user

    person = make_user(
        "jose@example.org", Role.PARTICIPANT, program=program, full_name="José María O’Neil-Núñez"
    )
    client.force_login(person)
    assert sign(client, "josé maría o’neil-núñez").status_code == 302


def test_a_new_version_asks_for_a_new_signature(client, participant, document):
    client.force_login(participant)
    sign(client, "Ana Ruiz")
    EthicsDocument.objects.create(
        version="v2", title="Code v2", body="New text", published_at=timezone.now()
    )
    page = client.get(ETHICS).content.decode()
    assert "Sign the Code of Ethics</button>" in page
    sign(client, "Ana Ruiz")
    assert [s.document.version for s in EthicsSignature.objects.all()] == ["v2", document.version]


def test_without_a_published_document_nothing_can_be_signed(client, participant):
    client.force_login(participant)
    assert "has not published its Code of Ethics yet" in client.get(ETHICS).content.decode()
    sign(client, "Ana Ruiz")
    assert not EthicsSignature.objects.exists()


def test_spanish_reader_sees_the_spanish_text(client, participant, document):
    client.cookies["peerpath_language"] = "es"
    client.force_login(participant)
    assert "Esperanza." in client.get(ETHICS).content.decode()


def test_each_participant_sees_only_their_own_signature(
    client, participant, other_participant, document
):
    client.force_login(participant)
    sign(client, "Ana Ruiz")
    client.force_login(other_participant)
    page = client.get(ETHICS).content.decode()
    assert "Ana Ruiz" not in page
    assert "Sign the Code of Ethics</button>" in page


def test_published_versions_cannot_be_edited_in_the_admin(client, site_admin, document):
    client.force_login(site_admin)
    response = client.get(reverse("admin:intake_ethicsdocument_change", args=[document.pk]))
    assert response.status_code == 200
    assert 'name="body"' not in response.content.decode()


def test_a_signature_that_has_fallen_due_can_be_renewed(client, participant, document):
    signature = EthicsSignature.objects.create(
        user=participant,
        document=document,
        typed_name="Ana Ruiz",
        text_sha256=document.text_hash(),
        signed_at=timezone.now() - dt.timedelta(days=2 * 366),
    )
    client.force_login(participant)
    page = client.get(ETHICS).content.decode()
    assert "Sign the Code of Ethics</button>" in page
    assert sign(client, "Ana Ruiz").status_code == 302
    assert EthicsSignature.objects.exclude(pk=signature.pk).get().document == document


def test_signing_again_before_it_is_due_adds_nothing(client, participant, document):
    client.force_login(participant)
    sign(client, "Ana Ruiz")
    assert sign(client, "Ana Ruiz").status_code == 302  # a double click, or a stale tab
    assert EthicsSignature.objects.count() == 1


@pytest.mark.parametrize(
    "persona", [None, "advocate", "coordinator", "other_coordinator", "site_admin"]
)
def test_anyone_can_read_the_code_of_ethics_before_signing_up(client, request, document, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    page = client.get(ETHICS).content.decode()
    assert "Hope." in page and document.version in page
    assert "Sign the Code of Ethics</button>" not in page
    assert ("Create an account" in page) is (persona is None)
    assert client.post(ETHICS, {"agree": "on", "typed_name": "Ana Ruiz"}).status_code == 404
    assert not EthicsSignature.objects.exists()


FROM_APPLICATION = f"{ETHICS}?from=application"


@pytest.fixture
def applying(client, participant, document):
    Application.objects.create(applicant=participant, program=participant.program)
    client.force_login(participant)
    return participant


def test_from_the_application_the_code_is_one_of_its_steps(client, applying):
    review = client.get(reverse("intake-apply-review")).content.decode()
    assert f'href="{FROM_APPLICATION}"' in review
    page = client.get(FROM_APPLICATION).content.decode()
    assert 'aria-label="Application steps"' in page
    assert '<strong aria-current="step">Code of Ethics</strong>' in page
    assert f'href="{reverse("intake-apply-step", args=["about"])}"' in page
    assert f'<a href="{reverse("intake-apply-review")}">Back to your application</a>' in page
    assert "Hope." in page and "Sign the Code of Ethics</button>" in page
    # Signing goes on with the application, like the other steps' "continue".
    response = client.post(FROM_APPLICATION, {"agree": "on", "typed_name": "Ana Ruiz"})
    assert response.status_code == 302
    assert response.url == reverse("intake-apply")
    assert EthicsSignature.objects.filter(user=applying).count() == 1
    client.cookies["peerpath_language"] = "es"
    page = client.get(FROM_APPLICATION).content.decode()
    assert "Volver a su solicitud" in page


@pytest.mark.parametrize("status", [None, ApplicationStatus.SUBMITTED, ApplicationStatus.ENROLLED])
def test_from_elsewhere_the_code_of_ethics_page_stays_as_it_is(
    client, participant, document, status
):
    if status is not None:
        Application.objects.create(
            applicant=participant, program=participant.program, status=status
        )
    client.force_login(participant)
    for url in (ETHICS, FROM_APPLICATION):
        page = client.get(url).content.decode()
        assert "Application steps" not in page
        assert "Back to your application" not in page
        assert "Sign the Code of Ethics</button>" in page
    response = client.post(ETHICS, {"agree": "on", "typed_name": "Ana Ruiz"})
    assert response.url == ETHICS


def test_an_application_draft_without_the_parameter_shows_no_steps(client, applying):
    page = client.get(ETHICS).content.decode()
    assert "Application steps" not in page


def test_readers_are_not_shown_application_steps(client, document):
    page = client.get(FROM_APPLICATION).content.decode()
    assert "Application steps" not in page and "Create an account" in page
