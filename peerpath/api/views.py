"""The REST API (/api/), documented by the OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from peerpath.api.schemas import (
    CERTIFICATION_PLAN_IN,
    CERTIFICATION_PLAN_OUT,
    ELIGIBILITY_IN,
    ELIGIBILITY_OUT,
    ErrorOut,
    ProviderList,
    json_check_openapi,
)
from peerpath.catalog.forms import ProviderFilterForm
from peerpath.catalog.search import ProviderMatch, find_providers
from peerpath.certification.plan_json import certification_plan_json
from peerpath.intake.eligibility_json import check_eligibility_json
from peerpath.lib.jsoncli import InputError, map_one_or_many
from peerpath.lib.localized import localized


class PeerPathAPI(NinjaAPI):
    """The API; its schema lists the finder's choices as they are in the reference data."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        document_provider_filters(schema)
        return schema


def document_provider_filters(schema: dict[str, Any]) -> None:
    from peerpath.catalog.models import Modality, Specialization, TrainingMethod
    from peerpath.catalog.search import MAX_RADIUS_MILES

    choices = {
        "specialization": Specialization.objects.values_list("code", flat=True),
        "method": TrainingMethod.objects.values_list("code", flat=True),
        "modality": Modality.objects.values_list("code", flat=True),
    }
    operations = [
        operation
        for path, methods in schema["paths"].items()
        if path.endswith("/providers")
        for operation in methods.values()
    ]
    for operation in operations:
        for parameter in operation.get("parameters", []):
            name = parameter["name"]
            if name in choices:
                parameter["schema"] = {"type": "string", "enum": ["", *sorted(choices[name])]}
            elif name == "near":
                parameter["schema"] = {"type": "string", "pattern": r"^(\d{5})?$"}
                parameter["description"] = "A 5-digit US ZIP code (one that exists)"
            elif name == "radius_miles":
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_RADIUS_MILES,
                }


api = PeerPathAPI(
    title="PeerPath API",
    version="1",
    description="Public reference data and checks for peer support specialist programs.",
    urls_namespace="api",
    docs_url="/docs",
)


class InvalidParameters(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors


@api.exception_handler(InvalidParameters)
def invalid_parameters(request: HttpRequest, exc: InvalidParameters):  # type: ignore[no-untyped-def]
    detail = [
        {"field": field, "message": message}
        for field, messages in exc.errors.items()
        for message in messages
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(NinjaValidationError)
def invalid_request(request: HttpRequest, exc: NinjaValidationError):  # type: ignore[no-untyped-def]
    detail = [
        {
            "field": ".".join(str(p) for p in error.get("loc", [])[1:]) or "body",
            "message": error.get("msg", "invalid"),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


def provider_out(match: ProviderMatch) -> dict[str, Any]:
    provider = match.provider
    return {
        "slug": provider.slug,
        "name": provider.name,
        "short_name": provider.short_name,
        "location_text": provider.location_text,
        "statewide": provider.statewide,
        "locations": [
            {
                "label": loc.label,
                "zip_code": loc.zip_code,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
            }
            for loc in provider.location_list
        ],
        "specializations": [s.code for s in provider.specialization_list],
        "methods": [m.code for m in provider.method_list],
        "modalities": [m.code for m in provider.modality_list],
        "online": match.is_online,
        "schedule": localized(provider, "schedule"),
        "hours": provider.hours,
        "hours_note": localized(provider, "hours_note"),
        "notes": localized(provider, "notes"),
        "distance_miles": round(match.distance_miles, 1)
        if match.distance_miles is not None
        else None,
        "url": reverse("catalog-show-provider", args=[provider.slug]),
    }


@api.get(
    "/providers",
    response={200: ProviderList, 422: ErrorOut},
    summary="Find training providers",
    description=(
        "Filter by specialization (PCF, CC, UH, JI), method (in_person, online_live, hybrid, "
        "asynchronous, custom), modality (cohort, individual, self_paced), online (true: include "
        "providers you can join from anywhere) and distance from a US ZIP code (`near`, "
        "`radius_miles`, 1–500, default 25). Invalid parameters answer 422 with a message per "
        "field."
    ),
)
def list_providers(
    request: HttpRequest,
    specialization: str = "",
    method: str = "",
    modality: str = "",
    online: bool = False,
    near: str = "",
    radius_miles: str = "",
) -> dict[str, Any]:
    form = ProviderFilterForm(
        {
            "specialization": specialization.upper(),
            "method": method,
            "modality": modality,
            "online": online,
            "near": near,
            "radius_miles": radius_miles,
        }
    )
    if not form.is_valid():
        raise InvalidParameters({field: list(errors) for field, errors in form.errors.items()})
    items = [provider_out(match) for match in find_providers(form.to_query())]
    return {"items": items, "count": len(items)}


def _json_checks(request: HttpRequest, handle_one: Callable[[dict[str, Any]], Any]) -> Any:
    """Run a JSON-in/JSON-out check on the request body (one object or a list)."""
    try:
        data = json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidParameters({"body": ["The request body is not valid JSON."]}) from exc
    try:
        return map_one_or_many(data, handle_one)
    except InputError as exc:
        raise InvalidParameters({exc.field: [exc.message]}) from exc


@api.post(
    "/eligibility",
    response={200: Any, 422: ErrorOut},
    summary="Check program eligibility",
    description=(
        "Body: one object, or a list of them, with `today`, `birth_date` (YYYY-MM-DD), "
        "`lived_experience` (`consumer`, `family` or null) and the booleans `diploma`, "
        "`internet_access`, `computer_skills`, `willing_to_share`, `commits_to_training`, "
        "`commits_to_certification`, `agrees_to_code_of_ethics`. Answer: "
        '`{"eligible": bool, "unmet": [codes]}` (or a list of the same length).'
    ),
    openapi_extra=json_check_openapi(ELIGIBILITY_IN, ELIGIBILITY_OUT),
)
def check_eligibility(request: HttpRequest) -> Any:
    return _json_checks(request, check_eligibility_json)


@api.post(
    "/certification-plan",
    response={200: Any, 422: ErrorOut},
    summary="Compute the certification stage, deadlines and problems",
    description=(
        "Body: one object, or a list of them, with `today` and optional dates "
        "`birth_date`, `application_submitted`, `application_completed`, "
        "`application_approved`, `training_completed`, `certified_on`, `ethics_signed_on` "
        '(YYYY-MM-DD) and `exam_attempts` ([{"date", "passed"}]). Answer: `stage`, '
        "`deadlines`, `exam_attempts_remaining` (when approved and not yet passed), `problems`."
    ),
    openapi_extra=json_check_openapi(CERTIFICATION_PLAN_IN, CERTIFICATION_PLAN_OUT),
)
def certification_plan(request: HttpRequest) -> Any:
    return _json_checks(request, certification_plan_json)


from peerpath.schedule.api import router as schedule_router  # noqa: E402

api.add_router("/", schedule_router)
