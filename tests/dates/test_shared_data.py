"""Against real text: the seed article and ACLED's own notes (skipped when ../shared is absent)."""
import csv

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from sitrep.dates import event_date_for_span, find_dates

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "kirkuk-2017-10-20.txt"
ACLED_2020 = SHARED / "data" / "acled-2020-global" / "acled.csv"
FRIDAY = date(2017, 10, 20)


def _require(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared (evaluation data) is not beside the repository")


def test_seed_article_dates():
    _require(SEED)
    text = SEED.read_text(encoding="utf-8")
    mentions = find_dates(text, FRIDAY)
    by_text = {}
    for mention in mentions:
        by_text.setdefault(mention.text, []).append(mention)
    for phrase in ("Friday", "early Friday", "Friday evening"):
        assert all((m.date, m.precision, m.background) == (FRIDAY, 1, False) for m in by_text[phrase])
    (last_week,) = by_text["last week"]
    assert (last_week.date, last_week.precision) == (date(2017, 10, 13), 2)
    assert all(m.background and m.precision == 3 for m in by_text["2014"])
    (last_month,) = by_text["last month"]
    assert last_month.background and last_month.precision == 3
    assert last_month.date.isoformat()[:7] == "2017-09"
    assert "referendum on independence held last month" in text[last_month.start - 40:last_month.end]


def test_seed_event_dates():
    _require(SEED)
    text = SEED.read_text(encoding="utf-8")
    mentions = find_dates(text, FRIDAY)
    for evidence in ("exchanged heavy fire on Friday", "took control of Altun Kupri",
                     "small clashes were underway in neighboring villages"):
        start = text.index(evidence)
        iso, precision, _ = event_date_for_span(mentions, start, start + len(evidence), FRIDAY, text=text)
        assert (iso, precision) == ("2017-10-20", 1), evidence


def _acled_date(value: str) -> date:
    return datetime.strptime(value, "%d-%B-%Y" if len(value) > 10 else "%d-%b-%y").date()


def test_acled_notes_date_their_own_event():
    """The notes open with the event's date; resolving it from the note should give the gold date."""
    _require(ACLED_2020)
    with ACLED_2020.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    right_date = right_precision = 0
    for row in rows:
        gold = _acled_date(row["event_date"])
        published = gold + timedelta(days=2)
        notes = row["notes"]
        iso, precision, _ = event_date_for_span(find_dates(notes, published), 0, min(80, len(notes)),
                                                published, text=notes)
        right_date += iso == gold.isoformat()
        right_precision += str(precision) == row["time_precision"]
    assert right_date / len(rows) > 0.99  # 99.6% measured; the misses are typos in the notes
    assert right_precision / len(rows) > 0.97  # 98.8% measured
