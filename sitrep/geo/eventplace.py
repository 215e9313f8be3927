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
from sitrep.geo.normalize import leading_designator
from sitrep.geo.resolve import context_words, doc_text, origin_of
from sitrep.records import PlaceMention, Span

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
    if doc is not None:
        direct = _without_locating_phrases(direct, doc_text(doc))
        direct = [m for m in direct if not _names_a_thing_placed_in_another(doc, m, direct)
                  and not _names_a_street_of_another_town(doc, m, direct)]
        # where people come from, or where the side that acts stands ('forces located at Gorgan
        # fired on the positions near Shukurbeyli': ACLED places fire where it lands), is not the
        # event's place when the span names another; when it names no other, that is all it says
        direct = [m for m in direct if not _names_an_origin(doc, m)] or direct
        direct = [m for m in direct if not _names_where_the_actors_stand(doc, m)] or direct
    if direct:
        best = max(direct, key=lambda m: (_rank(m, doc), -m.start))
        return _copy(best, best.geo_precision)
    earlier = [m for m in usable if m.end <= start and _same_paragraph(doc, m.start, start)
               and (doc is None or _attachment_of(doc, m) != "path")]
    if earlier:
        # the nearest earlier town before a country named in passing ('... isolation in Argentina')
        specific = [m for m in earlier if not is_region(m.place.feature_code)] or earlier
        nearest = max(specific, key=lambda m: m.end)
        root = _root_token(doc, nearest) if doc is not None else None
        if root is not None:
            # where that sentence puts what it tells: 'clashes near Darbasiyah in al-Hasakeh.
            # One was wounded during the clashes' is at Darbasiyah
            told = place_for_span(mentions, root.sent.start_char, root.sent.end_char, doc)
            if told is not None and (told.start, told.end) != (nearest.start, nearest.end) and any(
                    (m.start, m.end) == (told.start, told.end) for m in specific):
                return told
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
    own_list = _list_around(text, usable, at)
    listed = own_list + _other_lists(doc, text, usable, at, own_list)
    siblings = [m for m in listed if _place_key(m) != _place_key(chosen) and _attachment_of(doc, m) != "path"]
    everyone = [chosen] + siblings
    kept = [m for m in siblings if not any(_holds(m, other) for other in everyone if other is not m)]
    unique = {_place_key(m): m for m in kept}
    return [_copy(m, m.geo_precision) for m in sorted(unique.values(), key=lambda m: m.start)]


# a place the gazetteer lacks, listed beside others, stands at the area holding it; the first such
# place takes the event's own place over when that place only holds the list ('attacked Manini
# and Komo in Chikun LGA': two events, both in Chikun)
LISTED_UNKNOWN = "listed_unknown"
TAKES_OVER = "listed_unknown_first"
HOLDING_FEATURES = ("ADM1", "ADM2", "ADM3", "RGN")


def places_beside(mentions: Sequence[PlaceMention], chosen: PlaceMention, start: int, end: int,
                  doc: Optional[Doc]) -> list[PlaceMention]:
    """The other places an event sentence lists beside its own: the known ones, then those the
    gazetteer lacks, each at the area that holds it (the first with role ``TAKES_OVER`` when the
    event's own place only holds the list)."""
    known = coordinated_places(mentions, chosen, start, end, doc)
    return known + unknown_listed_places(mentions, chosen, start, end, doc, represented=known)


def unknown_listed_places(mentions: Sequence[PlaceMention], chosen: PlaceMention, start: int, end: int,
                          doc: Optional[Doc], represented: Sequence[PlaceMention] = ()) -> list[PlaceMention]:
    """Places of a list the gazetteer lacks ('the villages of Ananum, Gidan Adamu and Kwossa (Donga,
    Taraba)'), or knows only by the area after them ('Al Humayqan (Dhi Naim, Al Bayda)'), that no
    event place stands for yet. ACLED codes one event per location, so each is an event of its
    own, put at the district or province that holds it: as near it (2), or in the region (3). Only
    when an area holds them: two streets of one town are one location. Each copy carries its name
    as ``place_unresolved`` evidence."""
    if doc is None:
        return []
    text = doc_text(doc)
    known = sorted((m for m in _event_places(mentions) + _containers(mentions) if start <= m.start and m.end <= end),
                   key=lambda m: m.start)
    taken = {_place_key(m) for m in [chosen, *represented]}
    found: list[PlaceMention] = []
    for items in _name_lists(doc, start, end):
        items, settlements = _without_settlement_word(text, items)
        if not _listed_as_places(doc, text, items, known) or any(_is_site(text[a:b]) for a, b in items):
            continue
        chosen_listed = any(_overlaps(chosen, a, b) or _same_span(_stood_for(text, known, b), chosen) for a, b in items)
        for a, b in items:
            if any(_overlaps(m, a, b) for m in known):
                continue  # the gazetteer knows it: coordinated_places lists it
            stand_in = _stood_for(text, known, b)
            if stand_in is not None:
                if _place_key(stand_in) in taken:
                    # the event already there is this name's: 'Dadin Kowa (Donga, Taraba)'
                    holder = next((m for m in [chosen, *represented] if _same_span(stand_in, m)), None)
                    if holder is not None and not any(e.field == "place_unresolved" for e in holder.evidence):
                        holder.evidence.append(Span("place_unresolved", a, b, text[a:b]))
                    continue
                taken.add(_place_key(stand_in))
                found.append(_named_copy(stand_in, text, a, b, LISTED_UNKNOWN))
                continue
            holder = _holder_after(text, known, items, b)
            if holder is None:
                # 'in Bab Ghaliq, Habil al Ubaydi and Habil al Kalb': villages beside a known one, near it
                holder = chosen if chosen_listed or _holds_places(chosen) else None
            elif not _holds_places(holder) and not settlements:
                holder = None  # 'Manini and Komo in Chikun LGA', but not two streets in a town
            if holder is None or holder.place is None:
                continue
            found.append(_named_copy(holder, text, a, b, LISTED_UNKNOWN))
        if found and not chosen_listed:
            found[0].role = TAKES_OVER
        if found:
            break  # one list per event sentence
    return found


def _without_settlement_word(text: str, items: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], bool]:
    """The list without a word for villages that opens it ('Barangays Tuka and Tukanalipao'), and
    whether the list is one of villages (by that word, or 'the villages of' just before it):
    villages may lie around the town written after them ('... in Mamasapano')."""
    words = context_words()["settlement_nouns"]
    first_start, first_end = items[0]
    head, _, rest = text[first_start:first_end].partition(" ")
    if rest and (_singular(head.lower()) in words or leading_designator(_singular(head))):
        return [(first_end - len(rest), first_end)] + items[1:], True
    before = re.findall(r"[A-Za-z]+", text[max(0, first_start - 30):first_start].lower())
    while before and before[-1] in ("of", "the"):
        before.pop()
    # plural: 'the villages of A and B'; 'the A village of B district' names B's district
    return items, bool(before) and before[-1].endswith("s") and _singular(before[-1]) in words


def _singular(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _is_site(name: str) -> bool:
    """'Tahrir Square', 'Beirut Arab University': a site within a town, not a location of its own."""
    words = name.lower().split()
    return bool(words) and (words[-1] in context_words()["site_nouns"] or words[0] in context_words()["site_nouns"])


def _holds_places(m: PlaceMention) -> bool:
    return m.place is not None and m.place.feature_code.startswith(HOLDING_FEATURES)


def _named_copy(m: PlaceMention, text: str, a: int, b: int, role: str) -> PlaceMention:
    copy = _copy(m, max(m.geo_precision, 2))
    copy.role = role
    # the copy names its own place only, not the one the original stands for
    copy.evidence = [e for e in copy.evidence if e.field != "place_unresolved"] + [Span("place_unresolved", a, b, text[a:b])]
    return copy


def _same_span(m: Optional[PlaceMention], other: PlaceMention) -> bool:
    return m is not None and (m.start, m.end) == (other.start, other.end)


def _overlaps(m: PlaceMention, a: int, b: int) -> bool:
    return m.start < b and a < m.end


def _stood_for(text: str, known: list[PlaceMention], name_end: int) -> Optional[PlaceMention]:
    """'Al Humayqan (Dhi Naim, Al Bayda)': the first area in the brackets right after a name."""
    rest = text[name_end:]
    noun = re.match(r"\s*(?:[a-z]+\s*)?\(", rest)
    if noun is None or (noun.group().strip("( ") and noun.group().strip("( ").rstrip("s") not in context_words()["list_place_nouns"]):
        return None
    first = name_end + noun.end()
    closing = re.search(r"[,;)]", text[first:])
    last = first + closing.start() if closing else len(text)
    return next((m for m in known if first <= m.start < last), None)


def _holder_after(text: str, known: list[PlaceMention], items: list[tuple[int, int]], name_end: int
                  ) -> Optional[PlaceMention]:
    """The area the writer puts a listed name in: the first known area in brackets after it in
    the list, or the one after 'in' that closes the list ('Manini and Komo in Chikun LGA')."""
    list_end = items[-1][1]
    bracket = re.match(r"\s*\([^()]*\)", text[list_end:])
    brackets_end = list_end + bracket.end() if bracket else list_end
    for m in known:
        if name_end <= m.start < brackets_end and _in_brackets(text, m.start):
            return m
    # 'Mori, Ash Shawati, and Nawjid military camps (Hidaybu, Suqutra)': a district in brackets
    # after the words naming what the list is
    described = re.match(r"\s*(?:[a-z]+\s+){1,2}\(([^()]*)\)", text[list_end:])
    if described:
        inside = (list_end + described.start(1), list_end + described.end(1))
        first = next((m for m in known if inside[0] <= m.start < inside[1]), None)
        if first is not None and _holds_places(first):
            return first
    after = text[list_end:]
    closing = re.match(r"\s*(?:\([^()]*\)\s*)?(?:[a-z]+\s+){0,2}?(?:in|of)\s+(?:the\s+)?", after)
    if closing:
        at = list_end + closing.end()
        return next((m for m in known if m.start == at), None)
    return None


def _name_lists(doc: Doc, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Capitalised names joined as a list ('A, B and C'; a name may carry brackets after it), as
    character ranges; only lists with an 'and'."""
    text = doc_text(doc)
    lists, current, gaps = [], [], []
    for run in _name_runs(doc, start, end) + [None]:
        gap = _list_gap(text[current[-1][1]:run[0]]) if current and run else None
        if gap:
            current.append(run)
            gaps.append(gap)
            continue
        if "and" in gaps:
            # the name after the last 'and' ends the list: 'X and Y, Cairo' puts both in Cairo
            last_and = max(i for i, g in enumerate(gaps) if g == "and")
            lists.append(current[:last_and + 2])
        current, gaps = ([run], []) if run else ([], [])
    return lists


def _name_runs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Character ranges of capitalised names outside brackets ('Gidan Adamu', 'Lakmat az Zufur')."""
    words = context_words()
    text = doc_text(doc)
    runs, i = [], 0
    tokens = [t for t in doc if start <= t.idx < end]
    while i < len(tokens):
        token = tokens[i]
        if not _name_word(token, words) or token.is_sent_start or _in_brackets(text, token.idx):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and (_name_word(tokens[j], words) or (
                (tokens[j].lower_ in words["name_connectors"] or tokens[j].text == "-")
                and j + 1 < len(tokens) and _name_word(tokens[j + 1], words))):
            j += 1
        runs.append((token.idx, tokens[j - 1].idx + len(tokens[j - 1].text)))
        i = j
    return runs


def _name_word(token: Token, words) -> bool:
    return token.is_title and token.lower_ not in words["calendar_words"] and token.ent_type_ not in ("DATE", "TIME")


def _listed_as_places(doc: Doc, text: str, items: list[tuple[int, int]], known: list[PlaceMention]) -> bool:
    """The names are places: the list follows 'in', 'at', 'near' or 'the villages of', or it is
    closed by the area holding it ('Manini and Komo in Chikun LGA', '... (Donga, Taraba)')."""
    words = context_words()
    before = re.findall(r"[A-Za-z]+", text[max(0, items[0][0] - 40):items[0][0]].lower())
    while before and (before[-1] == "the" or before[-1].rstrip("s") in words["list_place_nouns"]):
        before.pop()
    if before and before[-1] == "of" and len(before) > 1 and (
            before[-2].rstrip("s") in words["list_place_nouns"] or before[-2] in words["place_nouns_before_of"]):
        return True
    if before and before[-1] in words["locative_prepositions"] and before[-1] not in ("between", "from", "to"):
        return True
    return _holder_after(text, known, items, items[-1][1]) is not None


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
        # 'in Jumla, Kanchanpur, Rupandehi, Nawalparasi and Palpa' written with commas only: a list
        # when it has three names or more and none lies in another ('Pinetown, eThekwini, KwaZulu-Natal'
        # is a town, its district and its province)
        run = ordered[first:last + 1]
        if len(run) >= COMMA_LIST_MIN and not any(_lies_in(m, other) for m in run for other in run if m is not other):
            return run
        return []
    # the name after the last "and" ends the list: 'X and Y districts, Kandahar' adds their province
    last_and = max(i for i, gap in enumerate(gaps) if gap == "and")
    return ordered[first:first + last_and + 2]


COMMA_LIST_MIN = 3


def _other_lists(doc: Doc, text: str, ordered: list[PlaceMention], at: int,
                 own_list: list[PlaceMention]) -> list[PlaceMention]:
    """Towns listed in the event's sentence apart from its own place's list ('fighting broke out in
    the areas of Balail and Abu Jabra in the localities of Dimsu, Tullus and Katayla'): ACLED codes
    each as a location of its own. Only lists of towns written where things happen ('in', 'at',
    'the localities of'), in the chosen place's sentence; 'between X and Y' is a stretch."""
    own = own_list or [ordered[at]]
    sentence = _root_token(doc, ordered[at])
    if sentence is None:
        return []
    start, end = sentence.sent.start_char, sentence.sent.end_char
    found, i = [], 0
    while i < len(ordered):
        listed = _list_around(text, ordered, i) if start <= ordered[i].start < end else []
        if len(listed) < 2 or any(m in own for m in listed):
            i += 1
            continue
        i = ordered.index(listed[-1]) + 1
        if (all(m.place is not None and not m.place.feature_code.startswith(HOLDING_FEATURES + ("PCL",)) for m in listed)
                and not _follows_between(text, ordered, ordered.index(listed[0]))
                and _listed_as_places(doc, text, [(m.start, m.end) for m in listed], [])):
            found += listed
    return found


def _lies_in(place: PlaceMention, area: PlaceMention) -> bool:
    """`place` lies in `area` by the gazetteer's codes (country, province or district), or they
    are one place."""
    p, a = place.place, area.place
    if p is None or a is None or p.country_code != a.country_code:
        return False
    if _place_key(place) == _place_key(area) or a.feature_code.startswith("PCL"):
        return True
    if a.feature_code == "ADM1":
        return bool(a.admin1) and a.admin1 == p.admin1
    if a.feature_code == "ADM2":
        return bool(a.admin2) and a.admin1 == p.admin1 and a.admin2 == p.admin2
    return False


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
        elif kind == "and" and _approach_before_next(tokens, i):
            continue  # 'in Chora district and the limits of Tarinkot city'
        elif lower in words["list_place_nouns"] or lower.rstrip("s") in words["list_place_nouns"]:
            continue
        elif lower in words["name_connectors"] and 0 < i < len(tokens) - 1 and tokens[i - 1][0].isupper():
            continue  # inside an unknown name listed between two known ones ('Habil al Ubaydi')
        elif not token[0].isupper():
            return None  # 'Kirkuk and Peshmerga forces in Erbil' is not a list of places
    return kind


def _approach_before_next(tokens: list[str], i: int) -> bool:
    """tokens[i] is part of 'limits of', 'east of' that ends the gap after a list's "and"."""
    approach = context_words()["list_approach_words"]
    lower = tokens[i].lower()
    if lower == "of":
        return i == len(tokens) - 1 and i > 0 and tokens[i - 1].lower() in approach
    return lower in approach and i == len(tokens) - 2 and tokens[i + 1].lower() == "of"


_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _stands_in(text: str, ordered: list[PlaceMention], m: PlaceMention) -> bool:
    """The first name in brackets after an unknown one ('Bab Ghaliq (Qaatabah, Ad Dali)') stands
    for it in a list."""
    opening = text.rfind("(", 0, m.start)
    if opening < 0 or text[opening + 1:m.start].strip():
        return False
    before = text[:opening].rstrip()
    # 'Jabal al Kirsh front (Al Qabbaytah, Lahij)': the kind of place after a known name is still that name's
    last = before.rsplit(None, 1)
    if len(last) == 2 and last[1].lower().rstrip("s") in context_words()["list_place_nouns"]:
        shorter = last[0].rstrip()
        if any(other.end == len(shorter) for other in ordered):
            return False
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

# 'Sirwah district west of Marib city', 'Tal Tamr, 40 km north of Hasakah': only a kind of place
# and a comma between a place and the relative phrase that says where it lies
_LOCATED_GAP = re.compile(r"\s*(?:(?:district|sub-district|village|town|city|area|region|county|province|"
                          r"governorate|municipality|LGA|front|frontline)\b\s*)?,?\s*$", re.IGNORECASE)


def _without_locating_phrases(direct: list[PlaceMention], text: str) -> list[PlaceMention]:
    """Less the places of relative phrases that only say where another named place lies: in 'air
    raids on Sirwah district west of Marib city' the raids are in Sirwah, not west of Marib."""
    return [m for m in direct if not any(
        o is not m and o.end <= _phrase_start(m) < m.start and _LOCATED_GAP.match(text[o.end:_phrase_start(m)])
        for o in direct)]


def _names_a_thing_placed_in_another(doc: Doc, m: PlaceMention, direct: list[PlaceMention]) -> bool:
    """'the Maskan-e Mehr housing project in Mashhad': the name is the project's, which the text
    places in Mashhad, another of the places; the event is there, not at a village called Mehr."""
    thing = _root_token(doc, m)
    things = context_words()["named_thing_nouns"]
    # up the compound: 'Mehr housing project'
    while thing is not None and thing.dep_ in ("compound", "nmod") and thing.head.pos_ == "NOUN" \
            and thing.lemma_.lower() not in things:
        thing = thing.head
    if thing is None or thing.lemma_.lower() not in things:
        return False  # 'Durayhimi district in western Yemen' is a place in a place
    placed_at = {g.i for c in thing.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "near")
                 for g in c.children if g.dep_ == "pobj"}
    if any(o is not m and (r := _root_token(doc, o)) is not None and r.i in placed_at for o in direct):
        return True
    # 'in Tegucigalpa, residents protested against burials in Los Angeles cemetery': the sentence
    # has already said where it happened; the cemetery's name is no second place
    return any(o.end <= m.start for o in _other_towns_in_sentence(doc, m, direct, thing.sent))


def _names_a_street_of_another_town(doc: Doc, m: PlaceMention, direct: list[PlaceMention]) -> bool:
    """'in Sanaa Street in the east of Hodeidah city': a street named after a city lies in the
    other town its sentence names, not in that city."""
    root = _root_token(doc, m)
    if root is None or root.dep_ not in ("compound", "nmod") or root.head.lower_ not in context_words()["street_nouns"]:
        return False
    return any(o.place.name != m.place.name for o in _other_towns_in_sentence(doc, m, direct, root.sent))


def _other_towns_in_sentence(doc: Doc, m: PlaceMention, direct: list[PlaceMention], sentence) -> list[PlaceMention]:
    """The towns among ``direct``, other than ``m``, written in ``sentence``."""
    return [o for o in direct if o is not m and o.place.feature_code.startswith("PPL")
            and (r := _root_token(doc, o)) is not None and r.sent.start == sentence.start]


def _names_where_the_actors_stand(doc: Doc, m: PlaceMention) -> bool:
    """'forces of Artsakh located at Gorgan fired ...': where the side that acts stands."""
    token = _root_token(doc, m)
    if token is None or token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    participle = token.head.head
    # the participle hangs on the subject or a name inside it ('forces of Artsakh located at X')
    return (participle.dep_ == "acl" and participle.lemma_.lower() in context_words()["position_participles"]
            and any(t.dep_ == "nsubj" for t in participle.ancestors))


def _names_an_origin(doc: Doc, m: PlaceMention) -> bool:
    """Where people came from, whoever they are ('fighters coming from Ad Dali arrived at the
    port'), or where the people acted on come from; who acts may act away from home ('students
    from Mandalay marched', 'youth from Tonj South attacked villages in Mapel') and keeps it."""
    owner = origin_of(_root_token(doc, m))
    return owner is not None and (owner.pos_ in ("VERB", "AUX") or not owner.dep_.startswith("nsubj"))


def _phrase_start(m: PlaceMention) -> int:
    """Where the relative phrase of a place begins ('west of Marib'), or the place's own start."""
    return min([span.start for span in m.evidence if span.field == "location" and span.end >= m.end] + [m.start])


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
            # 'drivers marched in Tepic': the march is in the town; 'marched to Tepic' heads there
            return "path" if lemma in words["path_verbs"] and not located else "verb"
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
