"""Gold geoparsing corpora (GeoWebNews, TR-News): articles with toponym spans and their answers.

Both are read from ``../shared/data/geoparsing`` at evaluation time and never copied.

- GeoWebNews (``GWN.xml``): every toponym has a ``type``. Spans with a GeoNames id are the
  resolution set (as in the published Mordecai3 figures); spans of a place type with coordinates,
  and demonyms, are the detection set (expressions, languages and homonyms are not toponyms).
  Nationality adjectives are annotated (as modifiers with a point, or as demonyms without one),
  so sitrep's demonym mentions count as found toponyms.
- TR-News (``TR-News.xml``): every toponym has a ``gaztag`` (GeoNames id, feature code, point).
  Nationality adjectives ("Turkish") are annotated as toponyms of their country, so sitrep's
  demonym mentions count as found toponyms there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from lxml import etree

# GeoWebNews types that name a place (literally or not); the rest are expressions or non-toponyms.
GWN_PLACE_TYPES = frozenset({
    "Literal", "Mixed", "Metonymic", "Literal_Modifier", "Non_Literal_Modifier",
    "Embedded_Literal", "Embedded_Non_Lit", "Coercion",
})

# demonyms are annotated as toponyms without a point: found or not, never resolved
GWN_DEMONYM_TYPES = frozenset({"Demonym"})


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    geonameid: Optional[int]
    latitude: Optional[float]
    longitude: Optional[float]
    kind: str = ""  # GWN type or GeoNames feature code
    detect: bool = True  # part of the detection gold set


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


@dataclass
class GoldCorpus:
    name: str
    articles: list[GoldArticle]
    demonyms_are_toponyms: bool  # does the corpus annotate "Turkish" as a toponym?


def _float(value: Optional[str]) -> Optional[float]:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: Optional[str]) -> Optional[int]:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def read_gwn(path: Path) -> GoldCorpus:
    articles = []
    for element in etree.parse(str(path)).getroot().iter("article"):
        text = element.findtext("text") or ""
        article = GoldArticle(f"gwn-{element.get('file')}", text)
        for top in element.iter("toponym"):
            start, end = _int(top.findtext("start")), _int(top.findtext("end"))
            if start is None or end is None or end <= start:
                continue
            kind = (top.findtext("type") or "").strip()
            lat, lon = _float(top.findtext("latitude")), _float(top.findtext("longitude"))
            article.toponyms.append(GoldToponym(
                start, end, text[start:end], _int(top.findtext("geonamesID")), lat, lon, kind,
                detect=(kind in GWN_PLACE_TYPES and lat is not None) or kind in GWN_DEMONYM_TYPES))
        articles.append(article)
    return GoldCorpus("GWN", articles, demonyms_are_toponyms=True)


def read_tr_news(path: Path) -> GoldCorpus:
    articles = []
    for element in etree.parse(str(path)).getroot().iter("article"):
        text = element.findtext("text") or ""
        article = GoldArticle(f"trnews-{element.get('docid')}", text)
        for top in element.iter("toponym"):
            start, end = _int(top.findtext("start")), _int(top.findtext("end"))
            if start is None or end is None or end <= start:
                continue
            tag = top.find("gaztag")
            geonameid = _int(tag.get("geonameid")) if tag is not None else None
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            kind = (tag.findtext("fcode") or "").strip() if tag is not None else ""
            phrase = top.findtext("phrase") or ""
            start, end = _realign(text, start, end, phrase)
            article.toponyms.append(GoldToponym(start, end, text[start:end], geonameid, lat, lon, kind))
        articles.append(article)
    return GoldCorpus("TR-News", articles, demonyms_are_toponyms=True)


def _realign(text: str, start: int, end: int, phrase: str, window: int = 60) -> tuple[int, int]:
    """A few TR-News articles have offsets shifted by some characters: take the occurrence of the
    annotated phrase nearest to the given offset."""
    if not phrase or text[start:end] == phrase:
        return start, end
    lo = max(0, start - window)
    found = [m.start() + lo for m in re.finditer(re.escape(phrase), text[lo:end + window])]
    if not found:
        return start, end
    best = min(found, key=lambda s: abs(s - start))
    return best, best + len(phrase)


READERS = {"GWN.xml": read_gwn, "TR-News.xml": read_tr_news}


def read_corpus(path: Path) -> GoldCorpus:
    reader = READERS.get(path.name)
    if reader is None:
        raise ValueError(f"not a known geoparsing corpus (expected one of {', '.join(READERS)})")
    return reader(path)
