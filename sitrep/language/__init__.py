"""Language stage: spaCy with sitrep's own rules, turning article text into a parsed Doc."""
from sitrep.language.nlp import analyze, doc_text, is_dateline, load_nlp, segment_of

__all__ = ["analyze", "doc_text", "is_dateline", "load_nlp", "segment_of"]
