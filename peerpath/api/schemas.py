from __future__ import annotations

from ninja import Schema


class LocationOut(Schema):
    label: str
    zip_code: str
    latitude: float | None
    longitude: float | None


class ProviderOut(Schema):
    slug: str
    name: str
    short_name: str
    location_text: str
    statewide: bool
    locations: list[LocationOut]
    specializations: list[str]
    methods: list[str]
    modalities: list[str]
    online: bool
    schedule: str
    hours: int | None
    hours_note: str
    notes: str
    distance_miles: float | None
    url: str


class ProviderList(Schema):
    items: list[ProviderOut]
    count: int


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: list[FieldError]


class NotFoundOut(Schema):
    detail: str


# The JSON checks take one object or a list of them, so their request and answer
# schemas are written out here rather than derived from a model.
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
OPTIONAL_DATE = {"anyOf": [DATE, {"type": "null"}]}
ELIGIBILITY_BOOLEANS = (
    "diploma",
    "internet_access",
    "computer_skills",
    "willing_to_share",
    "commits_to_training",
    "commits_to_certification",
    "agrees_to_code_of_ethics",
)
ELIGIBILITY_IN: dict[str, object] = {
    "type": "object",
    "title": "EligibilityIn",
    "additionalProperties": False,
    "required": ["today", "birth_date", "lived_experience", *ELIGIBILITY_BOOLEANS],
    "properties": {
        "today": DATE,
        "birth_date": {**DATE, "description": "on or before `today`"},
        "lived_experience": {"enum": ["consumer", "family", "both", None]},
        **{name: {"type": "boolean"} for name in ELIGIBILITY_BOOLEANS},
    },
}
ELIGIBILITY_OUT: dict[str, object] = {
    "type": "object",
    "title": "EligibilityOut",
    "required": ["eligible", "unmet"],
    "properties": {
        "eligible": {"type": "boolean"},
        "unmet": {"type": "array", "items": {"type": "string"}},
    },
}
PLAN_DATES = (
    "birth_date",
    "application_submitted",
    "application_completed",
    "application_approved",
    "training_completed",
    "certified_on",
    "ethics_signed_on",
)
CERTIFICATION_PLAN_IN: dict[str, object] = {
    "type": "object",
    "title": "CertificationPlanIn",
    "additionalProperties": False,
    "required": ["today"],
    "properties": {
        "today": DATE,
        **dict.fromkeys(PLAN_DATES, OPTIONAL_DATE),
        "exam_attempts": {
            "anyOf": [
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["date", "passed"],
                        "properties": {"date": DATE, "passed": {"type": "boolean"}},
                    },
                },
                {"type": "null"},
            ]
        },
    },
}
CERTIFICATION_PLAN_OUT: dict[str, object] = {
    "type": "object",
    "title": "CertificationPlanOut",
    "required": ["stage", "deadlines", "problems"],
    "properties": {
        "stage": {"type": "string"},
        "deadlines": {"type": "object", "additionalProperties": DATE},
        "exam_attempts_remaining": {"type": "integer"},
        "problems": {"type": "array", "items": {"type": "string"}},
    },
}


def one_or_many(schema: dict[str, object]) -> dict[str, object]:
    return {"oneOf": [schema, {"type": "array", "items": schema}]}


def json_check_openapi(body: dict[str, object], answer: dict[str, object]) -> dict[str, object]:
    """The request body and the 200 answer of a JSON check, for `openapi_extra`."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": one_or_many(body)}},
        },
        "responses": {
            "200": {
                "description": "One result, or a list of results in the order given",
                "content": {"application/json": {"schema": one_or_many(answer)}},
            }
        },
    }
