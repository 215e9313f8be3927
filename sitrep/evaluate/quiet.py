"""`sitrep eval quiet`: what sitrep emits on ordinary news (TR-News), against sitrep's own labels.

Most news is not about conflict. Every event sitrep emits on these 118 articles is listed, so a
reader can see the false alarms; precision and recall are counted per event type against
data/tr_news_labels.tsv (labels written for sitrep by reading each article).
"""
from __future__ import annotations

from collections import Counter
from importlib import resources
from typing import Optional


def read_labels() -> dict[str, dict]:
    path = resources.files("sitrep.evaluate") / "data" / "tr_news_labels.tsv"
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("docid"):
            continue
        docid, types, fatalities, *note = line.split("\t")
        expected = [] if types.strip() in ("", "none") else [t.strip() for t in types.split(";") if t.strip()]
        labels[docid.strip()] = {"types": expected, "fatalities": int(fatalities or 0), "note": note[0] if note else ""}
    return labels


def run_quiet(progress=None) -> Optional[dict]:
    from sitrep.evaluate.corpora import shared_dir, tr_news_articles
    from sitrep.pipeline import default_pipeline

    shared = shared_dir()
    path = shared / "data/geoparsing/TR-News.xml" if shared else None
    if path is None or not path.is_file():
        return None
    labels = read_labels()
    articles = list(tr_news_articles(path))
    results = default_pipeline().process(articles)
    if progress is not None:
        results = progress(results)
    rows = []
    emitted_total = expected_total = matched_total = 0
    false_alarm_articles = missed_articles = fatalities_right = labelled = 0
    for result in results:
        docid = result.article.id.removeprefix("trnews-")
        label = labels.get(docid)
        events = [{"event_type": e.event_type, "sub_event_type": e.sub_event_type, "location": e.location,
                   "event_date": e.event_date, "fatalities": e.fatalities, "actor1": e.actor1, "notes": e.notes[:160]}
                  for e in result.events if e.event_type]  # verbal events are not ACLED events
        row = {"docid": docid, "title": result.article.title[:100], "events": events}
        if label is not None:
            labelled += 1
            emitted = Counter(e["event_type"] for e in events)
            expected = Counter(label["types"])
            matched = sum(min(n, emitted[t]) for t, n in expected.items())
            emitted_total += sum(emitted.values())
            expected_total += sum(expected.values())
            matched_total += matched
            false_alarm_articles += int(not expected and bool(events))
            missed_articles += int(bool(expected) and not events)
            fatalities = sum(e["fatalities"] for e in events)
            fatalities_right += int(fatalities == label["fatalities"])
            row.update({"expected": label["types"], "expected_fatalities": label["fatalities"], "matched": matched,
                        "fatalities": fatalities})
        rows.append(row)
    return {
        "articles": len(rows), "labelled": labelled,
        "events_emitted": emitted_total, "events_expected": expected_total, "events_matched": matched_total,
        "precision": matched_total / emitted_total if emitted_total else 1.0,
        "recall": matched_total / expected_total if expected_total else 1.0,
        "false_alarm_articles": false_alarm_articles, "missed_articles": missed_articles,
        "fatalities_agree": fatalities_right / labelled if labelled else 0.0,
        "rows": rows,
    }


def format_quiet(report: dict):
    for row in report["rows"]:
        expected = row.get("expected")
        if not row["events"] and not expected:
            continue
        mark = "" if expected is None else f"  expected: {', '.join(expected) or 'none'} ({row['expected_fatalities']} dead)"
        yield f"{row['docid']}  {row['title']}{mark}"
        for e in row["events"]:
            yield f"    {e['event_type']} / {e['sub_event_type']} | {e['location'] or '?'} | {e['event_date']} | {e['fatalities']} dead | {e['actor1']}"
    yield ""
    yield (f"{report['articles']} articles ({report['labelled']} labelled): {report['events_emitted']} events emitted, "
           f"{report['events_expected']} expected, {report['events_matched']} matched by type")
    yield f"precision {report['precision']:.3f}  recall {report['recall']:.3f}"
    yield (f"articles with a false alarm: {report['false_alarm_articles']}; articles with events all missed: "
           f"{report['missed_articles']}; fatalities agree in {100 * report['fatalities_agree']:.1f}% of articles")
