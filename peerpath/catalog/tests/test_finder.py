import pytest
from django.urls import reverse

from peerpath.catalog.models import Provider, ProviderLocation, Specialization, TrainingMethod

pytestmark = pytest.mark.usefixtures("reference_data")

FINDER = reverse("catalog-find-providers")
SEED_COUNTS = {"PCF": 7, "CC": 7, "UH": 5, "JI": 5}


def names(response):
    return [match.provider.name for match in response.context["matches"]]


@pytest.mark.parametrize(("code", "expected"), SEED_COUNTS.items())
def test_counts_per_specialization_match_the_seed_table(client, code, expected):
    response = client.get(FINDER, {"specialization": code})
    assert response.status_code == 200
    assert len(response.context["matches"]) == expected
    assert f"{expected} trainings found." in response.content.decode()


def test_without_filters_every_listed_provider_is_shown(client):
    response = client.get(FINDER)
    assert len(response.context["matches"]) == 12


def test_riverside_zip_finds_the_riverside_provider_within_25_miles(client):
    response = client.get(FINDER, {"near": "92501", "radius_miles": "25"})
    found = names(response)
    assert any(name.startswith("Riverside University Health System") for name in found)
    first = response.context["matches"][0]
    assert first.provider.name.startswith("Riverside")
    assert first.distance_miles < 5
    assert "miles away" in response.content.decode()


def test_san_francisco_zip_does_not_find_the_riverside_provider(client):
    response = client.get(FINDER, {"near": "94102", "radius_miles": "25"})
    assert not any(name.startswith("Riverside") for name in names(response))


def test_online_from_anywhere_adds_online_providers_to_a_distance_search(client):
    near_only = names(client.get(FINDER, {"near": "94102"}))
    with_online = client.get(FINDER, {"near": "94102", "online": "on"})
    assert len(names(with_online)) > len(near_only)
    assert all(match.is_online for match in with_online.context["matches"])


def test_filters_combine(client):
    response = client.get(FINDER, {"specialization": "CC", "method": "asynchronous"})
    found = names(response)
    assert found and all("Tarzana" in n or "WERC" in n or "Worker Education" in n for n in found)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"near": "00000"}, "near", "We could not find ZIP code 00000"),
        ({"near": "9250"}, "near", "Enter a 5-digit US ZIP code"),
        ({"near": "<script>"}, "near", "Enter a 5-digit US ZIP code"),
        ({"near": "92501", "radius_miles": "0"}, "radius_miles", "at least 1 mile"),
        ({"near": "92501", "radius_miles": "501"}, "radius_miles", "500 miles or less"),
        ({"near": "92501", "radius_miles": "ten"}, "radius_miles", "whole number"),
        ({"specialization": "XYZ"}, "specialization", "is not one of the options"),
        ({"method": "carrier-pigeon"}, "method", "is not one of the options"),
        ({"modality": "solo"}, "modality", "is not one of the options"),
    ],
)
def test_bad_filters_get_a_clear_message_next_to_the_field(client, params, field, message):
    response = client.get(FINDER, params)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0].replace(
        "<script src=", ""
    )


def test_spanish_page_renders_spanish(client):
    client.cookies["peerpath_language"] = "es"
    response = client.get(FINDER, {"specialization": "PCF"})
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Buscar una capacitación" in html
    assert Specialization.objects.get(code="PCF").name_es in html


def test_htmx_request_gets_only_the_results_fragment(client):
    response = client.get(FINDER, {"specialization": "JI"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="finder" id="finder">')
    assert 'id="results"' in html
    assert "<html" not in html


def add_providers(count):
    method = TrainingMethod.objects.get(code="in_person")
    specialization = Specialization.objects.get(code="PCF")
    for index in range(count):
        provider = Provider.objects.create(slug=f"bulk-{index}", name=f"Bulk Provider {index}")
        provider.methods.add(method)
        provider.specializations.add(specialization)
        ProviderLocation(provider=provider, label="Riverside", zip_code="92501").save()


@pytest.mark.parametrize(
    "params", [{}, {"specialization": "PCF"}, {"near": "92501", "online": "on"}]
)
def test_finder_queries_do_not_grow_with_the_number_of_providers(client, count_queries, params):
    small = count_queries(lambda: client.get(FINDER, params))
    add_providers(488)
    assert Provider.objects.count() == 500
    large = count_queries(lambda: client.get(FINDER, params))
    assert large == small


def test_provider_page_shows_structured_fields(client):
    provider = Provider.objects.get(name__startswith="Riverside")
    response = client.get(reverse("catalog-show-provider", args=[provider.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indio" in html and "92201" in html
    for specialization in provider.specializations.all():
        assert specialization.name in html


def test_unknown_or_unlisted_provider_is_404(client):
    assert client.get(reverse("catalog-show-provider", args=["nobody"])).status_code == 404
    Provider.objects.filter(slug="werc").update(is_active=False)
    assert client.get(reverse("catalog-show-provider", args=["werc"])).status_code == 404


def test_finder_shows_20_a_page_with_the_total(client):
    add_providers(488)
    response = client.get(FINDER, {"specialization": "PCF"})
    total = response.context["page"].paginator.count
    assert total > 20
    assert len(response.context["matches"]) == 20
    html = response.content.decode()
    assert f"{total} trainings found." in html
    second = client.get(FINDER, {"specialization": "PCF", "page": 2})
    assert second.context["matches"][0].provider.pk not in {
        match.provider.pk for match in response.context["matches"]
    }
    assert "page=2" in html
