"""Relative places: "about 40 kilometers northwest of Kirkuk", "on the outskirts of Mosul".

Distance + bearing gives a computed point (great-circle destination from the base place);
a vague phrase ("near", "outside", "north of" without a distance) keeps the base point but marks
it as near, not at, the place (geo_precision 2).
"""
from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Optional, Sequence

EARTH_RADIUS_KM = 6371.0088


@functools.lru_cache(maxsize=1)
def relative_rules() -> dict:
    text = (resources.files("sitrep.geo") / "data" / "relative.json").read_text(encoding="utf-8")
    return json.loads(text)


# ---------------------------------------------------------------- spherical maths

def destination(lat: float, lon: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) along the initial bearing (great circle)."""
    phi1, lam1 = math.radians(lat), math.radians(lon)
    delta = distance_km / EARTH_RADIUS_KM
    theta = math.radians(bearing_deg)
    sin_phi2 = math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta)
    phi2 = math.asin(max(-1.0, min(1.0, sin_phi2)))
    lam2 = lam1 + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(phi1),
                             math.cos(delta) - math.sin(phi1) * sin_phi2)
    lon2 = (math.degrees(lam2) + 540.0) % 360.0 - 180.0
    return math.degrees(phi2), lon2


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def mean_point(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Mean of points on the sphere (average of unit vectors): right across the date line too."""
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return lat, lon


# ---------------------------------------------------------------- phrases

@dataclass
class RelativePhrase:
    """The words before a place name that offset it, e.g. "about 40 kilometers northwest of"."""
    start: int
    end: int  # where the base place's name is expected to start (after "the city of" etc.)
    distance_km: Optional[float]  # None for vague phrases
    bearing: Optional[float]  # None when no direction is given
    vague: bool


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    rules = relative_rules()
    number = r"\d+(?:[.,]\d+)?|" + _alternation(rules["number_words"])
    unit = _alternation(rules["units_km"])
    bearing = _alternation(rules["bearings"])
    qualifier = _alternation(rules["qualifiers"])
    offset = re.compile(
        rf"(?:\b(?P<qual>{qualifier})\s+)?\b(?P<num>{number})(?:\s*-\s*|\s+)?(?P<unit>{unit})\b"
        rf"(?:\s*\([^)]{{1,30}}\))?"  # "40 kilometers (25 miles)"
        rf"(?:\s+(?:to\s+the\s+)?(?P<dir>{bearing})(?:ern)?\s+of|\s+(?P<from>from|outside(?:\s+of)?|away\s+from))"
        rf"(?=\s)", re.IGNORECASE)
    vague = re.compile(rf"\b(?P<phrase>{_alternation(rules['vague_phrases'])})(?=\s)", re.IGNORECASE)
    return offset, vague


@functools.lru_cache(maxsize=1)
def _tail_pattern() -> re.Pattern:
    """What may stand between "of" and the name: "the city of", "the Kurdish capital of"."""
    prefix = _alternation(relative_rules()["designator_prefixes"])
    return re.compile(rf"\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+)?(?:{prefix}|capital\s+of|city\s+of)\s+)?(?:the\s+)?",
                      re.IGNORECASE)


def _number(text: str) -> Optional[float]:
    words = relative_rules()["number_words"]
    cleaned = " ".join(text.lower().split())
    if cleaned in words:
        return float(words[cleaned])
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return None


def _bearing(text: Optional[str]) -> Optional[float]:
    if not text:
        return None
    cleaned = " ".join(text.lower().split())
    return relative_rules()["bearings"].get(cleaned)


def find_relative_phrases(text: str) -> list[RelativePhrase]:
    """Every distance/bearing or vague phrase in the text that ends right before a name."""
    offset, vague = _patterns()
    found: list[RelativePhrase] = []
    taken: list[tuple[int, int]] = []
    for m in offset.finditer(text):
        number = _number(m.group("num"))
        unit = relative_rules()["units_km"].get(m.group("unit").lower())
        if number is None or unit is None:
            continue
        end = _skip_tail(text, m.end())
        found.append(RelativePhrase(m.start(), end, number * unit, _bearing(m.group("dir")), vague=False))
        taken.append((m.start(), m.end()))
    for m in vague.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue  # "north of" inside "40 km north of"
        phrase = " ".join(m.group("phrase").lower().split())
        bearing = _bearing(phrase[:-3]) if phrase.endswith(" of") else None
        found.append(RelativePhrase(m.start(), _skip_tail(text, m.end()), None, bearing, vague=True))
    return sorted(found, key=lambda p: p.start)


def _skip_tail(text: str, pos: int) -> int:
    m = _tail_pattern().match(text, pos)
    return m.end() if m else pos
