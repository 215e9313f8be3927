"""Where an event happened, among the places an article names; and what country it is about.

``place_for_span`` picks, for one event mention (a sentence or clause), the place it happened:
1. a place inside the span that is not a government (metonym), an adjective (demonym), where a
   speaker is ("In Washington, X said"), or the reference point of a relative phrase ("40 km
   from X"); places on a path ("the road leading to Erbil", "the march on Kirkuk") only when
   nothing else is there, nor earlier in the paragraph; the object of the sentence's verb ("took control of X") before
   others; the most specific kind (town before district before province before country);
2. else the nearest earlier such place in the same paragraph;
3. else the article's main place (the specific place it names most), at least "near" (2).
A region (country, admin1) is always geo_precision 3.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import Optional, Sequence

from spacy.tokens import Doc, Token

from sitrep.geo.gazetteer import is_region
from sitrep.geo.resolve import context_words, doc_text
from sitrep.records import PlaceMention

EVENT_ROLES = frozenset({"place", "relative"})
SPECIFICITY = {"PPL": 4, "PPLA": 4, "PPLC": 4, "": 4, "ADM2": 3, "ADM1": 2, "RGN": 2, "PCLI": 1}
VERB_OBJECT_BONUS = 2.0


def place_for_span(mentions: Sequence[PlaceMention], start: int, end: int,
                   doc: Optional[Doc] = None) -> Optional[PlaceMention]:
    """The place of the event written in text[start:end] (a copy; the input is not changed)."""
    usable = _event_places(mentions)
    inside = [m for m in usable if start <= m.start and m.end <= end]
    on_path = [m for m in inside if doc is not None and _attachment_of(doc, m) == "path"]
    direct = [m for m in inside if m not in on_path]
    if direct:
        best = max(direct, key=lambda m: (_rank(m, doc), -m.start))
        return _copy(best, best.geo_precision)
    earlier = [m for m in usable if m.end <= start and _same_paragraph(doc, m.start, start)
               and (doc is None or _attachment_of(doc, m) != "path")]
    if earlier:
        # the nearest earlier town before a country named in passing ('... isolation in Argentina')
        specific = [m for m in earlier if not is_region(m.place.feature_code)] or earlier
        nearest = max(specific, key=lambda m: m.end)
        return _copy(nearest, nearest.geo_precision)
    if on_path:  # only a destination is named: the event is on the way there
        best = max(on_path, key=lambda m: (_rank(m, doc), -m.start))
        return _copy(best, max(best.geo_precision, 2))
    main = main_place(mentions)
    if main is not None:
        return _copy(main, max(main.geo_precision, 2))
    return None


def coordinated_places(mentions: Sequence[PlaceMention], chosen: PlaceMention, start: int, end: int,
                       doc: Optional[Doc]) -> list[PlaceMention]:
    """Other places listed with the chosen one ("airstrikes in Shah Wali Kot and Maywand districts",
    "on the Sirwah (Sirwah, Marib), Qaniyah and Nati frontlines"). ACLED codes one event per
    location, so each is an event of its own. A list is names joined by "and" (commas alone do not
    make one: "Zaria, Kaduna" is a town and its state); what brackets hold is not listed; a
    stretch "between X and Y" is one place; an area that holds another listed place is left out.
    Copies; the input is not changed."""
    if doc is None:
        return []
    text = doc_text(doc)
    inside = sorted((m for m in _event_places(mentions) + _containers(mentions) if start <= m.start and m.end <= end),
                    key=lambda m: m.start)
    usable = [m for m in inside if not _in_brackets(text, m.start) or _stands_in(text, inside, m)]
    at = next((i for i, m in enumerate(usable) if (m.start, m.end) == (chosen.start, chosen.end)), None)
    if at is None or _follows_between(text, usable, at):
        return []
    listed = _list_around(text, usable, at)
    siblings = [m for m in listed if _place_key(m) != _place_key(chosen) and _attachment_of(doc, m) != "path"]
    everyone = [chosen] + siblings
    kept = [m for m in siblings if not any(_holds(m, other) for other in everyone if other is not m)]
    unique = {_place_key(m): m for m in kept}
    return [_copy(m, m.geo_precision) for m in sorted(unique.values(), key=lambda m: m.start)]


def _containers(mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Names read as the area around the name before them ("X, Ghor, Laghman and Balkh"): in a
    list they are places of their own."""
    return [m for m in mentions if m.place is not None and m.role == "container"]


def _list_around(text: str, ordered: list[PlaceMention], at: int) -> list[PlaceMention]:
    """The names listed together with ordered[at]: neighbours joined by list gaps, as long as the
    list has an "and" somewhere."""
    first = last = at
    while first > 0 and _list_gap(text[ordered[first - 1].end:ordered[first].start]):
        first -= 1
    while last + 1 < len(ordered) and _list_gap(text[ordered[last].end:ordered[last + 1].start]):
        last += 1
    gaps = [_list_gap(text[ordered[i].end:ordered[i + 1].start]) for i in range(first, last)]
    if "and" not in gaps:
        return []
    # the name after the last "and" ends the list: 'X and Y districts, Kandahar' adds their province
    last_and = max(i for i, gap in enumerate(gaps) if gap == "and")
    return ordered[first:first + last_and + 2]


def _list_gap(gap: str) -> Optional[str]:
    """"and" or "comma" when the words between two names only join list items (", ", " and ",
    " districts and the ", ", Qaniyah and "), else None."""
    words = context_words()
    joining = _BRACKETS.sub(" ", gap)
    # from a name in brackets, or up to one: what is outside the brackets
    joining = joining[joining.rfind(")") + 1:]
    joining = joining[:joining.index("(")] if "(" in joining else joining
    tokens = re.findall(r"[A-Za-z][\w'-]*|[,&;]", joining)
    if not tokens or re.search(r"[^\w\s,&;'-]", joining):
        return None
    kind = None
    for i, token in enumerate(tokens):
        lower = token.lower()
        if lower in ("and", "&") or (lower == "as" and tokens[i + 1:i + 3] == ["well", "as"]):
            kind = "and"
        elif lower in (",", "well") or (lower == "as" and i >= 2 and tokens[i - 2:i] == ["as", "well"]):
            kind = kind or "comma"
        elif lower == "the" or (lower in ("in", "on", "at") and i and tokens[i - 1].lower() in ("and", "the")):
            continue  # 'in Kirkuk and in Erbil'
        elif lower in words["list_place_nouns"] or lower.rstrip("s") in words["list_place_nouns"]:
            continue
        elif not token[0].isupper():
            return None  # 'Kirkuk and Peshmerga forces in Erbil' is not a list of places
    return kind


_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _stands_in(text: str, ordered: list[PlaceMention], m: PlaceMention) -> bool:
    """The first name in brackets after an unknown one ('Bab Ghaliq (Qaatabah, Ad Dali)') stands
    for it in a list."""
    opening = text.rfind("(", 0, m.start)
    if opening < 0 or text[opening + 1:m.start].strip():
        return False
    before = text[:opening].rstrip()
    return not any(other.end == len(before) for other in ordered)


def _in_brackets(text: str, position: int) -> bool:
    before = text[:position]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _follows_between(text: str, ordered: list[PlaceMention], at: int) -> bool:
    """'between Kirkuk and Erbil' names a stretch, not two places."""
    head = ordered[at]
    while at > 0 and _list_gap(text[ordered[at - 1].end:head.start]):
        at -= 1
        head = ordered[at]
    return text[:head.start].rstrip().lower().endswith(("between", "between the"))


def _holds(area: PlaceMention, other: PlaceMention) -> bool:
    """An area (a province, a country) that another of the places lies in."""
    a, o = area.place, other.place
    if not is_region(a.feature_code) or a.country_code != o.country_code:
        return False
    return a.feature_code.startswith("PCL") or (a.feature_code == "ADM1" and a.admin1 == o.admin1 and o.feature_code != "ADM1")


def main_place(mentions: Sequence[PlaceMention]) -> Optional[PlaceMention]:
    """The specific place an article names most (ties: the first named); a region if none."""
    usable = _event_places(mentions)
    if not usable:
        return None
    specific = [m for m in usable if not is_region(m.place.feature_code)] or usable
    counts = Counter(_place_key(m) for m in specific)
    first = {}
    for m in specific:
        first.setdefault(_place_key(m), m)
    best_key = max(counts, key=lambda k: (counts[k], -first[k].start))
    return first[best_key]


def article_focus(mentions: Sequence[PlaceMention], share: float = 0.25) -> list[str]:
    """Country codes the article is about, strongest first: every country whose mentions, places
    in it and demonyms add up to at least ``share`` of the strongest one's."""
    weights: Counter = Counter()
    for m in mentions:
        if m.place is None or not m.place.country_code:
            continue
        weights[m.place.country_code] += 0.5 if m.role in ("metonym", "speaker") else 1.0
    if not weights:
        return []
    top = max(weights.values())
    return [cc for cc, w in weights.most_common() if w >= share * top]


# ---------------------------------------------------------------- helpers

def _event_places(mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Mentions that can be where something happened (not reference points of relative phrases)."""
    bases = {(e.start, e.end) for m in mentions for e in m.evidence if e.field == "base"}
    return [m for m in mentions if m.place is not None and m.role in EVENT_ROLES
            and (m.start, m.end) not in bases]


def _rank(m: PlaceMention, doc: Optional[Doc]) -> float:
    rank = float(SPECIFICITY.get(m.place.feature_code, 4))
    if doc is not None and _attachment_of(doc, m) == "verb":
        rank += VERB_OBJECT_BONUS
    return rank


def _attachment_of(doc: Doc, m: PlaceMention) -> str:
    root = _root_token(doc, m)
    return _attachment(root) if root is not None else ""


def _root_token(doc: Doc, m: PlaceMention) -> Optional[Token]:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _attachment(token: Token) -> str:
    """How the name hangs on its clause: "path" (a road, a march towards it), "verb" (the object
    or locative of the clause's verb, through prepositions and nouns like "control"), or ""."""
    words = context_words()
    tok, steps, located = token, 0, False
    while tok.head is not tok and steps < 8:
        tok, steps = tok.head, steps + 1
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            return "path" if lemma in words["path_verbs"] else "verb"
        if tok.pos_ == "NOUN" and lemma in words["path_nouns"] and not located:
            return "path"
        # 'on Murree road in Rawalpindi': the road lies in the place; the place is no destination
        located = tok.dep_ == "prep" and lemma in words["road_place_prepositions"]
    return ""


def _same_paragraph(doc: Optional[Doc], a: int, b: int) -> bool:
    if doc is None:
        return True
    return "\n" not in doc_text(doc)[min(a, b):max(a, b)]


def _place_key(m: PlaceMention):
    p = m.place
    return p.geonameid or (p.name, round(p.latitude, 3), round(p.longitude, 3))


def _copy(m: PlaceMention, precision: int) -> PlaceMention:
    if is_region(m.place.feature_code):
        precision = 3
    return dataclasses.replace(m, geo_precision=precision, evidence=list(m.evidence))
