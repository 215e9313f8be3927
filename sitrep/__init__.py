"""sitrep: conflict news in, ACLED-compatible event records with evidence out.

    import sitrep
    events = sitrep.extract(open("article.txt").read(), published="2017-10-20")
    df = sitrep.to_dataframe(events)
"""
# The ingest stage is imported first, so that `sitrep.ingest` below stays the function: importing a
# submodule later would otherwise rebind the package attribute to the module.
import sitrep.ingest as _ingest_stage  # noqa: F401
from sitrep.api import (
    IngestReport, as_article, extract, geoparse, ingest, open_store, process, read, to_dataframe,
)
from sitrep.records import Article, Event, Incident, Place, PlaceMention, Problem, Span

__version__ = "0.1.0"
__all__ = [
    "Article", "Event", "Incident", "IngestReport", "Place", "PlaceMention", "Problem", "Span",
    "as_article", "extract", "geoparse", "ingest", "open_store", "process", "read", "to_dataframe",
]
