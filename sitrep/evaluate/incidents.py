"""`sitrep eval incidents`: does cross-article merging join reports of one event, and only those?

Items are articles: ACLED notes (one event each; every ACLED row is a distinct event, so joining
two rows is a false merge) and second reports written for sitrep (data/second_reports.jsonl:
the same facts as one ACLED event from the TRAIN part, in other words, order and detail; a
second report joined with its note is a true merge). Each item runs through the pipeline and is
stored one article at a time; items whose events share an incident are merged (transitively).

Each item stands for one ACLED event, and is represented by the extracted event that best
matches that event's gold row (as `sitrep eval acled` matches them): ACLED splits a report of
several places into one row per place, so one note may carry several events, each its own row.
Scores: pairwise precision and recall over merged pairs (two items are merged when their events
share an incident), and B-cubed precision, recall and F1 over the partition that puts each item
in its event's incident. The looser article-level count (two items are merged when ANY event of
one shares an incident with any event of the other) is reported beside it.
``mode="gold"`` skips the language stages: each ACLED row becomes an event from its gold columns
and only over-merging is measured (it checks the merge rule itself on 15,000 true records).
"""
from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from sitrep.records import Article, Event

DEFAULT_FILES = ("data/acled-2020-global/acled.csv",)
ALL_FILES = ("data/acled-2020-global/acled.csv", "data/acled-2015-asia/acled.csv")


@dataclass
class SecondReport:
    event_id: str
    text: str
    published: Optional[date]

    def article(self) -> Article:
        return Article(text=self.text, id=f"second-{self.event_id}", published=self.published, source="sitrep second report")


def second_reports() -> list[SecondReport]:
    text = (resources.files("sitrep.evaluate") / "data" / "second_reports.jsonl").read_text(encoding="utf-8")
    reports = []
    for line in text.splitlines():
        if line.strip():
            row = json.loads(line)
            reports.append(SecondReport(row["event_id_cnty"], row["text"], date.fromisoformat(row["published"])))
    return reports


@dataclass
class Clustering:
    """Gold cluster (ACLED event id) and predicted cluster per item; ``merged`` holds the item
    pairs that share an incident (None: take the pairs from ``predicted``)."""
    gold: dict[str, str] = field(default_factory=dict)
    predicted: dict[str, str] = field(default_factory=dict)
    merged: Optional[set[tuple[str, str]]] = None


def shared_incident_pairs(item_incidents: dict[str, list[str]]) -> set[tuple[str, str]]:
    """Item pairs (sorted) with at least one incident in common."""
    members: dict[str, set[str]] = defaultdict(set)
    for item, incidents in item_incidents.items():
        for incident in incidents:
            members[incident].add(item)
    pairs: set[tuple[str, str]] = set()
    for items in members.values():
        ordered = sorted(items)
        pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    return pairs


def main_incidents(item_incidents: dict[str, list[str]]) -> dict[str, str]:
    """Each item's cluster: the incident of its first event (an item with none stands alone)."""
    return {item: (incidents[0] if incidents else f"alone:{item}") for item, incidents in item_incidents.items()}


def pairwise(clustering: Clustering) -> dict:
    """Merged pairs against gold pairs: precision, recall, and the counts behind them."""
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for item, cluster in clustering.gold.items():
        gold_groups[cluster].append(item)
    gold = {tuple(sorted((a, b))) for items in gold_groups.values()
            for i, a in enumerate(items) for b in items[i + 1:]}
    if clustering.merged is not None:
        merged = clustering.merged
    else:
        groups: dict[str, list[str]] = defaultdict(list)
        for item, cluster in clustering.predicted.items():
            groups[cluster].append(item)
        merged = {tuple(sorted((a, b))) for items in groups.values() for i, a in enumerate(items) for b in items[i + 1:]}
    true_pairs = len(merged & gold)
    return {
        "predicted_pairs": len(merged), "gold_pairs": len(gold), "true_pairs": true_pairs,
        "precision": true_pairs / len(merged) if merged else 1.0,
        "recall": true_pairs / len(gold) if gold else 1.0,
    }


def bcubed(clustering: Clustering) -> dict:
    predicted_sizes = Counter(clustering.predicted.values())
    gold_sizes = Counter(clustering.gold.values())
    cells = Counter((clustering.predicted[i], clustering.gold[i]) for i in clustering.gold)
    items = list(clustering.gold)
    if not items:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    precision = sum(cells[(clustering.predicted[i], clustering.gold[i])] / predicted_sizes[clustering.predicted[i]] for i in items) / len(items)
    recall = sum(cells[(clustering.predicted[i], clustering.gold[i])] / gold_sizes[clustering.gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


# -- running ------------------------------------------------------------------------------------


def gold_event(gold) -> Event:
    """An ACLED row as an event from its gold columns and its notes (mode 'gold')."""
    return Event(
        event_date=gold.event_date, time_precision=1, event_type=gold.event_type,
        sub_event_type=gold.sub_event_type or "", actor1=gold.actor1, inter1=gold.inter1,
        actor2=gold.actor2, inter2=gold.inter2, country=gold.country, admin1=gold.admin1,
        location=gold.location, latitude=gold.latitude, longitude=gold.longitude,
        geo_precision=gold.geo_precision or 1, fatalities=gold.fatalities,
        notes=gold.notes,  # the story check compares what reports say
    )


def evaluate_incidents(paths: Iterable[Path], mode: str = "pipeline", limit: int = 0,
                       with_second_reports: bool = True,
                       progress: Optional[Callable[[Iterator], Iterator]] = None) -> dict:
    """Store every item one article at a time in a temporary store and score the merging."""
    from sitrep.evaluate.acled import read_acled
    from sitrep.store import open_store

    golds = []
    for path in paths:
        rows = list(read_acled(Path(path)))
        golds.extend(rows[:limit] if limit else rows)
    seconds = [s for s in second_reports()] if with_second_reports and mode == "pipeline" else []
    known = {g.event_id for g in golds}
    seconds = [s for s in seconds if s.event_id in known]  # a --limit may leave some notes out
    gold_of: dict[str, str] = {}
    row_of = {gold.event_id: gold for gold in golds}
    items: list[tuple[Article, Optional[Event]]] = []
    for gold in golds:
        article = gold.article()
        gold_of[article.id] = gold.event_id
        items.append((article, gold_event(gold) if mode == "gold" else None))
    for second in seconds:
        article = second.article()
        gold_of[article.id] = second.event_id
        items.append((article, None))
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder) / "eval.duckdb") as store:
            events_of = _ingest(store, items, mode, progress)
            item_incidents: dict[str, list[str]] = defaultdict(list)
            incident_of_event: dict[str, str] = {}
            for article_id, event_id, incident_id in store.connection.execute(
                    "SELECT article_id, event_id, incident_id FROM events ORDER BY seq").fetchall():
                item_incidents[article_id].append(incident_id)
                incident_of_event[event_id] = incident_id
            for article_id in gold_of:
                item_incidents.setdefault(article_id, [])
            texts = {article.id: article.text for article, _ in items}
            chosen = matched_events({item: row_of[gold_of[item]] for item in gold_of}, events_of, texts)
            matched = {item: [incident_of_event[event.event_id]] if event is not None
                       and event.event_id in incident_of_event else [] for item, event in chosen.items()}
            clustering = Clustering(gold=gold_of, predicted=main_incidents(matched),
                                    merged=shared_incident_pairs(matched))
            any_event = Clustering(gold=gold_of, predicted=main_incidents(item_incidents),
                                   merged=shared_incident_pairs(item_incidents))
            report = _report(clustering, item_incidents, seconds, store, mode, texts)
            report["pairwise_any_event"] = pairwise(any_event)
    report["files"] = [str(p) for p in paths]
    return report


def _ingest(store, items, mode, progress) -> dict[str, list[Event]]:
    """Store every item; its ACLED-typed events by article id (as stored, ids and all)."""
    if mode == "gold":
        for article, event in items:
            event.event_id, event.article_id = f"{article.id}-1", article.id
            store.add_article(article, [event])
        return {article.id: [event] for article, event in items}
    from sitrep.pipeline import default_pipeline

    results = default_pipeline().process(article for article, _ in items)
    if progress is not None:
        results = progress(results)
    events_of = {}
    for result in results:
        store.add_article(result.article, result.events)
        events_of[result.article.id] = [e for e in result.events if e.event_type]
    return events_of


def matched_events(rows: dict, events_of: dict[str, list[Event]], texts: dict[str, str]) -> dict[str, Optional[Event]]:
    """The event each item stands for: the one that best matches its gold row. Rows that share
    one note (ACLED's one row per place of a report) are matched together, each to an event of
    its own where the note gave enough: the best pairs first, so that two rows are not both read
    as the report's first place because it lies nearest to both."""
    from sitrep.evaluate.acled import best_match, match_key

    chosen = {item: best_match(gold, events_of.get(item, [])) for item, gold in rows.items()}
    sharing: dict[str, list[str]] = defaultdict(list)
    for item in rows:
        sharing[texts.get(item, "")].append(item)
    for text, items in sharing.items():
        counts = {len(events_of.get(item, [])) for item in items}
        if not text or len(items) < 2 or len(counts) != 1 or counts.pop() < 2:
            continue  # one row, or readings that differ (other publication dates): each on its own
        ranked = sorted(((match_key(rows[item], event), -order, item, k)
                         for order, item in enumerate(items) for k, event in enumerate(events_of[item])), reverse=True)
        taken_rows, taken_places = set(), set()
        for *_, item, k in ranked:
            if item not in taken_rows and k not in taken_places:
                taken_rows.add(item)
                taken_places.add(k)
                chosen[item] = events_of[item][k]
    return chosen


def _report(clustering: Clustering, item_incidents, seconds, store, mode, texts=None) -> dict:
    pairs = pairwise(clustering)
    pairs.update(_beside_identical_texts(clustering, pairs, texts or {}))
    report = {
        "mode": mode,
        "items": len(clustering.gold),
        "acled_notes": sum(1 for i in clustering.gold if i.startswith("acled-")),
        "second_reports": len(seconds),
        "items_without_events": sum(1 for i in clustering.gold if not item_incidents[i]),
        "incidents": store.connection.execute("SELECT count(*) FROM incidents").fetchone()[0],
        "pairwise": pairs,
        "bcubed": bcubed(clustering),
        "false_merges": _false_merges(clustering),
        "missed_merges": _missed(clustering, item_incidents, seconds),
    }
    return report


def _beside_identical_texts(clustering: Clustering, pairs: dict, texts: dict[str, str]) -> dict:
    """ACLED sometimes splits one report over several rows with the very same notes (one row per
    district, say). No reader of the text can tell such rows apart, so their merges are counted
    separately: precision without them says how often sitrep joins notes that differ."""
    merged = clustering.merged or set()
    identical = sum(1 for a, b in merged if clustering.gold[a] != clustering.gold[b]
                    and a in texts and texts.get(a) == texts.get(b))
    rest = pairs["predicted_pairs"] - identical
    return {"false_pairs_identical_text": identical,
            "precision_without_identical_text": pairs["true_pairs"] / rest if rest else 1.0}


def _false_merges(clustering: Clustering) -> list[list[str]]:
    """Pairs of distinct ACLED events whose reports share an incident."""
    pairs = clustering.merged or set()
    wrong = {tuple(sorted((clustering.gold[a], clustering.gold[b]))) for a, b in pairs
             if clustering.gold[a] != clustering.gold[b]}
    return [list(pair) for pair in sorted(wrong)]


def _missed(clustering: Clustering, item_incidents, seconds) -> list[dict]:
    missed = []
    for second in seconds:
        note, other = f"acled-{second.event_id}", f"second-{second.event_id}"
        if tuple(sorted((note, other))) in (clustering.merged or set()):
            continue
        reason = "no event in the note" if not item_incidents[note] else (
            "no event in the second report" if not item_incidents[other] else "events not merged")
        missed.append({"event_id": second.event_id, "reason": reason})
    return missed


def report_lines(report: dict) -> Iterator[str]:
    pairs, cubed = report["pairwise"], report["bcubed"]
    yield (f"items: {report['items']} ({report['acled_notes']} ACLED notes, {report['second_reports']} second reports), "
           f"mode {report['mode']}; {report['incidents']} incidents; {report['items_without_events']} items gave no event")
    if pairs["gold_pairs"]:
        yield (f"pairwise: precision {pairs['precision']:.3f} ({pairs['true_pairs']} of {pairs['predicted_pairs']} merged pairs are true), "
               f"recall {pairs['recall']:.3f} ({pairs['true_pairs']} of {pairs['gold_pairs']} true pairs merged)")
    else:  # every item is its own event: only over-merging can be measured
        yield (f"pairwise: no true pairs in this set; {pairs['predicted_pairs']} merged pairs, all false "
               f"(of {report['items'] * (report['items'] - 1) // 2} possible pairs)")
    loose = report.get("pairwise_any_event")
    if loose and loose != pairs and loose["gold_pairs"]:
        yield (f"  article level (merged when any event of one shares an incident with any of the other): "
               f"precision {loose['precision']:.3f} ({loose['true_pairs']} of {loose['predicted_pairs']}), "
               f"recall {loose['recall']:.3f}")
    if pairs.get("false_pairs_identical_text"):
        without = (f"; without them, precision {pairs['precision_without_identical_text']:.3f}"
                   if pairs["gold_pairs"] else "")
        yield (f"  of the false pairs, {pairs['false_pairs_identical_text']} join ACLED rows whose notes are the very same text "
               f"(one report split over several rows){without}")
    yield f"B-cubed: precision {cubed['precision']:.4f}, recall {cubed['recall']:.4f}, F1 {cubed['f1']:.4f}"
    if report["false_merges"]:
        yield f"false merges (ACLED events joined): {len(report['false_merges'])} pairs, e.g. " + "; ".join("+".join(i or "(no id)" for i in ids) for ids in report["false_merges"][:8])
    if report["missed_merges"]:
        reasons = Counter(m["reason"] for m in report["missed_merges"])
        yield "missed merges: " + ", ".join(f"{n} {why}" for why, n in reasons.items())
