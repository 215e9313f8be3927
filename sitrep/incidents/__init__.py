"""Incidents stage: merge reports of one event across articles (ACLED's aggregation rule)."""
from sitrep.incidents.merge import (
    candidate_types,
    candidate_window_days,
    conservative_fatalities,
    is_same_incident,
    match_incident,
    match_radius_km,
    near_days,
    merge_into,
    new_incident,
    report_source,
)

__all__ = [
    "candidate_types", "candidate_window_days", "conservative_fatalities", "is_same_incident", "match_incident",
    "match_radius_km", "merge_into", "near_days", "new_incident", "report_source",
]
