"""`sitrep eval acled`: run the pipeline on ACLED notes and compare with the gold columns.

Each note is an article (text = notes; published = the row's upload timestamp when there is one,
else its event date). No gold column reaches the pipeline. The extracted event that best matches
the gold event is scored; a note with no extracted event is a miss.

The 2020 extract is split by a hash of event_id_cnty (see ``split_of``): rules, actor lists and models
are tuned on the train part and the 2015 extract only; the test part is reported, never tuned on.
"""
from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional

from sitrep.geo.normalize import fold
from sitrep.geo.relative import distance_km
from sitrep.records import Article, EVENT_TYPES, Event, SUB_EVENT_TO_TYPE

TEST_MODULUS = 5  # one event in five is held out

# The 2015 extract's EVENT_TYPE values mapped onto today's (type, sub-type); None = not knowable.
OLD_EVENT_TYPES = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actors overtake territory": ("Battles", "Non-state actor overtakes territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "violence against civilians": ("Violence against civilians", None),
    "remote violence": ("Explosions/Remote violence", None),
    "strategic development": ("Strategic developments", None),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
}


def split_of(event_id: str) -> str:
    """'test' for one event in five, chosen by a hash of its id; 'train' for the rest."""
    value = int(hashlib.sha256(event_id.encode("utf-8")).hexdigest(), 16)
    return "test" if value % TEST_MODULUS == 0 else "train"


def is_dev(event_id: str) -> bool:
    """A fifth of the train part, held back when choosing thresholds (`sitrep train --hold-dev`)."""
    return int(hashlib.sha256(("dev:" + event_id).encode("utf-8")).hexdigest(), 16) % 5 == 0


def in_split(gold: "GoldEvent", split: str) -> bool:
    """Whether a gold event belongs to a part: test, train, dev (the fifth of train that
    `sitrep train --hold-dev` leaves out) or all."""
    if split == "all":
        return True
    if split == "dev":
        return gold.split == "train" and is_dev(gold.event_id)
    return gold.split == split


@dataclass
class GoldEvent:
    event_id: str
    notes: str
    published: Optional[date]
    event_date: Optional[str]
    event_type: str
    sub_event_type: Optional[str]
    actor1: str
    actor2: str
    inter1: int
    inter2: int
    country: str
    admin1: str
    location: str
    latitude: Optional[float]
    longitude: Optional[float]
    geo_precision: int
    fatalities: int
    region: str
    split: str = "train"
    admin2: str = ""  # read by `sitrep train` (district seats), never compared

    def article(self) -> Article:
        return Article(text=self.notes, id=f"acled-{self.event_id}", published=self.published, source="ACLED notes")


def _number(value: str, kind=float):
    try:
        return kind(float(value))
    except (TypeError, ValueError):
        return None


def _acled_date(value: str) -> Optional[date]:
    for pattern in ("%d-%b-%y", "%d-%B-%Y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _old_type(value: str, inter1: int) -> tuple[str, Optional[str]]:
    key = value.strip().lower()
    if key == "riots/protests":
        return ("Riots", None) if inter1 == 5 else ("Protests", None)
    return OLD_EVENT_TYPES.get(key, ("Strategic developments", None))


def read_acled(path: Path) -> Iterator[GoldEvent]:
    """Gold events from either schema: the current lower-case columns or the 2015 upper-case ones."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        upper = "EVENT_TYPE" in (reader.fieldnames or [])
        for row in reader:
            if upper:
                row = {k.lower(): v for k, v in row.items()}
            notes = (row.get("notes") or "").strip()
            if not notes:
                continue
            event_day = _acled_date(row.get("event_date", ""))
            inter1 = _number(row.get("inter1"), int) or 0
            if upper:
                event_type, sub_type = _old_type(row["event_type"], inter1)
            else:
                event_type, sub_type = row["event_type"], row.get("sub_event_type") or None
            stamp = _number(row.get("timestamp"))
            published = datetime.fromtimestamp(stamp, tz=timezone.utc).date() if stamp else event_day
            event_id = row.get("event_id_cnty") or ""
            yield GoldEvent(
                event_id=event_id, notes=notes, published=published,
                event_date=event_day.isoformat() if event_day else None,
                event_type=event_type, sub_event_type=sub_type,
                actor1=row.get("actor1") or "", actor2=row.get("actor2") or "",
                inter1=inter1, inter2=_number(row.get("inter2"), int) or 0,
                country=row.get("country") or "", admin1=row.get("admin1") or "",
                location=row.get("location") or "", latitude=_number(row.get("latitude")),
                longitude=_number(row.get("longitude")), geo_precision=_number(row.get("geo_precision"), int) or 0,
                fatalities=_number(row.get("fatalities"), int) or 0,
                region=row.get("region") or row.get("country") or "",
                split=split_of(event_id) if not upper else "train",
                admin2=row.get("admin2") or "",
            )


# ------------------------------------------------------------------------------------ actors

_YEARS = re.compile(r"\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")


def normalise_actor(name: str) -> str:
    text = _YEARS.sub(" ", name.lower())
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def actors_match(gold: str, ours: str) -> bool:
    g, o = normalise_actor(gold), normalise_actor(ours)
    if not g or not o:
        return g == o
    if g == o:
        return True
    gold_words, our_words = set(g.split()), set(o.split())
    # 'military forces of yemen supreme political council' ~ 'military forces of yemen (supreme political council)'
    return len(our_words) >= 3 and (our_words <= gold_words or gold_words <= our_words)


# ------------------------------------------------------------------------------------ matching

def match_score(gold: GoldEvent, event: Event) -> float:
    score = 0.0
    if event.event_type == gold.event_type:
        score += 3
    if gold.sub_event_type and event.sub_event_type == gold.sub_event_type:
        score += 1
    near = (gold.latitude is not None and event.latitude is not None
            and distance_km(gold.latitude, gold.longitude, event.latitude, event.longitude) <= 25)
    if near or _names_the_place(gold, event):
        score += 2  # named as the row's place is as good as lying near its point
    if gold.event_date and event.event_date == gold.event_date:
        score += 1
    return score


def best_match(gold: GoldEvent, events: list[Event]) -> Optional[Event]:
    """The event that matches the row best; of equally good ones, the one placed by the name the
    row gives (a report of several places is one row per place for ACLED, and places the
    gazetteer lacks all stand at the area holding them), then the nearest to its point, then the
    first."""
    if not events:
        return None
    return max(events, key=lambda e: match_key(gold, e))


def match_key(gold: GoldEvent, event: Event) -> tuple:
    """How well an event matches a row, for ranking: its score, whether it is placed by the row's
    own place name, then nearness to the row's point."""
    return match_score(gold, event), _names_the_place(gold, event), -_distance_or_far(gold, event)


def _names_the_place(gold: GoldEvent, event: Event) -> bool:
    """The event's own place, as written, is the row's location ('Gidan Adamu')."""
    wanted = fold(gold.location.split("-")[-1]) if gold.location else ""
    if not wanted:
        return False
    own = [s.text for s in event.evidence if s.field == "place_unresolved"] or [
        s.text for s in event.evidence if s.field == "location"]
    return any(fold(text) == wanted for text in own)


def _distance_or_far(gold: GoldEvent, event: Event) -> float:
    if gold.latitude is None or event.latitude is None:
        return float("inf")
    return distance_km(gold.latitude, gold.longitude, event.latitude, event.longitude)


# ------------------------------------------------------------------------------------ scoring

def f1_by_label(pairs: list[tuple[str, str]], labels: Iterable[str]) -> dict[str, dict]:
    """F1 and gold count of each label that occurs in gold or prediction."""
    scores = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn == 0:
            continue
        scores[label] = {"f1": 2 * tp / (2 * tp + fp + fn), "gold": tp + fn, "predicted": tp + fp}
    return scores


def macro_f1(pairs: list[tuple[str, str]], labels: Iterable[str]) -> float:
    scores = [s["f1"] for s in f1_by_label(pairs, labels).values()]
    return sum(scores) / len(scores) if scores else 0.0


@dataclass
class Tally:
    """Counts of right answers over the notes where a field could be scored."""
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class Report:
    notes: int = 0
    detected: int = 0
    type_pairs: list = field(default_factory=list)
    sub_type_pairs: list = field(default_factory=list)
    fields: dict = field(default_factory=lambda: defaultdict(Tally))
    by_region: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(Tally)))
    misses: list = field(default_factory=list)
    # one row per note: gold and sitrep's value of each scored field, for error analysis
    rows: list = field(default_factory=list)

    def score(self, gold: GoldEvent, event: Optional[Event]) -> None:
        self.rows.append(_row(gold, event))
        self.notes += 1
        region = self.by_region[gold.region]
        region["detected"].add(event is not None)
        if event is None:
            self.type_pairs.append((gold.event_type, "none"))
            if gold.sub_event_type:
                self.sub_type_pairs.append((gold.sub_event_type, "none"))
            if len(self.misses) < 50:
                self.misses.append({"event_id": gold.event_id, "gold": gold.event_type, "notes": gold.notes[:200]})
            return
        self.detected += 1
        self.type_pairs.append((gold.event_type, event.event_type))
        region["event_type"].add(gold.event_type == event.event_type)
        if gold.sub_event_type:
            self.sub_type_pairs.append((gold.sub_event_type, event.sub_event_type))
        f = self.fields
        f["actor1"].add(actors_match(gold.actor1, event.actor1))
        if gold.actor2:
            f["actor2"].add(actors_match(gold.actor2, event.actor2) or actors_match(gold.actor2, event.assoc_actor_2))
        f["inter1"].add(gold.inter1 == event.inter1)
        if gold.latitude is not None:
            near = event.latitude is not None and distance_km(gold.latitude, gold.longitude, event.latitude, event.longitude) <= 25
            f["location_25km"].add(near)
            region["location_25km"].add(near)
        if gold.admin1:
            f["admin1"].add(normalise_actor(gold.admin1) == normalise_actor(event.admin1))
        if gold.geo_precision:
            f["geo_precision"].add(gold.geo_precision == event.geo_precision)
        if gold.event_date:
            f["event_date"].add(gold.event_date == event.event_date)
            region["event_date"].add(gold.event_date == event.event_date)
        f["fatalities_exact"].add(gold.fatalities == event.fatalities)
        f["fatalities_10pct"].add(abs(gold.fatalities - event.fatalities) <= 0.1 * max(gold.fatalities, 1) if gold.fatalities else event.fatalities == 0)
        region["fatalities_exact"].add(gold.fatalities == event.fatalities)

    def summary(self) -> dict:
        types = list(EVENT_TYPES)
        subs = list(SUB_EVENT_TO_TYPE)
        detected_pairs = [(g, p) for g, p in self.type_pairs if p != "none"]
        confusion = Counter(self.type_pairs)
        return {
            "notes": self.notes,
            "detection_recall": self.detected / self.notes if self.notes else 0.0,
            "event_type_accuracy": sum(g == p for g, p in self.type_pairs) / len(self.type_pairs) if self.type_pairs else 0.0,
            "event_type_accuracy_detected": sum(g == p for g, p in detected_pairs) / len(detected_pairs) if detected_pairs else 0.0,
            "event_type_macro_f1": macro_f1(self.type_pairs, types),
            "sub_event_type_macro_f1": macro_f1(self.sub_type_pairs, subs),
            "fields": {name: {"rate": t.rate, "right": t.right, "total": t.total} for name, t in sorted(self.fields.items())},
            "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(confusion.items(), key=lambda kv: -kv[1])},
            "by_region": {region: {name: round(t.rate, 3) for name, t in sorted(tallies.items())} | {"notes": tallies["detected"].total}
                          for region, tallies in sorted(self.by_region.items())},
            "sub_event_type_f1": f1_by_label(self.sub_type_pairs, subs),
            "misses": self.misses,
            "rows": self.rows,
        }


_ROW_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "inter1", "country", "admin1",
               "location", "latitude", "longitude", "geo_precision", "event_date", "fatalities")


def _row(gold: GoldEvent, event: Optional[Event]) -> dict:
    row: dict = {"event_id": gold.event_id, "region": gold.region, "notes": gold.notes}
    for name in _ROW_FIELDS:
        row[name] = {"gold": getattr(gold, name, None), "sitrep": getattr(event, name, None) if event else None}
    if event is not None and gold.latitude is not None and event.latitude is not None:
        row["km_off"] = round(distance_km(gold.latitude, gold.longitude, event.latitude, event.longitude), 1)
    return row


def evaluate(gold_events: list[GoldEvent], progress=None) -> Report:
    from sitrep.pipeline import default_pipeline

    report = Report()
    by_id = {f"acled-{g.event_id}": g for g in gold_events}
    articles = (g.article() for g in gold_events)
    results = default_pipeline().process(articles)
    if progress is not None:
        results = progress(results)
    for result in results:
        gold = by_id[result.article.id]
        acled_events = [e for e in result.events if e.event_type]  # verbal events have no ACLED type
        report.score(gold, best_match(gold, acled_events))
    return report


def format_summary(summary: dict, label: str) -> Iterator[str]:
    pct = lambda v: f"{100 * v:.1f}%"
    yield f"{label}: {summary['notes']} notes"
    yield f"  detection recall           {pct(summary['detection_recall'])}"
    yield f"  event type accuracy        {pct(summary['event_type_accuracy'])} (misses count as wrong; {pct(summary['event_type_accuracy_detected'])} of detected)"
    yield f"  event type macro-F1        {summary['event_type_macro_f1']:.3f}"
    yield f"  sub-event type macro-F1    {summary['sub_event_type_macro_f1']:.3f}"
    for name, tally in summary["fields"].items():
        yield f"  {name:<26} {pct(tally['rate'])} ({tally['right']}/{tally['total']})"
    weakest = sorted(summary.get("sub_event_type_f1", {}).items(), key=lambda kv: kv[1]["f1"])[:6]
    if weakest:
        yield "  weakest sub-event types (F1, gold count, predicted count):"
        for name, score in weakest:
            yield f"    {score['f1']:.2f}  {name} ({score['gold']} gold, {score['predicted']} predicted)"
    yield "  confusion (gold -> sitrep), most frequent:"
    for pair, count in list(summary["confusion"].items())[:15]:
        yield f"    {count:5d}  {pair}"
    yield "  by region (detected, type, within 25 km, date, fatalities):"
    for region, values in summary["by_region"].items():
        yield (f"    {region:<28} n={values['notes']:<5d} {pct(values.get('detected', 0))} {pct(values.get('event_type', 0))} "
               f"{pct(values.get('location_25km', 0))} {pct(values.get('event_date', 0))} {pct(values.get('fatalities_exact', 0))}")


def as_json(summary: dict) -> dict:
    return summary
