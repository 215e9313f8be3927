"""Geography stage: gazetteer, toponym resolution, relative places and the event's own place.

    from sitrep.geo import Gazetteer, geoparse_doc, place_for_span
    mentions = geoparse_doc(doc)                       # every place mention, resolved, with role
    where = place_for_span(mentions, sent.start_char, sent.end_char, doc)
"""
from typing import Optional

from sitrep.geo.cues import cued_country
from sitrep.geo.eventplace import (TAKES_OVER, article_focus, coordinated_places, main_place, place_for_span,
                                   places_beside)
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.naming import acled_admin1, record_names
from sitrep.geo.relative import destination, distance_km, mean_point
from sitrep.geo.resolve import geoparse_doc, is_place_noun, placed_inside, resolve_spans

__all__ = [
    "Gazetteer", "geoparse_doc", "resolve_spans", "place_for_span", "coordinated_places",
    "places_beside", "placed_inside", "is_place_noun", "TAKES_OVER", "main_place", "article_focus",
    "destination", "distance_km", "mean_point", "country_by_cues", "acled_admin1", "record_names",
]


def country_by_cues(text: str) -> Optional[tuple[str, str]]:
    """(code, name) of the country a text's cue words clearly point to ('Houthi', 'Mikati'), for
    a report that names no place the gazetteer knows; None when they do not."""
    code = cued_country(text)
    if code is None:
        return None
    name = Gazetteer.load().country_name(code)
    return (code, name) if name else None
