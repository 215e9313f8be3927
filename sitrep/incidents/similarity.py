"""How much two reports say the same thing: the check that keeps ACLED's rule from joining two
events that happen to share a day, a town, a type and a generic actor.

Two reports of one incident name the same specific things (the village, the unit, the number
of shells, the market) even in other words and order; two distinct events in one town on one
day share only the common words. Each report becomes a bag of word stems without dates (each
report dates the incident its own way) or stop words, with number words as digits; each stem
weighs by how rare it is in conflict reporting (inverse document frequency from ACLED's train
notes and general news, learned by `sitrep train` into data/word_rarity.tsv; a stem never met
there is as rare as the rarest). The score is a weighted Dice coefficient, from 0 (nothing specific
in common) to 1 (the same words). Two reports that each name a rare place or person the other
does not (and do not spell it another way) are about different things, however alike otherwise.
"""
from __future__ import annotations

import difflib
import functools
import json
import math
import re
from importlib import resources

from sitrep.dates import without_dates

RARITY_FILE = "word_rarity.tsv"
# Chosen on the second reports (sitrep/evaluate/data/second_reports.jsonl) against the distinct
# ACLED notes that ACLED's rule alone joins: see docs/incidents.md.
MIN_AGREEMENT = 0.4
NAME_MIN_RARITY = 5.0  # in at most ~1 text in 150 of the training texts
_NAME = re.compile(r"[A-Z][^\W_]*(?:['’-][^\W_]+)*")
_OPENERS = set('.!?:"“(')
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13",
    "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
    "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "dozen": "12", "hundred": "100",
}
# suffixes stripped once, longest first, so 'shelled', 'shelling' and 'shells' meet as 'shell'
_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "ies", "ied", "ed", "es", "er", "s", "ly")


def stem(word: str) -> str:
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=1)
def _stop_stems() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(stem(w) for w in STOP_WORDS) - set(_NUMBER_WORDS.values())


@functools.lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """The content stems of a text: no dates, no stop words, numbers as digits."""
    stop = _stop_stems()
    found = (stem(w) for w in _WORD.findall(without_dates(text or "")))
    return frozenset(s for s in found if s not in stop and (len(s) > 1 or s.isdigit()))


class Rarity:
    """Inverse document frequency per stem, from a count table: ``documents`` and ``df`` per stem."""

    def __init__(self, documents: int, frequencies: dict[str, int]) -> None:
        self.documents = max(documents, 1)
        self.frequencies = frequencies
        self.unseen = math.log((self.documents + 1) / 1)

    def weight(self, stem_: str) -> float:
        seen = self.frequencies.get(stem_, 0)
        return math.log((self.documents + 1) / (seen + 1)) if seen else self.unseen

    @classmethod
    def from_table(cls, text: str) -> "Rarity":
        documents, frequencies = 1, {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            word, count = line.rsplit("\t", 1)
            if word == "<documents>":
                documents = int(count)
            else:
                frequencies[word] = int(count)
        return cls(documents, frequencies)


@functools.lru_cache(maxsize=1)
def rarity() -> Rarity:
    path = resources.files("sitrep.incidents") / "data" / RARITY_FILE
    if not path.is_file():
        return Rarity(1, {})  # not trained: every stem weighs the same
    return Rarity.from_table(path.read_text(encoding="utf-8"))


def rarity_table(texts: list[str], min_documents: int = 2) -> str:
    """The data file `sitrep train` writes: in how many of ``texts`` each stem occurs."""
    counts: dict[str, int] = {}
    for text in texts:
        for s in stems(text):
            counts[s] = counts.get(s, 0) + 1
    lines = ["# stem<TAB>documents it occurs in; learned by `sitrep train` (sitrep.incidents.similarity)",
             f"<documents>\t{len(texts)}"]
    lines += [f"{s}\t{n}" for s, n in sorted(counts.items()) if n >= min_documents]
    return "\n".join(lines) + "\n"


def _weight_sum(bag: frozenset[str]) -> float:
    weights = rarity()
    return sum(weights.weight(s) for s in bag)


def agreement(first: frozenset[str], second: frozenset[str]) -> float:
    """Weighted Dice coefficient of two bags of stems: 0 (nothing in common) to 1 (the same)."""
    if not first or not second:
        return 0.0
    total = _weight_sum(first) + _weight_sum(second)
    return 2 * _weight_sum(first & second) / total if total else 0.0


@functools.lru_cache(maxsize=4096)
def names(text: str) -> frozenset[str]:
    """Stems of the rare capitalised words inside sentences: the specific places, units and
    people a report names ('Kansafra', 'Gamaliel'), not sentence openings or common names."""
    text = without_dates(text or "")
    weights, stop, found = rarity(), _stop_stems(), set()
    for match in _NAME.finditer(text):
        before = text[: match.start()].rstrip()
        if not before or before[-1] in _OPENERS:
            continue  # a capital that only opens a sentence or a quote says nothing
        s = stem(match.group(0))
        # an acronym that is a stop word ('IS') is compared by what it stands for; a stop word
        # after a comma opens a clause or a name joined from evidence ('..., Around 40 workers'),
        # unlike 'Mine 6/7'; a letter ('J&K') is no name; and a country or its people ('Syrian',
        # 'Saudi-led') tells no event from another in that country
        if (s in stop and (match.group(0).isupper() or before.endswith(","))) or len(s) < 2 \
                or weights.weight(s) < NAME_MIN_RARITY or _is_country_word(match.group(0)) \
                or _PLURAL_ACRONYM.match(match.group(0)):
            continue
        found.add(s)
    return frozenset(found)


# 'IEDs', 'RPGs': a plural is a kind of thing (a weapon), not the name of one place or person
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")


def _is_country_word(word: str) -> bool:
    """A country or its people ('Syria', 'Saudi-led'). Provinces stay names: many share their
    name with their main town ('Matiari'), and the lookup forgives spelling ('Bara' ~ 'Barra')."""
    from sitrep.geo import Gazetteer

    gazetteer = Gazetteer.load()
    head = re.split(r"[-'’]", word)[0]
    if gazetteer.demonym(head):
        return True
    return any(place.feature_code.startswith("PCL") and place.name.casefold() == head.casefold()
               for place in gazetteer.lookup(head))


_CONNECTORS = frozenset({"of", "the", "in", "and", "for", "de", "du", "des", "la", "al", "el"})
_INITIALS_WORD = re.compile(r"[^\W\d_]+")


def _acronym_expansions(acronym: str, text: str) -> list[frozenset[str]]:
    """The runs of words of ``text`` whose initials spell ``acronym`` ('ISGS': 'Islamic State in
    the Greater Sahara', 'ATGM': 'anti-tank guided missile'), as stems; an acronym of four or more
    letters may drop its last word ('ISWAP': 'Islamic State West Africa')."""
    letters = acronym.rstrip("s").casefold() if len(acronym) > 2 else acronym.casefold()
    if not (2 <= len(letters) <= 7 and acronym[: len(letters)].isupper()):
        return []
    words = [w for w in _INITIALS_WORD.findall(text) if w.casefold() not in _CONNECTORS]
    spellings = {letters} | ({letters[:-1]} if len(letters) >= 4 else set())
    runs = []
    for start in range(len(words)):
        for spelling in spellings:
            run = words[start: start + len(spelling)]
            if len(run) == len(spelling) and "".join(w[0] for w in run).casefold() == spelling:
                runs.append(frozenset(stem(w) for w in run))
    return runs


def spelled_alike(first: str, second: str) -> bool:
    """Two transliterations of one name ('Saada' and 'Sadah', 'Kafr Lusin' and 'Kafr Lussin')."""
    # 'Saada' and 'Sadah' (0.8), 'Xakurke' and 'Hakurk' (0.77) meet; villages that only share
    # letters ('Abboush' and 'Qabbour', 0.71) stay two
    return first[:4] == second[:4] or difflib.SequenceMatcher(None, first, second).ratio() >= 0.75


def conflicting_names(first: str, second: str) -> tuple[frozenset[str], frozenset[str]]:
    """Rare names each report gives that the other does not, nor spells another way, nor spells
    out ('ISWAP' and 'Islamic State West Africa'). When both reports have some, they are about
    different places or people ('Kansafra' vs 'Sfuhen'); when only one does, it merely tells more."""
    # a name that is a stop word ('Mine 6/7') is in no bag of stems: the other's names hold it
    words_first, words_second = stems(first) | names(first), stems(second) | names(second)
    only_first = {n for n in names(first) if n not in words_second}
    only_second = {n for n in names(second) if n not in words_first}
    only_first, only_second = _without_acronyms(only_first, only_second, first, second)
    only_second, only_first = _without_acronyms(only_second, only_first, second, first)
    only_first |= _landmarks_not_in(first, words_second)
    only_second |= _landmarks_not_in(second, words_first)
    unmatched_first = frozenset(n for n in only_first if not any(spelled_alike(n, m) for m in only_second))
    unmatched_second = frozenset(n for n in only_second if not any(spelled_alike(n, m) for m in only_first))
    return unmatched_first, unmatched_second


_ACRONYM = re.compile(r"\b[A-Z]{2,7}s?\b")


@functools.lru_cache(maxsize=1)
def _landmark_pattern() -> re.Pattern[str]:
    """A spot within a town: capitalised words (with the connectors of names between them)
    before a landmark noun ('the Sport City intersection', 'the Corniche el Mazraa road')."""
    text = (resources.files("sitrep.incidents") / "data" / "landmarks.json").read_text(encoding="utf-8")
    nouns = sorted(json.loads(text)["landmark_words"], key=len, reverse=True)
    connector = r"(?:el|al|de|del|la|of|the|des|du|do|da)"
    capital = r"[A-Z][^\W_]*(?:['’-][^\W_]+)*"
    return re.compile(rf"\b({capital}(?:\s+(?:{connector}\s+)?{capital})*)\s+(?i:{'|'.join(nouns)})\b")


@functools.lru_cache(maxsize=4096)
def landmarks(text: str) -> frozenset[tuple[str, ...]]:
    """The spots within a town a report names, each as the stems of its name's words."""
    text, found = without_dates(text or ""), set()
    for match in _landmark_pattern().finditer(text):
        before = text[: match.start()].rstrip()
        words = [stem(w) for w in _WORD.findall(match.group(1))]
        words = [w for w in words if w not in _stop_stems() and not _is_country_word(w.capitalize())]
        if words and before and before[-1] not in _OPENERS:
            found.add(tuple(words))
    return frozenset(found)


def _landmarks_not_in(text: str, other_words: frozenset[str]) -> set[str]:
    """The spots ``text`` names whose words the other report does not all use, as names."""
    return {" ".join(spot) for spot in landmarks(text) if not set(spot) <= other_words}


def _without_acronyms(mine: set[str], theirs: set[str], my_text: str, their_text: str) -> tuple[set[str], set[str]]:
    """What my acronyms ('PMF', and 'IS', which is no name of its own) spell out in the other text
    is named by both: neither side keeps the acronym or the words it stands for."""
    for acronym in dict.fromkeys(_ACRONYM.findall(without_dates(my_text or ""))):
        runs = _acronym_expansions(acronym, their_text)
        if runs:
            mine, theirs = mine - {stem(acronym)}, theirs - runs[0]
    return mine, theirs


def report_similarity(first: str, second: str) -> float:
    """How much two report texts say the same specific things (see the module's docstring)."""
    return agreement(stems(first or ""), stems(second or ""))


def same_story(first: str, second: str, first_names: str = "", second_names: str = "",
               agreed: frozenset[str] = frozenset()) -> bool:
    """Whether two report texts can be about one incident: they share enough of what they say
    and do not name different specific places or people. ``*_names`` add words the reports
    name outside their text (a place read from an earlier sentence) to the comparison of names;
    ``agreed`` are name stems already shown to agree (the parties, each report naming them its
    own way: 'the NAF' and 'separatist forces')."""
    if not (first or "").strip() or not (second or "").strip():
        return True  # a report without text cannot contradict another
    one, other = conflicting_names(_joined(first, first_names), _joined(second, second_names))
    one, other = one - agreed, other - agreed
    if one and other:
        return False
    return report_similarity(first, second) >= MIN_AGREEMENT


def _joined(text: str, names_text: str) -> str:
    return f"{text}, {names_text}" if names_text else text
