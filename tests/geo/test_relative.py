import math

import pytest

from sitrep.geo.relative import destination, distance_km, find_relative_phrases, mean_point

ONE_DEGREE_KM = 2 * math.pi * 6371.0088 / 360


def test_destination_along_meridian_and_equator():
    assert destination(0.0, 0.0, ONE_DEGREE_KM, 0) == pytest.approx((1.0, 0.0), abs=1e-9)
    assert destination(0.0, 0.0, ONE_DEGREE_KM, 90) == pytest.approx((0.0, 1.0), abs=1e-9)
    lat, lon = destination(10.0, 20.0, ONE_DEGREE_KM, 180)
    assert (lat, lon) == pytest.approx((9.0, 20.0), abs=1e-9)


def test_destination_distance_round_trip():
    lat, lon = destination(35.468, 44.392, 40, 315)  # 40 km NW of Kirkuk
    assert distance_km(35.468, 44.392, lat, lon) == pytest.approx(40, rel=1e-6)
    assert lat > 35.468 and lon < 44.392


def test_destination_wraps_the_date_line():
    lat, lon = destination(0.0, 179.9, 50, 90)
    assert -180 <= lon < -179


def test_mean_point_on_the_sphere():
    assert mean_point([(0, 179), (0, -179)])[1] == pytest.approx(180, abs=1e-6) or \
        mean_point([(0, 179), (0, -179)])[1] == pytest.approx(-180, abs=1e-6)
    assert mean_point([(10, 10), (20, 10)])[0] == pytest.approx(15, abs=0.1)


def test_phrases_with_distance_bearing_and_designators():
    text = "a town about 40 kilometers northwest of Kirkuk City, 20 miles (32 km) south of the city of Mosul"
    phrases = find_relative_phrases(text)
    assert [(p.distance_km, p.bearing, p.vague) for p in phrases] == [
        (40.0, 315, False), (pytest.approx(32.19, abs=0.01), 180, False)]
    assert text[phrases[0].end:].startswith("Kirkuk City")
    assert text[phrases[1].end:].startswith("Mosul")


def test_vague_phrases_and_number_words():
    text = "on the outskirts of Aleppo and forty km from Homs, near the Syrian capital of Damascus"
    phrases = find_relative_phrases(text)
    assert [text[p.end:].split()[0].strip(",") for p in phrases] == ["Aleppo", "Homs", "Damascus"]
    assert phrases[0].vague and phrases[0].distance_km is None
    assert phrases[1].distance_km == 40 and phrases[1].bearing is None
