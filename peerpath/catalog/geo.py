"""ZIP code centroids and distances, offline.

Centroids come from the `zipcodes` package (coordinates from GeoNames, CC BY 4.0).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import zipcodes

ZIP_PATTERN = re.compile(r"^\d{5}$")
EARTH_RADIUS_MILES = 3958.8


@lru_cache(maxsize=4096)
def zip_centroid(zip_code: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a US ZIP code, or None when it is unknown."""
    zip_code = (zip_code or "").strip()
    if not ZIP_PATTERN.match(zip_code):
        return None
    matches = zipcodes.matching(zip_code)
    if not matches:
        return None
    return float(matches[0]["lat"]), float(matches[0]["long"])


def distance_miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in miles (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def bounding_box(
    center: tuple[float, float], radius_miles: float
) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) around `center`, a cheap pre-filter for SQL."""
    lat, lon = center
    dlat = radius_miles / 69.0
    dlon = radius_miles / max(69.0 * math.cos(math.radians(lat)), 1e-6)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
