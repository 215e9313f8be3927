"""What `sitrep train` learns is decided by the data, the same on every run."""
from collections import Counter

import pytest

from sitrep.evaluate.train import _actor_for_phrase


def test_a_phrase_goes_with_the_actor_it_meets_most():
    assert _actor_for_phrase("pro houthi", Counter({"Houthis": 9, "Civilians (Yemen)": 2})) == ("Houthis", 9)


def test_a_tie_between_both_sides_is_broken_by_the_name_not_by_set_order():
    counts = Counter({"Military Forces of Ukraine (2019-)": 98, "NAF: United Armed Forces of Novorossiya": 98})
    assert _actor_for_phrase("naf", counts) == ("NAF: United Armed Forces of Novorossiya", 98)
    reversed_counts = Counter(dict(reversed(list(counts.items()))))
    assert _actor_for_phrase("naf", reversed_counts) == _actor_for_phrase("naf", counts)


def test_a_tie_no_name_breaks_is_ambiguous():
    assert _actor_for_phrase("crematorium complex", Counter({"Police Forces of India": 9, "RPF": 9})) is None


def _train_ids():
    """Event ids the evaluation's hash split puts in the train part (training reads no other)."""
    from sitrep.evaluate.acled import split_of

    return (f"TST{i}" for i in range(10_000) if split_of(f"TST{i}") == "train")


def _shared_with(tmp_path, rows, country="Iraq", admin1="Kirkuk"):
    import csv

    folder = tmp_path / "data" / "acled-2020-global"
    folder.mkdir(parents=True)
    columns = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "country",
               "admin1", "location", "latitude", "longitude", "geo_precision", "notes", "fatalities"]
    with open(folder / "acled.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for event_id, (location, lat, lon, notes) in zip(_train_ids(), rows):
            writer.writerow({"event_id_cnty": event_id, "event_date": "1-May-20", "event_type": "Battles",
                             "sub_event_type": "Armed clash", "actor1": "Rebels", "inter1": 2, "country": country,
                             "admin1": admin1, "location": location, "latitude": lat, "longitude": lon,
                             "geo_precision": 1, "notes": notes, "fatalities": 0})
    return tmp_path


def test_places_are_learned_only_as_notes_write_them_and_only_where_the_gazetteer_has_none(tmp_path):
    from sitrep.evaluate.train import learn_places

    village = "Qaryat Zubaydah"
    rows = [(village, 35.10, 44.20, f"Rebels attacked {village} on 1 May.")] * 3
    rows += [("Tell Mashriq", 35.3, 44.1, "Rebels attacked a village near Kirkuk.")]  # name not in the notes
    rows += [("Kirkuk", 35.47, 44.39, "Rebels attacked Kirkuk.")]                    # the gazetteer has it
    rows += [("Erbil", 36.9, 43.2, "Rebels attacked Erbil.")] * 2  # a province ACLED pinned far from its seat
    rows += [("Umm Sabah", 35.0, 44.0, "Rebels attacked Umm Sabah."),               # two far-apart points
             ("Umm Sabah", 36.5, 43.0, "Rebels attacked Umm Sabah.")]
    shared = _shared_with(tmp_path, rows)
    out = tmp_path / "learned.tsv"
    learn_places(shared, out)
    learned = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    names = {row[0] for row in learned}
    assert names == {village}
    [row] = learned
    assert (row[2], row[3], row[4]) == ("35.10000", "44.20000", "IQ")


def test_a_village_with_namesakes_in_its_country_is_learned_where_the_notes_put_it(tmp_path):
    from sitrep.evaluate.train import learn_places

    from sitrep.geo import Gazetteer

    opytne = [p for p in Gazetteer.load(learned=False).lookup("Opytne") if p.country_code == "UA"]
    assert len(opytne) >= 2  # two villages of that name in Donetsk province
    meant = opytne[-1]
    notes = "The OSCE SMM observed explosions near Opytne."
    rows = [("Opytne", meant.latitude, meant.longitude, notes)] * 2
    shared = _shared_with(tmp_path, rows, country="Ukraine", admin1="Donetsk")
    out = tmp_path / "learned.tsv"
    learn_places(shared, out)
    learned = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert [(row[0], row[4]) for row in learned] == [("Opytne", "UA")]


def test_a_town_is_learned_though_a_district_of_its_name_lies_far_off_in_its_country(tmp_path):
    from sitrep.evaluate.train import learn_places

    from sitrep.geo import Gazetteer

    # the gazetteer's Mesquita is a town and district of Minas Gerais, 400 km from Rio's Mesquita
    assert any(p.feature_code == "ADM2" for p in Gazetteer.load(learned=False).lookup("Mesquita"))
    rows = [("Mesquita", -22.7825, -43.4286, "A man was shot in Mesquita, Rio de Janeiro.")] * 2
    shared = _shared_with(tmp_path, rows, country="Brazil", admin1="Rio de Janeiro")
    out = tmp_path / "learned.tsv"
    learn_places(shared, out)
    learned = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert [(row[0], row[4]) for row in learned] == [("Mesquita", "BR")]


def test_a_district_the_notes_name_is_learned_at_the_seat_acled_codes_it_to(tmp_path):
    import csv

    from sitrep.evaluate.train import learn_places

    folder = tmp_path / "data" / "acled-2020-global"
    folder.mkdir(parents=True)
    columns = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "country",
               "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "notes", "fatalities"]
    rows = [("Qara Zubayr", "Suq Qara", 35.10, 44.20, 2, "Air raids hit Qara Zubayr district on Monday.")] * 2
    rows += [("Dibis", "Dibis", 35.65, 44.07, 2, "Air raids hit Dibis district.")]  # the gazetteer has it
    rows += [("Wadi Kharif", "Kharif", 35.0, 44.1, 1, "Rebels attacked a village in Wadi Kharif district.")]  # a village
    rows += [("Jisr Hamad", "Jisr", 35.2, 44.3, 2, "Air raids hit the Jisr Hamad area.")]  # not named as a district
    with open(folder / "acled.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for event_id, (district, location, lat, lon, precision, notes) in zip(_train_ids(), rows):
            writer.writerow({"event_id_cnty": event_id, "event_date": "1-May-20", "event_type": "Battles",
                             "sub_event_type": "Armed clash", "actor1": "Rebels", "inter1": 2, "country": "Iraq",
                             "admin1": "Kirkuk", "admin2": district, "location": location, "latitude": lat,
                             "longitude": lon, "geo_precision": precision, "notes": notes, "fatalities": 0})
    out = tmp_path / "learned.tsv"
    learn_places(tmp_path, out)
    learned = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert [(row[0], row[2], row[3], row[4]) for row in learned if row[6] == "ADM2"] == [
        ("Qara Zubayr", "35.10000", "44.20000", "IQ")]


def test_who_acts_at_a_place_and_how_unnamed_attackers_are_named_are_learned(tmp_path):
    import csv

    from sitrep.evaluate.train import learn_default_actors, learn_place_actors

    folder = tmp_path / "data" / "acled-2020-global"
    folder.mkdir(parents=True)
    columns = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "country",
               "location", "latitude", "longitude", "notes"]
    fire, body, drive_by, armed = ("Fire was observed.", "A body was found.", "A drive-by shooting killed a man.",
                                   "Two armed men shot a man.")
    rows = [("Battles", "Military Forces of Ukraine (2019-)", 1, "Ukraine", "Lozove", 48.4, 38.1, fire)] * 4
    rows += [("Battles", "NAF: United Armed Forces of Novorossiya", 2, "Ukraine", "Lozove", 48.4, 38.1, fire)]
    gang, group = "Unidentified Gang (Mexico)", "Unidentified Armed Group (Mexico)"
    killing = ("Violence against civilians", 3, "Mexico", "Culiacan", 24.8, -107.4)
    rows += [(killing[0], gang, *killing[1:], body)] * 4 + [(killing[0], group, *killing[1:], body)] * 2
    rows += [(killing[0], gang, *killing[1:], drive_by)] * 5
    rows += [(killing[0], group, *killing[1:], armed)] * 4 + [(killing[0], gang, *killing[1:], armed)]
    with open(folder / "acled.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for event_id, (kind, actor, inter, country, place, lat, lon, notes) in zip(_train_ids(), rows):
            writer.writerow({"event_id_cnty": event_id, "event_date": "1-May-20", "event_type": kind,
                             "sub_event_type": "", "actor1": actor, "inter1": inter, "country": country,
                             "location": place, "latitude": lat, "longitude": lon, "notes": notes})

    def rows_of(path):
        return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]

    learn_place_actors(tmp_path, tmp_path / "holders.tsv")
    holders = {row[0]: row[4] for row in rows_of(tmp_path / "holders.tsv")}
    assert holders == {"Lozove": "Military Forces of Ukraine (2019-)"}  # Culiacan's attackers are unnamed
    learn_default_actors(tmp_path, tmp_path / "defaults.tsv")
    # by what the notes say of the attackers: a drive-by is a gang's, armed men stay an armed group
    assert [row[:4] for row in rows_of(tmp_path / "defaults.tsv")] == [
        ["MX", "Violence against civilians", "crime", gang], ["MX", "Violence against civilians", "other", gang]]


def test_country_cues_are_names_used_of_one_country_that_are_not_places(tmp_path):
    import csv

    from sitrep.evaluate.train import learn_country_cues

    folder = tmp_path / "data" / "acled-2020-global"
    folder.mkdir(parents=True)
    yemen = ["Houthi forces shelled a village; shelling went on.", "Houthi fighters attacked Marib."] * 5
    elsewhere = ["Shelling hit a village.", "Shelling near Kirkuk."] * 5
    provinces = ["Al Hudaydah"] * 7 + ["Marib"] * 2 + ["Sanaa"]  # Sanaa: a tenth, too few to keep
    rows = [("Yemen", province, notes) for province, notes in zip(provinces, yemen)]
    rows += [("Iraq", "Kirkuk", notes) for notes in elsewhere]
    rows += [("Iraq", "Kirkuk", "A Houthi delegation visited.")]  # one of eleven notes elsewhere: still a cue
    with open(folder / "acled.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, ["event_id_cnty", "event_date", "event_type", "country", "admin1", "notes"])
        writer.writeheader()
        for event_id, (country, province, notes) in zip(_train_ids(), rows):
            writer.writerow({"event_id_cnty": event_id, "event_date": "1-May-20", "event_type": "Battles",
                             "country": country, "admin1": province, "notes": notes})
    out = tmp_path / "cues.tsv"
    learn_country_cues(tmp_path, out)
    learned = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    # 'shelling' is a common word, 'Marib' and 'Kirkuk' are places, 'forces' is used of both
    assert [row[:2] for row in learned] == [["houthi", "YE"]]
    assert float(learned[0][2]) == pytest.approx(10 / 11, abs=1e-3)
    assert learned[0][4] == "Al Hudaydah=0.700|Marib=0.200"


def test_a_sentence_opening_word_is_a_name_only_where_it_is_written_as_one_elsewhere():
    from sitrep.evaluate.train import _names_mid_sentence, _phrases

    notes = ["Fighting between the army and rebels went on. Imbonerakure beat a man.",
             "On 4 May, Imbonerakure attacked a trader. The KIA shelled a post."]
    names = _names_mid_sentence(notes)
    assert "imbonerakure" in names and "fighting" not in names
    phrases = _phrases(notes[0], names)
    assert "imbonerakure" in phrases and "fighting" not in phrases
    assert "kia" in _phrases("KIA shelled a post.", names)  # capitals are a name anywhere


def test_the_other_side_of_a_two_sided_war_is_learned(tmp_path):
    import csv

    from sitrep.evaluate.train import learn_opponents

    folder = tmp_path / "data" / "acled-2020-global"
    folder.mkdir(parents=True)
    columns = ["event_id_cnty", "event_date", "event_type", "actor1", "inter1", "actor2", "inter2", "country", "notes"]
    ukraine, naf = "Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya"
    rows = [("Battles", ukraine, 1, naf, 2)] * 9 + [("Explosions/Remote violence", ukraine, 1, "", 0)] * 3
    rows += [("Battles", naf, 2, ukraine, 1)] * 5 + [("Battles", naf, 2, "", 0)] * 7  # most name no second side
    rows += [("Violence against civilians", naf, 2, "Civilians (Ukraine)", 7)] * 12  # a victim, no side
    with open(folder / "acled.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for event_id, (kind, actor1, inter1, actor2, inter2) in zip(_train_ids(), rows):
            writer.writerow({"event_id_cnty": event_id, "event_date": "1-May-20", "event_type": kind, "actor1": actor1,
                             "inter1": inter1, "actor2": actor2, "inter2": inter2, "country": "Ukraine",
                             "notes": "Shelling was observed."})
    out = tmp_path / "opponents.tsv"
    learn_opponents(tmp_path, out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert [row[:4] for row in rows] == [["UA", "military forces of ukraine", naf, "2"]]


def test_acled_names_of_provinces_are_learned_where_they_differ_from_the_gazetteer(tmp_path):
    import csv

    from sitrep.evaluate.train import learn_admin1_names

    folder = tmp_path / "data" / "acled-2020-global"
    folder.mkdir(parents=True)
    columns = ["event_id_cnty", "event_date", "event_type", "actor1", "country", "admin1", "location",
               "latitude", "longitude", "notes"]
    rows = [("Idleb", "Saraqib", 35.86, 36.80)] * 4              # ACLED's spelling of Idlib
    rows += [("Aleppo", "Aleppo", 36.20, 37.16)] * 4             # spelled as the gazetteer does
    rows += [("Hama", "Hama", 35.13, 36.75)] * 2 + [("Hamah", "Hama", 35.13, 36.75)] * 2  # no name holds most
    rows += [("Dar'a", "Bosra", 32.52, 36.48)] * 2               # too few notes
    with open(folder / "acled.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for event_id, (admin1, location, lat, lon) in zip(_train_ids(), rows):
            writer.writerow({"event_id_cnty": event_id, "event_date": "1-May-20", "event_type": "Battles",
                             "actor1": "Rebels", "country": "Syria", "admin1": admin1, "location": location,
                             "latitude": lat, "longitude": lon, "notes": "Shelling was observed."})
    out = tmp_path / "admin1_names.tsv"
    learn_admin1_names(tmp_path, out)
    learned = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert [row[:3] for row in learned] == [["SY", "Idlib", "Idleb"]]


def test_a_place_is_learned_from_notes_that_write_its_particle_in_lower_case(tmp_path):
    from sitrep.evaluate.train import learn_places

    rows = [("El Mina", 34.4511, 35.8142, "Protesters blocked the roundabout in el Mina.")] * 2
    rows += [("Miniyeh", 34.48, 35.94, "Protesters blocked the highway north of the city.")]  # not written
    out = tmp_path / "learned.tsv"
    learn_places(_shared_with(tmp_path, rows, country="Lebanon", admin1="North"), out)
    learned = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert [(row[0], row[4]) for row in learned] == [("El Mina", "LB")]


def test_the_older_extract_counts_a_quarter_of_a_note_in_the_type_models(tmp_path):
    import shutil

    from sitrep.evaluate.train import OLD_EXTRACT_WEIGHT, _weight, gold_for_training

    shared = _shared_with(tmp_path, [("Kirkuk", 35.47, 44.39, "Rebels clashed with the army in Kirkuk.")] * 2)
    older = shared / "data" / "acled-2015-asia"
    older.mkdir(parents=True)
    shutil.copy(shared / "data" / "acled-2020-global" / "acled.csv", older / "acled.csv")
    weights = sorted(_weight(g) for g in gold_for_training(shared))
    assert weights == [OLD_EXTRACT_WEIGHT] * 2 + [1.0] * 2 and OLD_EXTRACT_WEIGHT < 1.0


def test_the_namesake_the_notes_mean_is_learned_where_the_resolver_would_take_another(tmp_path):
    from sitrep.evaluate.train import learn_readings

    tripoli = "Protesters gathered at the Al Nour square in Tripoli."
    rows = [("Tripoli", 34.436, 35.850, tripoli)] * 3                  # Lebanon's Tripoli, not Libya's capital
    rows += [("Beirut", 33.89, 35.50, "Protesters gathered in Beirut.")] * 3  # the resolver's own first choice
    rows += [("Sidon", 33.56, 35.37, "Protesters gathered in Sidon.")] * 2    # too few notes to learn from
    shared = _shared_with(tmp_path, rows, country="Lebanon", admin1="North")
    out = tmp_path / "readings.tsv"
    learn_readings(shared, out)
    learned = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert [(row[0], row[1], row[4], row[5]) for row in learned] == [("Tripoli", "LB", "3", "3")]


def test_a_name_whose_notes_disagree_on_the_namesake_is_not_learned(tmp_path):
    from sitrep.evaluate.train import learn_readings

    rows = [("Tripoli", 34.436, 35.850, "Protesters gathered in Tripoli.")] * 3
    rows += [("Tripoli", 34.0, 36.5, "Rebels attacked Tripoli.")] * 2  # no namesake there: the notes do not agree
    shared = _shared_with(tmp_path, rows, country="Lebanon", admin1="North")
    out = tmp_path / "readings.tsv"
    learn_readings(shared, out)
    assert [line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")] == []
