"""The training finder: one query shared by the web page and the API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet

from peerpath.catalog.geo import bounding_box, distance_miles, zip_centroid
from peerpath.catalog.models import (
    ONLINE_METHOD_CODES,
    Modality,
    Provider,
    ProviderLocation,
    Specialization,
    TrainingMethod,
)

DEFAULT_RADIUS_MILES = 25
MAX_RADIUS_MILES = 500


@dataclass(frozen=True)
class ProviderQuery:
    specialization: str = ""
    method: str = ""
    modality: str = ""
    online: bool = False
    near: str = ""
    radius_miles: int = DEFAULT_RADIUS_MILES


@dataclass(frozen=True)
class ProviderMatch:
    provider: Provider
    distance_miles: float | None
    nearest_location: ProviderLocation | None
    is_online: bool


def listed_providers() -> QuerySet[Provider]:
    return Provider.objects.filter(is_active=True)


def _attach_many(
    providers: list[Provider],
    subquery: QuerySet[Provider],
    field: str,
    model: type[Model],
    attribute: str,
) -> None:
    """Set `provider.<attribute>` to its related rows, ordered as the model orders them.

    The related tables are short reference lists, read whole; the link rows come in
    one query. This is several times faster than prefetch_related for hundreds of
    providers, which builds a queryset per provider and relation.
    """
    rows = list(model.objects.all())
    position = {row.pk: index for index, row in enumerate(rows)}
    by_id = {row.pk: row for row in rows}
    links = getattr(Provider, field).through.objects.filter(provider_id__in=subquery)
    grouped: dict[int, list[Model]] = defaultdict(list)
    column = f"{model._meta.model_name}_id"
    for provider_id, related_id in links.values_list("provider_id", column):
        grouped[provider_id].append(by_id[related_id])
    for provider in providers:
        setattr(provider, attribute, sorted(grouped[provider.pk], key=lambda r: position[r.pk]))


def with_details(queryset: QuerySet[Provider]) -> list[Provider]:
    """Providers with specializations, methods, modalities and locations attached,
    in a fixed number of queries whatever their number."""
    providers = list(queryset)
    subquery = queryset.values("pk")
    _attach_many(providers, subquery, "specializations", Specialization, "specialization_list")
    _attach_many(providers, subquery, "methods", TrainingMethod, "method_list")
    _attach_many(providers, subquery, "modalities", Modality, "modality_list")
    locations: dict[int, list[ProviderLocation]] = defaultdict(list)
    for location in ProviderLocation.objects.filter(provider_id__in=subquery).order_by("label"):
        locations[location.provider_id].append(location)
    for provider in providers:
        provider.location_list = locations[provider.pk]  # type: ignore[attr-defined]
    return providers


def find_providers(query: ProviderQuery) -> list[ProviderMatch]:
    providers = Provider.objects.filter(is_active=True)
    if query.specialization:
        providers = providers.filter(specializations__code=query.specialization)
    if query.method:
        providers = providers.filter(methods__code=query.method)
    if query.modality:
        providers = providers.filter(modalities__code=query.modality)
    online_ids = providers.filter(methods__code__in=ONLINE_METHOD_CODES).values("pk")

    center = zip_centroid(query.near) if query.near else None
    if center is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(center, query.radius_miles)
        near_ids = providers.filter(
            locations__latitude__range=(min_lat, max_lat),
            locations__longitude__range=(min_lon, max_lon),
        ).values("pk")
        wanted = Q(pk__in=near_ids) | Q(pk__in=online_ids) if query.online else Q(pk__in=near_ids)
    elif query.online:
        wanted = Q(pk__in=online_ids)
    else:
        wanted = Q(pk__in=providers.values("pk"))

    matches = []
    for provider in with_details(listed_providers().filter(wanted).order_by("name")):
        is_online = any(m.code in ONLINE_METHOD_CODES for m in provider.method_list)
        nearest, distance = None, None
        if center is not None:
            located = [loc for loc in provider.location_list if loc.latitude is not None]
            if located:
                nearest = min(
                    located, key=lambda loc: distance_miles(center, (loc.latitude, loc.longitude))
                )
                distance = distance_miles(center, (nearest.latitude, nearest.longitude))
            within = distance is not None and distance <= query.radius_miles
            if not within and not (query.online and is_online):
                continue
            if not within:
                nearest, distance = None, None
        matches.append(ProviderMatch(provider, distance, nearest, is_online))
    if center is not None:
        matches.sort(key=lambda m: (m.distance_miles is None, m.distance_miles or 0.0))
    return matches
