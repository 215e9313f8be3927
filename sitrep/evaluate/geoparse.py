"""`sitrep eval geoparse`: toponym resolution and detection against GeoWebNews and TR-News.

Two measurements per corpus:
(a) resolution of the gold spans (each span given to ``resolve_spans`` with its article as
    context): exact GeoNames id, within 161 km (100 miles, the field's usual threshold), median and
    mean error in km over answered spans, missing answers, and how many gold ids the default
    gazetteer does not hold at all (each such span can never be exact; it counts as a miss);
(b) end to end (``geoparse_doc`` finds the names itself): toponym detection precision, recall and
    F1 on exact spans and on overlapping spans, and the resolution of the found gold toponyms.

Distances use an area's centre point where the gazetteer has one (``Place.centre``); event records
keep ACLED's convention of the seat's point, but the gold answers here are GeoNames' own points.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from sitrep.evaluate.geo_corpora import GoldCorpus, GoldToponym, read_corpus
from sitrep.geo.relative import distance_km
from sitrep.records import Place, PlaceMention

CORPUS_FILES = ("GWN.xml", "TR-News.xml")
NEAR_KM = 161.0
# roles of mentions that name a place in the text; "relative" spans are computed phrases
FOUND_ROLES = frozenset({"place", "metonym", "speaker", "dateline", "affiliation"})


def default_corpus_paths() -> list[Path]:
    from sitrep.evaluate.corpora import shared_dir

    shared = shared_dir()
    if shared is None:
        return []
    folder = shared / "data" / "geoparsing"
    return [folder / name for name in CORPUS_FILES if (folder / name).is_file()]


def evaluation_point(place: Place) -> tuple[float, float]:
    """The point compared with gold answers: an area's centre where known, else its point."""
    centre = getattr(place, "centre", None)
    if centre:
        return centre
    return place.latitude, place.longitude


@dataclass
class ResolutionTally:
    """Answers for a set of gold toponyms that carry a point (and usually a GeoNames id)."""
    total: int = 0
    exact: int = 0
    near: int = 0
    missing: int = 0
    absent: int = 0  # gold id not in the default gazetteer
    with_id: int = 0
    errors_km: list[float] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)

    def add(self, gold: GoldToponym, place: Optional[Place], known_ids, keep_misses: bool) -> None:
        if gold.latitude is None and gold.geonameid is None:
            return
        self.total += 1
        if gold.geonameid is not None:
            self.with_id += 1
            if gold.geonameid not in known_ids:
                self.absent += 1
        exact = place is not None and gold.geonameid is not None and place.geonameid == gold.geonameid
        error = None
        if place is None:
            self.missing += 1
        elif gold.latitude is not None:
            error = distance_km(*evaluation_point(place), gold.latitude, gold.longitude)
            self.errors_km.append(error)
        self.exact += exact
        near = exact or (error is not None and error <= NEAR_KM)
        self.near += near
        if keep_misses and not near:
            self.misses.append({
                "text": gold.text, "start": gold.start, "gold_geonameid": gold.geonameid,
                "gold_kind": gold.kind, "predicted": place.name if place else None,
                "predicted_geonameid": place.geonameid if place else None,
                "predicted_feature": place.feature_code if place else None,
                "predicted_country": place.country_code if place else None,
                "error_km": round(error, 1) if error is not None else None,
            })

    def summary(self) -> dict:
        share = (lambda n: round(n / self.total, 4) if self.total else 0.0)  # noqa: E731
        return {
            "toponyms": self.total, "exact": self.exact, "exact_share": round(self.exact / self.with_id, 4)
            if self.with_id else 0.0, "within_161km": self.near, "within_161km_share": share(self.near),
            "missing": self.missing, "gold_ids_absent_from_gazetteer": self.absent,
            "median_error_km": round(statistics.median(self.errors_km), 1) if self.errors_km else None,
            "mean_error_km": round(statistics.fmean(self.errors_km), 1) if self.errors_km else None,
        }


@dataclass
class DetectionTally:
    gold: int = 0
    predicted: int = 0
    exact_matches: int = 0
    overlap_matches_gold: int = 0
    overlap_matches_predicted: int = 0

    def summary(self) -> dict:
        def prf(tp_p: int, tp_g: int) -> dict:
            p = tp_p / self.predicted if self.predicted else 0.0
            r = tp_g / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

        return {"gold": self.gold, "predicted": self.predicted,
                "exact_span": prf(self.exact_matches, self.exact_matches),
                "overlapping_span": prf(self.overlap_matches_predicted, self.overlap_matches_gold)}


def _found_mentions(mentions: Sequence[PlaceMention], corpus: GoldCorpus) -> list[PlaceMention]:
    roles = FOUND_ROLES | ({"demonym"} if corpus.demonyms_are_toponyms else set())
    return [m for m in mentions if m.place is not None and m.role in roles]


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate_corpus(corpus: GoldCorpus, limit: Optional[int] = None, keep_misses: bool = False) -> dict:
    from sitrep.geo import Gazetteer, geoparse_doc, resolve_spans
    from sitrep.language import load_nlp

    gaz = Gazetteer.load()
    known_ids = gaz.geonameids()
    nlp = load_nlp()
    articles = [a for a in corpus.articles if a.text.strip()][:limit]
    resolution, found_resolution, detection = ResolutionTally(), ResolutionTally(), DetectionTally()
    resolve_seconds = geoparse_seconds = 0.0
    resolved_spans = 0
    started = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        gold_resolvable = [t for t in article.toponyms if t.geonameid is not None]
        clock = time.process_time()  # CPU time: the figure does not depend on what else the machine runs
        answers = resolve_spans(article.text, [(t.start, t.end) for t in gold_resolvable], doc=doc, gazetteer=gaz)
        resolve_seconds += time.process_time() - clock
        resolved_spans += len(gold_resolvable)
        for gold, answer in zip(gold_resolvable, answers):
            resolution.add(gold, answer.place, known_ids, keep_misses)

        clock = time.process_time()
        found = _found_mentions(geoparse_doc(doc, gaz), corpus)
        geoparse_seconds += time.process_time() - clock
        _tally_detection(article.toponyms, found, detection, found_resolution, known_ids)
    return {
        "corpus": corpus.name, "articles": len(articles),
        "resolution": {**resolution.summary(), **({"misses": resolution.misses} if keep_misses else {})},
        "end_to_end": {"detection": detection.summary(), "resolution_of_found": found_resolution.summary()},
        "speed": {
            "toponyms_resolved_per_second": round(resolved_spans / resolve_seconds, 1) if resolve_seconds else None,
            "geoparse_cpu_seconds_per_article": round(geoparse_seconds / len(articles), 4) if articles else None,
            "total_seconds": round(time.perf_counter() - started, 1),
        },
    }


def _tally_detection(gold_all: Iterable[GoldToponym], found: list[PlaceMention], detection: DetectionTally,
                     found_resolution: ResolutionTally, known_ids) -> None:
    gold = [t for t in gold_all if t.detect]
    detection.gold += len(gold)
    detection.predicted += len(found)
    by_span = {(m.start, m.end): m for m in found}
    for t in gold:
        if (t.start, t.end) in by_span:
            detection.exact_matches += 1
        overlapping = [m for m in found if _overlaps(t.start, t.end, m.start, m.end)]
        if overlapping:
            detection.overlap_matches_gold += 1
            best = by_span.get((t.start, t.end)) or overlapping[0]
            found_resolution.add(t, best.place, known_ids, keep_misses=False)
    detection.overlap_matches_predicted += sum(
        1 for m in found if any(_overlaps(t.start, t.end, m.start, m.end) for t in gold))


def run_geoparse_eval(paths: Sequence[Path], limit: Optional[int] = None, keep_misses: bool = False) -> dict:
    """The full report: one entry per corpus file."""
    return {"corpora": [evaluate_corpus(read_corpus(Path(p)), limit, keep_misses) for p in paths],
            "near_km": NEAR_KM}


def report_lines(report: dict) -> list[str]:
    """The human-readable summary `sitrep eval geoparse` prints."""
    lines = []
    for c in report["corpora"]:
        r, d = c["resolution"], c["end_to_end"]["detection"]
        f = c["end_to_end"]["resolution_of_found"]
        lines += [
            f"{c['corpus']} ({c['articles']} articles)",
            f"  gold-span resolution: {r['toponyms']} toponyms, exact id {r['exact_share']:.1%}, "
            f"within 161 km {r['within_161km_share']:.1%}, median error {r['median_error_km']} km, "
            f"mean error {r['mean_error_km']} km, missing {r['missing']}, "
            f"gold ids absent from gazetteer {r['gold_ids_absent_from_gazetteer']}",
            f"  detection: gold {d['gold']}, found {d['predicted']}; exact spans P {d['exact_span']['precision']:.3f} "
            f"R {d['exact_span']['recall']:.3f} F1 {d['exact_span']['f1']:.3f}; overlapping spans "
            f"P {d['overlapping_span']['precision']:.3f} R {d['overlapping_span']['recall']:.3f} "
            f"F1 {d['overlapping_span']['f1']:.3f}",
            f"  resolution of found toponyms: {f['toponyms']}, exact id {f['exact_share']:.1%}, "
            f"within 161 km {f['within_161km_share']:.1%}",
            f"  speed: {c['speed']['toponyms_resolved_per_second']} toponyms resolved/s "
            f"(given spans with their article as context, CPU time, parse excluded)",
        ]
    return lines
