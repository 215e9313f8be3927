"""`sitrep geoparse` records: per article, the places found (or the given spans) resolved."""
from __future__ import annotations

from typing import Iterable, Iterator

from sitrep.records import Article, PlaceMention


def place_record(mention: PlaceMention) -> dict:
    place = mention.place
    return {
        "text": mention.text, "start": mention.start, "end": mention.end,
        "geonameid": place.geonameid if place else None, "name": place.name if place else None,
        "latitude": place.latitude if place else None, "longitude": place.longitude if place else None,
        "country_code": place.country_code if place else None, "admin1": place.admin1 if place else None,
        "feature_code": place.feature_code if place else None, "score": round(mention.score, 3),
        "role": mention.role, "geo_precision": mention.geo_precision,
    }


def geoparse_records(articles: Iterable[Article], given_spans: dict[str, list[tuple[int, int]]]) -> Iterator[dict]:
    from sitrep.geo import geoparse_doc, resolve_spans
    from sitrep.language import analyze

    for article, doc in analyze(articles):
        spans = given_spans.get(article.id)
        if spans:
            mentions = resolve_spans(article.text, spans, doc=doc)
        else:
            mentions = [m for m in geoparse_doc(doc) if m.role != "demonym" and m.place is not None]
        yield {"id": article.id, "places": [place_record(m) for m in mentions]}
