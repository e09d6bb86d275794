"""The learning pages: public, in both languages, every topic complete."""

import pytest
from django.urls import reverse

from peerpath.web.learn import topics

pytestmark = pytest.mark.django_db

EXPECTED = {
    "why-peer-support": ("Nine reasons", "Where peer specialists work"),
    "recovery-and-wellness": ("Four dimensions", "Eight dimensions of wellness"),
    "motivational-interviewing": ("signs of ambivalence", "Decisional balance"),
    "code-of-ethics": ("Values and the standard each sets", "Confidentiality"),
    "exam": ("non-disclosure agreement", "PeerCertification@calmhsa.org"),
}


def test_every_item_has_both_languages():
    for topic in topics():
        for key in ("title", "title_es", "intro", "intro_es"):
            assert topic.data[key].strip(), (topic.slug, key)
        for section in topic.data["sections"]:
            assert section["heading"] and section["heading_es"]
            assert all(item["en"].strip() and item["es"].strip() for item in section["items"])


@pytest.mark.parametrize(("slug", "phrases"), EXPECTED.items())
def test_each_guide_is_public_and_has_its_content(client, slug, phrases):
    html = client.get(reverse("web-learn-topic", args=[slug])).content.decode()
    for phrase in phrases:
        assert phrase in html


def test_the_index_lists_every_guide_and_an_unknown_one_is_404(client):
    html = client.get(reverse("web-learn")).content.decode()
    for topic in topics():
        assert reverse("web-learn-topic", args=[topic.slug]) in html
    assert client.get(reverse("web-learn-topic", args=["nope"])).status_code == 404


def test_a_guide_in_spanish(client):
    client.cookies["peerpath_language"] = "es"
    html = client.get(
        reverse("web-learn-topic", args=["recovery-and-wellness"]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "Ocho dimensiones del bienestar" in html
    assert "Eight dimensions" not in html


def test_the_nine_reasons_and_eight_dimensions_are_all_there():
    by_slug = {t.slug: t for t in topics()}
    assert len(by_slug["why-peer-support"].data["sections"][0]["items"]) == 9
    assert len(by_slug["recovery-and-wellness"].data["sections"][2]["items"]) == 8
    assert len(by_slug["recovery-and-wellness"].data["sections"][1]["items"]) == 4
