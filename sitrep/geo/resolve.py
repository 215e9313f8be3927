"""Toponyms in a parsed article: find them, resolve them with context, tell how each is used.

Steps (``geoparse_doc``):
1. candidates: GPE/LOC/FAC entities; NORP entities and leading adjectives of FORCE entities as
   demonyms; PERSON/ORG entities and untagged proper-noun runs when the gazetteer knows them and
   the text uses them as places ("fled to X", "X, a village ...");
2. context: countries the article names or implies (country names, demonyms), admin1 areas it
   names, "X, <admin1/country>" containers ("Paris, Texas");
3. resolution: each name's candidates scored on population, feature (capital, admin seat,
   country), designator words ("Kirkuk province"), focus countries, named admin1, containers,
   then again with closeness to the places resolved in the first pass;
4. roles: "metonym" (a government: "Baghdad said", "by Tehran", "Baghdad's campaign"),
   "demonym", "speaker" (where a speaker or a group of people is: "In Washington, X said",
   "officials in Y"), "place";
5. relative places: "40 km northwest of X" gives a computed point (role "relative", precision 2);
   an unknown name described by such a phrase ("Foo, a town 40 km northwest of X") becomes a
   place at that point; "near X"/"outskirts of X" make X's precision 2; "northern Iraq" is the
   region (precision 3).
"""
from __future__ import annotations

from collections import Counter

import difflib
import re

from sitrep.language import doc_text, is_dateline

import functools
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, Iterable, Optional, Sequence

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitrep.geo.cues import cue_weights
from sitrep.geo.gazetteer import COUNTRY_FEATURE, Gazetteer, is_region
from sitrep.geo.normalize import fold, leading_designator, name_articles, name_key, strip_designator
from sitrep.geo.readings import READING_MAX_KM, learned_point
from sitrep.geo.relative import (RelativePhrase, destination, distance_km, find_relative_phrases,
                                 mean_point, relative_rules)
from sitrep.records import Place, PlaceMention, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# labels the tagger gives place names too ('Thoothukudi district' a language, 'Tyr' an organisation)
MISTAGGED_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE"})
GOVERNMENT_FEATURES = frozenset({"PCLI", "PPLC"})
FEATURE_BONUS = {"PCLI": 3.0, "PPLC": 2.0, "PPLA": 1.0, "ADM1": 0.8, "RGN": 1.0, "ADM2": -0.5, "PPL": 0.0}
FOCUS_WEIGHT = 4.0
PROVINCE_CUE_WEIGHT = 4.0  # times the share of a cue's reports in the province (dev fifth: 4 to 8 read alike)
CUE_WEIGHT = 0.5  # a cue word counts for half a named place (chosen on the dev fifth; 0.5 to 2 read alike)
DESIGNATOR_MATCH = 6.0
DESIGNATOR_MISMATCH = -3.0
CONTAINER_MATCH = 8.0
HOLDS_NAMESAKE = 1.0  # an area that holds a namesake of the place before it ("Freetown (Western)")
ADMIN1_NAMED = 2.0
EXACT_NAME = 0.5
# a place conflict reports named (learned by `sitrep train`) over a namesake village or small town
# of the same country that only the gazetteer knows: 'near Serhiivka' in an OSCE report is the
# frontline one; never over a city or district of exactly that name (dev fifth: location 80.4% ->
# 81.2%; geoparsing on GWN and TR-News unchanged)
LEARNED_PLACE = 5.0
LEARNED_READING = 2.0  # less than half a named country's focus: the article's own cues come first
SAME_NAMED_CITY = -2.0  # an admin area loses to a city of the same name in it ("Idlib")
NOTABLE_CITY = 50_000  # a city this large (or a seat) takes its name from its area ("Idlib"); a hamlet does not
ANCHOR_BONUS = 1.5  # within 100 km of a place the article names unambiguously (half within 300 km)
MAX_CANDIDATES = 40  # most populous first; a name with more is a common one ("Washington")


@functools.lru_cache(maxsize=1)
def context_words() -> dict[str, frozenset[str]]:
    text = (resources.files("sitrep.geo") / "data" / "context.json").read_text(encoding="utf-8")
    return {k: frozenset(v) for k, v in json.loads(text).items() if not k.startswith("_")}


@dataclass
class _Mention:
    """Working state of one name while the article is resolved."""
    start: int
    end: int
    text: str
    label: str
    root: Optional[Token]
    candidates: list[int] = field(default_factory=list)
    hint: str = ""  # designator kind: ADM1, ADM2, PPL
    chosen: Optional[int] = None
    scores: list[float] = field(default_factory=list)
    lead_abroad: float = 0.0  # how far the chosen reading leads the best one in another country
    role: str = "place"
    precision: int = 1
    evidence: list[Span] = field(default_factory=list)
    demonym: Optional[tuple[str, str]] = None
    place: Optional[Place] = None  # set directly for computed places
    given: bool = False  # a span the caller asked to resolve
    needs_metonym: bool = False  # a mis-tagged name that only counts when used as a government
    fixed_role: str = ""  # a role known from how the name was found ("affiliation" inside an ORG)

    @property
    def folded(self) -> str:
        return fold(self.text)


# ---------------------------------------------------------------- public API

def geoparse_doc(doc: Doc, gazetteer: Optional[Gazetteer] = None) -> list[PlaceMention]:
    """All place mentions in a parsed article, resolved, with their role, in text order."""
    gaz = gazetteer or Gazetteer.load()
    mentions = _find_mentions(doc, gaz)
    return _resolve(doc, mentions, gaz)


def resolve_spans(text: str, spans: Iterable[tuple[int, int]], doc: Optional[Doc] = None,
                  gazetteer: Optional[Gazetteer] = None, guess_unknown: bool = True) -> list[PlaceMention]:
    """Resolve given (start, end) toponym spans; one PlaceMention per span, in the given order.
    The rest of the article still serves as context. A name the gazetteer lacks gets the place
    named closest to it, as "near" with score 0.1 (``guess_unknown=False``: ``place`` None)."""
    gaz = gazetteer or Gazetteer.load()
    if doc is None:
        from sitrep.language import load_nlp  # the language stage sits above geo

        doc = load_nlp()(text)
    spans = [(int(s), int(e)) for s, e in spans]
    given = [_given_mention(doc, s, e, gaz) for s, e in spans]
    context = [m for m in _find_mentions(doc, gaz)
               if not any(m.start < g.end and g.start < m.end for g in given)]
    resolved = [pm for pm in _resolve(doc, given + context, gaz) if pm.place is not None]
    by_span = {(pm.start, pm.end): pm for pm in resolved}
    return [by_span.get(span) or _nearby_guess(text, *span, _guess_sources(resolved) if guess_unknown else [])
            for span in spans]


def _guess_sources(resolved: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places a name the gazetteer lacks may be near: towns where things happen; else any
    town the article names (a speaker's, an organisation's); else any area, demonyms included."""
    towns = [pm for pm in resolved if not is_region(pm.place.feature_code)]
    return ([pm for pm in towns if pm.role == "place"] or [pm for pm in towns if pm.role != "demonym"]
            or list(resolved))


UNKNOWN_NAME_SCORE = 0.1


def _nearby_guess(text: str, start: int, end: int, known: Sequence[PlaceMention]) -> PlaceMention:
    """A name the gazetteer lacks ("Frenchmen Street", "Barclays Center") is most likely in or
    near the place named closest to it in the text (the last before it or the first after it):
    that place, as "near" (geo_precision 2), with a low score and that place's name as evidence."""
    before = [m for m in known if m.end <= start]
    after = [m for m in known if m.start >= end]
    source = min(before[-1:] + after[:1], key=lambda m: min(abs(m.end - start), abs(m.start - end)), default=None)
    if source is None:
        return PlaceMention(text[start:end], start, end)
    evidence = [Span("base", source.start, source.end, source.text)]
    return PlaceMention(text[start:end], start, end, source.place, UNKNOWN_NAME_SCORE, 2, "place", evidence)


# ---------------------------------------------------------------- 1. candidates

def _find_mentions(doc: Doc, gaz: Gazetteer) -> list[_Mention]:
    mentions: list[_Mention] = []
    covered = set()
    for ent in _whole_place_names(doc, gaz):
        covered.update(range(ent.start, ent.end))
        if not any(ch.isupper() for ch in ent.text):
            continue  # 'from house to house': a place name is written with a capital
        if ent.end < len(doc) and doc[ent.end].lemma_.lower() in context_words()["currency_nouns"]:
            continue  # 'the US dollar exchange rate' names a currency, not a place
        if _names_a_neighbourhood(ent):
            continue  # 'in Colonia Lomas de la Presa' is a quarter of the town named before, not Cologne
        if _names_a_force_or_institution(ent.text):
            continue  # 'between Police officers', 'the Bank': a force or an institution, not Police in Poland
        if ent.end < len(doc) and doc[ent.end].lower_ in context_words()["water_nouns"]:
            continue  # 'the pollution of the Atoyac river': a river, not the town of Atoyac elsewhere
        if gaz.demonym(ent.text) == ("", ""):
            mentions.append(_demonym_mention(ent, gaz))  # a people of no country ('a Roma camp'), however tagged
            continue
        if ent.label_ in PLACE_LABELS:
            mentions.append(_nationality_or_place(ent, gaz))
            if _names_an_organisation(ent):
                mentions[-1].fixed_role = "affiliation"  # 'the Luhansk People's Militia'
        elif ent.label_ == "NORP":
            if _names_its_province(ent, gaz):
                mentions.append(_entity_mention(ent, gaz))  # 'Somali region', 'Kachin State': the people's province
                continue
            mention = _demonym_mention(ent, gaz)
            if mention:
                mentions.append(mention)
            elif _capitalised(ent.text):  # 'rallied in Thessaloniki', 'in al-Shamsani' tagged as a nationality
                mentions.append(_entity_mention(ent, gaz, need_locative=True))
        elif ent.label_ == "FORCE":
            mention = _demonym_mention(ent[:1], gaz)  # "Iraqi forces": the adjective only
            if mention:
                mentions.append(mention)
        elif ent.label_ in MISTAGGED_LABELS or _is_a_name_tagged_as_a_date(ent):
            mentions.append(_entity_mention(ent, gaz, need_locative=True))
        located = _located_inside(ent) if ent.label_ in NAMED_AFTER_PLACES else None
        if located is not None:
            placed = _place_before_in(ent, located, gaz)
            if placed is not None:
                mentions.append(_entity_mention(placed, gaz, need_locative=True))  # 'shelled [Qoqfin in Idleb]'
            mentions.append(_entity_mention(located, gaz))
            continue
        if ent.label_ in NAMED_AFTER_PLACES and (not mentions or mentions[-1].start != ent.start_char
                                                  or not mentions[-1].candidates):
            embedded = _embedded_place(ent, gaz)
            if embedded is not None and _a_site_things_happen_at(ent) and any(
                    fold(gaz.name(i)) == fold(embedded.text) for i in embedded.candidates):
                embedded.fixed_role = ""  # 'protested outside the Phnom Penh Municipal Court': it is in Phnom Penh
                embedded.names_a_site = True
            if embedded is not None:
                if mentions and mentions[-1].start == ent.start_char and not mentions[-1].candidates:
                    mentions.pop()
                mentions.append(embedded)
    for run in _proper_noun_runs(doc, covered, gaz):
        if any(ch.isupper() for ch in run.text) and not _names_a_force_or_institution(run.text):
            mentions.append(_entity_mention(run, gaz, need_locative=True))
            covered.update(range(run.start, run.end))
    mentions.extend(_repeated_names(doc, mentions, covered, gaz))
    _quarters_near_their_town(doc, mentions, gaz)
    # '(from 1 - 6 May)': the month, not May in Gujarat
    text = doc_text(doc)
    generic = context_words()["generic_area_words"]
    return [m for m in mentions if not _is_a_month_in_a_date(doc.char_span(m.start, m.end, alignment_mode="expand"))
            and not _AGE_AFTER.match(text, m.end) and not _is_an_amount(text, m)
            and fold(strip_designator(m.text)[0]) not in generic]


def _is_an_amount(text: str, m: _Mention) -> bool:
    """'Rs 160 per maund': a currency written before a number, not Ar Rass in Saudi Arabia."""
    return m.text.lower().rstrip(".") in context_words()["currency_signs"] and _NUMBER_AFTER.match(text, m.end) is not None


_NUMBER_AFTER = re.compile(r"\.?\s*\d")


# 'Moktar, 20, and Tumpa, 18, were injured': a name followed by an age is a person's
_AGE_AFTER = re.compile(r",\s*\d{1,3}(?:,(?!\d)|\s*,\s|-year|\s+years? old)")  # not 'Lambayeque, 4,000 prisoners'


def _nationality_or_place(ent: SpacySpan, gaz: Gazetteer) -> _Mention:
    """'US military forces', 'UK troops': a country named before a party is its nationality, as in
    'American forces', not where the event is (an airstrike by US forces in Urozgan)."""
    mention = _entity_mention(ent, gaz)
    doc = ent.doc
    if not mention.candidates or gaz.feature(mention.candidates[0]) != COUNTRY_FEATURE or ent.end >= len(doc) \
            or doc[ent.end].lower_ not in context_words()["party_nouns"]:
        return mention
    nationality = _Mention(ent.start_char, ent.end_char, ent.text, "NORP", ent.root, role="demonym")
    nationality.demonym = (gaz.country_code(mention.candidates[0]), "")
    nationality.precision = 3
    return nationality


def _names_an_organisation(ent: SpacySpan) -> bool:
    """The place name opens an organisation's name the tagger cut off: two or more capitalised
    words after it, the last an organisation's head ('Luhansk' in 'Luhansk People's Militia')."""
    doc, words, end = ent.doc, 0, ent.end
    while end < len(doc) and end - ent.end < 5 and (doc[end].is_title or doc[end].tag_ == "POS"):
        words += doc[end].tag_ != "POS"
        end += 1
    return words >= 2 and doc[end - 1].lower_ in context_words()["organisation_heads"]


def _names_a_force_or_institution(text: str) -> bool:
    """'between Police officers', 'the Governor of the Bank': a force or an institution, not Police
    in Poland or Bank in India."""
    words = context_words()
    return text.lower() in words["force_words"] or text.lower() in words["institution_words"]


def _quarters_near_their_town(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """'in Sao Goncalo, ... Rio do Ouro neighborhood': a quarter of the town named before it in the
    sentence is one of that town's namesakes' quarters (Gamboa in Rio), or a name the gazetteer
    lacks (not Ouro in Santa Catarina)."""
    text = doc_text(doc)
    for k, quarter in enumerate(mentions):
        if not _before_a_neighbourhood_noun(text, quarter.end):
            continue
        sentence = doc.char_span(quarter.start, quarter.end, alignment_mode="expand").sent
        towns = [m for m in mentions[:k] if m.candidates and m.demonym is None and m.start >= sentence.start_char]
        if towns:
            quarter.candidates = [i for i in quarter.candidates if any(_lies_within(i, town, gaz) for town in towns)]


# 'Andarai, Cordovil and Vila Isabel neighborhoods': the rest of a list of names
_REST_OF_NAME_LIST = re.compile(r"(?:\s*(?:,\s*and|,|and)\s+(?:[A-Z][\w'’-]*\s*)+)*\s*(\w+)")


def _before_a_neighbourhood_noun(text: str, end: int) -> bool:
    """The name written up to ``end`` is followed by a neighbourhood noun, alone or at the end of a
    list of names ('Rio do Ouro neighborhood', 'Andarai, Cordovil and Vila Isabel neighborhoods')."""
    found = _REST_OF_NAME_LIST.match(text, end)
    if found is None:
        return False
    word = found.group(1).lower()
    nouns = context_words()["neighbourhood_nouns"]
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)


def _is_a_month_in_a_date(ent: Optional[SpacySpan]) -> bool:
    if ent is None:
        return False
    doc = ent.doc
    if len(ent) != 1 or ent[0].lower_ not in context_words()["calendar_words"]:
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return bool((before is not None and before.like_num) or (after is not None and after.like_num))


def _is_a_name_tagged_as_a_date(ent: SpacySpan) -> bool:
    """'in Taalabaya' tagged DATE: one capitalised word with no digit, and no calendar word."""
    return (ent.label_ == "DATE" and len(ent) == 1 and ent[0].is_title and not any(ch.isdigit() for ch in ent.text)
            and ent[0].lower_ not in context_words()["calendar_words"])


def _names_a_neighbourhood(ent: SpacySpan) -> bool:
    words = context_words()["neighbourhood_words"]
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in words:
        return True  # 'in fraccionamiento La Joya', 'in Colonia Vallejo' with the tagger's cut after 'Colonia'
    if ent[0].lower_ not in words:
        return False
    return len(ent) > 1 or (ent.end < len(ent.doc) and ent.doc[ent.end].is_title)


_MAX_WORDS_ADDED = 4


def _whole_place_names(doc: Doc, gaz: Gazetteer) -> list[SpacySpan]:
    """The entities, with place names the tagger cut short made whole ('Nord' + '-Kivu',
    'Rio Grande' + 'do Norte', 'Baja' + 'California'); an entity swallowed that way is gone."""
    found: list[SpacySpan] = []
    ents = _recut(list(doc.ents), gaz)
    for ent in ents:
        if found and ent.start < found[-1].end:
            continue
        if ent.label_ in PLACE_LABELS or ent.label_ in MISTAGGED_LABELS:
            ent = _begun_name(ent, found[-1].end if found else 0, gaz)
        found.append(_completed_name(ent, gaz) if ent.label_ in PLACE_LABELS | MISTAGGED_LABELS else ent)
    return found


def _recut(ents: list[SpacySpan], gaz: Gazetteer) -> list[SpacySpan]:
    """Two place entities side by side that the tagger cut one word off ('Tijuana Baja' +
    'California'): the word goes to the second when the gazetteer knows both parts so
    ('Tijuana', 'Baja California') and not the first as it was tagged."""
    out = list(ents)
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if (first.label_ not in PLACE_LABELS or second.label_ not in PLACE_LABELS or len(first) < 2
                or second.start != first.end or gaz.has_name(first.text)):
            continue
        head, moved = first[:-1], first.doc[first.end - 1:second.end]
        if gaz.has_name(head.text) and gaz.has_name(moved.text):
            out[k] = SpacySpan(first.doc, head.start, head.end, label=first.label_)
            out[k + 1] = SpacySpan(first.doc, moved.start, moved.end, label=second.label_)
    return out


def _begun_name(ent: SpacySpan, free_from: int, gaz: Gazetteer) -> SpacySpan:
    """The entity with the capitalised words the tagger left before it, when the gazetteer knows
    the whole by exactly that name ('Sheikh' + 'Zuweiyid'); a sentence's opening word is left out."""
    doc, start = ent.doc, ent.start
    connectors = context_words()["name_connectors"]
    while start > free_from and ent.start - start < _MAX_WORDS_ADDED and not doc[start - 1].is_sent_start and (
            (doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN")
            # 'Catole' + 'do' + 'Rocha', 'Leon' + 'de los' + 'Aldama': connectors inside the name
            or (doc[start - 1].lower_ in connectors and start - 2 >= free_from)):
        start -= 1
    for candidate in range(start, ent.start):
        if doc[candidate].is_title and gaz.has_name(doc[candidate:ent.end].text):
            return SpacySpan(doc, candidate, ent.end, label=ent.label_)
    return ent


def _completed_name(ent: SpacySpan, gaz: Gazetteer) -> SpacySpan:
    """The entity, or its longest continuation to the right that the gazetteer knows by exactly
    that name: capitalised words, words written on after a hyphen, connectors between them."""
    doc, end, ends = ent.doc, ent.end, []
    while end < len(doc) and len(ends) < _MAX_WORDS_ADDED:
        token, written_on = doc[end], not doc[end - 1].whitespace_
        if token.text == "-" and written_on:
            end += 1
        elif token.is_title or (written_on and token.text[:1] == "-" and token.text[1:2].isupper()):
            end += 1
            ends.append(end)
        elif _connectors_then_name(doc, end):
            end += 1
        else:
            break
    for candidate in reversed(ends):
        if gaz.has_name(doc[ent.start:candidate].text):
            # a person's name the tagger saw ('Khabb') that the gazetteer knows whole is a place
            label = "GPE" if ent.label_ in MISTAGGED_LABELS else ent.label_
            return SpacySpan(doc, ent.start, candidate, label=label)
    return ent


def _connectors_then_name(doc: Doc, at: int) -> bool:
    """Lower-case connectors from ``at`` ('wa ash'), then a capitalised word. Inside a name the
    gazetteer knows whole, 'of' joins too: the tagger splits 'Port of Spain' into two places."""
    connectors, end = set(context_words()["name_connectors"]) | {"of"}, at
    while end < len(doc) and end - at < 3 and doc[end].lower_ in connectors:
        end += 1
    return end > at and end < len(doc) and doc[end].is_title


def _repeated_names(doc: Doc, mentions: list[_Mention], covered: set[int], gaz: Gazetteer) -> list[_Mention]:
    """A name found as a place elsewhere in the article, where the tagger missed it ('in Sake')."""
    known = {m.text for m in mentions if m.candidates and m.demonym is None and " " not in m.text}
    found = []
    for token in doc:
        if token.i in covered or token.is_sent_start or not token.is_title or token.text not in known:
            continue
        found.append(_entity_mention(doc[token.i: token.i + 1], gaz))
    return found


def _entity_mention(span: SpacySpan, gaz: Gazetteer, need_locative: bool = False) -> _Mention:
    start_tok, end_tok = span.start, span.end
    doc = span.doc
    while start_tok < end_tok - 1 and doc[start_tok].lower_ == "the":
        start_tok += 1
    while end_tok > start_tok + 1 and (doc[end_tok - 1].tag_ == "POS" or doc[end_tok - 1].is_space):  # "Baghdad's"
        end_tok -= 1
    core = doc[start_tok:end_tok]
    mention = _Mention(core.start_char, core.end_char, core.text, span.label_ if hasattr(span, "label_") else "",
                       core.root)
    _, mention.hint = strip_designator(core.text)
    if not mention.hint and end_tok < len(doc) and not _names_another(doc[end_tok]):  # "Kirkuk province"
        mention.hint = _designator_kind(doc[end_tok].lower_)
    mention.candidates = gaz.candidates(core.text)[:MAX_CANDIDATES]
    if is_dateline(core.sent):
        need_locative = False  # a dateline names where the story was filed
    if need_locative and span.label_ == "ORG" and _is_prominent_place(core.text, mention.candidates, gaz):
        need_locative = False  # "Kentucky", "Winnipeg" tagged ORG: a well-known place by that exact name
    # 'Nimbahera taluka', 'Toungo LGA': a name with the kind of area or town written after it is a
    # place's ('Sitio Malinao', a kind written before, names a hamlet the gazetteer seldom has)
    kind_after = mention.hint if not leading_designator(core.text.split()[0]) else ""
    if need_locative and mention.candidates and not kind_after.startswith(("ADM2", "PPL")) and not _is_locative(core):
        # a person shares a village's name often enough ('killed Hassan in Mosul' is not India's
        # Hassan): a name said to be in a place is a place only where that place's province has it
        areas = _areas_placed_in(core, gaz) | _areas_written_after(core, gaz)
        inside = [i for i in mention.candidates if (gaz.country_code(i), gaz.admin1_code(i)) in areas]
        if inside:
            mention.candidates = inside
            return mention
        holding = _areas_holding_the_name_before(core, mention.candidates, gaz)
        if holding:
            mention.candidates = holding  # 'Cabanatuan, Nueva Ecija': the province of a town named before it
            return mention
        # a capital or country the model tagged ORG/PERSON may still be a government speaking
        # ("Washington said"): kept for now, dropped after resolution unless it is a metonym
        governments = [i for i in mention.candidates if gaz.feature(i) in GOVERNMENT_FEATURES]
        mention.candidates = governments
        mention.needs_metonym = bool(governments)
    if not mention.label:
        mention.label = "PROPN"
    return mention


PROMINENT_FEATURES = frozenset({"PCLI", "ADM1", "PPLC", "CONT"})
PROMINENT_POPULATION = 100_000


def _names_another(noun: Token) -> bool:
    """'the central Mali town of Konna': the noun after the name introduces another name, so the
    first one is not a town (nor a landmark) of that name."""
    return noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lower_ == "of"


def _is_prominent_place(text: str, candidates: list[int], gaz: Gazetteer) -> bool:
    """The whole name is exactly a country, a first-level area, a capital or a city of 100,000 people
    (an organisation named after a place carries more words: "Edmonton Oilers")."""
    folded = fold(text)
    for i in candidates:
        if fold(gaz.name(i)) != folded and len(text) <= 3:
            continue  # short codes only by their own name
        if gaz.feature(i) in PROMINENT_FEATURES or gaz.population(i) >= PROMINENT_POPULATION:
            return True
    return False


NAMED_AFTER_PLACES = frozenset({"ORG", "FAC"})


def _located_inside(ent: SpacySpan) -> Optional[SpacySpan]:
    """'the Court of Justice in Sofia' tagged as one organisation: the name after its last 'in'
    or 'at' says where it is, as it would outside the entity."""
    marks = [t.i for t in ent if t.lower_ in ("in", "at") and t.i > ent.start]
    if not marks or marks[-1] + 1 >= ent.end:
        return None
    rest = ent.doc[marks[-1] + 1:ent.end]
    if not all(t.text[:1].isupper() or t.lower_ in ("al", "el", "de", "of") for t in rest if not t.is_punct):
        return None
    return rest


def _place_before_in(ent: SpacySpan, located: SpacySpan, gaz: Gazetteer) -> Optional[SpacySpan]:
    """'Qoqfin in Idleb' tagged as one organisation: the name before 'in', when it is a place name
    the gazetteer knows, whole ('the Court of Justice in Sofia' names no place before 'in')."""
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    before = ent.doc[start:located.start - 1]
    if not len(before) or not before.text[:1].isupper() or not gaz.has_name(before.text):
        return None
    return before


def _embedded_place(ent: SpacySpan, gaz: Gazetteer) -> Optional[_Mention]:
    """A well-known place inside an organisation's or building's name: "Kentucky State Police",
    "University of California", "New York Times". It tells where the organisation is, never where
    an event happened (role "affiliation")."""
    tokens = [t for t in ent if not t.is_punct]
    if len(tokens) < 2:
        return None
    first = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    options = [ent.doc[first:first + n] for n in range(ent.end - first - 1, 0, -1)]  # longest prefix first
    of = [t.i for t in ent if t.lower_ == "of"]
    if of and of[-1] + 1 < ent.end:
        options.insert(0, ent.doc[of[-1] + 1:ent.end])  # "Bank of Mexico"
    for part in options:
        if not part.text[:1].isupper() or part[-1].is_punct or strip_designator(part.text)[1]:
            continue  # "Kentucky State" (Police): the name alone is tried next
        candidates = gaz.candidates(part.text)[:MAX_CANDIDATES]
        if candidates and _is_prominent_place(part.text, candidates, gaz):
            mention = _Mention(part.start_char, part.end_char, part.text, "GPE", part.root,
                               candidates=candidates, fixed_role="affiliation")
            return mention
    return None


def _a_site_things_happen_at(ent: SpacySpan) -> bool:
    """The organisation's or building's name is written where something happens: after 'in',
    'at', 'outside' ('outside the Phnom Penh Municipal Court'), perhaps through the part of it
    ('at the headquarters of East Delhi Municipal Corporation')."""
    doc, words = ent.doc, context_words()
    at = ent.start - 1
    while at >= 0 and ent.start - at <= 4 and (doc[at].lower_ in ("the", "of", "front")
                                               or doc[at].lemma_.lower() in words["site_nouns"]):
        at -= 1
    # 'workers at the Gafsa Phosphate Company': where they work, not where they act
    return at >= 0 and doc[at].lower_ in words["where_prepositions"] and not (
        doc[at].head.pos_ == "NOUN" and doc[at].head.lemma_.lower() in words["origin_person_nouns"])


def _designator_kind(word: str) -> str:
    from sitrep.geo.normalize import designators

    return designators().get(word, "")


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)-(?=[A-Z])")


def _capitalised(name: str) -> bool:
    """Written as a name: a capital first, or after an Arabic article ('al-Shamsani')."""
    return name[:1].isupper() or bool(_ARTICLE_PREFIX.match(name))


PROVINCE_WORDS = frozenset({"region", "state", "province", "governorate"})


def _names_its_province(ent: SpacySpan, gaz: Gazetteer) -> bool:
    """A people's name before 'region' or 'state' that is a province's name: 'Somali region' is
    Ethiopia's Somali Region, not Somalia."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].lower_ not in PROVINCE_WORDS:
        return False
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    # written as a place: after 'in' or a bracket, or with its designator capitalised; not 'the Somali state'
    if not (doc[ent.end].is_title or before in ("(", ",", "in", "of", "across", "throughout")):
        return False
    return any(gaz.feature(i) == "ADM1" for i in gaz.candidates(ent.text))


def _demonym_mention(span: SpacySpan, gaz: Gazetteer) -> Optional[_Mention]:
    found = gaz.demonym(span.text)
    if found is None:
        return None
    mention = _Mention(span.start_char, span.end_char, span.text, "NORP", span.root, role="demonym")
    mention.demonym = found
    mention.precision = 3
    return mention


def _proper_noun_runs(doc: Doc, covered: set[int], gaz: Gazetteer) -> Iterable[SpacySpan]:
    """Runs of PROPN tokens outside any entity: names the model did not tag at all."""
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and i not in covered:
            j = i
            while j < len(doc) and j not in covered and "\n" not in doc[j].text and (
                    doc[j].pos_ == "PROPN" or _joins_a_name(doc, j) or _article_inside_a_name(doc, j)):
                j += 1
            if j < len(doc) and doc[j].like_num and gaz.candidates(f"{doc[i:j].text} {doc[j].text}"):
                j += 1  # 'near Mine 6/7': a number the gazetteer knows as part of the name
            yield from _hyphen_parts(doc[i:j], gaz)
            i = j
        else:
            i += 1


def _joins_a_name(doc: Doc, j: int) -> bool:
    """A hyphen inside a name ('As-Safira', 'Deir-ez-Zor'): the tokenizer cuts it in three."""
    return (doc[j].text == "-" and j > 0 and not doc[j - 1].whitespace_ and not doc[j].whitespace_
            and j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or _article_inside_a_name(doc, j + 1)))


def _article_inside_a_name(doc: Doc, j: int) -> bool:
    """The 'ez' of 'Deir-ez-Zor': an Arabic article between two hyphens, before a name."""
    return (doc[j].lower_ in name_articles() and 0 < j < len(doc) - 2 and doc[j - 1].text == "-"
            and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_
            and doc[j + 2].pos_ == "PROPN")


def _hyphen_parts(run: SpacySpan, gaz: Gazetteer) -> Iterable[SpacySpan]:
    """A hyphenated run is one name when it starts with an article ('As-Safira' is no As in
    Czechia) or the gazetteer knows it whole; else its parts are names ('the Rashayya-Masnaa road')."""
    cuts = [t.i for t in run if t.text == "-" and run.start < t.i < run.end - 1]
    if not cuts or run[0].lower_ in name_articles() or gaz.candidates(run.text):
        yield run
        return
    start = run.start
    for cut in cuts + [run.end]:
        if cut > start:
            yield run.doc[start:cut]
        start = cut + 1


def _opens_area_bracket(span: SpacySpan) -> bool:
    """The bracket around the name opens right after a capitalised name ('Kwadon (...'), or after
    the kind of place it names ('Hat police station (Hat, Al Mahrah)')."""
    doc = span.doc
    for i in range(span.start - 1, max(span.start - 8, 0), -1):
        if doc[i].text == "(":
            before = i - 1
            while before > 0 and i - before <= 2 and doc[before].pos_ == "NOUN" and doc[before].is_lower:
                before -= 1
            return before >= 0 and doc[before].is_title
        if doc[i].text in (")", ".", ";"):
            return False
    return False


def _is_locative(span: SpacySpan) -> bool:
    """A name used as a place: object of a locative preposition, or "X, a town ..."."""
    words = context_words()
    root = span.root
    if _listed_after_a_place(span):
        return True
    if root.dep_ == "pobj" and root.head.lower_ in words["locative_prepositions"]:
        if root.head.lower_ != "of":
            return True
        return root.head.head.lemma_.lower() in words["place_nouns_before_of"]
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in words["apposition_place_nouns"]:
            return True
    if root.dep_ == "dobj" and root.head.lemma_.lower() in words["place_target_verbs"]:
        return True  # 'regime forces shelled Sfuhen': what is shelled is a place
    if root.dep_ in ("compound", "nmod", "amod") and root.head.lemma_.lower() in words["place_part_nouns"] \
            and not _names_another(root.head):
        return True  # 'blocked the Beddawi highway', 'the Aabde roundabout': a landmark named after its place
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if _first_end_of_a_road(span, words):
        return True  # 'on the Damboa - Maiduguri road': the road's two ends are places
    if after is not None and after.lemma_.lower() in words["place_part_nouns"] and not _names_another(after) \
            and span.start > 0 and span.doc[span.start - 1].lower_ == "the":
        return True  # the same, however the parser hangs it ('blocked the Zahle roundabout and Military forces')
    # the parser may hang the name elsewhere ('rallied in Thessaloniki demanding ...'): a
    # locative preposition right before it still says it is a place
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text == "(" and span.end < len(span.doc) and span.doc[span.end].text == ",":
        return True  # 'Djaiba (Djugu, Ituri)': the first of the areas that hold a place
    if before is not None and before.text == "," and span.end < len(span.doc) and span.doc[span.end].text == ")" \
            and _opens_area_bracket(span):
        return True  # 'Kwadon (Yamaltu/Deba LGA, Gombe)': the last of them, the province
    if before is not None and before.text == "(" and span.end < len(span.doc) and span.doc[span.end].text == ")" \
            and before.i > 0 and (_AREA_WORD.match(before.doc[before.i - 1].text) or before.doc[before.i - 1].ent_type_ in PLACE_LABELS):
        return True  # 'Poonch district (J&K)': the area alone in the bracket after a place
    if before is not None and before.lemma_.lower() in words["apposition_place_nouns"] and before.i > 0 \
            and before.doc[before.i - 1].lower_ in ("the", "of"):
        return True  # 'the capital Ndjamena', 'the village Mitsobi'
    return before is not None and before.lower_ in words["locative_prepositions"] and before.lower_ != "of"


def _first_end_of_a_road(span: SpacySpan, words: dict) -> bool:
    """The first of two names joined by a dash before a path noun ('the Damboa - Maiduguri road',
    'the Baalbek-Homs road' once cut in two), which the parser hangs on the second name rather
    than on the road."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text not in ("-", "–", "—"):
        return False
    second = doc[span.end + 1]
    road = second.head
    return (second.pos_ == "PROPN" and span.root.head.i in (second.i, road.i)
            and second.dep_ in ("compound", "nmod", "amod") and road.lemma_.lower() in words["path_nouns"])


def _listed_after_a_place(span: SpacySpan) -> bool:
    """'in Al Jawf, Ad Dali and Taizz governorates': the last of a list of places is one too,
    whatever the tagger called it; so is the area written after one ('in Cuauhtemoc
    municipality, Chihuahua')."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("and", ","):
        return False
    at = span.start - 2
    if doc[span.start - 1].text == ",":
        # 'in Zari district center, Balkh': back over the kinds of area to the name
        while at > 0 and span.start - 2 - at < 2 and _AREA_WORD.match(doc[at].text):
            at -= 1
    elif doc[at].text == "," and at > 0:
        at -= 1  # 'Nihm (Sanaa), and Al Jawf'
    if doc[at].text == ")":
        # back over the bracket that says where the name before lies: 'Sirwah (Marib), Nihm (Sanaa), and Al Jawf'
        opening = next((i for i in range(at - 1, max(at - 8, 0), -1) if doc[i].text == "("), None)
        if opening is None or opening == 0:
            return False
        if doc[opening + 1].ent_type_ in PLACE_LABELS:
            return True  # the bracket names an area: what it follows is a place, whatever its tag
        at = opening - 1
    previous = doc[at]
    return previous.ent_type_ in PLACE_LABELS and previous.ent_iob_ in ("B", "I")


def _areas_placed_in(span: SpacySpan, gaz: Gazetteer) -> set[tuple[str, str]]:
    """'shelled Menbij in Aleppo', 'attacked Kinda near Idleb': the provinces (country, admin1)
    of the place a name is said to lie in or near, where the tagger found one right after it."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("in", "near"):
        return set()
    after = doc[span.end + 1]
    if after.lower_ in context_words()["area_adjectives"] and span.end + 2 < len(doc):
        after = doc[span.end + 2]  # 'in rural Ras al Ain'
    if after.ent_type_ not in PLACE_LABELS or after.ent_iob_ != "B":
        return set()
    place = next(ent for ent in doc.ents if ent.start == after.i)
    return {(gaz.country_code(i), gaz.admin1_code(i)) for i in gaz.candidates(place.text)[:3]}


# a name written right after another one, behind a comma or a bracket ('Faridkot (Punjab)')
_NAME_AFTER = re.compile(r"\s*[,(]\s*([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|de|del|do|da|and)\b)*)")
_NAME_BEFORE = re.compile(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s*[,(]\s*$")
AREA_FEATURES = ("ADM1", "ADM2")


def _areas_written_after(span: SpacySpan, gaz: Gazetteer) -> set[tuple[str, str]]:
    """'Faridkot (Punjab)', 'Quissanga (Cabo Delgado)', 'Cabanatuan, Nueva Ecija': the provinces
    (country, admin1) of the area named right after the name, whatever the tagger made of either."""
    found = _NAME_AFTER.match(doc_text(span.doc), span.end_char)
    if found is None:
        return set()
    return {(gaz.country_code(i), gaz.admin1_code(i)) for i in gaz.candidates(found.group(1))[:MAX_CANDIDATES]
            if gaz.feature(i).startswith(AREA_FEATURES)}


def _areas_holding_the_name_before(span: SpacySpan, candidates: list[int], gaz: Gazetteer) -> list[int]:
    """The name's areas that hold a namesake of the name written right before it
    ('Cabanatuan, Nueva Ecija': Nueva Ecija is the province of a Cabanatuan)."""
    found = _NAME_BEFORE.search(doc_text(span.doc)[max(0, span.start_char - 60):span.start_char])
    if found is None:
        return []
    before = {(gaz.country_code(i), gaz.admin1_code(i)) for i in gaz.candidates(found.group(1))[:MAX_CANDIDATES]}
    return [i for i in candidates if gaz.feature(i).startswith(AREA_FEATURES)
            and (gaz.country_code(i), gaz.admin1_code(i)) in before]


def _given_mention(doc: Doc, start: int, end: int, gaz: Gazetteer) -> _Mention:
    span = doc.char_span(start, end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    text = doc_text(doc)[start:end]
    mention = _Mention(start, end, text, "GPE", root, given=True)
    _, mention.hint = strip_designator(text)
    if not mention.hint and span is not None and span.end < len(doc):
        mention.hint = _designator_kind(doc[span.end].lower_)
    demonym = gaz.demonym(text)
    if demonym is not None:  # "Turkish" names Turkey's country, never a town called Turkish
        mention.role, mention.demonym, mention.precision = "demonym", demonym, 3
        return mention
    mention.candidates = gaz.candidates(text)[:MAX_CANDIDATES]
    return mention


# ---------------------------------------------------------------- 2-5. resolution

def _resolve(doc: Doc, mentions: list[_Mention], gaz: Gazetteer, keep=None) -> list[PlaceMention]:
    mentions.sort(key=lambda m: m.start)
    containers = _containers(doc, mentions, gaz)
    cues, province_cues = cue_weights(doc_text(doc))
    focus = _focus_weights(mentions, gaz, resolved=False, cues=cues)
    _choose_all(mentions, gaz, focus, containers, anchors=[], province_cues=province_cues)
    focus = _focus_weights(mentions, gaz, resolved=True, cues=cues)

    def focus_without(m: _Mention) -> tuple[dict[str, float], float]:
        return _focus_of_others(mentions, m, gaz, cues)

    anchors = [gaz.point(m.chosen) for m in mentions
               if m.chosen is not None and len(m.candidates) == 1 and not is_region(gaz.feature(m.chosen))]
    anchors += [gaz.point(m.chosen) for m in mentions if m.chosen is not None and len(m.candidates) > 1
                and m.scores and m.scores[0] - (m.scores[1] if len(m.scores) > 1 else 0) > 3
                and not is_region(gaz.feature(m.chosen))]
    _choose_all(mentions, gaz, focus, containers, anchors, province_cues, focus_without)
    for m in mentions:
        if m.role != "demonym" and m.chosen is not None:
            m.role = m.fixed_role or _role_of(m, gaz)
            m.precision = _precision_of(gaz.feature(m.chosen))
            if m.hint == "ADM2" and m.precision == 1:
                m.precision = 2  # a district placed at its seat town
            if m.needs_metonym and m.role != "metonym":
                m.chosen, m.candidates = None, []
    _restatements(doc, mentions)
    extra = _relative_places(doc, mentions, gaz)
    _mark_vague_after(doc_text(doc), mentions)
    _region_adjectives(doc, mentions, gaz)
    out = []
    for m in sorted(mentions + extra, key=lambda m: (m.start, m.end)):
        if keep is not None and not keep(m):
            continue
        pm = _to_place_mention(m, gaz)
        if pm is not None:
            out.append(pm)
    return out


_GAP_WORD = (r"(?:city|town|village|district|province|state|region|county|commune|area|township|municipality|parish|"
             r"governorate|department|subdivision|upazila|tehsil|lga|cent(?:er|re)|sector|neighbou?rhood|suburb|"
             # the areas of ACLED's notes by country: DRC territories, Ethiopian zones and woredas,
             # Sudanese localities, South Sudanese payams, Ukrainian raions, Malian cercles
             r"territory|zone|locality|woreda|kebele|payam|boma|raion|rayon|oblast|cercle|prefecture|groupement|chiefdom|barangay)")
# 'Kadikoy town center, Istanbul', 'Shahpur sector area (Poonch district, J&K)': up to two such words
_CONTAINER_GAP = re.compile(rf"^(?:{_GAP_WORD}(?:\s+{_GAP_WORD})?)?\s*[(,]$"
                            # 'Parisu (Abadam LGA, Borno)': a district the gazetteer lacks in between
                            r"|^\(\s*[^(),.;]{1,40},$", re.IGNORECASE)
# 'Soledad Doblado municipality, Veracruz', 'Choro del Mono sector, Cedeno': the rest of a name the
# gazetteer knows only in part (capitalised words and name particles), then the kind of area
_PARTICLES = "de|del|la|las|los|do|da|dos|das|di|du"
_NAME_REST_GAP = re.compile(rf"^(?:(?:[A-Z][\w'’-]*|{_PARTICLES}|el|al)\s+){{0,3}}"
                            rf"[A-Z][\w'’-]*\s+(?i:{_GAP_WORD})(?:\s+(?i:{_GAP_WORD}))?\s*[(,]$")
# 'Martinez de la Torre': nothing but particles between two pieces of one name
_NAME_PARTICLES = re.compile(rf"^(?:(?:{_PARTICLES})\s*){{0,2}}$")
_AREA_WORD = re.compile(rf"^{_GAP_WORD}$", re.IGNORECASE)


def _container_gap(between: str) -> bool:
    return bool(_CONTAINER_GAP.match(between) or _NAME_REST_GAP.match(between))


def _containers(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> dict[int, tuple[str, str]]:
    """ "Paris, Texas" / "Tripoli, Lebanon": the second name pins the first one's country/admin1."""
    pinned, text = {}, doc_text(doc)
    # last pair first, so a pin passes down a chain: 'San Juan, Lagunillas, Merida state'
    for index, (a, b) in reversed(list(enumerate(zip(mentions, mentions[1:])))):
        between = text[a.end:b.start].strip()
        if between == "," and _listed(text, mentions, index + 1):
            continue  # 'Aleppo, Homs and Hama': three cities, not Aleppo in Homs province
        if _NAME_PARTICLES.match(between) and id(b) in pinned:
            # 'Martinez de la Torre, Veracruz': two pieces of one name share the area it lies in
            pinned[id(a)] = pinned[id(b)]
            a.pinned_surely = getattr(b, "pinned_surely", False)
            continue
        if a.candidates and b.candidates and _part_gap().match(between):
            _keep_within(a, b, gaz)  # 'Gota area of Ahmedabad city' is no Gotha in Germany
            if a.candidates:
                # 'Dogubeyazit district of Agri': the province says where the district is; a
                # later sentence with no place of its own is about the district, not the province
                _mark_as_holding(b, a, gaz)
            continue
        if a.candidates and not b.candidates and id(b) in pinned and (between == "," or _part_gap().match(between)):
            # 'Islamabad area of Alishing district, Laghman', 'Buenos Aires, Nuevo Chimbote, Ancash':
            # the unknown district passes on its province, so the village is no namesake capital abroad
            pinned[id(a)] = pinned[id(b)]
            a.pinned_surely = getattr(b, "pinned_surely", False)
            continue
        if b.candidates and _NEAR_GAP.match(between.lstrip(", ")) and _local_name(a, gaz):
            anchor = _only_reading(b, pinned.get(id(b)), gaz)
            if anchor is not None:
                # 'Hamirpur village near Rapar town (Kachchh, Gujarat)', 'Korogo, near Berunda': a
                # namesake far from the town it is near is not it
                a.district = anchor
            continue
        if b.candidates and _in_gap().match(between) and _local_name(a, gaz):
            _pin_inside(a, b, gaz, pinned)  # 'Nadas in rural Ras al Ain in al-Hasakeh', 'Sfuhen in Idleb'
            continue
        if a.candidates and b.candidates and between == "," and _named_as_a_quarter(a):
            _keep_within(a, b, gaz)  # 'Barangay Pilar, Hinigaran': that town's Pilar, or none the gazetteer has
            continue
        if (a.candidates and b.candidates and between == "," and _a_town(b, gaz) and _local_name(a, gaz)
                and (b.label in PLACE_LABELS or id(b) in pinned) and not _listed(text, mentions, index)
                and {gaz.country_code(i) for i in a.candidates} & {gaz.country_code(j) for j in b.candidates[:MAX_WHOLES]}):
            # 'Ermita, Manila': a namesake across the country (the Visayas' Ermita, 450 km away) is
            # not the quarter of the town written after it, which the gazetteer may lack
            a.candidates = [i for i in a.candidates if _near_a_namesake(i, b, gaz, lambda _: PROVINCE_MAX_KM)]
            continue
        if not b.candidates or not (between in (",", "(") or _container_gap(between)):
            continue
        if between == "(" and _is_country(a, gaz) and not _is_country(b, gaz) and _district_then_province(text, mentions, index + 1):
            continue  # 'in western Yemen (Ad Durayhimi, Al Hudaydah)': the bracket says where in it
        b.is_container = True  # 'Ivirgarzama, Cochabamba': an unknown town still sits in the area named
        if a.candidates:
            _mark_as_holding(b, a, gaz)
        # the pin is kept for an unknown name too: 'Muaja (Ancuabe, Cabo Delgado)' passes it on
        holders = b.candidates
        if id(b) in pinned and getattr(b, "pinned_surely", False):
            # 'Lagunillas, Merida state': the districts called Lagunillas in Merida's country only
            holders = [i for i in b.candidates if gaz.country_code(i) == pinned[id(b)][0]] or holders
        elif id(b) in pinned and b.hint == "ADM2":
            # 'Toungo (Toungo LGA, Adamawa)': the district in Adamawa's country, or its seat town there,
            # before a namesake district abroad (Taungoo in Myanmar)
            country = pinned[id(b)][0]
            holders = [i for i in holders if gaz.country_code(i) == country] or [
                i for i in gaz.candidates(strip_designator(b.text)[0])
                if gaz.country_code(i) == country and gaz.feature(i).startswith(("ADM2", "PPL"))] or holders
        if b.hint:  # 'Merida state': the state, not the Spanish or Mexican towns
            holders = [i for i in holders if gaz.feature(i).startswith(b.hint)] or holders
        areas = _areas_among(holders, gaz)
        if fold(a.text) == fold(b.text):
            # 'Colon (Colon)': a town and the province named after it, so the province that holds a
            # town of that name (Panama's), not one that would be its own container (Honduras's)
            named_after = [i for i in areas if any(j != i and gaz.feature(j).startswith("PPL")
                                                   and _pin_of(j, gaz) == _pin_of(i, gaz) for j in a.candidates)]
            if named_after:
                areas = named_after
                pinned[id(b)] = _pin_of(areas[0], gaz)
        theirs = {gaz.country_code(i) for i in a.candidates}
        if len(theirs) == 1:
            # 'Khabb wa ash Shaaf district (Al Jawf)': a name only one country has says which
            # Al Jawf holds it (Yemen's, not Saudi Arabia's)
            areas = [i for i in areas if gaz.country_code(i) in theirs] or areas
        if not areas and b.hint == "ADM2":
            # 'Toungo (Toungo LGA, Adamawa)': a district the gazetteer knows only by its seat town
            areas = [i for i in holders if gaz.feature(i).startswith("PPL")
                     and (id(b) not in pinned or gaz.country_code(i) == pinned[id(b)][0])]
        a.pinned_surely = len({gaz.country_code(i) for i in areas}) == 1  # 'Al Jawf': Yemen's and Saudi Arabia's
        if areas:  # 'Badah town (Larkana, Sindh)': a district pins its province too
            pinned[id(a)] = _pin_of(areas[0], gaz)
            if b.hint == "ADM2" and gaz.feature(areas[0]) == "ADM2":
                a.district = areas[0]  # 'Buruku (Chikun LGA, Kaduna)': the town lies in that district
        elif between == "," and id(b) in pinned:
            pinned[id(a)] = pinned[id(b)]  # b is a town pinned by the area after it
            a.pinned_surely = getattr(b, "pinned_surely", False)
    for a, b, c in zip(mentions, mentions[1:], mentions[2:]):
        if (id(a) not in pinned and a.candidates and not b.candidates and c.candidates
                and _in_gap().match(text[a.end:b.start].strip(" ,")) and _DISTRICT_OF.match(text[b.end:c.start].strip())):
            # 'Muaja, in the Ancuabe district of Cabo Delgado': an unknown district between a place and its province
            areas = _areas_among(c.candidates, gaz)
            if areas:
                pinned[id(a)] = _pin_of(areas[0], gaz)
                a.pinned_surely = len({gaz.country_code(i) for i in areas}) == 1
        # 'Parisu (Abadam LGA, Borno)': an unknown district between a place and its province
        if (id(a) not in pinned and a.candidates and not b.candidates and id(b) in pinned
                and _CONTAINER_GAP.match(text[a.end:b.start].strip()) and text[a.end:b.start].strip().endswith("(")
                and text[b.end:c.start].strip() == ","):
            pinned[id(a)] = pinned[id(b)]
            a.pinned_surely = getattr(b, "pinned_surely", False)
        if (a.candidates and not b.candidates and getattr(c, "is_container", False)
                and _CONTAINER_GAP.match(text[a.end:b.start].strip()) and text[b.end:c.start].strip() == ","):
            # 'Freetown city (Western Area Urban, Western)': the province holds the town too
            c.holds_countries = {gaz.country_code(i) for i in a.candidates}
    for m in mentions:
        if id(m) not in pinned and m.candidates:
            cc = _demonym_before(text, m.start, gaz)
            if cc:
                pinned[id(m)] = (cc, "")
    for m in mentions:
        _add_seats_named_after(m, pinned.get(id(m)), gaz)
    return pinned


def _add_seats_named_after(m: _Mention, pin: Optional[tuple[str, str]], gaz: Gazetteer) -> None:
    """'Benito Juarez, Nuevo Leon': a town the province has none of by that name may be the seat
    that carries it after a title ('Ciudad Benito Juarez'), as GeoNames writes many such towns."""
    if not pin or not pin[1] or not m.candidates or any(
            (gaz.country_code(i), gaz.admin1_code(i)) == pin for i in m.candidates):
        return
    for title in context_words()["seat_titles"]:
        m.candidates += [i for i in gaz.candidates(f"{title} {m.text}")
                         if (gaz.country_code(i), gaz.admin1_code(i)) == pin and i not in m.candidates]


def is_place_noun(word: str) -> bool:
    """A word that says what kind of place a name is ('village', 'frontline', 'district')."""
    return word.lower() in context_words()["list_place_nouns"]


def placed_inside(between: str) -> bool:
    """Whether the words between two names place the first inside the second ('in', 'in rural',
    'in the southern countryside of')."""
    return bool(_in_gap().match(between.strip()))


def _district_then_province(text: str, mentions: list[_Mention], at: int) -> bool:
    """The mention at ``at`` opens a bracket of two areas, ACLED's '(district, province)'."""
    return at + 1 < len(mentions) and text[mentions[at].end:mentions[at + 1].start].strip() == "," \
        and text[mentions[at + 1].end:].lstrip().startswith(")")


def _is_country(m: _Mention, gaz: Gazetteer) -> bool:
    return bool(m.candidates) and all(gaz.feature(i).startswith("PCL") for i in m.candidates)


_NEAR_GAP = re.compile(rf"^(?:{_GAP_WORD}\s+)?(?:near|close to)$", re.IGNORECASE)


def _only_reading(m: _Mention, pin: Optional[tuple[str, str]], gaz: Gazetteer) -> Optional[int]:
    """The one namesake a name can be: its only candidate, or the only one in the area it is pinned
    to; a town and the district named after it ('Bunia') count as one."""
    readings = m.candidates
    if pin is not None:
        readings = [i for i in readings if gaz.country_code(i) == pin[0] and (not pin[1] or gaz.admin1_code(i) == pin[1])]
    if len(readings) > 1 and len({_pin_of(i, gaz) for i in readings}) == 1 and all(
            gaz.feature(i).startswith(("PPL", "ADM2")) for i in readings):
        readings = readings[:1]
    return readings[0] if len(readings) == 1 else None


_DISTRICT_OF = re.compile(rf"^{_GAP_WORD}\s+of(?:\s+the)?$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _in_gap() -> re.Pattern:
    """'X in Y', 'X town in rural Y', 'X in the countryside of Y': the writer places X inside Y."""
    words = sorted(context_words()["area_adjectives"] | {"the", "countryside", "outskirts", "of", "province", "governorate"})
    return re.compile(rf"^(?:{_GAP_WORD}\s+)?in(?:\s+(?:{'|'.join(words)}))*$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _part_gap() -> re.Pattern:
    """'X area of Y', 'X neighbourhood of the city of Y': X is a part of Y."""
    nouns = "|".join(sorted(context_words()["part_of_place_nouns"]))
    return re.compile(rf"^(?:{nouns})s?\s+of(?:\s+the)?(?:\s+{_GAP_WORD}\s+of)?$", re.IGNORECASE)


PART_MAX_KM = 50.0  # how far a part of a town or district can lie from the point that stands for it
PROVINCE_MAX_KM = 300.0  # and a part of a province from its seat


def _mark_as_holding(area: _Mention, place: _Mention, gaz: Gazetteer) -> None:
    """The area is written as holding a place the gazetteer knows: it is a container, and the
    countries of the place's namesakes are the ones it may be in."""
    area.is_container = area.holds_known_place = True
    area.contained = place
    area.holds_countries = {gaz.country_code(i) for i in place.candidates}


def _named_as_a_quarter(m: _Mention) -> bool:
    """Written with a designator before it that makes it part of a town ('Barangay Pilar')."""
    words = m.text.split()
    return len(words) > 1 and bool(leading_designator(words[0]))


def _a_town(m: _Mention, gaz: Gazetteer) -> bool:
    """Every namesake the name may stand for is a town, none an area ('Calamba', not 'Laguna')."""
    return not m.hint and all(gaz.feature(i).startswith("PPL") for i in m.candidates[:MAX_WHOLES])


def _near_a_namesake(i: int, other: _Mention, gaz: Gazetteer, reach: Callable[[int], float]) -> bool:
    """Place ``i`` lies, in its country, within ``reach(j)`` km of one of the most populous
    namesakes ``j`` of ``other``."""
    (lat, lon) = gaz.point(i)
    return any(gaz.country_code(i) == gaz.country_code(j) and distance_km(lat, lon, *gaz.point(j)) <= reach(j)
               for j in other.candidates[:MAX_WHOLES])


def _keep_within(part: _Mention, whole: _Mention, gaz: Gazetteer) -> None:
    """Only the namesakes of ``part`` that can lie in ``whole`` (in its province or country, or
    near its town) are kept; with none left, ``part`` is a local name the gazetteer lacks."""
    part.candidates = [i for i in part.candidates if _lies_within(i, whole, gaz)]


def _lies_within(i: int, whole: _Mention, gaz: Gazetteer) -> bool:
    """Whether place ``i`` can lie in one of the namesakes of ``whole`` (the most populous ones)."""
    def reach(j: int) -> float:
        feature = gaz.feature(j)
        if feature == COUNTRY_FEATURE:
            return math.inf  # anywhere in the country
        # a province by distance from its seat: learned places carry their province by name, not code
        return PROVINCE_MAX_KM if feature == "ADM1" else PART_MAX_KM

    return _near_a_namesake(i, whole, gaz, reach)


MAX_WHOLES = 5  # the most populous namesakes of the whole are enough


def _areas_among(candidates: list[int], gaz: Gazetteer) -> list[int]:
    """The candidates that are areas which can hold a place: countries, provinces, districts."""
    return [i for i in candidates if gaz.feature(i) in (COUNTRY_FEATURE, "ADM1", "ADM2")]


def _pin_of(area: int, gaz: Gazetteer) -> tuple[str, str]:
    """(country code, admin1 code) an area pins a place to; a country pins no province."""
    return gaz.country_code(area), "" if gaz.feature(area) == COUNTRY_FEATURE else gaz.admin1_code(area)


def _local_name(m: _Mention, gaz: Gazetteer) -> bool:
    """A name that can sit inside another place: no country or province by that name
    ('the ambassador of Iraq in Washington' does not put Iraq in the United States)."""
    return bool(m.candidates) and not any(gaz.feature(i) in (COUNTRY_FEATURE, "ADM1") for i in m.candidates)


def _pin_inside(a: _Mention, b: _Mention, gaz: Gazetteer, pinned: dict) -> None:
    """Pin ``a`` to the country (and province) of the area ``b`` when ``b`` can only be an area of
    one country; a town ``b`` does not pin (it may be a namesake abroad itself)."""
    areas = _areas_among(b.candidates, gaz)
    if not areas or len({gaz.country_code(i) for i in areas}) != 1:
        return
    pinned[id(a)] = _pin_of(areas[0], gaz)
    a.pinned_surely = True


def _listed(text: str, mentions: list[_Mention], at: int) -> bool:
    """The name at ``at`` goes on a list: commas after it lead to an "and" before another name."""
    for here, after in zip(mentions[at:], mentions[at + 1:]):
        between = text[here.end:after.start].strip().lower()
        if between in ("and", ", and", "&", "as well as", ", as well as"):
            return True
        if between != ",":
            return False
    return False


def _demonym_before(text: str, start: int, gaz: Gazetteer) -> str:
    """ "the English city of Salisbury", "the Iraqi town of Tuz Khurmatu": the adjective names the
    country of the place (only with a place noun and "of" between them)."""
    words = text[max(0, start - 60):start].split()
    if len(words) < 3 or words[-1].lower() != "of" or words[-2].lower() not in context_words()["apposition_place_nouns"]:
        return ""
    found = gaz.demonym(words[-3].strip(",;"))
    return found[0] if found and found[0] else ""


def _focus_weights(mentions: list[_Mention], gaz: Gazetteer, resolved: bool,
                   cues: Optional[dict[str, float]] = None) -> dict[str, float]:
    """How strongly the article is about each country (shares summing to 1): its places and
    nationalities, and words that point to one country (``cues``, see sitrep.geo.cues)."""
    weights = _focus_counts(mentions, gaz, resolved, cues)
    total = sum(weights.values())
    return {cc: w / total for cc, w in weights.items()} if total else {}


def _focus_counts(mentions: list[_Mention], gaz: Gazetteer, resolved: bool,
                  cues: Optional[dict[str, float]] = None) -> dict[str, float]:
    weights = {cc: CUE_WEIGHT * w for cc, w in (cues or {}).items()}

    def add(cc: str, w: float) -> None:
        if cc:
            weights[cc] = weights.get(cc, 0.0) + w

    for m in mentions:
        if _tells_where_people_come_from(m):
            continue
        if m.demonym:
            add(m.demonym[0], 1.0)
        elif resolved and m.chosen is not None:
            add(gaz.country_code(m.chosen), 1.0)
        elif m.candidates and gaz.feature(m.candidates[0]) == COUNTRY_FEATURE:
            add(gaz.country_code(m.candidates[0]), 1.0)
        elif not resolved and _province_of_one_country(m, gaz):
            add(gaz.country_code(m.candidates[0]), PROVINCE_FOCUS)  # 'Amambay', 'Cabo Delgado'
    return weights


def origin_of(token: Optional[Token]) -> Optional[Token]:
    """What a name written after 'from' tells the origin of, or None when it tells none: the verb
    of coming or being from ('people who came from Syria', 'whose fighters are from Deir-ez-Zor';
    context.json origin_verbs) or the people ('migrants from Afghanistan'; origin_person_nouns).
    The name's own conjuncts share its 'from' ('from Saqba and Douma')."""
    while token is not None and token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token is None or token.dep_ != "pobj" or token.head.lower_ != "from":
        return None
    preposition, words = token.head, context_words()
    if preposition.head.pos_ in ("VERB", "AUX") and preposition.head.lemma_.lower() in words["origin_verbs"]:
        return preposition.head
    # the parser often hangs 'from' on the verb ('to stop migrants from Afghanistan'): the noun
    # written just before it is the one it tells of
    before = preposition.doc[preposition.i - 1] if preposition.i > 0 else preposition.head
    return next((t for t in (preposition.head, before)
                 if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in words["origin_person_nouns"]), None)


def _tells_where_people_come_from(m: _Mention) -> bool:
    """'280 migrants (mostly from Afghanistan)', 'people who came from Syria': a place people
    come from, which says nothing of where the story happens (a small town in Greece is no
    less likely for it)."""
    return origin_of(m.root) is not None


def _focus_of_others(mentions: list[_Mention], m: _Mention, gaz: Gazetteer, cues) -> tuple[dict[str, float], float]:
    """The article's focus as its other places and nationalities show it, and how many of them
    agree on its leading country: a name's own first reading cannot make its country the
    article's ('Puno' first read as India's Pune beside 'Lima')."""
    # the same name written again is no other place ('Rs 380 and Rs 400')
    others = [other for other in mentions if other.folded != m.folded and (other.chosen is None or _surely_read(other, gaz))]
    weights = _focus_counts(others, gaz, resolved=True, cues=cues)
    total = sum(weights.values())
    return ({cc: w / total for cc, w in weights.items()} if total else {}), max(weights.values(), default=0.0)


OTHERS_AGREEING = 2.0
SURE_MARGIN = 3.0  # a reading this far ahead of the next is no longer in doubt (as for anchors)


def _surely_read(m: _Mention, gaz: Gazetteer) -> bool:
    """All the name's namesakes lie in one country, or its reading leads the next by far: only
    such readings vouch for a country ('Bella Vista', with namesakes in four countries, does not)."""
    return m.lead_abroad > SURE_MARGIN


PROVINCE_FOCUS = 0.5


def _province_of_one_country(m: _Mention, gaz: Gazetteer) -> bool:
    """A name whose best namesake is a province and all of whose namesakes lie in one country."""
    return (bool(m.candidates) and gaz.feature(m.candidates[0]) == "ADM1" and m.folded == fold(gaz.name(m.candidates[0]))
            and len({gaz.country_code(i) for i in m.candidates}) == 1)


def _admin1_named(mentions: list[_Mention], gaz: Gazetteer) -> set[tuple[str, str]]:
    named = set()
    for m in mentions:
        if m.hint == "ADM1" and m.candidates:
            i = m.candidates[0]
            named.add((gaz.country_code(i), gaz.admin1_code(i)))
    return named


def _choose_all(mentions, gaz, focus, containers, anchors, province_cues=None, focus_without=None) -> None:
    admin1_named = _admin1_named(mentions, gaz)
    # each name counts once: 'Rs' written twice is still one reading ('Ar Rass'), not two that vouch for each other
    named = Counter(gaz.country_code(m.candidates[0]) for m in
                    {m.folded: m for m in mentions if m.demonym is None and m.candidates
                     and not _tells_where_people_come_from(m)}.values())
    named_countries = set(named)
    for m in mentions:
        if not m.candidates or m.role == "demonym":
            continue
        own_focus, doubt_focus = focus, focus
        if focus_without is not None:
            own_focus, agreeing = focus_without(m)
            # doubting a name takes two others that agree: one is only a reading against another
            # ('Karak area in Dar'a')
            doubt_focus = own_focus if agreeing >= OTHERS_AGREEING else focus
        city_areas = {(gaz.country_code(j), gaz.admin1_code(j)) for j in m.candidates
                      if gaz.feature(j).startswith("PPL") and (gaz.feature(j) != "PPL" or
                                                             gaz.population(j) >= NOTABLE_CITY)}
        scored = sorted(((_score(m, i, gaz, own_focus, admin1_named, containers.get(id(m)), anchors, city_areas)
                          + _province_cue_bonus(i, gaz, province_cues), i)
                         for i in _without_spelling_accidents(m, gaz)), key=lambda pair: -pair[0])
        container = containers.get(id(m))
        if container and container[0] and not m.given and getattr(m, "pinned_surely", False):
            # 'Parisu (Abadam LGA, Borno)', 'Catole do Rocha, Paraiba': the writer says which
            # country the place is in; a namesake abroad is not it (within the country the
            # container only weighs in the score: province names and codes differ by source)
            scored = [(s, i) for s, i in scored if gaz.country_code(i) == container[0]]
        district = getattr(m, "district", None)
        if district is not None and not m.given:
            # a district's point is its seat, and a district can be wider than the distance
            # allowed from it ('Paletwa Township, Mindat District': 120 km): when no namesake is
            # near, those in the district's province are still the place the writer means
            scored = [(s, i) for s, i in scored if _near_district(i, district, gaz)] or [
                (s, i) for s, i in scored if _pin_of(i, gaz) == _pin_of(district, gaz)]
        if _only_directions(m) and not m.given:
            # 'the West Coast' in a story of Yemen is not Western Australia, nor 'the North' Cameroon's
            scored = [(s, i) for s, i in scored if own_focus.get(gaz.country_code(i), 0.0) > 0.0]
        if not scored:  # no namesake where the writer says it is: the area named is the best place given
            m.chosen = None
            continue
        m.chosen = scored[0][1]
        m.scores = [s for s, _ in scored]
        country = gaz.country_code(m.chosen)
        m.lead_abroad = scored[0][0] - max((s for s, i in scored if gaz.country_code(i) != country), default=-math.inf)
        own = gaz.country_code(m.candidates[0]) if m.demonym is None else ""
        by_others = {cc for cc, n in named.items() if n - (cc == own) > 0}  # a name cannot vouch for itself
        placed_by_writer = bool(container and container[0] and getattr(m, "pinned_surely", False))
        if m.folded != fold(gaz.name(m.chosen)) and not m.hint:
            # a reading only a looser spelling reaches ('Palaro' -> Palaroo; 'Orange County' -> Orange
            # is no looser spelling) is doubted by the other names alone, even by one
            doubt_focus = own_focus
        if not m.given and not placed_by_writer and _implausible(m, m.chosen, gaz, doubt_focus, named_countries, by_others):
            m.chosen = None  # a given span is a place by fiat, and so is one the text places in its area


def _only_directions(m: _Mention) -> bool:
    """The name only says which part of a land it is ('North', 'West Coast', 'Nord-Ouest')."""
    words = m.folded.split()  # fold() has made the hyphen of 'Nord-Ouest' a space
    return bool(words) and all(w in context_words()["direction_words"] for w in words)


def _without_spelling_accidents(m: _Mention, gaz: Gazetteer) -> list[int]:
    """A province, or a place conflict reports name, spelled exactly as written is what the name
    means: a small town known by another name is no rival ('migrants from Bihar' are not from Baihar in the province the article
    names; 'Mogilev' is still the city of Mahilyow)."""
    if any(gaz.is_learned(i) and fold(gaz.name(i)) == m.folded for i in m.candidates):
        # a place conflict reports name, spelled as written, over towns elsewhere that only a looser
        # spelling reaches ('el Mina' in Lebanon, not Minna in Nigeria)
        return [i for i in m.candidates if fold(gaz.name(i)) == m.folded or gaz.feature(i).startswith(("ADM1", "PCL", "PPLC"))]
    if not any(gaz.feature(i) == "ADM1" and fold(gaz.name(i)) == m.folded for i in m.candidates):
        return m.candidates
    return [i for i in m.candidates if fold(gaz.name(i)) == m.folded or gaz.feature(i).startswith(("ADM", "PCL", "PPLA", "PPLC"))
            or gaz.population(i) >= FOREIGN_SMALL_PLACE]


DISTRICT_MAX_KM = 80.0  # how far a town can lie from the point of the district named as holding it


def _near_district(i: int, district: int, gaz: Gazetteer) -> bool:
    lat, lon = gaz.point(i)
    middle = gaz.centre(district) or gaz.point(district)
    return distance_km(lat, lon, middle[0], middle[1]) <= DISTRICT_MAX_KM


def _province_cue_bonus(i: int, gaz: Gazetteer, province_cues) -> float:
    if not province_cues:
        return 0.0
    cc = gaz.country_code(i)
    return PROVINCE_CUE_WEIGHT * province_cues.get((cc, gaz.admin1_name(cc, gaz.admin1_code(i))), 0.0)


CONTAINER_AREA = 4.0
FOREIGN_SMALL_PLACE = 100_000  # population under which a place outside the article's countries is doubted


def _implausible(m: _Mention, i: int, gaz: Gazetteer, focus, named_countries, vouching=frozenset()) -> bool:
    """A small place in a country the article is not about, reached only by a loose spelling match
    or against a clear focus elsewhere ('Konna' in a story about Mali is not Kone in New Caledonia).
    Doubting a name spelled exactly needs the article's own places: 'Saudi forces fired at villages
    in Razih' and 'an airstrike by US forces in Tarinkot' are about where the villages are,
    whatever the attackers' nationality."""
    named_focus = {cc: w for cc, w in focus.items() if cc in named_countries}
    focus = named_focus or focus
    if not focus or gaz.feature(i) == COUNTRY_FEATURE or focus.get(gaz.country_code(i), 0.0) > 0.0:
        return False
    spelled_as_named = m.folded == fold(gaz.name(i))
    if gaz.country_code(i) in vouching and spelled_as_named:
        return False
    if (gaz.feature(i).startswith(("ADM1", "PPLC", "PPLA")) and gaz.population(i) >= FOREIGN_SMALL_PLACE
            and (not named_focus or _a_spelling_of(m, gaz.name(i)))):
        # a province or a big regional capital is not a spelling accident; but a name it is only
        # also known by is no reading of it against the article's own countries ('Old Town' is
        # not Las Vegas, nor 'White House' Casablanca, in a story about Kashmir or Raipur)
        return False
    if not spelled_as_named:
        return True
    return bool(named_focus) and max(focus.values()) >= 0.5 and gaz.population(i) < FOREIGN_SMALL_PLACE


SPELLING_LIKENESS = 0.6  # 'Idleb' and 'Idlib', 'Dahuk' and 'Dihok'; not 'Old Town' and 'Las Vegas'


def _a_spelling_of(m: _Mention, name: str) -> bool:
    """The text writes the place's own name, perhaps spelled another way, rather than another
    name the gazetteer also lists for it."""
    written, own = name_key(m.text), name_key(name)
    return written == own or difflib.SequenceMatcher(None, written, own).ratio() >= SPELLING_LIKENESS


def _score(m: _Mention, i: int, gaz: Gazetteer, focus, admin1_named, container, anchors,
           city_areas) -> float:
    feature = gaz.feature(i)
    cc, a1 = gaz.country_code(i), gaz.admin1_code(i)
    score = prior_score(gaz.population(i), feature)
    if gaz.is_learned(i) and _only_small_namesakes(m, cc, gaz):
        score += LEARNED_PLACE
    if _reports_mean(m, i, gaz) and not getattr(m, "is_container", False):
        score += LEARNED_READING  # learned from the places notes name, not from the areas they put them in
    if getattr(m, "is_container", False) and feature.startswith(("ADM", "PCL")):
        score += CONTAINER_AREA  # the name after a place and a bracket is the area holding it
        if cc in getattr(m, "holds_countries", ()):
            score += HOLDS_NAMESAKE
    if m.hint:
        kind_ok = feature.startswith(m.hint) or (m.hint == "ADM1" and feature == "RGN")
        score += DESIGNATOR_MATCH if kind_ok else DESIGNATOR_MISMATCH
    elif feature.startswith("ADM") and (cc, a1) in city_areas:
        score += SAME_NAMED_CITY
    score += FOCUS_WEIGHT * focus.get(cc, 0.0)
    if (cc, a1) in admin1_named and feature != "ADM1":
        score += ADMIN1_NAMED
    if m.folded == fold(gaz.name(i)):
        score += EXACT_NAME
    if container and container[0] == cc and (not container[1] or container[1] == a1):
        score += CONTAINER_MATCH
    if anchors and feature != COUNTRY_FEATURE:
        lat, lon = gaz.point(i)
        nearest = min(distance_km(lat, lon, a, b) for a, b in anchors)
        score += ANCHOR_BONUS if nearest < 100 else ANCHOR_BONUS / 2 if nearest < 300 else 0.0
    return score


def prior_score(population: int, feature: str) -> float:
    """How a namesake ranks with nothing else to go by: its population and its kind of place."""
    return 0.5 * math.log10((population or 0) + 1) + FEATURE_BONUS.get(feature, 0.0)


def _reports_mean(m: _Mention, i: int, gaz: Gazetteer) -> bool:
    """Whether this namesake is the one conflict reports mean by the name (sitrep.geo.readings)."""
    point = learned_point(m.text, gaz.country_code(i))
    if point is None:
        return False
    lat, lon = gaz.point(i)
    return distance_km(lat, lon, point[0], point[1]) <= READING_MAX_KM


def _only_small_namesakes(m: _Mention, cc: str, gaz: Gazetteer) -> bool:
    """The gazetteer's own places of this name in the country are villages or small towns (no
    district, no seat, no city): a learned place may well be the one a conflict report means."""
    own = [j for j in m.candidates if gaz.country_code(j) == cc and not gaz.is_learned(j)]
    # a city or district of exactly this name is what the name means ('Jaipur'); one that only
    # has the name among its alternates does not count
    notable = [j for j in own if (gaz.feature(j) != "PPL" or gaz.population(j) >= NOTABLE_CITY)
               and fold(gaz.name(j)) == m.folded]
    return bool(own) and not notable


def _precision_of(feature: str) -> int:
    if is_region(feature):
        return 3
    return 2 if feature == "ADM2" else 1


# ---------------------------------------------------------------- 4. roles

AFFILIATION_SUFFIXES = ("-based", "-backed", "-led", "-born", "-funded", "-registered")


def _role_of(m: _Mention, gaz: Gazetteer) -> str:
    if m.root is None:
        return "place"
    if is_dateline(m.root.sent):
        return "dateline"
    if doc_text(m.root.doc)[m.end:m.end + 12].lower().startswith(AFFILIATION_SUFFIXES):
        return "affiliation"  # 'the Britain-based monitor': where a party is from, not where anything happened
    contained = getattr(m, "contained", None)
    if (getattr(m, "holds_known_place", False) and gaz.feature(m.chosen).startswith(("ADM", "PCL", "RGN"))
            and (contained is None or contained.chosen is not None)):
        # 'Razih district (Sadah)': Sadah says where Razih is; the event is in Razih (unless Razih
        # could not be placed: then the area is the best place the text gives)
        return "container"
    feature = gaz.feature(m.chosen)
    if not _after_locative_preposition(m) and _is_metonym(m.root, feature):
        return "metonym"
    if _is_speaker_place(m.root):
        return "speaker"
    return "place"


def _after_locative_preposition(m: _Mention) -> bool:
    """'in Port-au-Prince, Ouest department, gang violence caused...': written after 'in', the name
    is where things happen, whatever subject the parser makes of it."""
    doc = m.root.doc
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    if first is None or first.start == 0:
        return False
    where = context_words()["where_prepositions"]
    if doc[first.start - 1].lower_ in where:
        return True
    # 'in Ermita, Manila': the town after a place written after 'in' holds it
    before = first.start - 2
    while before >= 0 and doc[before].pos_ == "PROPN":
        before -= 1
    return doc[first.start - 1].text == "," and before < first.start - 2 and before >= 0 and doc[before].lower_ in where


def _is_metonym(root: Token, feature: str) -> bool:
    """A country or capital standing for its government (also a regional seat as a speaker)."""
    words = context_words()
    government = feature in GOVERNMENT_FEATURES
    if not government and feature != "PPLA":
        return False
    dep, head = root.dep_, root.head
    head_lemma = head.lemma_.lower()
    if dep == "nsubj":
        if head_lemma in words["reporting_verbs"]:
            return True
        if not government:
            return False
        if head_lemma in words["place_subject_verbs"]:
            return _has_stance_complement(head)
        return head.pos_ in ("VERB", "AUX")
    if not government:
        return False
    if dep == "poss":
        return head_lemma not in words["place_part_nouns"]
    if dep == "pobj":
        prep = head.lower_
        if prep == "by":
            return True
        if prep in ("of", "from", "with", "against") and head.head.lemma_.lower() in words["government_nouns"]:
            return True
    if dep in ("dobj", "nsubjpass") and head_lemma in words["object_of_address_verbs"] and dep == "dobj":
        return True
    if dep == "npadvmod" and head_lemma in words["backing_verbs"]:
        return True  # "Iran-backed"
    if dep in ("compound", "nmod", "amod") and head_lemma in words["government_nouns"]:
        return True  # "the Tehran government"
    if dep in ("conj", "appos"):
        return _coordinated_with_government(root)
    return False


def _has_stance_complement(verb: Token) -> bool:
    stance = context_words()["stance_adjectives"]
    return any(c.dep_ in ("acomp", "attr", "oprd") and c.lower_ in stance for c in verb.children)


def _coordinated_with_government(root: Token) -> bool:
    """ "the European Union, the United Nations, Turkey and Iran": listed with governments."""
    government_nouns = context_words()["government_nouns"]
    chain, frontier = set(), [root]
    while frontier:
        tok = frontier.pop()
        if tok.i in chain:
            continue
        chain.add(tok.i)
        if tok.dep_ in ("conj", "appos"):
            frontier.append(tok.head)
        frontier.extend(c for c in tok.children if c.dep_ in ("conj", "appos"))
    doc = root.doc
    return any(doc[i].ent_type_ == "ORG" or doc[i].lemma_.lower() in government_nouns
               for i in chain if i != root.i)


def _is_speaker_place(root: Token) -> bool:
    """Where a speaker or a group of people is: "In Washington, X said", "officials in Kirkuk"."""
    words = context_words()
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "from", "at"):
        return False
    attached = root.head.head
    if attached.lemma_.lower() in words["reporting_verbs"]:
        # 'In Washington, X said' places a speaker; 'fighting was reported in Mosul' places the fighting
        return any(child.dep_ == "nsubj" for child in attached.children)
    if attached.lemma_.lower() in words["people_nouns"]:
        # 'officials in Kirkuk said' places speakers; 'abducted a journalist in Umuahia' the abduction
        return attached.dep_ not in ("dobj", "nsubjpass")
    if attached.lemma_.lower() in words["institution_nouns"]:
        # 'the ministry in Baghdad announced' places a speaker; 'protested in front of the
        # headquarters in Sbeitla' places the protest
        return _in_subject(attached)
    # 'Nauert in Washington said'; but in 'shelled Bara in Idleb' the tagger's PERSON is a village
    return attached.ent_type_ == "PERSON" and any(t.pos_ == "VERB" and t.lemma_.lower() in words["reporting_verbs"]
                                                  for t in root.sent)  # not the noun in 'Portuguesa state'


def _in_subject(token: Token) -> bool:
    """The token is a clause's subject, or hangs from one ('officials and experts in X said')."""
    while token.dep_ in ("conj", "appos", "compound") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _restatements(doc: Doc, mentions: list[_Mention]) -> None:
    """A name alone in a fragment right after another ("Iran. Tehran.") repeats that one's role."""
    for prev, m in zip(mentions, mentions[1:]):
        if m.root is None or prev.role not in ("metonym", "speaker") or m.start - prev.end > 3:
            continue
        sent = m.root.sent
        if all(t.is_punct or m.start <= t.idx < m.end for t in sent):
            m.role = prev.role


# ---------------------------------------------------------------- 5. relative and vague places

def _relative_places(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Computed points for offset phrases; unknown names they describe become places."""
    text = doc_text(doc)
    # 'outside the Gebze prison' is outside the prison, not outside the town the prison is named after
    starts = {m.start: m for m in mentions if m.chosen is not None and m.role in ("place", "speaker")
              and not getattr(m, "names_a_site", False)}
    relatives: list[_Mention] = []
    described: dict[str, list[tuple[_Mention, _Mention]]] = {}  # name key -> (name, relative)
    for phrase in find_relative_phrases(text):
        base = starts.get(phrase.end)
        if base is None:
            continue
        evidence = [Span("location", phrase.start, base.end, text[phrase.start:base.end]),
                    Span("base", base.start, base.end, base.text)]
        if phrase.vague and phrase.distance_km is None:
            base.precision = max(base.precision, 2)
            base.evidence.append(evidence[0])
            continue
        rel = _Mention(phrase.start, base.end, text[phrase.start:base.end], "REL", base.root,
                       role="relative", precision=2, evidence=evidence)
        rel.place = _offset_place(gaz.place(base.chosen), phrase)
        named = _described_name(text, mentions, phrase) or _described_subject(doc, mentions, phrase, rel, gaz)
        if named is not None:
            described.setdefault(name_key(named.text), []).append((named, rel))
        else:
            relatives.append(rel)
    _place_described_names(mentions, described, gaz)
    return relatives


@functools.lru_cache(maxsize=1)
def _vague_after() -> re.Pattern:
    nouns = relative_rules()["vague_nouns_after"]
    return re.compile(rf"\s+(?:{'|'.join(re.escape(n) for n in nouns)})\b", re.IGNORECASE)


def _mark_vague_after(text: str, mentions: list[_Mention]) -> None:
    """'the Krishna Ghati sector', 'Qaniyah front': the fighting is around the place, not in it."""
    for m in mentions:
        if m.chosen is not None and m.role == "place" and _vague_after().match(text, m.end):
            m.precision = max(m.precision, 2)


LOCATING_VERBS = frozenset({"lie", "sit", "locate", "situate", "be", "stand"})
CONTRADICTED_KM = 150  # a described position this far from the gazetteer's choice overrides it


def _described_subject(doc: Doc, mentions: list[_Mention], phrase: RelativePhrase, rel: _Mention,
                       gaz: Gazetteer) -> Optional[_Mention]:
    """The name a locating sentence describes: "Konna lies on the road to Gao, about 60 km NE of Mopti"."""
    span = doc.char_span(phrase.start, phrase.end, alignment_mode="expand")
    if span is None:
        return None
    sentence = span.sent
    for token in sentence:
        if token.dep_ == "ROOT" and token.lemma_.lower() in LOCATING_VERBS:
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    for m in mentions:
                        if m.start <= child.idx < m.end and m.end <= phrase.start and m.role != "demonym":
                            return m if _open_to_description(m, rel, gaz) else None
    return None


def _open_to_description(m: _Mention, rel: _Mention, gaz: Gazetteer) -> bool:
    if m.chosen is None or m.label in MISTAGGED_LABELS or m.label == "PROPN":
        return True
    lat, lon = gaz.point(m.chosen)
    return distance_km(lat, lon, rel.place.latitude, rel.place.longitude) > CONTRADICTED_KM


def _offset_place(base: Place, phrase: RelativePhrase) -> Place:
    lat, lon = base.latitude, base.longitude
    if phrase.distance_km and phrase.bearing is not None:
        lat, lon = destination(lat, lon, phrase.distance_km, phrase.bearing)
    return Place(name=base.name, latitude=round(lat, 5), longitude=round(lon, 5), geonameid=None,
                 country_code=base.country_code, country=base.country, iso3=base.iso3,
                 admin1=base.admin1, feature_code="", population=0)


def _described_name(text: str, mentions: list[_Mention], phrase: RelativePhrase) -> Optional[_Mention]:
    """The unknown name an apposition describes: "Foo, a small town about 40 km NW of Bar"."""
    apposition_nouns = context_words()["apposition_place_nouns"]
    for m in reversed(mentions):
        if m.end > phrase.start:
            continue
        if phrase.start - m.end > 60 or m.role == "demonym":
            return None
        between = text[m.end:phrase.start]
        if not between.lstrip().startswith(","):
            return None
        words = [w.strip(",").lower() for w in between.split() if w.strip(",")]
        if words and not (words[0] in ("a", "an", "the") and any(w in apposition_nouns for w in words)):
            return None
        return m if m.chosen is None or m.label in MISTAGGED_LABELS or m.label == "PROPN" else None
    return None


def _place_described_names(mentions: list[_Mention], described, gaz: Gazetteer) -> None:
    """Every mention of a described name gets the mean of the points its descriptions give.

    Several descriptions of one place ("40 km north of X" in a caption, "40 km northwest of X" in
    the body) are averaged on the sphere: each is an estimate of the same point, and their mean
    is closer to it than either when they disagree."""
    for key, pairs in described.items():
        points = [(rel.place.latitude, rel.place.longitude) for _, rel in pairs]
        lat, lon = mean_point(points)
        template = pairs[0][1].place
        place = Place(name=pairs[0][0].text, latitude=round(lat, 5), longitude=round(lon, 5),
                      country_code=template.country_code, country=template.country, iso3=template.iso3,
                      admin1=template.admin1, feature_code="PPL")
        evidence = [span for _, rel in pairs for span in rel.evidence]
        for m in mentions:
            if name_key(m.text) == key and _open_to_description(m, pairs[0][1], gaz):
                m.place, m.chosen, m.role, m.precision = place, None, "place", 2
                m.evidence = list(evidence)


def _region_adjectives(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """ "northern Iraq": the region of a country or admin1 (precision 3, span includes the word);
    "rural Saraqab": the country around a town (precision 2)."""
    adjectives = set(relative_rules()["region_adjectives"])
    around = set(relative_rules()["around_adjectives"])
    for m in mentions:
        if m.chosen is None or m.root is None:
            continue
        region = is_region(gaz.feature(m.chosen))
        first = doc.char_span(m.start, m.end, alignment_mode="expand")
        if first is None or first.start == 0:
            continue
        before = doc[first.start - 1]
        if before.lower_ in (adjectives if region else around):
            m.evidence.append(Span("location", before.idx, m.end, doc_text(doc)[before.idx:m.end]))
            m.precision = 3 if region else max(m.precision, 2)


def _to_place_mention(m: _Mention, gaz: Gazetteer) -> Optional[PlaceMention]:
    if m.role == "demonym":
        cc, region = m.demonym if m.demonym else ("", "")
        place = gaz.country(cc) if cc else None
        if place is None and region and m.given:  # asked about this very span: "European" -> Europe
            found = gaz.candidates(region)
            place = gaz.place(found[0]) if found else None
        return PlaceMention(m.text, m.start, m.end, place, 1.0, 3, "demonym", m.evidence)
    place = m.place if m.place is not None else (gaz.place(m.chosen) if m.chosen is not None else None)
    if place is None:
        return None
    return PlaceMention(m.text, m.start, m.end, place, _confidence(m), m.precision, m.role, m.evidence)


def _confidence(m: _Mention) -> float:
    """How clearly the chosen candidate beat the runner-up (0.5 a tie, towards 1 a clear win)."""
    if m.place is not None and m.chosen is None:
        return 0.6  # a computed place
    if len(m.scores) < 2:
        return 0.9
    margin = m.scores[0] - m.scores[1]
    return round(1.0 / (1.0 + math.exp(-margin)), 3)
