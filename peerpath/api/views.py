"""The REST API (/api/), documented by the OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from peerpath.api.schemas import ErrorOut, LocationOut, ProviderList, ProviderOut
from peerpath.catalog.forms import ProviderFilterForm
from peerpath.catalog.search import ProviderMatch, find_providers
from peerpath.lib.localized import localized

api = NinjaAPI(
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


def provider_out(match: ProviderMatch) -> ProviderOut:
    provider = match.provider
    return ProviderOut(
        slug=provider.slug,
        name=provider.name,
        short_name=provider.short_name,
        location_text=provider.location_text,
        statewide=provider.statewide,
        locations=[
            LocationOut(
                label=loc.label,
                zip_code=loc.zip_code,
                latitude=loc.latitude,
                longitude=loc.longitude,
            )
            for loc in provider.locations.all()
        ],
        specializations=[s.code for s in provider.specializations.all()],
        methods=[m.code for m in provider.methods.all()],
        modalities=[m.code for m in provider.modalities.all()],
        online=match.is_online,
        schedule=localized(provider, "schedule"),
        hours=provider.hours,
        hours_note=localized(provider, "hours_note"),
        notes=localized(provider, "notes"),
        distance_miles=round(match.distance_miles, 1) if match.distance_miles is not None else None,
        url=reverse("catalog-show-provider", args=[provider.slug]),
    )


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
) -> ProviderList:
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
    return ProviderList(items=items, count=len(items))
