"""The learned part of event typing: models trained by `sitrep train` on ACLED notes.

Three linear text models over TF-IDF features: the event type and the sub-event type (words, word
pairs and pieces of words, read once by shared readers), and whether a passage reports a conflict
event at all (words and word pairs). The rules find and frame events; these models settle the
type where they are confident, and catch events the rules missed.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional

from sitrep.dates import without_dates
from sitrep.records import SUB_EVENT_TO_TYPE

MODEL_FILE = "event_type.joblib"
_LEAD_DATE = re.compile(r"^\s*(?:on|around|between|in|during|from|overnight|since)\b[^,]{0,60}\d{4}[^,]{0,30},\s*", re.IGNORECASE)
_TAGS = re.compile(r"\[[^\]]*\]")
_SPACES = re.compile(r"[\s,]+([,.;:])|\s{2,}")


def model_text(text: str) -> str:
    """What the models read: no dates and no coder tags such as '[size=no report]'."""
    # ACLED notes open with their date, and dates elsewhere in a note are rare and skewed towards
    # some types: a model that saw them learns the writing habit ("a date in mid-sentence means a
    # strategic development") instead of the event, while news puts dates anywhere
    text = without_dates(_TAGS.sub(" ", _LEAD_DATE.sub("", text)))
    return _SPACES.sub(lambda m: m.group(1) or " ", text).strip(" ,")


@dataclass
class Prediction:
    event_type: str
    type_probability: float
    sub_event_type: str
    sub_probability: float
    event_probability: float
    sub_probabilities: dict[str, float] = field(default_factory=dict)

    def sub_type_within(self, event_type: str) -> tuple[Optional[str], float]:
        """The most likely sub-type of a given type, with its share of that type's probability."""
        allowed = [(p, c) for c, p in self.sub_probabilities.items() if SUB_EVENT_TO_TYPE.get(c) == event_type]
        if not allowed:
            return None, 0.0
        total = sum(p for p, _ in allowed) or 1.0
        best_p, best = max(allowed)
        return best, best_p / total


@functools.lru_cache(maxsize=1)
def _models() -> Optional[dict]:
    import os

    # $SITREP_EVENT_MODEL points at another trained file (a model fitted without a dev part, say)
    path = os.environ.get("SITREP_EVENT_MODEL") or resources.files("sitrep.events") / "models" / MODEL_FILE
    if not os.path.isfile(str(path)):
        return None  # not trained yet: the rules work alone
    import joblib

    return joblib.load(str(path))


def available() -> bool:
    return _models() is not None


def predict(texts: list[str]) -> list[Prediction]:
    models = _models()
    if models is None or not texts:
        return []
    cleaned = [model_text(t) for t in texts]
    import sklearn

    # the models are called once per article: sklearn's checks of its inputs would cost a fifth
    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
        # the type and sub-type models read the passage through shared readers (`sitrep train`);
        # a file without them holds a whole pipeline per model
        read = read_with(models["readers"], cleaned) if "readers" in models else cleaned
        type_probs = models["type"].predict_proba(read)
        sub_probs = models["sub_type"].predict_proba(read)
        event_probs = models["event"].predict_proba(cleaned)
    type_classes, sub_classes = models["type"].classes_, models["sub_type"].classes_
    positive = list(models["event"].classes_).index(1)
    out = []
    for tp, sp, ep in zip(type_probs, sub_probs, event_probs):
        ti, si = int(tp.argmax()), int(sp.argmax())
        out.append(Prediction(str(type_classes[ti]), float(tp[ti]), str(sub_classes[si]), float(sp[si]), float(ep[positive]),
                              {str(c): float(p) for c, p in zip(sub_classes, sp)}))
    return out


def read_with(readers: list, texts: list[str]):
    """The features of each text: the columns of every reader side by side (a sparse matrix)."""
    from scipy.sparse import hstack

    return hstack([reader.transform(texts) for reader in readers], format="csr")


def sub_type_given(text: str, event_type: str) -> tuple[Optional[str], float]:
    """The most likely sub-type within a given type, with its probability among that type's sub-types."""
    predictions = predict([text])
    return predictions[0].sub_type_within(event_type) if predictions else (None, 0.0)
