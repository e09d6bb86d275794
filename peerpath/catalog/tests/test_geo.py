from peerpath.catalog.geo import bounding_box, distance_miles, zip_centroid


def test_known_zip_has_a_centroid():
    lat, lon = zip_centroid("92501")
    assert 33.9 < lat < 34.1
    assert -117.5 < lon < -117.2


def test_unknown_or_malformed_zip_has_none():
    assert zip_centroid("00000") is None
    assert zip_centroid("9250") is None
    assert zip_centroid("abcde") is None
    assert zip_centroid("") is None


def test_distance_riverside_to_san_francisco_is_about_380_miles():
    riverside = zip_centroid("92501")
    san_francisco = zip_centroid("94102")
    assert 370 < distance_miles(riverside, san_francisco) < 400
    assert distance_miles(riverside, riverside) == 0


def test_bounding_box_contains_points_within_the_radius():
    center = zip_centroid("92501")
    hemet = zip_centroid("92543")
    min_lat, max_lat, min_lon, max_lon = bounding_box(center, 40)
    assert distance_miles(center, hemet) < 40
    assert min_lat <= hemet[0] <= max_lat
    assert min_lon <= hemet[1] <= max_lon
