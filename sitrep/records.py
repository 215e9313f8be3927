"""The records that flow between stages. Plain dataclasses; the only types stages share.

Character offsets (``start``/``end``) always index into ``Article.text``.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

# ACLED's column order, followed by sitrep's own fields.
ACLED_COLUMNS = [
    "event_id", "article_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "geonameid", "fatalities", "notes", "source", "source_url",
]
SITREP_COLUMNS = ["plover_type", "evidence", "confidence"]
EVENT_COLUMNS = ACLED_COLUMNS + SITREP_COLUMNS
INCIDENT_COLUMNS = ["incident_id"] + EVENT_COLUMNS + ["sources"]

EVENT_TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ],
}
SUB_EVENT_TO_TYPE = {sub: typ for typ, subs in EVENT_TYPES.items() for sub in subs}
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
# violence by organised armed sides: an unnamed attacker is a fighting side (a riot's is its rioters)
ARMED_VIOLENCE_TYPES = VIOLENT_TYPES - {"Riots"}
# fights between armed sides (violence against civilians has a victim, not a second side)
FRONT_TYPES = frozenset({"Battles", "Explosions/Remote violence"})
# crowds: who took part is told by the people, not by an armed group's name
CROWD_TYPES = frozenset({"Protests", "Riots"})

# ACLED inter codes.
INTER_CODES = {
    1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}


def content_id(text: str) -> str:
    """A stable article id from the text itself (so re-ingesting the same text is a no-op)."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    text: str
    id: str = ""
    title: str = ""
    published: Optional[date] = None
    url: str = ""
    source: str = ""
    origin: str = ""  # where it came from (file, line, URL): used in messages, not stored as data

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url, "source": self.source,
        }


@dataclass
class Problem:
    """An input item that could not be read. The run goes on without it."""
    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


@dataclass
class Span:
    """Evidence: the words in the article behind one field."""
    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Place:
    """A gazetteer entry (or a point computed from one)."""
    name: str
    latitude: float
    longitude: float
    geonameid: Optional[int] = None
    country_code: str = ""
    country: str = ""
    iso3: str = ""
    admin1: str = ""
    admin2: str = ""
    feature_code: str = ""  # GeoNames feature code: PPL, PPLC, ADM1, PCLI...
    population: int = 0
    # (lat, lon) of an area's middle (countries, admin areas, continents); ``latitude``/``longitude``
    # keep ACLED's convention (the capital's or seat's point) and are what event records carry
    centre: Optional[tuple[float, float]] = None


@dataclass
class PlaceMention:
    """A toponym in the text and what it resolved to."""
    text: str
    start: int
    end: int
    place: Optional[Place] = None
    score: float = 0.0
    geo_precision: int = 1  # 1 named place, 2 near/part of a place, 3 region only
    # how the text uses the name: "place" (where something is), "metonym" (a government speaking),
    # "demonym" (an adjective of nationality), "relative" (a point computed from an offset)
    role: str = "place"
    evidence: list[Span] = field(default_factory=list)


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    date: Optional[date]
    precision: int  # ACLED time_precision: 1 day, 2 week, 3 month or vaguer
    background: bool = False  # a past event mentioned as context ("lost in 2014")


@dataclass
class Actor:
    name: str  # ACLED-style name, e.g. "Military Forces of Iraq"
    inter: int = 0
    text: str = ""  # as written in the article
    start: int = -1
    end: int = -1
    country_code: str = ""


@dataclass
class Source:
    article_id: str
    source: str = ""
    source_url: str = ""
    published: Optional[str] = None


@dataclass
class Event:
    article_id: str = ""
    event_id: str = ""
    event_date: Optional[str] = None
    time_precision: int = 3
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    assoc_actor_1: str = ""
    inter1: int = 0
    actor2: str = ""
    assoc_actor_2: str = ""
    inter2: int = 0
    interaction: int = 0
    country: str = ""
    iso3: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: int = 3
    geonameid: Optional[int] = None
    fatalities: int = 0
    notes: str = ""
    source: str = ""
    source_url: str = ""
    plover_type: str = ""
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        row = {name: getattr(self, name) for name in EVENT_COLUMNS}
        row["evidence"] = [span.to_dict() for span in self.evidence]
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> "Event":
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in row.items() if k in known}
        values["evidence"] = [Span(**s) for s in (row.get("evidence") or [])]
        return cls(**values)


@dataclass
class Incident(Event):
    incident_id: str = ""
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        row = {"incident_id": self.incident_id}
        row.update(super().to_dict())
        row["sources"] = [dataclasses.asdict(s) for s in self.sources]
        return row


def iso_date(value: Any) -> Optional[date]:
    """A date from a date or an ISO 'YYYY-MM-DD' string (a time part is ignored); None if neither."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def interaction_code(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two inter codes sorted and written as one number (13, 17, 60)."""
    if not inter1 and not inter2:
        return 0
    low, high = sorted((inter1 or 0, inter2 or 0))
    if low == 0:
        return high * 10
    return low * 10 + high
