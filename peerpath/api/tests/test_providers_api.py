import pytest

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.mark.parametrize(("code", "expected"), [("PCF", 7), ("CC", 7), ("UH", 5), ("JI", 5)])
def test_providers_by_specialization(client, code, expected):
    response = client.get("/api/providers", {"specialization": code})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == expected == len(body["items"])
    assert all(code in item["specializations"] for item in body["items"])


def test_provider_items_have_structured_fields(client):
    body = client.get("/api/providers", {"near": "92501", "radius_miles": 25}).json()
    riverside = body["items"][0]
    assert riverside["name"].startswith("Riverside")
    assert riverside["distance_miles"] < 5
    assert {loc["zip_code"] for loc in riverside["locations"]} == {"92501", "92201", "92543"}
    assert riverside["methods"] == ["in_person"]
    assert riverside["hours"] == 40
    assert riverside["url"].startswith("/training/")


def test_san_francisco_does_not_find_riverside(client):
    body = client.get("/api/providers", {"near": "94102", "radius_miles": 25}).json()
    assert not any(item["name"].startswith("Riverside") for item in body["items"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"specialization": "XX"}, "specialization"),
        ({"method": "nope"}, "method"),
        ({"modality": "nope"}, "modality"),
        ({"near": "00000"}, "near"),
        ({"near": "abc"}, "near"),
        ({"near": "92501", "radius_miles": 0}, "radius_miles"),
        ({"near": "92501", "radius_miles": 9999}, "radius_miles"),
        ({"near": "92501", "radius_miles": "far"}, "radius_miles"),
        ({"online": "maybe"}, "online"),
    ],
)
def test_invalid_parameters_answer_422_with_a_message(client, params, field):
    response = client.get("/api/providers", params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(error["field"] == field and error["message"] for error in detail)


def test_messages_follow_the_requested_language(client):
    response = client.get("/api/providers", {"near": "00000"}, headers={"Accept-Language": "es"})
    assert "No encontramos el código postal 00000" in response.json()["detail"][0]["message"]


def test_openapi_schema_documents_the_providers_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/providers" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/providers"]["get"]["parameters"]}
    assert {"specialization", "method", "modality", "near", "radius_miles"} <= parameters
