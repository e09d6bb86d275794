"""Providers edited in PeerPath: access, editing with an audit trail, CSV export and
import from the page, and the finder's first screen pointing newcomers to core training."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from peerpath.audit.models import AuditEvent
from peerpath.catalog.models import Provider

pytestmark = pytest.mark.usefixtures("reference_data")

LIST = reverse("catalog-admin-providers")
CREATE = reverse("catalog-admin-create-provider")
EXPORT = reverse("catalog-admin-export-providers")
IMPORT = reverse("catalog-admin-import-providers")
FINDER = reverse("catalog-find-providers")


def edit(slug):
    return reverse("catalog-admin-edit-provider", args=[slug])


def example_core(**changes):
    data = {
        "name": "Example Core Training Center",
        "slug": "example-core",
        "offers_core_training": "on",
        "website": "https://example.org/core",
        "phone": "555-0100",
        "email": "training@example.org",
        "languages": "en, es",
        "cost": "Free for program participants",
        "next_starts": f"{timezone.localdate().year + 1}-01-11",
        "is_active": "on",
        **changes,
    }
    return data


@pytest.mark.parametrize(
    "persona",
    [
        "participant",
        "other_participant",
        "advocate",
        "coordinator",
        "org_admin",
        "other_coordinator",
    ],
)
def test_only_the_installations_administrator_edits_providers(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in (LIST, CREATE, EXPORT, edit("crestwood")):
        assert client.get(url).status_code == 404, url
    assert client.post(CREATE, example_core()).status_code == 404
    assert not Provider.objects.filter(slug="example-core").exists()


def test_anonymous_visitors_sign_in_first(client):
    assert reverse("account_login") in client.get(LIST)["Location"]


def test_creating_and_editing_a_provider_is_audited(client, site_admin):
    client.force_login(site_admin)
    assert client.get(LIST).status_code == 200
    response = client.post(CREATE, example_core())
    assert response.status_code == 302
    provider = Provider.objects.get(slug="example-core")
    assert provider.offers_core_training and provider.languages == "en,es"
    assert AuditEvent.objects.filter(action="provider.created").exists()
    data = example_core(cost="$100")
    data.pop("slug")
    client.post(edit("example-core"), data)
    event = AuditEvent.objects.get(action="provider.changed")
    assert event.detail["before"]["cost"] == "Free for program participants"
    assert event.detail["after"]["cost"] == "$100"
    page = client.get(reverse("catalog-show-provider", args=["example-core"])).content.decode()
    assert "555-0100" in page and "training@example.org" in page and "Español" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"email": "nobody"}, "email"),
        ({"languages": "fr"}, "languages"),
        ({"next_starts": "soon"}, "next_starts"),
        ({"slug": "crestwood"}, "slug"),
    ],
)
def test_provider_fields_are_validated(client, site_admin, changes, field):
    client.force_login(site_admin)
    response = client.post(CREATE, example_core(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_csv_export_then_import_round_trips(client, site_admin):
    client.force_login(site_admin)
    client.post(CREATE, example_core())
    exported = client.get(EXPORT)
    assert exported["Content-Type"].startswith("text/csv")
    text = b"".join(exported.streaming_content if exported.streaming else [exported.content])
    text = text.decode()
    assert "example-core" in text and "crestwood" in text
    edited = text.replace("Free for program participants", "Free")
    upload = SimpleUploadedFile("providers.csv", edited.encode(), content_type="text/csv")
    response = client.post(IMPORT, {"file": upload})
    assert response.status_code == 302
    assert Provider.objects.get(slug="example-core").cost == "Free"
    assert Provider.objects.get(slug="example-core").offers_core_training
    assert Provider.objects.get(slug="crestwood").specializations.count() == 2
    assert AuditEvent.objects.filter(action="provider.imported").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("slug,name\n,No slug\n", "line 2"),
        ("slug,name,specializations\nx,X,NOPE\n", "unknown specializations"),
        ("slug,name,next_starts\nx,X,tomorrow\n", "next_starts"),
        ("name\nX\n", "missing column"),
    ],
)
def test_a_bad_csv_imports_nothing_and_says_why(client, site_admin, content, message):
    client.force_login(site_admin)
    before = Provider.objects.count()
    upload = SimpleUploadedFile("bad.csv", content.encode(), content_type="text/csv")
    response = client.post(IMPORT, {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Provider.objects.count() == before


def test_the_finders_first_screen_points_to_the_core_training(client, site_admin):
    page = client.get(FINDER).content.decode()
    assert "Start with the core training" in page
    assert "capeercertification.org" in page
    client.force_login(site_admin)
    client.post(CREATE, example_core())
    client.logout()
    page = client.get(FINDER).content.decode()
    assert page.index("Example Core Training Center") < page.index("Crestwood")
    # A filtered search is about specializations: no core section.
    assert (
        "Start with the core training"
        not in client.get(FINDER, {"specialization": "PCF"}).content.decode()
    )


def test_the_first_screen_queries_do_not_grow(client, count_queries):
    client.get(FINDER)
    few = count_queries(lambda: client.get(FINDER))
    for number in range(10):
        Provider.objects.create(
            slug=f"core-{number}", name=f"Example {number}", offers_core_training=True
        )
    assert count_queries(lambda: client.get(FINDER)) == few
