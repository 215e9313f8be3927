"""`sitrep eval plover`: PLOVER event types, actors and recipients against the PLOVER gold records.

The records (../shared/data/plover/PLOVER_GSR_CAMEO.txt) are single sentences with a gold event
type, source actors and target actors. Each sentence is parsed and typed by
``sitrep.events.verbal.type_sentence`` (all PLOVER types, material ones included: the records
code both). Scores: event type accuracy and macro-F1 over the gold types; actor and recipient
text match. Records are split like the other evaluations: a record is TEST when
int(sha256(id), 16) % 5 == 0, else TRAIN; the cue lists were written looking at TRAIN only.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Optional

RECORDS_FILE = "data/plover/PLOVER_GSR_CAMEO.txt"
NO_EVENT = "NONE"
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")
_ARTICLES = {"the", "a", "an"}


def is_test(record_id: str) -> bool:
    return int(hashlib.sha256(record_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


@functools.lru_cache(maxsize=1)
def label_map() -> dict:
    text = (resources.files("sitrep.evaluate") / "data" / "plover_labels.json").read_text(encoding="utf-8")
    return json.loads(text)


def read_records(path: Path) -> list[dict]:
    """Records from a JSON-like file: trailing commas allowed, and a broken record is skipped
    (the rest are still read)."""
    text = _TRAILING_COMMA.sub(r"\1", path.read_text(encoding="utf-8"))
    try:
        data = json.loads(text)
        return [r for r in data if isinstance(r, dict)]
    except json.JSONDecodeError:
        return list(_records_one_by_one(text))


def _records_one_by_one(text: str) -> Iterator[dict]:
    decoder = json.JSONDecoder()
    position = text.find("{")
    while position != -1:
        try:
            record, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            position = text.find("\n{", position + 1)
            position = position + 1 if position != -1 else -1
            continue
        if isinstance(record, dict):
            yield record
        position = text.find("{", end)


def gold_texts(value: Any) -> list[str]:
    """actorText of each actor in a 'source' or 'target' value (a list, one dict, '' or None)."""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    return [a.get("actorText", "") for a in value if isinstance(a, dict) and a.get("actorText")]


def text_match(predicted: str, gold: list[str]) -> bool:
    """Lenient: after folding case and punctuation, one contains the other, or they share at
    least half of the shorter one's words."""
    ours = _words(predicted)
    if not ours:
        return False
    for item in gold:
        theirs = _words(item)
        if not theirs:
            continue
        joined_ours, joined_theirs = " ".join(ours), " ".join(theirs)
        if joined_ours in joined_theirs or joined_theirs in joined_ours:
            return True
        shared = len(set(ours) & set(theirs))
        if shared * 2 >= min(len(set(ours)), len(set(theirs))):
            return True
    return False


def _words(text: str) -> list[str]:
    words = re.findall(r"[\w.]+", text.casefold().replace("'s", ""))
    return [w.strip(".") for w in words if w.strip(".") and w not in _ARTICLES]


def predict(texts: list[str]) -> list[dict]:
    """Per sentence: PLOVER type (or NONE), actor and recipient as written."""
    from sitrep.events.verbal import type_sentence
    from sitrep.language import load_nlp

    nlp = load_nlp()
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        typed = None
        for sentence in doc.sents:
            typed = type_sentence(sentence)
            if typed is not None:
                break
        if typed is None:
            out.append({"plover": NO_EVENT, "actor": "", "recipient": ""})
            continue
        out.append({
            "plover": typed.plover, "trigger": typed.trigger.text,
            "actor": typed.actor.text if typed.actor is not None else "",
            "recipient": typed.recipient.text if typed.recipient is not None else "",
        })
    return out


def score(rows: list[dict]) -> dict:
    """Accuracy, macro-F1 over gold types, per-type P/R/F1, actor and recipient match rates."""
    if not rows:
        return {"records": 0}
    gold_types = sorted({r["gold"] for r in rows})
    per_type = {}
    for label in gold_types:
        tp = sum(1 for r in rows if r["gold"] == label and r["predicted"] == label)
        fp = sum(1 for r in rows if r["gold"] != label and r["predicted"] == label)
        fn = sum(1 for r in rows if r["gold"] == label and r["predicted"] != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[label] = {"support": tp + fn, "precision": precision, "recall": recall, "f1": f1}
    with_actor = [r for r in rows if r["gold_actors"]]
    with_recipient = [r for r in rows if r["gold_recipients"]]
    return {
        "records": len(rows),
        "accuracy": sum(r["gold"] == r["predicted"] for r in rows) / len(rows),
        "macro_f1": sum(t["f1"] for t in per_type.values()) / len(per_type),
        "no_event": sum(r["predicted"] == NO_EVENT for r in rows),
        "actor_match": sum(r["actor_ok"] for r in with_actor) / len(with_actor) if with_actor else 0.0,
        "actor_records": len(with_actor),
        "recipient_match": sum(r["recipient_ok"] for r in with_recipient) / len(with_recipient) if with_recipient else 0.0,
        "recipient_records": len(with_recipient),
        "per_type": per_type,
    }


def evaluate_plover(path: Optional[Path] = None) -> dict:
    """The full report: scores for all records, TRAIN and TEST, and one row per record."""
    from sitrep.evaluate.corpora import shared_dir

    if path is None:
        shared = shared_dir()
        if shared is None:
            raise FileNotFoundError("../shared is absent: give the PLOVER records file")
        path = shared / RECORDS_FILE
    mapping = label_map()
    records = [r for r in read_records(Path(path))
               if r.get("text") and r.get("event") and r["event"] not in mapping["skip_gold"]]
    predictions = predict([r["text"] for r in records])
    rows = []
    for record, guess in zip(records, predictions):
        predicted = mapping["prediction_to_gold"].get(guess["plover"], guess["plover"])
        actors, recipients = gold_texts(record.get("source")), gold_texts(record.get("target"))
        rows.append({
            "id": record["id"], "split": "test" if is_test(record["id"]) else "train",
            "gold": record["event"], "predicted": predicted, "emitted": guess["plover"],
            "trigger": guess.get("trigger", ""), "text": record["text"],
            "gold_actors": actors, "actor": guess["actor"], "actor_ok": text_match(guess["actor"], actors),
            "gold_recipients": recipients, "recipient": guess["recipient"],
            "recipient_ok": text_match(guess["recipient"], recipients),
        })
    return {
        "file": str(path),
        "all": score(rows),
        "train": score([r for r in rows if r["split"] == "train"]),
        "test": score([r for r in rows if r["split"] == "test"]),
        "confusion": Counter(f"{r['gold']}->{r['predicted']}" for r in rows if r["gold"] != r["predicted"]).most_common(15),
        "rows": rows,
    }


def report_lines(report: dict) -> Iterator[str]:
    yield f"PLOVER records: {report['file']}"
    for part in ("all", "train", "test"):
        s = report[part]
        yield (f"{part:5}  records {s['records']:4}  type accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}  "
               f"actor match {s['actor_match']:.3f} (of {s['actor_records']})  "
               f"recipient match {s['recipient_match']:.3f} (of {s['recipient_records']})  no event {s['no_event']}")
    yield "per type (all records): support  precision  recall  F1"
    for label, t in sorted(report["all"]["per_type"].items()):
        yield f"  {label:12} {t['support']:4}  {t['precision']:.2f}  {t['recall']:.2f}  {t['f1']:.2f}"
    yield "most frequent confusions (gold->predicted): " + ", ".join(f"{k} {v}" for k, v in report["confusion"])
