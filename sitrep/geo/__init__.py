"""Geography stage: gazetteer, toponym resolution, relative places and the event's own place.

    from sitrep.geo import Gazetteer, geoparse_doc, place_for_span
    mentions = geoparse_doc(doc)                       # every place mention, resolved, with role
    where = place_for_span(mentions, sent.start_char, sent.end_char, doc)
"""
from sitrep.geo.eventplace import article_focus, coordinated_places, main_place, place_for_span
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.relative import destination, distance_km, mean_point
from sitrep.geo.resolve import geoparse_doc, resolve_spans

__all__ = [
    "Gazetteer", "geoparse_doc", "resolve_spans", "place_for_span", "coordinated_places", "main_place", "article_focus",
    "destination", "distance_km", "mean_point",
]
