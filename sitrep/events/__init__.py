"""Events stage: detect, type, fill parties, place, date, deaths and evidence; merge within an article."""
from sitrep.events.extract import extract_events

__all__ = ["extract_events"]
