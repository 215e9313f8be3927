"""One event per day, place, actor pair and type: merge the mentions of an event inside one article."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from sitrep.events.vocab import vocab
from sitrep.records import Actor, PlaceMention, Span

PROTEST_SEVERITY = ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"]
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory")
# ACLED codes an attack that includes rape as sexual violence, whatever else the attackers did
SEXUAL_VIOLENCE = "Sexual violence"


@dataclass
class Draft:
    """An event as first read from one sentence, before mentions of the same event are merged."""
    event_type: str
    sub_event_type: str
    plover_type: str
    agents: list[Actor]
    patients: list[Actor]
    associates: list[Actor]
    place: Optional[PlaceMention]
    place_explicit: bool  # named in the event's own sentence, rather than borrowed from context
    event_date: Optional[str]
    time_precision: int
    date_explicit: bool
    fatalities: list[tuple[int, Span]]
    evidence: list[Span]
    sentence_starts: list[int] = field(default_factory=list)
    mentions: int = 1
    anaphoric: bool = False  # 'the attack', with no place or date of its own: refers to an event told before
    also_at: list[PlaceMention] = field(default_factory=list)  # places named beside `place`: one event each


def _actor_names(draft: Draft) -> set[str]:
    return {a.name for a in draft.agents + draft.patients + draft.associates}


def _place_key(place: Optional[PlaceMention]):
    if place is None or place.place is None:
        return None
    p = place.place
    return p.geonameid or (p.name, round(p.latitude, 2), round(p.longitude, 2))


def _places_compatible(a: Draft, b: Draft) -> bool:
    if a.place is None or b.place is None or not a.place_explicit or not b.place_explicit:
        return True
    if _place_key(a.place) == _place_key(b.place):
        return True
    pa, pb = a.place.place, b.place.place
    if pa is None or pb is None:
        return True
    # an area holds a precise place inside it ('Kirkuk province' and a town in it)
    if _is_area(a.place) or _is_area(b.place):
        return pa.country_code == pb.country_code and (not pa.admin1 or not pb.admin1 or pa.admin1 == pb.admin1)
    return False


AREA_CODES = ("ADM", "PCL", "RGN", "AREA", "TERR")


def _is_area(mention: PlaceMention) -> bool:
    return mention.geo_precision == 3 or (mention.place is not None and mention.place.feature_code.startswith(AREA_CODES))


def _types_compatible(a: Draft, b: Draft) -> bool:
    if (a.anaphoric or b.anaphoric) and a.event_type in VIOLENT and b.event_type in VIOLENT:
        return True
    if a.event_type != b.event_type:
        crowd = {a.event_type, b.event_type} & {"Protests", "Riots"}
        return bool(crowd) and "Arrests" in (a.sub_event_type, b.sub_event_type)
    if a.sub_event_type == b.sub_event_type:
        return True
    if a.event_type == "Battles":
        return True  # a clash and the capture it ends in are one battle
    return a.event_type == "Protests"


def _dates_compatible(a: Draft, b: Draft) -> bool:
    if not a.date_explicit or not b.date_explicit:
        return True
    return a.event_date == b.event_date


def _actors_compatible(a: Draft, b: Draft) -> bool:
    """Different leading parties mean different events, unless a clash is told from each side."""
    if a.event_type != b.event_type:
        return True  # police arresting protesters: the two sides of one protest
    agents_a, agents_b = {bare_name(x.name) for x in a.agents}, {bare_name(x.name) for x in b.agents}
    if not agents_a or not agents_b or agents_a & agents_b:
        return True
    if _unnamed_armed(a.agents) and all(x.inter in (2, 3, 4) for x in b.agents) or (
            _unnamed_armed(b.agents) and all(x.inter in (2, 3, 4) for x in a.agents)):
        return True  # 'gunmen' and the group that later claimed them may be one party
    return bool(agents_a & _bare_names(b)) or bool(agents_b & _bare_names(a))


_YEARS = re.compile(r"\s*\(\d{4}-\d{0,4}\)")


def bare_name(name: str) -> str:
    """An actor's name without ACLED's years ('Military Forces of Somalia (2017-)'): one side,
    however each sentence came to name it."""
    return _YEARS.sub("", name)


def _bare_names(draft: Draft) -> set[str]:
    return {bare_name(name) for name in _actor_names(draft)}


def _unnamed_armed(actors: list[Actor]) -> bool:
    # 'the rebels' after 'NAS rebels attacked': a group named once and then by what it is
    return all(x.name.startswith(("Unidentified", "Rebel Group")) for x in actors)


def can_merge(a: Draft, b: Draft) -> bool:
    return _types_compatible(a, b) and _dates_compatible(a, b) and _places_compatible(a, b) and _actors_compatible(a, b)


def _more_specific_place(a: Draft, b: Draft) -> tuple[Optional[PlaceMention], bool]:
    candidates = [(d.place, d.place_explicit) for d in (a, b) if d.place is not None]
    if not candidates:
        return None, False
    return min(candidates, key=lambda c: (_is_area(c[0]), not c[1], c[0].geo_precision))


def _union(first: list[Actor], second: list[Actor]) -> list[Actor]:
    names = {a.name for a in first}
    return first + [a for a in second if a.name not in names]


def _combine_parties(into: Draft, other: Draft) -> None:
    """The report that names both sides decides who is on which; the other adds only new parties.
    In a battle told by its toll and by its attack ('militants were killed when forces repulsed
    their attack'), the attack says who started it, whom ACLED names first."""
    base, extra = (other, into) if (other.patients and not into.patients and other.agents) else (into, other)
    if (into.event_type == "Battles" and other.agents and other.patients and into.patients
            and _tells_the_attack(other) and not _tells_the_attack(into)):
        base, extra = other, into
    agents, patients = list(base.agents), list(base.patients)
    if not agents:
        agents = [a for a in extra.agents if a.name not in {p.name for p in patients}]
    placed = {a.name for a in agents + patients}
    agents += [a for a in extra.agents if a.name not in placed]
    placed = {a.name for a in agents + patients}
    patients += [a for a in extra.patients if a.name not in placed]
    into.agents, into.patients = agents, patients


def _tells_the_attack(draft: Draft) -> bool:
    """The mention's trigger is an attack noun ('repulsed their attack'), not its toll ('killed')."""
    words = draft.evidence[0].text.lower().split() if draft.evidence else []
    return bool(words) and words[-1].rstrip("s") in vocab()["assault_nouns"]


def absorb(into: Draft, other: Draft) -> Draft:
    """Fold `other` into `into`: keep the more specific values and every piece of evidence."""
    if into.event_type != other.event_type and (into.anaphoric or other.anaphoric):
        if into.anaphoric and not other.anaphoric:
            into.event_type, into.sub_event_type, into.plover_type = other.event_type, other.sub_event_type, other.plover_type
        into.anaphoric = into.anaphoric and other.anaphoric
    elif into.event_type != other.event_type:
        # an arrest at a protest is the police's response to it: police become the other side
        protest, arrest = (into, other) if into.event_type in ("Protests", "Riots") else (other, into)
        sub_type = protest.sub_event_type
        if protest.event_type == "Protests":
            sub_type = max(protest.sub_event_type, "Protest with intervention", key=PROTEST_SEVERITY.index)
        protesters, police = list(protest.agents), _union(protest.patients, arrest.agents)
        into.event_type, into.sub_event_type, into.plover_type = protest.event_type, sub_type, protest.plover_type
        into.agents, into.patients = protesters, police
        other = Draft(**{**other.__dict__, "agents": [], "patients": []})
    elif into.sub_event_type != other.sub_event_type:
        if into.event_type == "Battles":
            if other.sub_event_type in TERRITORY and into.sub_event_type not in TERRITORY:
                # whoever took the place leads the battle; everyone else they fought is the other side
                into.sub_event_type, into.plover_type = other.sub_event_type, other.plover_type
                takers = {a.name for a in other.agents}
                losers = other.patients + [a for a in into.agents + into.patients if a.name not in takers]
                into.agents, into.patients = list(other.agents), _union(losers, [])
        elif into.event_type == "Protests":
            into.sub_event_type = max(into.sub_event_type, other.sub_event_type, key=PROTEST_SEVERITY.index)
        elif other.sub_event_type == SEXUAL_VIOLENCE:
            into.sub_event_type, into.plover_type = other.sub_event_type, other.plover_type
    _combine_parties(into, other)
    into.associates = _union(into.associates, other.associates)
    place_before = into.place
    into.place, into.place_explicit = _more_specific_place(into, other)
    if into.place is not place_before:
        into.also_at = list(other.also_at)
    if other.date_explicit and (not into.date_explicit or other.time_precision < into.time_precision):
        into.event_date, into.time_precision, into.date_explicit = other.event_date, other.time_precision, True
    into.fatalities += other.fatalities
    into.evidence += other.evidence
    into.sentence_starts += other.sentence_starts
    into.mentions += other.mentions
    return into


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    merged: list[Draft] = []
    for draft in drafts:
        for existing in merged:
            if can_merge(existing, draft):
                absorb(existing, draft)
                break
        else:
            merged.append(draft)
    return merged
