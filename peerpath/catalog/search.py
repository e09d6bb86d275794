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


@dataclass(frozen=True)
class Ranked:
    """A match before its details are read: enough to order, count and paginate."""

    provider_id: int
    distance_miles: float | None
    location_id: int | None
    is_online: bool


def rank_providers(query: ProviderQuery) -> list[Ranked]:
    """Every match in display order, from light queries (ids, coordinates): distances
    only for the providers inside the search box. Details come later, per page."""
    providers = Provider.objects.filter(is_active=True)
    if query.specialization:
        providers = providers.filter(specializations__code=query.specialization)
    if query.method:
        providers = providers.filter(methods__code=query.method)
    if query.modality:
        providers = providers.filter(modalities__code=query.modality)
    online_ids = providers.filter(methods__code__in=ONLINE_METHOD_CODES).values("pk")

    center = zip_centroid(query.near) if query.near else None
    near_ids = None
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

    ids = list(listed_providers().filter(wanted).order_by("name").values_list("pk", flat=True))
    online = set(
        Provider.methods.through.objects.filter(
            provider_id__in=ids, trainingmethod__code__in=ONLINE_METHOD_CODES
        ).values_list("provider_id", flat=True)
    )
    if center is None:
        return [Ranked(pk, None, None, pk in online) for pk in ids]
    located: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for location_id, provider_id, latitude, longitude in (
        ProviderLocation.objects.filter(provider_id__in=near_ids, latitude__isnull=False)
        .order_by("label")
        .values_list("pk", "provider_id", "latitude", "longitude")
    ):
        located[provider_id].append((location_id, latitude, longitude))
    ranked = []
    for pk in ids:
        nearest, distance = None, None
        if located[pk]:
            distance, nearest = min(
                (
                    (distance_miles(center, (lat, lon)), location_id)
                    for location_id, lat, lon in located[pk]
                ),
                key=lambda pair: pair[0],
            )
        within = distance is not None and distance <= query.radius_miles
        if not within and not (query.online and pk in online):
            continue
        if not within:
            nearest, distance = None, None
        ranked.append(Ranked(pk, distance, nearest, pk in online))
    ranked.sort(key=lambda m: (m.distance_miles is None, m.distance_miles or 0.0))
    return ranked


def with_matches(ranked: list[Ranked]) -> list[ProviderMatch]:
    """The ranked providers with their details (a fixed number of queries)."""
    providers = {
        p.pk: p
        for p in with_details(Provider.objects.filter(pk__in=[r.provider_id for r in ranked]))
    }
    matches = []
    for item in ranked:
        provider = providers[item.provider_id]
        nearest = next(
            (loc for loc in provider.location_list if loc.pk == item.location_id),  # type: ignore[attr-defined]
            None,
        )
        matches.append(ProviderMatch(provider, item.distance_miles, nearest, item.is_online))
    return matches


def find_providers(query: ProviderQuery) -> list[ProviderMatch]:
    """Every match with its details (the API)."""
    return with_matches(rank_providers(query))
