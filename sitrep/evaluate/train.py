"""`sitrep train`: learn the event-type models and the actor phrases from the data in ../shared.

Reads only the TRAIN part of the 2020 ACLED extract (see acled.split_of), the 2015 extract, and,
as examples of text that reports no conflict event, the GeoVirus and GeoWebNews articles. The
TR-News articles and the 2020 test part are never read here: they are what `sitrep eval` reports.

Writes sitrep/events/models/event_type.joblib and sitrep/events/data/learned_actors.tsv.
"""
from __future__ import annotations

import dataclasses
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator, Optional

import numpy as np
from lxml import etree

from sitrep.evaluate.acled import GoldEvent, is_dev, normalise_actor, read_acled
from sitrep.records import ARMED_VIOLENCE_TYPES, FRONT_TYPES

NEGATIVE_CORPORA = ("data/geoparsing/GeoVirus.xml", "data/geoparsing/GWN.xml")
MAX_FEATURES = 60_000
MAX_CHAR_FEATURES = 100_000
# The 2015 extract's notes are older, Asian and written in another style than the 2020 notes that
# sitrep is scored on: as a quarter of a note each, they teach the types without setting the style
# (models alone on the dev part, with pieces of words: type accuracy 91.9% unweighted, with
# 60,000 pieces, and 92.4% weighted, with 100,000; sub-type 87.0% and 87.7%. README.md, Sub-types)
OLD_EXTRACT_WEIGHT = 0.25
OLD_EXTRACT = "data/acled-2015-asia/acled.csv"


def gold_for_training(shared: Path, hold_dev: bool = False) -> list[GoldEvent]:
    rows = [g for g in read_acled(shared / "data/acled-2020-global/acled.csv")
            if g.split == "train" and not (hold_dev and is_dev(g.event_id))]
    old = shared / OLD_EXTRACT
    if old.is_file():
        rows += [dataclasses.replace(g, split="2015") for g in read_acled(old)]
    return rows


def _weight(gold: GoldEvent) -> float:
    return OLD_EXTRACT_WEIGHT if gold.split == "2015" else 1.0


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 30]


def negative_texts(shared: Path) -> Iterator[str]:
    """Windows of two sentences from general and health news (mostly no conflict events)."""
    for name in NEGATIVE_CORPORA:
        path = shared / name
        if not path.is_file():
            continue
        for element in etree.parse(str(path)).getroot().iter("article"):
            sentences = _sentences(element.findtext("text") or "")
            for i in range(0, len(sentences), 2):
                yield " ".join(sentences[i:i + 2])


def train_models(shared: Path, out: Path, hold_dev: bool = False) -> list[str]:
    """Fit the type, sub-type and event/no-event models; returns lines describing what was fitted."""
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from sitrep.events.classifier import model_text, read_with

    started = time.perf_counter()
    gold = gold_for_training(shared, hold_dev)
    texts = [model_text(g.notes) for g in gold]
    weights = np.array([_weight(g) for g in gold], dtype=np.float32)

    def words():
        return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=MAX_FEATURES, dtype=np.float32)

    def fitted(x, y, c=4.0):
        model = make_pipeline(words(), LogisticRegression(C=c, max_iter=3000, class_weight="balanced"))
        return model.fit(x, y)

    # the type and sub-type models read pieces of words (3 to 5 letters) beside words and word
    # pairs, so 'firebombed' meets 'bombed' and spellings of names and weapons meet; they share
    # one reader, so a passage is read once and the file stores its vocabulary once
    readers = [words().fit(texts), TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True, max_features=MAX_CHAR_FEATURES,
        dtype=np.float32).fit(texts)]
    features = read_with(readers, texts)

    def head(rows, y):
        return LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(
            features[rows], y, sample_weight=weights[rows])

    type_model = head(np.arange(len(gold)), [g.event_type for g in gold])
    with_sub = np.array([i for i, g in enumerate(gold) if g.sub_event_type])
    sub_model = head(with_sub, [gold[i].sub_event_type for i in with_sub])
    negatives = [model_text(t) for t in negative_texts(shared)]
    event_model = fitted(texts + negatives, [1] * len(texts) + [0] * len(negatives), c=2.0)
    out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"readers": readers, "type": type_model, "sub_type": sub_model, "event": event_model,
                 "trained_on": {"notes": len(gold), "negatives": len(negatives)}}, out, compress=3)
    return [
        f"event type model: {len(texts)} notes, {len(type_model.classes_)} types",
        f"sub-event type model: {len(with_sub)} notes, {len(sub_model.classes_)} sub-types",
        f"event/no-event model: {len(texts)} notes against {len(negatives)} news passages",
        f"written {out} ({out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s",
    ]


def learn_word_rarity(shared: Path, out: Path) -> str:
    """How common each word stem is in conflict notes and general news: the weights with which
    the incidents stage compares two reports (sitrep.incidents.similarity)."""
    from sitrep.incidents.similarity import rarity_table

    texts = [g.notes for g in gold_for_training(shared)] + list(negative_texts(shared))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rarity_table(texts), encoding="utf-8")
    return f"word rarity: {len(texts)} texts, written {out} ({out.stat().st_size / 1e3:.0f} kB)"


def _write_learned(out: Path, columns: str, source: str, rows: list[str]) -> None:
    """A table `sitrep train` writes: two comment lines (its columns, where it comes from), then
    one tab-separated row per line."""
    header = [f"# {columns}", f"# {source}; learned by `sitrep train`"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")


_FROM_TRAIN = "from the train part of the ACLED extracts"


def _leader(counts: Counter) -> tuple[str, int, int]:
    """The most frequent value, how often it came, and how often any did."""
    value, count = counts.most_common(1)[0]
    return value, count, sum(counts.values())

# ------------------------------------------------------------------------ learned places

PLACE_MAX_SPREAD_KM = 25.0
AREA_NAMESAKE_KM = 100.0  # how far ACLED's point for a district may lie from the gazetteer's point of it


def learn_places(shared: Path, out: Path, hold_dev: bool = False) -> str:
    """Places ACLED's train notes name that the gazetteer lacks (villages, front lines, districts),
    at ACLED's coordinates: the learned place-name variants of the geo stage. A name is kept
    only as the notes write it, when its points in one country agree within 25 km, and when the
    gazetteer has no place of that name there or has others far from it (an 'Orikhove' in Crimea
    does not place the one in Luhansk; which one a text means is the resolver's choice, by its
    context and by what conflict reports name)."""
    from sitrep.geo import Gazetteer
    from sitrep.geo.relative import distance_km

    gazetteer = Gazetteer.load(learned=False)  # what it knows without what an earlier run learned
    points: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for g in gold_for_training(shared, hold_dev):
        name = (g.location or "").strip()
        if not name or g.latitude is None or g.longitude is None or not _written_in(name, g.notes):
            continue
        country = _country_code(gazetteer, g.country)
        if country:
            points[(name, country)].append((g.latitude, g.longitude, g.admin1))
    rows = []
    # a name whose points spread wider is two places of one name: the notes cannot say which is meant
    for name, country, lat, lon, admin1 in _agreeing_points(points):
        namesakes = [p for p in gazetteer.lookup(name) if p.country_code == country]
        near = [p for p in namesakes if distance_km(lat, lon, p.latitude, p.longitude) <= PLACE_MAX_SPREAD_KM]
        if near and len(near) == len(namesakes):
            continue  # the gazetteer has it already, and only there
        # a village that shares its name with another in its country ('Opytne' near Donetsk airport
        # and in Bakhmut district) is learned where the notes put it, for the resolver to weigh
        if any(p.feature_code.startswith(("ADM1", "PCL")) or (p.feature_code.startswith("ADM") and distance_km(
                lat, lon, p.latitude, p.longitude) <= AREA_NAMESAKE_KM) for p in namesakes):
            # a province, or a district near the point ACLED pinned it to: the area is known (a
            # district of that name far away is another place: 'Mesquita, Rio de Janeiro' is not
            # the Mesquita district of Minas Gerais, 400 km off)
            continue
        rows.append(f"{name}\t\t{lat:.5f}\t{lon:.5f}\t{country}\t{admin1}\tPPL")
    learned = {(row.split("\t")[0], row.split("\t")[4]) for row in rows}
    rows += [row for row in _district_seats(shared, hold_dev, gazetteer)
             if (row.split("\t")[0], row.split("\t")[4]) not in learned]  # 'Maruf': the place is learned already
    _write_learned(out, "name\talternates\tlatitude\tlongitude\tcountry_code\tadmin1\tfeature_code",
                   "places named in the train part of the ACLED extracts that cities500 lacks", rows)
    return f"places: {len(rows)} learned from the train notes, written {out}"


def _written_in(name: str, notes: str) -> bool:
    """Whether a note writes the name: as it is, or as a word in another case ('el Mina' for ACLED's 'El Mina')."""
    return name in notes or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", notes, re.IGNORECASE) is not None


# 'Sirwah district', 'Chikun LGA': a second-level area named as where an event happened
_DISTRICT_WORDS = r"(?:district|sub-?district|LGA|county|tehsil|raion|rayon|woreda|municipality)"


def _district_seats(shared: Path, hold_dev: bool, gazetteer) -> list[str]:
    """Districts the train notes name as where an event happened ('air raids on Sirwah district')
    that the gazetteer lacks, at the point ACLED codes such events to (the district's seat, Suq
    Sirwah): a learned place of kind ADM2. Kept when the notes' points agree within 25 km."""
    points: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for g in gold_for_training(shared, hold_dev):
        district = (g.admin2 or "").strip()
        if g.geo_precision != 2 or not district or g.latitude is None or g.longitude is None:
            continue
        if not re.search(rf"\b{re.escape(district)} {_DISTRICT_WORDS}\b", g.notes):
            continue
        country = _country_code(gazetteer, g.country)
        if country:
            points[(district, country)].append((g.latitude, g.longitude, g.admin1))
    rows = []
    for name, country, lat, lon, admin1 in _agreeing_points(points):
        if any(p.country_code == country for p in gazetteer.lookup(name)):
            continue  # the gazetteer knows a place of that name there: the resolver chooses
        rows.append(f"{name}\t\t{lat:.5f}\t{lon:.5f}\t{country}\t{admin1}\tADM2")
    return rows


def _agreeing_points(points: dict[tuple[str, str], list[tuple[float, float, str]]]) -> Iterator[tuple[str, str, float, float, str]]:
    """(name, country, latitude, longitude, admin1) per name whose train points agree within 25 km:
    their median point and most frequent province."""
    from statistics import median

    from sitrep.geo.relative import distance_km

    for (name, country), found in sorted(points.items()):
        lat, lon = median(p[0] for p in found), median(p[1] for p in found)
        if max(distance_km(lat, lon, p[0], p[1]) for p in found) <= PLACE_MAX_SPREAD_KM:
            yield name, country, lat, lon, Counter(p[2] for p in found).most_common(1)[0][0]


def _country_code(gazetteer, country: str) -> str:
    for place in gazetteer.lookup(country or ""):
        if place.feature_code.startswith("PCL"):
            return place.country_code
    return ""


READING_MIN_NOTES = 3
READING_MIN_SHARE = 0.8  # of the notes that write the name, those placed at the one namesake


def learn_readings(shared: Path, out: Path, hold_dev: bool = False) -> str:
    """Which namesake the train notes mean by a name the gazetteer holds more than once, where it is
    not the one the resolver takes with nothing else to go by (the most populous, or a capital):
    every train note that writes 'Tripoli' means Lebanon's. Kept where at least ``READING_MIN_NOTES`` notes write
    the name and ``READING_MIN_SHARE`` of them lie within 25 km of that namesake (sitrep.geo.readings)."""
    from sitrep.geo import Gazetteer
    from sitrep.geo.readings import READING_MAX_KM
    from sitrep.geo.relative import distance_km
    from sitrep.geo.resolve import prior_score

    gazetteer = Gazetteer.load(learned=False)
    votes: dict[str, Counter] = defaultdict(Counter)
    for g in gold_for_training(shared, hold_dev):
        name = (g.location or "").strip()
        if not name or g.latitude is None or g.longitude is None or not _written_in(name, g.notes):
            continue
        namesakes = gazetteer.lookup(name)
        if len(namesakes) < 2:
            continue
        country = _country_code(gazetteer, g.country)
        # the nearest namesake in the note's own country ('Ras al Ain' is Syria's, not the Turkish town across the border)
        near = [p for p in namesakes if p.country_code == country
                and distance_km(g.latitude, g.longitude, p.latitude, p.longitude) <= READING_MAX_KM]
        meant = min(near, key=lambda p: distance_km(g.latitude, g.longitude, p.latitude, p.longitude)) if near else None
        votes[name][(meant.country_code, meant.latitude, meant.longitude) if meant else None] += 1
    rows = []
    for name, counts in sorted(votes.items()):
        meant, count = counts.most_common(1)[0]
        total = sum(counts.values())
        if meant is None or count < READING_MIN_NOTES or count / total < READING_MIN_SHARE:
            continue
        default = max(gazetteer.lookup(name), key=lambda p: prior_score(p.population, p.feature_code))
        if distance_km(meant[1], meant[2], default.latitude, default.longitude) <= READING_MAX_KM:
            continue  # the resolver's own first choice: nothing to learn
        rows.append(f"{name}\t{meant[0]}\t{meant[1]:.5f}\t{meant[2]:.5f}\t{count}\t{total}")
    _write_learned(out, "name\tcountry_code\tlatitude\tlongitude\tnotes_there\tnotes_with_name",
                   "the namesake the train notes of the ACLED extracts mean, where the resolver's first choice is another", rows)
    return f"readings: {len(rows)} learned, written {out}"


ADMIN1_NAME_MIN_NOTES = 3
ADMIN1_NAME_MIN_SHARE = 0.75  # of the notes whose point falls in the province, those naming it so
ADMIN1_POINT_MAX_KM = 15.0  # how near a town of the gazetteer a note's point must lie to tell its province


def learn_admin1_names(shared: Path, out: Path, hold_dev: bool = False) -> str:
    """How ACLED names the provinces the gazetteer names otherwise ('Idlib' -> 'Idleb', Lebanon's
    'Al Janub' -> 'South'): for each note, the province its point falls in (by the nearest town of
    the gazetteer) against the admin1 the note is coded to. Kept where one name holds most of a
    province's notes and differs from the gazetteer's (sitrep.geo.naming)."""
    from sitrep.geo import Gazetteer

    gazetteer = Gazetteer.load(learned=False)
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for g in gold_for_training(shared, hold_dev):
        if not g.admin1 or g.latitude is None or g.longitude is None:
            continue
        code = _country_code(gazetteer, g.country)
        province = gazetteer.admin1_near(code, g.latitude, g.longitude, ADMIN1_POINT_MAX_KM) if code else ""
        if province:
            names[(code, province)][g.admin1] += 1
    rows = []
    for (code, province), counts in sorted(names.items()):
        name, count, total = _leader(counts)
        if count >= ADMIN1_NAME_MIN_NOTES and count / total >= ADMIN1_NAME_MIN_SHARE and name != province:
            rows.append(f"{code}\t{province}\t{name}\t{count / total:.3f}\t{total}")
    _write_learned(out, "country_code<TAB>the gazetteer's admin1<TAB>ACLED's admin1<TAB>share of the notes there"
                        "<TAB>notes there", _FROM_TRAIN, rows)
    return f"admin1 names: {len(rows)} learned, written {out}"


def learn_default_actors(shared: Path, out: Path, hold_dev: bool = False) -> str:
    """How ACLED names an attacker a report does not name, per country, event type and story
    context (whether the note speaks of gangs or crime), where it is not 'Unidentified Armed
    Group (country)': 'Unidentified Gang (Mexico)' after a drive-by shooting, say (contexts:
    sitrep.events.actors.story_context). Kept when one name covers most of at least 5 train events."""
    from sitrep.events.actors import story_context
    from sitrep.geo import Gazetteer

    gazetteer = Gazetteer.load()
    names: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    inters: dict[str, int] = {}
    for g in gold_for_training(shared, hold_dev):
        if not g.actor1.startswith("Unidentified"):
            continue
        code = _country_code(gazetteer, g.country)
        if code:
            names[(code, g.event_type, story_context(g.notes))][g.actor1] += 1
            inters[g.actor1] = g.inter1
    rows = []
    for (code, event_type, context), counts in sorted(names.items()):
        name, count, total = _leader(counts)
        if total >= 5 and count / total > 0.5 and not name.startswith("Unidentified Armed Group"):
            rows.append(f"{code}\t{event_type}\t{context}\t{name}\t{inters[name]}\t{count}\t{total}")
    _write_learned(out, "country_code<TAB>event_type<TAB>story context (crime|armed|other)<TAB>ACLED's name for an unnamed "
                        "attacker<TAB>inter<TAB>train events with it<TAB>with any unnamed attacker", _FROM_TRAIN, rows)
    return f"default actors: {len(rows)} learned, written {out}"


OPPONENT_MIN_EVENTS = 10
OPPONENT_MIN_NAMED = 0.6  # of the side's fights, the share that name a second side at all
OPPONENT_MIN_SHARE = 0.8  # of those, the share that name this one


def learn_opponents(shared: Path, out: Path, hold_dev: bool = False) -> str:
    """The other side of a two-sided war, where ACLED's train notes nearly always code one: a
    fight or a shelling by Ukraine's forces is against the NAF (and the NAF's against Ukraine's
    forces), so a report that names one side ('the OSCE observed explosions near Shyrokyne', its
    holder learned by place) gets the other as actor2. Kept per country and first side with at
    least 10 battles or shellings, 60% of them naming a second side and 80% of those this one;
    never civilians or an unidentified group."""
    from sitrep.events.actors import side_key
    from sitrep.geo import Gazetteer

    gazetteer = Gazetteer.load(learned=False)
    fights: Counter = Counter()
    opponents: dict[tuple[str, str], Counter] = defaultdict(Counter)
    inters: dict[str, int] = {}
    for g in gold_for_training(shared, hold_dev):
        if g.event_type not in FRONT_TYPES or not g.actor1:
            continue
        code = _country_code(gazetteer, g.country)
        if not code:
            continue
        key = (code, side_key(g.actor1))
        fights[key] += 1
        if g.actor2:
            opponents[key][g.actor2] += 1
            inters[g.actor2] = g.inter2
    rows = []
    for (code, side), total in sorted(fights.items()):
        if total < OPPONENT_MIN_EVENTS or not opponents[(code, side)]:
            continue
        name, count, named = _leader(opponents[(code, side)])
        if named / total < OPPONENT_MIN_NAMED or count / named < OPPONENT_MIN_SHARE:
            continue
        if name.startswith(("Civilians", "Unidentified")):
            continue
        rows.append(f"{code}\t{side}\t{name}\t{inters[name]}\t{count}\t{named}\t{total}")
    _write_learned(out, "country_code<TAB>first side (lower-case, no dates)<TAB>ACLED's name of the other side<TAB>inter"
                        "<TAB>train fights against it<TAB>naming any second side<TAB>fights of the first side",
                   _FROM_TRAIN, rows)
    return f"opponents: {len(rows)} learned, written {out}"


CUE_MIN_NOTES = 8
CUE_MIN_SHARE = 0.9
CUE_MIN_CAPITALISED = 0.8
CUE_MIN_PROVINCE_SHARE = 0.2


def _province(gazetteer, country_code: str, admin1: str) -> str:
    """The gazetteer's name of a province ACLED names ('Al-Hasakeh' -> 'Al Hasakah'), or ''."""
    for place in gazetteer.lookup(admin1 or ""):
        if place.country_code == country_code and place.feature_code == "ADM1":
            return place.admin1
    return ""


def learn_country_cues(shared: Path, out: Path, hold_dev: bool = False) -> str:
    """Words that are not place names but that the train notes nearly always use of one country
    ('Houthi', 'MQM', 'LGA'): the geo stage's country cues (sitrep.geo.cues).

    Only names are kept (words written capitalised): a common word that two weeks of notes
    happened to use of one country ('screening', 'liquor') says nothing of the next article.
    A place name ('Tripoli') is left out too, so that which namesake a name means is never
    learned from how often the notes happened to name each."""
    from sitrep.geo import Gazetteer
    from sitrep.geo.cues import format_provinces, written_words

    gazetteer = Gazetteer.load(learned=False)
    countries: dict[str, Counter] = defaultdict(Counter)
    provinces: dict[tuple[str, str], Counter] = defaultdict(Counter)
    capitalised: Counter = Counter()
    written: Counter = Counter()
    for g in gold_for_training(shared, hold_dev):
        code = _country_code(gazetteer, g.country)
        if not code:
            continue
        province = _province(gazetteer, code, g.admin1)
        words = written_words(g.notes)
        for word in words:
            written[word.lower()] += 1
            capitalised[word.lower()] += word[0].isupper()
        for word in {w.lower() for w in words}:
            countries[word][code] += 1
            provinces[(word, code)][province] += 1
    rows = []
    for word, counts in sorted(countries.items()):
        code, count, total = _leader(counts)
        if total >= CUE_MIN_NOTES and count / total >= CUE_MIN_SHARE and word not in _MONTHS \
                and capitalised[word] >= CUE_MIN_CAPITALISED * written[word] and not gazetteer.candidates(word):
            held = {admin1: n / count for admin1, n in sorted(provinces[(word, code)].items())
                    if admin1 and n / count >= CUE_MIN_PROVINCE_SHARE}
            rows.append(f"{word}\t{code}\t{count / total:.3f}\t{total}\t{format_provinces(held)}")
    _write_learned(out, "word<TAB>country_code<TAB>share of the train notes with the word from there<TAB>notes with it"
                        "<TAB>provinces holding a good part of those notes (admin1=share|...)", _FROM_TRAIN, rows)
    return f"country cues: {len(rows)} learned, written {out}"


PLACE_ACTOR_MIN_EVENTS = 3
PLACE_ACTOR_MIN_SHARE = 0.7


def learn_place_actors(shared: Path, out: Path, hold_dev: bool = False) -> str:
    """Who acts at a place, where ACLED's train notes nearly always name one side there (fire
    observed near a frontline village is coded to the side that holds it): the attacker a
    report of violence there does not name. Kept for places with at least 3 violent train
    events, 70% of them by one actor."""
    from statistics import median

    from sitrep.geo import Gazetteer

    gazetteer = Gazetteer.load()
    actors: dict[tuple[str, str], Counter] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    inters: dict[str, int] = {}
    for g in gold_for_training(shared, hold_dev):
        if g.event_type not in ARMED_VIOLENCE_TYPES or not g.location or g.latitude is None or g.longitude is None:
            continue
        code = _country_code(gazetteer, g.country)
        if not code:
            continue
        actors[(g.location, code)][g.actor1] += 1
        points[(g.location, code)].append((g.latitude, g.longitude))
        inters[g.actor1] = g.inter1
    rows = []
    for (name, code), counts in sorted(actors.items()):
        actor, count, total = _leader(counts)
        if total < PLACE_ACTOR_MIN_EVENTS or count / total < PLACE_ACTOR_MIN_SHARE or actor.startswith("Unidentified"):
            continue
        lat, lon = median(p[0] for p in points[(name, code)]), median(p[1] for p in points[(name, code)])
        rows.append(f"{name}\t{lat:.5f}\t{lon:.5f}\t{code}\t{actor}\t{inters[actor]}\t{count}\t{total}")
    _write_learned(out, "place<TAB>latitude<TAB>longitude<TAB>country_code<TAB>ACLED actor<TAB>inter<TAB>"
                        "violent train events by it<TAB>violent train events there", _FROM_TRAIN, rows)
    return f"place actors: {len(rows)} learned, written {out}"


# ------------------------------------------------------------------------ learned actor phrases

PHRASE_MIN_NOTES = 6
PHRASE_MIN_PRECISION = 0.85
PHRASE_MAX_WORDS = 4


_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’]*")
_CONNECTORS = {"of", "al", "el", "and", "the", "de", "del", "la"}


def _is_namey(word: str) -> bool:
    return word[0].isupper() or word.lower() == "pro"


def _openings(text: str, matches) -> set[int]:
    """Indices of the words that open a sentence (capitalised whatever they are)."""
    return {i for i, m in enumerate(matches) if not text[:m.start()].rstrip() or text[:m.start()].rstrip()[-1] in ".!?:"}


def _names_mid_sentence(texts) -> set[str]:
    """Words written capitalised somewhere other than at a sentence's opening: names."""
    names = set()
    for text in texts:
        matches = list(_TOKEN.finditer(text))
        opening = _openings(text, matches)
        names.update(m.group().lower() for i, m in enumerate(matches) if i not in opening and m.group()[0].isupper())
    return names


def _phrases(text: str, names: Optional[set[str]] = None) -> set[str]:
    """Runs of name-like words ('pro-Houthi', 'NAF', 'Saudi-led coalition', 'Popular Resistance'),
    lower-cased: the phrases that can name a party."""
    matches = list(_TOKEN.finditer(text))
    words = [m.group() for m in matches]
    # a sentence's first word is capitalised whatever it is ('Fighting between ...'): there it
    # counts as a name only if it is written as one elsewhere (``names``) or in capitals
    opening = _openings(text, matches)
    found = set()
    for i, word in enumerate(words):
        if not _is_namey(word) or (i in opening and not word.isupper() and (names is None or word.lower() not in names)):
            continue
        for n in range(1, PHRASE_MAX_WORDS + 1):
            run = words[i:i + n]
            if len(run) < n or not all(_is_namey(w) or w.lower() in _CONNECTORS or w.lower() in ("led", "backed", "forces", "rebels", "militants", "militia") for w in run):
                break
            if run[-1].lower() in _CONNECTORS:
                continue
            found.add(" ".join(w.lower() for w in run))
    return found


def _generic_words() -> set[str]:
    """Words that name no particular party; a learned phrase needs at least one other word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from sitrep.events.vocab import vocab

    words = vocab()
    generic = set(STOP_WORDS)
    for key in ("civilian_nouns", "state_force_nouns", "police_nouns", "nonstate_armed_nouns", "militia_nouns",
                "protester_nouns", "rioter_nouns", "kill_lemmas", "injury_lemmas", "government_nouns"):
        generic |= {w for word in words[key] for w in word.split()}
        generic |= {w + "s" for word in words[key] for w in word.split()}
    return generic


def _actor_for_phrase(phrase: str, counts: Counter) -> Optional[tuple[str, int]]:
    """The actor a phrase goes with most often. A phrase met as often with two actors (both
    sides of the same clashes) names the one whose name contains it ('naf' -> 'NAF: ...');
    if neither does, it is ambiguous and names no one."""
    top = max(counts.values())
    tied = sorted(name for name, n in counts.items() if n == top)
    if len(tied) > 1:
        words = set(phrase.split())
        tied = [name for name in tied if words & set(re.findall(r"[a-z0-9']+", name.lower()))]
    return (tied[0], top) if len(tied) == 1 else None


def learn_actor_phrases(shared: Path, out: Path) -> list[str]:
    """Phrases that, in train notes, almost always come with one ACLED actor ('pro-Houthi', 'NAF')."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from sitrep.events.classifier import model_text

    gold = gold_for_training(shared)
    generic = _generic_words()
    phrase_notes: Counter = Counter()
    phrase_actor: dict[str, Counter] = defaultdict(Counter)
    actor_inter: dict[str, Counter] = defaultdict(Counter)
    names = _names_mid_sentence(model_text(g.notes) for g in gold)
    for g in gold:
        actors = {name for name in (g.actor1, g.actor2) if name}
        for name, inter in ((g.actor1, g.inter1), (g.actor2, g.inter2)):
            if name:
                actor_inter[name][inter] += 1
        for phrase in _phrases(model_text(g.notes), names):
            words = phrase.split()
            if all(w in generic or w.isdigit() for w in words) or len(phrase) < 3:
                continue
            if words[0] in generic and words[0] != "pro" or words[-1] in STOP_WORDS or words[0] in _MONTHS or words[-1] in _MONTHS:
                continue  # 'On May Turkish', 'Fighting': a sentence opening, not a name
            phrase_notes[phrase] += 1
            for name in actors:
                phrase_actor[phrase][name] += 1
    from sitrep.geo import Gazetteer

    gazetteer = Gazetteer.load()
    rows = []
    for phrase, total in phrase_notes.items():
        if total < PHRASE_MIN_NOTES or not phrase_actor[phrase]:
            continue
        chosen = _actor_for_phrase(phrase, phrase_actor[phrase])
        if chosen is None:
            continue
        name, together = chosen
        if together / total >= PHRASE_MIN_PRECISION and not name.startswith(("Civilians", "Protesters", "Rioters")):
            rows.append((phrase, name, actor_inter[name].most_common(1)[0][0], together, total))
    # a phrase inside a longer one with the same actor adds nothing ('ghaliq' in 'bab ghaliq')
    kept = [r for r in rows if not any(o[1] == r[1] and o[0] != r[0] and f" {r[0]} " in f" {o[0]} " and o[4] >= r[4] * 0.9 for o in rows)]
    # a place or nationality that goes with one actor is where it fights, not its name
    kept = [r for r in kept if not (gazetteer.lookup(r[0]) or any(gazetteer.demonym(w) or gazetteer.lookup(w)
                                                                   for w in r[0].split() if len(w) > 3))]
    _write_learned(out, "phrase<TAB>ACLED actor<TAB>inter<TAB>train notes with both<TAB>train notes with the phrase",
                   _FROM_TRAIN, [f"{p}\t{n}\t{i}\t{t}\t{total}" for p, n, i, t, total in sorted(kept)])
    return [f"actor phrases: {len(kept)} learned from {len(gold)} train notes, written {out}"]
