"""Cross-article merging: reports of one incident become one record with every source.

ACLED's aggregation rule: one event per day, place, actor pair and type. ``match_incident``
decides whether a new event is a further report of an incident already known;
``merge_into`` folds it in; ``new_incident`` starts an incident from a first report.
Plain functions over records: no storage here (the store fetches candidates and saves results).

Field choices when reports differ
---------------------------------
- date: the more precise one (lower ``time_precision``); on a tie, the first report's.
- same place: the same gazetteer entry; two places with different names (geo_precision 1 or 2)
  only when they are a couple of km apart (two names for one spot); otherwise within a
  distance that grows with the coarser geo_precision (data/rules.json).
- place: the more precise one (lower ``geo_precision``; with coordinates beats without);
  the place columns move together so a record never mixes two places.
- actors: the report naming more actors (actor1/actor2 and their inter codes move together);
  associated actors are united, matched to their side by the main actor's name.
- sub_event_type: the more specific of two compatible ones (a clash in which a side takes
  the town is "Government regains territory"; see data/rules.json).
- fatalities: ACLED takes the most conservative figure when reports differ, i.e. the minimum.
  But sitrep (like ACLED) writes 0 for "not reported", so a 0 cannot tell "nobody died" from
  "this report does not say". Our choice: the minimum of the NON-ZERO figures, and 0 only when
  no report gives a figure. A report that mentions no deaths therefore never erases another
  report's count; the cost is that an explicit "no one was killed" cannot lower a figure.
- confidence: the highest of the reports (corroboration is not counted as extra certainty
  because extraction errors across reports are not independent).
- evidence and sources: appended (evidence spans index into their own article's text; the
  store keeps per-article spans on the merged events as well).
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import json
import math
import re
from datetime import date
from importlib import resources
from typing import Any, Optional

from sitrep.geo.relative import distance_km as geo_distance_km
from sitrep.incidents.similarity import names, report_similarity, same_story, spelled_alike, stem, stems
from sitrep.records import CROWD_TYPES, SUB_EVENT_TO_TYPE, Article, Event, Incident, Source, interaction_code, iso_date

ACTOR_FIELDS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction")
PLACE_FIELDS = (
    "country", "iso3", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "geonameid",
)
DATE_FIELDS = ("event_date", "time_precision")
# "Military Forces of Iraq (2014-2018)" and "Military Forces of Iraq" name one actor.
_ACTOR_PERIOD = re.compile(r"\s*\([^()]*\d{4}[^()]*\)\s*$")
# "Unidentified Armed Group (Mali)" -> "unidentified armed group": the country in brackets
_UNNAMED_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


@dataclasses.dataclass(frozen=True)
class Rules:
    week_max_days_apart: int
    # words of a date that is when the event was reported, so the latest it can have happened
    reported_date_words: tuple[str, ...]
    max_km_by_geo_precision: dict[int, float]
    region_max_km_without_admin1: float
    candidate_window_days: int
    named_places_max_km: float
    # ACLED's default names for an actor a report does not name (casefolded)
    unnamed_actors: frozenset[str]
    # pairs of sub_event_types of one type that are never one incident, and types whose
    # sub-types are all different things (an arrest is not an agreement)
    distinct_sub_events: frozenset[frozenset[str]]
    types_with_distinct_sub_events: frozenset[str]
    # (general, specific): the specific one wins when the two are merged
    more_specific: frozenset[tuple[str, str]]
    # types whose actor1 is the side that acts (shells, raids, abducts): A's attack on B and
    # B's on A are two events, while a clash between A and B is one whoever is named first
    one_sided_types: frozenset[str]
    # words of a crowd's description that do not say who they are (stems)
    generic_participant_stems: frozenset[str]
    # (general, specific) sub-types of two types that may be one event; the specific one is kept
    across_types: frozenset[tuple[str, str]]
    # what opens a crowd's claim ('demanding', 'against'), and claim words that tell no claim
    # from another (stems)
    protest_claim_cues: re.Pattern[str]
    generic_claim_stems: frozenset[str]


@functools.lru_cache(maxsize=1)
def rules() -> Rules:
    """The thresholds and vocabularies of the merge rule, from data/rules.json (read once)."""
    text = (resources.files("sitrep.incidents") / "data" / "rules.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    ordered: set[tuple[str, str]] = set()
    for pair in raw["compatible_sub_events"]:
        ordered.add((pair["general"], pair["specific"]))
    across = {(pair["general"], pair["specific"]) for pair in raw["compatible_across_types"]}
    return Rules(
        week_max_days_apart=int(raw["week_max_days_apart"]),
        reported_date_words=tuple(_norm(w) for w in raw["reported_date_words"]),
        max_km_by_geo_precision={int(k): float(v) for k, v in raw["max_km_by_geo_precision"].items()},
        region_max_km_without_admin1=float(raw["region_max_km_without_admin1"]),
        candidate_window_days=int(raw["candidate_window_days"]),
        named_places_max_km=float(raw["named_places_max_km"]),
        unnamed_actors=frozenset(_norm(name) for name in raw["unnamed_actors"]),
        distinct_sub_events=frozenset(frozenset(pair) for pair in raw["distinct_sub_events"]),
        types_with_distinct_sub_events=frozenset(raw["types_with_distinct_sub_events"]),
        more_specific=frozenset(ordered | across),
        across_types=frozenset(across),
        one_sided_types=frozenset(raw["one_sided_types"]),
        generic_participant_stems=frozenset(stem(w) for w in raw["generic_participant_words"]),
        protest_claim_cues=_any_phrase(raw["protest_claim_cues"]),
        generic_claim_stems=frozenset(stem(w) for w in raw["generic_claim_words"]),
    )


def _any_phrase(phrases: list[str]) -> re.Pattern[str]:
    longest_first = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in longest_first) + r")\b", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Matching


def match_incident(event: Event, candidates: list[Incident]) -> Optional[Incident]:
    """The candidate this event is a further report of, or None (then it is a new incident).

    When several candidates qualify, the closest in time wins, then the one whose report says the
    most of what this one says (a report placed only in its province is as near to every town of
    it), then the closest in space, then the first.
    An incident that already holds an event of this event's article is never its match: the
    events stage has told the article's events apart, and a text naming several villages names
    each of them in the other's words, which the place rule would otherwise take as one.
    """
    best: Optional[Incident] = None
    best_key: tuple[float, float, float] = (math.inf, math.inf, math.inf)
    for incident in candidates:
        if _reported_by(incident, event.article_id) or not is_same_incident(event, incident):
            continue
        key = (float(_days_apart(event, incident)), -report_similarity(event.notes, incident.notes),
               _distance_or_zero(event, incident))
        if key < best_key:
            best, best_key = incident, key
    return best


def _reported_by(incident: Incident, article_id: str) -> bool:
    return bool(article_id) and any(source.article_id == article_id for source in incident.sources)


def is_same_incident(a: Event, b: Event) -> bool:
    """ACLED's rule: same day, same place, compatible actors, same type."""
    return (same_type(a, b) and same_day(a, b) and same_actors(a, b)
            and (same_place(a, b) or same_place_as_written(a, b) or place_named_by_both(a, b))
            and same_unresolved_places(a, b) and not different_crowds(a, b) and not different_claims(a, b)
            and same_story(a.notes, b.notes, named_in(a), named_in(b),
                           _agreed_party_names(a, b) | _shared_region_names(a, b)))


def _shared_region_names(a: Event, b: Event) -> frozenset[str]:
    """Name stems of the province both events lie in: one report's 'Kerala' and the other's 'KL'
    (or no word for it) are one place said two ways, no conflict of names. Districts stay names:
    a city's district in the gazetteer need not be the one a report names ('Al Hali')."""
    if not _same_region(a, b):
        return frozenset()
    words = f"{a.admin1} {b.admin1}"
    return frozenset(stem(word) for word in re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", words))


def _agreed_party_names(a: Event, b: Event) -> frozenset[str]:
    """Name stems of the words two reports name one named party by ('the NAF rebel forces' and
    'separatist forces', both the NAF): the parties agree, so their words are no conflict."""
    agreed: set[str] = set()
    for field in ("actor1", "actor2"):
        first, second = getattr(a, field), getattr(b, field)
        if not first or not second:
            continue
        key = _actor_key(first)
        if _unnamed(key) or not _same_actor(key, _actor_key(second)):
            continue
        # only a party's own few words: a longer span carries its place too ('forces of Artsakh
        # located at Chilaburt')
        agreed |= _evidence_names(a, (field,), PARTY_WORDS) | _evidence_names(b, (field,), PARTY_WORDS)
    return frozenset(agreed)


PARTY_WORDS = 4


def different_crowds(a: Event, b: Event) -> bool:
    """Two protests in one town on one day by people each report names, and names apart ('taxi
    drivers', 'members of the National Torch Movement'), are two protests. A report that names
    no one, or only 'a group of people', only tells less."""
    if a.event_type not in CROWD_TYPES or b.event_type not in CROWD_TYPES:
        return False
    first, second = _crowd_words(a), _crowd_words(b)
    return bool(first) and bool(second) and not first & second


def _crowd_words(event: Event) -> frozenset[str]:
    # ACLED names the group behind protesters as an associate ('Teachers (Pakistan)')
    written = " ".join(span.text for span in event.evidence if span.field in ("actor1", "assoc_actor_1"))
    return frozenset(s for s in stems(written) if not s.isdigit()) - rules().generic_participant_stems


def different_claims(a: Event, b: Event) -> bool:
    """Two protests in one town on one day whose reports both say what the crowd wanted, in
    words that share nothing ('demanding to be sent home', 'against the hike in liquor prices'),
    are two protests. A report that says no claim only tells less."""
    if a.event_type not in CROWD_TYPES or b.event_type not in CROWD_TYPES:
        return False
    first, second = protest_claim(a.notes), protest_claim(b.notes)
    if not first or not second:
        return False
    return not any(_same_word(x, y) for x in first for y in second)


_SIZE_NOTE = re.compile(r"\[size=[^\]]*\]")


@functools.lru_cache(maxsize=4096)
def protest_claim(text: str) -> frozenset[str]:
    """The stems of what a crowd protests against or demands: from each claim cue to the end of
    its sentence, less generic words ('the government', 'the lockdown')."""
    text = _SIZE_NOTE.sub(" ", text or "")
    claim: set[str] = set()
    for cue in rules().protest_claim_cues.finditer(text):
        end = _CLAUSE_END.search(text, cue.end())
        claim |= stems(text[cue.start(): end.start() if end else len(text)])
    return frozenset(s for s in claim if not s.isdigit()) - rules().generic_claim_stems


_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)")


def _same_word(first: str, second: str) -> bool:
    """One stem written two ways ('privatiz' and 'privatize', 'salar' and 'salaries')."""
    shorter, longer = sorted((first, second), key=len)
    return longer.startswith(shorter) if len(shorter) >= 4 else first == second


def same_place_as_written(a: Event, b: Event) -> bool:
    """A report left unplaced (or placed only in its country) is about the same place as another
    when both name the same rare place ('Ravar', 'Abu Rasin') that the gazetteer could not settle."""
    if not (_country_only(a) or _country_only(b)) or not _same_country(a, b):
        return False
    return bool(_place_names(a) & _place_names(b))


def place_named_by_both(a: Event, b: Event) -> bool:
    """Two reports put one event at different places of one province when each report names the
    other's place as well ('Kansafra in Idleb countryside' placed at Idleb by one reader and at
    Kansafra by the other): the geocoders chose differently, the reports agree. One way is not
    enough: 'around Villa Nueva (Mendoza)' names the city of another protest that day."""
    if _country_only(a) or _country_only(b) or not _same_region(a, b):
        return False
    return _place_written_in(a, b) and _place_written_in(b, a)


def _place_written_in(event: Event, other: Event, or_its_name: bool = False) -> bool:
    """The event's place, as its report writes it (or, ``or_its_name``, as the gazetteer names
    it when the report gives no words for it), is written in the other report too."""
    other_text = _norm(f"{other.notes} {named_in(other)}")
    written = {_norm(span.text) for span in event.evidence if span.field == "location"}
    if not written and or_its_name and event.location:
        written = {_norm(event.location)}
    return any(len(name) >= 3 and re.search(rf"\b{re.escape(name)}\b", other_text) for name in written)


def _place_names(event: Event) -> frozenset[str]:
    """Rare names a report gives that are not its actors' ('Qara Tapa', not 'Peshmerga')."""
    return names(f"{event.notes}, {named_in(event)}") - _evidence_names(event, _PARTY_FIELDS)


_PARTY_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def _evidence_names(event: Event, fields: tuple[str, ...], max_words: Optional[int] = None) -> frozenset[str]:
    """Rare names in the event's evidence of these fields (spans of at most ``max_words`` words)."""
    # written after a comma, so that no name counts as a sentence's opening word
    written = ", " + ", ".join(span.text for span in event.evidence if span.field in fields
                               and (max_words is None or len(span.text.split()) <= max_words))
    return names(written)


# evidence that names what happened where (dates are left out: each report dates it its own way)
_NAMING_FIELDS = ("location", "place_unresolved", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def named_in(event: Event) -> str:
    """The places and actors a report names, as written (an incident's evidence holds every
    report's words, so it names all that its reports named)."""
    return ", ".join(dict.fromkeys(span.text for span in event.evidence if span.field in _NAMING_FIELDS))


def same_unresolved_places(a: Event, b: Event) -> bool:
    """Reports that name places the gazetteer lacks ('near Dolomytne') may have been put at the same
    town for want of better; when both name such places, one of them must be the same (or the
    same name spelled another way). A report that names none only tells less."""
    names_a, names_b = _unresolved_names(a), _unresolved_names(b)
    if not names_a or not names_b:
        return True
    return any(_same_name(x, y) for x in names_a for y in names_b)


def _same_name(first: str, second: str) -> bool:
    """'Syntagma' and 'Syntagma Square', 'Kafr Lusin' and 'Kafr Lussin': one place."""
    if first in second or second in first:
        return True
    return spelled_alike(first, second)


def _unresolved_names(event: Event) -> frozenset[str]:
    # 'the North Zone' and 'the West Zone' differ after the article, not in it
    return frozenset(re.sub(r"^the ", "", _norm(span.text)) for span in event.evidence if span.field == "place_unresolved")


def same_day(a: Event, b: Event) -> bool:
    """Dates agree at the coarser of the two precisions (1 day, 2 week, 3 month or vaguer)."""
    first, second = iso_date(a.event_date), iso_date(b.event_date)
    if first is None or second is None:
        return False  # an undated report cannot be shown to be about the same day
    precision = max(a.time_precision or 3, b.time_precision or 3)
    if precision <= 1:
        return first == second
    if precision == 2:
        if abs((first - second).days) > rules().week_max_days_apart:
            return False
        # nothing happens after it is reported: a day-precise date after the other report's
        # 'as reported' date (or its publication date, when its text gives none) is another event
        return not (_told_after_report(a, first, b, second) or _told_after_report(b, second, a, first))
    return (first.year, first.month) == (second.year, second.month)


def _told_after_report(precise: Event, precise_date: date, reported: Event, reported_date: date) -> bool:
    """A day-precise event on a day after the day ``reported`` was reported, so not its event."""
    return (precise.time_precision == 1 and precise_date > reported_date
            and reported.time_precision == 2 and _dated_by_report(reported))


def _dated_by_report(event: Event) -> bool:
    """The event's date is the day it was reported: the text says so, or gives no date."""
    spans = [_norm(span.text) for span in event.evidence if span.field == "event_date"]
    return not spans or any(word in span for span in spans for word in rules().reported_date_words)


def same_place(a: Event, b: Event) -> bool:
    """Same gazetteer entry, or close enough for the coarser of the two geo precisions.

    A report placed only in a whole country (or nowhere) cannot show that it is about the same
    event as another: it never matches (ACLED's rule needs the same location)."""
    if _country_only(a) or _country_only(b):
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    precision = max(a.geo_precision or 3, b.geo_precision or 3)
    if a.location and b.location and _norm(a.location) != _norm(b.location):
        if _one_within_the_other(a, b) or _one_within_the_other(b, a):
            return True
        # two differently named places (in or near each): ACLED codes one event per location,
        # so only two names for one spot (a few km apart at most) are the same place
        if not (_has_point(a) and _has_point(b)):
            return False
        return distance_km(a, b) <= rules().named_places_max_km
    if precision >= 3:
        return _same_region(a, b)
    if _has_point(a) and _has_point(b):
        return distance_km(a, b) <= rules().max_km_by_geo_precision.get(precision, 0.0)
    # without coordinates only the written place can be compared
    return _same_country(a, b) and bool(a.location) and _norm(a.location) == _norm(b.location)


def same_actors(a: Event, b: Event) -> bool:
    """The same actor pair in either order, or one report naming fewer of the actors.

    A default name ('Unidentified Armed Group (Mali)', 'Protesters (Iran)') says only that the
    report named no one, so it agrees with any actor; and a name matches a longer form of
    itself ('Islamic State' and 'Islamic State (West Africa)')."""
    if not _same_side_acting(a, b):
        return False
    first, second = _named_actors(a), _named_actors(b)
    if _covered(first, second) or _covered(second, first):
        return True
    # each report of a battle may name one side only: 'Al Shabaab attacked a checkpoint' and
    # 'attackers threw a grenade at the army' are one clash
    return a.event_type == b.event_type == "Battles" and _sides_agree(_actor_pair(a), _actor_pair(b))


def _actor_pair(event: Event) -> tuple[str, str]:
    # a side a report does not name is '' ('Unidentified Armed Group (Somalia)', or no actor2)
    keys = (_actor_key(event.actor1) if event.actor1 else "", _actor_key(event.actor2) if event.actor2 else "")
    return tuple("" if _unnamed(key) else key for key in keys)


def _sides_agree(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """Side by side, each side is one name or is left unnamed by one report. Not in the other
    order: two reports that each name a different first side ('Iraqi forces clashed',
    'Peshmerga clashed') may be about two clashes."""
    return all(not x or not y or _same_actor(x, y) for x, y in zip(first, second))


def _covered(fewer: list[str], more: list[str]) -> bool:
    return all(any(_same_actor(x, y) for y in more) for x in fewer)


def _same_side_acting(a: Event, b: Event) -> bool:
    """In a one-sided event (a shelling, an attack on civilians) the named attackers must agree:
    two sides shelling each other on one day are two events, as ACLED codes them."""
    if a.event_type not in rules().one_sided_types:
        return True
    first, second = _named_actors(a, only_actor1=True), _named_actors(b, only_actor1=True)
    if not first or not second:
        return True  # one report does not say who acted: it only tells less
    return _same_actor(first[0], second[0])


def _named_actors(event: Event, only_actor1: bool = False) -> list[str]:
    names = (event.actor1,) if only_actor1 else (event.actor1, event.actor2)
    keys = [_actor_key(name) for name in names if name]
    return [key for key in keys if not _unnamed(key)]


def _unnamed(key: str) -> bool:
    """A default name ('unidentified armed group (mali)'): the report named no one."""
    return _UNNAMED_QUALIFIER.sub("", key) in rules().unnamed_actors


def _same_actor(first: str, second: str) -> bool:
    if first == second:
        return True
    bare_first, bare_second = _UNNAMED_QUALIFIER.sub("", first), _UNNAMED_QUALIFIER.sub("", second)
    return bool(bare_first) and bool(bare_second) and (bare_first in bare_second or bare_second in bare_first)


def same_type(a: Event, b: Event) -> bool:
    """Same ACLED event_type and compatible sub_event_types (PLOVER type for verbal events), or
    sub-types of two types that reports of one event give each their own way (data/rules.json)."""
    if a.event_type != b.event_type:
        pair = {(a.sub_event_type, b.sub_event_type), (b.sub_event_type, a.sub_event_type)}
        return bool(pair & rules().across_types)
    if not a.event_type:
        return bool(a.plover_type) and a.plover_type == b.plover_type
    return sub_events_compatible(a.sub_event_type, b.sub_event_type)


def sub_events_compatible(first: str, second: str) -> bool:
    """Sub-types of one type: reports of one attack often name its weapon differently
    ('shelled' and 'fired grenades'), so only pairs data/rules.json keeps apart are apart."""
    if not first or not second or first == second:
        return True
    if SUB_EVENT_TO_TYPE.get(first) in rules().types_with_distinct_sub_events:
        return False
    return frozenset((first, second)) not in rules().distinct_sub_events


@functools.lru_cache(maxsize=None)
def candidate_types(event_type: str) -> tuple[str, ...]:
    """The event types whose incidents a report of this type may join (its own first)."""
    others = {SUB_EVENT_TO_TYPE.get(sub) for pair in rules().across_types for sub in pair}
    if event_type not in others:
        return (event_type,)
    return (event_type,) + tuple(sorted(t for t in others if t and t != event_type))


def known_actors(event: Event) -> frozenset[str]:
    return frozenset(_actor_key(name) for name in (event.actor1, event.actor2) if name)


def candidate_window_days() -> int:
    """How far apart (days) two reports' dates can be and still match: the store's SQL window."""
    # never below a month: two dates of one month (precision 3) can be 30 days apart
    return max(rules().candidate_window_days, rules().week_max_days_apart, 31)


def near_days() -> int:
    """How far apart (days) two dates of at most week precision can be and still be one day:
    the store's window for candidates it cannot narrow by place."""
    return rules().week_max_days_apart


def match_radius_km(geo_precision: int) -> float:
    """How far apart two points can be and still match, at the coarser of two geo precisions
    (beyond it only the same gazetteer entry, or at precision 3 the same admin1, matches)."""
    if (geo_precision or 3) >= 3:
        return rules().region_max_km_without_admin1
    return rules().max_km_by_geo_precision.get(geo_precision, 0.0)


def distance_km(a: Event, b: Event) -> float:
    """Great-circle distance between two events' points."""
    return geo_distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def _one_within_the_other(part: Event, whole: Event) -> bool:
    """'Athens-Central Athens' lies in 'Athens' (ACLED names a city's districts 'City-District');
    a report that places an event only in its province ('Sindh') tells less than one that names
    the district, when it names that district too ('Matiari press club in Sindh'): a vaguer place
    that holds the other is then the same place. A province's report that does not name the town
    ('protests across Punjab') may be about the province at large, which ACLED codes as an event
    of its own beside the town's."""
    if _norm(part.location).startswith(_norm(whole.location) + "-"):
        return _same_country(part, whole)
    if (whole.geo_precision or 3) < 3 or (part.geo_precision or 3) >= 3:
        return False
    return (bool(whole.admin1) and _norm(whole.location) == _norm(whole.admin1) and _same_region(part, whole)
            and _place_written_in(part, whole, or_its_name=True))


def _same_region(a: Event, b: Event) -> bool:
    if not _same_country(a, b):
        return False
    near = _has_point(a) and _has_point(b) and distance_km(a, b) <= rules().region_max_km_without_admin1
    if a.admin1 and b.admin1:
        # one province spelled two ways ('Idleb', 'Idlib'), when the points agree
        return _norm(a.admin1) == _norm(b.admin1) or (near and spelled_alike(_norm(a.admin1), _norm(b.admin1)))
    if _has_point(a) and _has_point(b):
        return near
    return bool(a.location) and _norm(a.location) == _norm(b.location)


def _country_only(event: Event) -> bool:
    """No place below the country: no location, or the location is the country itself."""
    location = _norm(event.location or "")
    return not location or location in (_norm(event.country or ""), _norm(event.iso3 or ""))


def _same_country(a: Event, b: Event) -> bool:
    if a.iso3 and b.iso3:
        return a.iso3.upper() == b.iso3.upper()
    if a.country and b.country:
        return _norm(a.country) == _norm(b.country)
    return True  # one side does not say: no contradiction


def _has_point(event: Event) -> bool:
    return event.latitude is not None and event.longitude is not None


def _distance_or_zero(a: Event, b: Event) -> float:
    return distance_km(a, b) if _has_point(a) and _has_point(b) else 0.0


def _days_apart(a: Event, b: Event) -> int:
    first, second = iso_date(a.event_date), iso_date(b.event_date)
    return abs((first - second).days) if first and second else 0




def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _actor_key(name: str) -> str:
    return _norm(_ACTOR_PERIOD.sub("", name))


# ---------------------------------------------------------------------------------------------
# Building incidents


def report_source(article: Optional[Article], event: Event) -> Source:
    """The source line of one report: the article's own details, else what the event carries."""
    if article is None:
        return Source(article_id=event.article_id, source=event.source, source_url=event.source_url)
    published = article.published.isoformat() if article.published else None
    return Source(
        article_id=article.id or event.article_id,
        source=article.source or event.source,
        source_url=article.url or event.source_url,
        published=published,
    )


def new_incident(event: Event, source: Source) -> Incident:
    """An incident whose only report so far is this event."""
    values = {f.name: copy.deepcopy(getattr(event, f.name)) for f in dataclasses.fields(Event)}
    incident = Incident(**values)
    incident.incident_id = incident_id_for(event)
    incident.interaction = incident.interaction or interaction_code(incident.inter1, incident.inter2)
    incident.sources = [copy.copy(source)]
    return incident


def incident_id_for(event: Event) -> str:
    """Deterministic: named after the event that founded the incident."""
    if event.event_id:
        return f"inc-{event.event_id}"
    digest = hashlib.sha256(json.dumps(event.to_dict(), sort_keys=True, default=str).encode("utf-8"))
    return f"inc-{digest.hexdigest()[:16]}"


def merge_into(incident: Incident, event: Event, source: Source) -> Incident:
    """A new Incident: ``incident`` with one more report folded in (the input is not changed)."""
    merged = copy.deepcopy(incident)
    _take_date(merged, event)
    _take_place(merged, event)
    _take_actors(merged, event)
    _take_type(merged, event)
    merged.fatalities = conservative_fatalities(merged.fatalities, event.fatalities)
    merged.confidence = max(merged.confidence or 0.0, event.confidence or 0.0)
    merged.notes = merged.notes or event.notes
    merged.source = _join_unique(merged.source, event.source or source.source)
    merged.source_url = merged.source_url or event.source_url or source.source_url
    _add_evidence(merged, event)
    if all(s.article_id != source.article_id for s in merged.sources):
        merged.sources.append(copy.copy(source))
    return merged


def conservative_fatalities(first: int, second: int) -> int:
    """The lower of two reported figures; 0 means "not reported" and never erases a figure."""
    figures = [n for n in (first or 0, second or 0) if n > 0]
    return min(figures) if figures else 0


def _take_date(merged: Incident, event: Event) -> None:
    if event.event_date and (not merged.event_date or event.time_precision < merged.time_precision):
        _copy_fields(event, merged, DATE_FIELDS)


def _take_place(merged: Incident, event: Event) -> None:
    more_precise = event.geo_precision < merged.geo_precision
    adds_point = event.geo_precision == merged.geo_precision and _has_point(event) and not _has_point(merged)
    if more_precise or adds_point:
        _copy_fields(event, merged, PLACE_FIELDS)


def _take_actors(merged: Incident, event: Event) -> None:
    # assoc actors per main actor, from both reports, before choosing which pair to keep
    associates: dict[str, list[str]] = {}
    for record in (merged, event):
        for actor, assoc in ((record.actor1, record.assoc_actor_1), (record.actor2, record.assoc_actor_2)):
            if actor:
                names = associates.setdefault(_actor_key(actor), [])
                names.extend(n for n in _split_assoc(assoc) if n not in names)
    if len(known_actors(event)) > len(known_actors(merged)):
        _copy_fields(event, merged, ACTOR_FIELDS)
    if merged.actor1:
        merged.assoc_actor_1 = "; ".join(associates.get(_actor_key(merged.actor1), []))
    if merged.actor2:
        merged.assoc_actor_2 = "; ".join(associates.get(_actor_key(merged.actor2), []))
    merged.interaction = interaction_code(merged.inter1, merged.inter2)


def _take_type(merged: Incident, event: Event) -> None:
    merged.event_type = merged.event_type or event.event_type
    merged.plover_type = merged.plover_type or event.plover_type
    if not merged.sub_event_type or (merged.sub_event_type, event.sub_event_type) in rules().more_specific:
        merged.sub_event_type = event.sub_event_type or merged.sub_event_type
        # a protest another report tells as a riot becomes the riot: type and sub-type move together
        merged.event_type = SUB_EVENT_TO_TYPE.get(merged.sub_event_type, merged.event_type)


def _add_evidence(merged: Incident, event: Event) -> None:
    seen = {(s.field, s.start, s.end, s.text) for s in merged.evidence}
    for span in event.evidence:
        key = (span.field, span.start, span.end, span.text)
        if key not in seen:
            seen.add(key)
            merged.evidence.append(copy.copy(span))


def _copy_fields(source: Event, target: Event, names: tuple[str, ...]) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))


def _split_assoc(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _join_unique(first: str, second: str) -> str:
    """ACLED lists several sources in one cell separated by "; "."""
    names = _split_assoc(first)
    names.extend(n for n in _split_assoc(second) if n not in names)
    return "; ".join(names)
