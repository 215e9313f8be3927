"""Language stage: spaCy with sitrep's own rules, turning article text into a parsed Doc."""
from sitrep.language.nlp import analyze, load_nlp, segment_of

__all__ = ["analyze", "load_nlp", "segment_of"]
