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
