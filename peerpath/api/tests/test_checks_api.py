import json

import pytest

pytestmark = pytest.mark.django_db

ELIGIBLE = {
    "today": "2026-11-22",
    "birth_date": "2004-05-01",
    "lived_experience": "consumer",
    "diploma": True,
    "internet_access": True,
    "computer_skills": True,
    "willing_to_share": True,
    "commits_to_training": True,
    "commits_to_certification": True,
    "agrees_to_code_of_ethics": True,
}


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_eligibility_single_and_list(client):
    assert post(client, "/api/eligibility", ELIGIBLE).json() == {"eligible": True, "unmet": []}
    over = {**ELIGIBLE, "birth_date": "2001-11-22", "diploma": False}
    body = post(client, "/api/eligibility", [ELIGIBLE, over]).json()
    assert body == [
        {"eligible": True, "unmet": []},
        {"eligible": False, "unmet": ["age", "diploma"]},
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**ELIGIBLE, "birth_date": "2004-02-30"}, "birth_date"),
        ({**ELIGIBLE, "lived_experience": "friend"}, "lived_experience"),
        ({**ELIGIBLE, "diploma": "yes"}, "diploma"),
        ([ELIGIBLE, {**ELIGIBLE, "today": "soon"}], "[1].today"),
        ("just a string", "input"),
    ],
)
def test_eligibility_invalid_input_is_422_naming_the_field(client, body, field):
    response = post(client, "/api/eligibility", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == field


def test_eligibility_malformed_json_is_422(client):
    response = client.post("/api/eligibility", data="{not json", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "body"


def test_certification_plan(client):
    body = post(
        client,
        "/api/certification-plan",
        {
            "today": "2025-03-01",
            "application_submitted": "2024-01-10",
            "application_approved": "2024-02-29",
            "training_completed": "2024-02-29",
        },
    ).json()
    assert body["stage"] == "approval_expired"
    assert body["deadlines"]["approval_valid_through"] == "2025-02-28"
    assert body["deadlines"]["last_exam_request"] == "2025-02-14"
    assert body["deadlines"]["training_certificate_valid_through"] == "2026-02-28"
    assert body["exam_attempts_remaining"] == 3


def test_certification_plan_invalid_attempt_names_the_field(client):
    response = post(
        client,
        "/api/certification-plan",
        {"today": "2025-03-01", "exam_attempts": [{"date": "2025-01-01", "passed": "no"}]},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "exam_attempts[0].passed"


def test_schema_documents_the_checks(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "post" in paths["/api/eligibility"] and "post" in paths["/api/certification-plan"]


def test_schema_documents_every_answer_and_the_request_bodies(client, reference_data):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, methods in paths.items():
        for method, operation in methods.items():
            assert {"200", "422"} <= set(operation["responses"]), (method, path)
    assert "404" in paths["/api/programs/{slug}/sessions"]["get"]["responses"]
    eligibility = paths["/api/eligibility"]["post"]
    one = eligibility["requestBody"]["content"]["application/json"]["schema"]["oneOf"][0]
    assert set(one["required"]) == set(ELIGIBLE)
    assert one["additionalProperties"] is False
    answer = eligibility["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer["oneOf"][0]["required"] == ["eligible", "unmet"]
    plan = paths["/api/certification-plan"]["post"]
    one = plan["requestBody"]["content"]["application/json"]["schema"]["oneOf"][0]
    assert one["required"] == ["today"] and "exam_attempts" in one["properties"]
    parameters = {p["name"]: p["schema"] for p in paths["/api/providers"]["get"]["parameters"]}
    assert "in_person" in parameters["method"]["enum"]
    assert parameters["radius_miles"]["maximum"] == 500


def test_the_answers_match_the_documented_schemas(client):
    from peerpath.api.schemas import CERTIFICATION_PLAN_OUT, ELIGIBILITY_OUT

    def keys_fit(schema, answer):
        return set(schema["required"]) <= set(answer) <= set(schema["properties"])

    answer = client.post("/api/eligibility", ELIGIBLE, content_type="application/json").json()
    assert keys_fit(ELIGIBILITY_OUT, answer)
    answer = client.post(
        "/api/certification-plan", {"today": "2026-11-22"}, content_type="application/json"
    ).json()
    assert keys_fit(CERTIFICATION_PLAN_OUT, answer)
