"""Name folding: one key for all the ways a place name gets spelled in English-language news.

Two levels:
- ``fold(text)``: lower case, no diacritics, hyphens/apostrophes/periods as spaces. Used to tell an
  exact name match from a looser one.
- ``name_key(text)``: ``fold`` plus the loose rules (Arabic articles dropped, doubled letters
  collapsed, transliteration variants mapped to one spelling, "-iyah/-iyeh/-ah" endings merged).
  The gazetteer is indexed by this key; a text name is looked up by the same key, so a rule can
  only merge spellings, never lose a match. The rules are data (``data/names.json``).
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from importlib import resources

_SPACES = re.compile(r"\s+")
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1)
def name_rules() -> dict:
    text = (resources.files("sitrep.geo") / "data" / "names.json").read_text(encoding="utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=1)
def _translation_table() -> dict[int, str]:
    rules = name_rules()
    table = {ord(k): v for k, v in rules["letters"].items()}
    table.update({ord(c): "" for c in rules["drop_chars"]})
    table.update({ord(c): " " for c in rules["space_chars"]})
    return table


@functools.lru_cache(maxsize=65536)  # the resolver folds each name again for every other name it weighs
def fold(text: str) -> str:
    """Lower case ASCII-ish form: diacritics removed, punctuation inside names as spaces."""
    text = text.lower().translate(_translation_table())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip()


def _loosen_token(token: str) -> str:
    token = _DOUBLED.sub(r"\1", token)
    if len(token) > 4:
        for suffix, replacement in name_rules()["suffix_rules"]:
            if token.endswith(suffix):
                token = token[: -len(suffix)] + replacement
                break
    return token


@functools.lru_cache(maxsize=1)
def _variant_map() -> dict[str, str]:
    """Loosened spelling variant -> loosened canonical spelling."""
    mapping: dict[str, str] = {}
    for canonical, variants in name_rules()["token_variants"].items():
        target = _loosen_token(fold(canonical))
        for variant in [canonical, *variants]:
            mapping[_loosen_token(fold(variant))] = target
    return mapping


@functools.lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    return frozenset(name_rules()["arabic_articles"])


def name_articles() -> frozenset[str]:
    """Articles that open Arabic place names ('al', 'as', 'el'), lower case."""
    return _articles()


@functools.lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The loose lookup key of a name ("Al-Raqqah" and "Raqqa" give the same key)."""
    tokens = fold(text).split()
    articles = _articles()
    kept = [t for t in tokens if t not in articles]
    if kept:  # a name made only of articles keeps them
        tokens = kept
    variants = _variant_map()
    loosened = []
    for token in tokens:
        token = _loosen_token(token)
        loosened.append(variants.get(token, token))
    return " ".join(loosened)


@functools.lru_cache(maxsize=1)
def designators() -> dict[str, str]:
    """Words that say what kind of place a name is ("province" -> ADM1, "town" -> PPL)."""
    return dict(name_rules()["designators"])


def admin_short_name(name: str) -> str:
    """An admin area's name without a last word that news drops but no search strips
    ("Western Area" -> "Western"; a "Gota area" in a city is not an area's name); else ""."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in name_rules().get("admin_name_suffixes", ()):
        return " ".join(words[:-1])
    return ""


def strip_designator(text: str, prefix: bool = True) -> tuple[str, str]:
    """("Kirkuk Province") -> ("Kirkuk", "ADM1"), ("the city of Kirkuk") -> ("Kirkuk", "PPL");
    a name without one comes back unchanged. ``prefix=False`` keeps "District of Columbia"."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    kinds = designators()
    if len(words) > 1 and words[-1].lower() in kinds:
        kind = kinds[words[-1].lower()]
        words = words[:-1]
        if len(words) > 1 and words[-1].lower() in kinds and kind == "PPL":
            words = words[:-1]  # 'Maruf district center': the district's seat town
        return " ".join(words), kind
    if prefix and len(words) > 2 and words[0].lower() in kinds and words[1].lower() == "of":
        return " ".join(words[2:]), kinds[words[0].lower()]
    if prefix and len(words) > 1 and leading_designator(words[0]):
        return " ".join(words[1:]), leading_designator(words[0])  # 'Barangay Pange'
    return text, ""


def leading_designator(word: str) -> str:
    """The kind of place a designator written before a name says, without 'of' ('Barangay',
    'Brgy.' -> PPL); "" for any other word."""
    return name_rules().get("leading_designators", {}).get(word.lower().rstrip("."), "")


def is_latin_name(text: str) -> bool:
    """True when the folded name is written in Latin letters (the only names English news uses)."""
    folded = fold(text)
    return bool(folded) and all(c.isascii() for c in folded) and any(c.isalpha() for c in folded)


@functools.lru_cache(maxsize=1)
def _case_keeping_table() -> dict[int, str]:
    rules = name_rules()
    table = {ord(k): v for k, v in rules["letters"].items()}
    table.update({ord(k.upper()): v.capitalize() for k, v in rules["letters"].items()
                  if len(k.upper()) == 1 and k.upper() != k})
    table.update({ord(c): "" for c in rules["drop_chars"]})
    return table


def ascii_name(text: str) -> str:
    """A display name in plain letters, case kept: "Kirkūk" -> "Kirkuk", "Karbalā’" -> "Karbala"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_case_keeping_table()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()
