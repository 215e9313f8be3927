"""Event records name provinces as ACLED does, by the table `sitrep train` learns."""
from sitrep.geo import acled_admin1, record_names


def _names_file(tmp_path, *rows):
    path = tmp_path / "admin1_names.tsv"
    path.write_text("# country_code\tgazetteer\tacled\tshare\tnotes\n" + "".join("\t".join(r) + "\n" for r in rows),
                    encoding="utf-8")
    return str(path)


def test_a_province_is_named_as_the_table_says_in_its_own_country_only(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_LEARNED_ADMIN1_NAMES", _names_file(tmp_path, ("SY", "Idlib", "Idleb", "0.97", "58")))
    assert acled_admin1("SY", "Idlib") == "Idleb"
    assert acled_admin1("sy", "idlib") == "Idleb"  # codes and case as the gazetteer happens to give them
    assert acled_admin1("SY", "Aleppo") == "Aleppo"
    assert acled_admin1("TR", "Idlib") == "Idlib"
    assert acled_admin1("SY", "") == ""


def test_an_empty_setting_keeps_the_gazetteer_names(monkeypatch):
    monkeypatch.setenv("SITREP_LEARNED_ADMIN1_NAMES", "")
    assert acled_admin1("SY", "Idlib") == "Idlib"


def test_a_province_standing_for_the_place_takes_the_name_as_its_location(tmp_path, monkeypatch, gazetteer):
    monkeypatch.setenv("SITREP_LEARNED_ADMIN1_NAMES", _names_file(tmp_path, ("SY", "Idlib", "Idleb", "0.97", "58")))
    province = next(p for p in gazetteer.lookup("Idlib") if p.feature_code == "ADM1" and p.country_code == "SY")
    assert record_names(province) == ("Idleb", "Idleb")
    town = next(p for p in gazetteer.lookup("Saraqib") if p.country_code == "SY")
    assert record_names(town) == ("Saraqib", "Idleb")


def test_the_province_of_a_point_is_that_of_the_nearest_town_within_reach(gazetteer):
    assert gazetteer.admin1_near("SY", 35.93, 36.63) == "Idlib"  # Idlib city
    assert gazetteer.admin1_near("SY", 25.0, 45.0) == ""  # the Saudi desert: no Syrian town near
    assert gazetteer.admin1_near("XX", 35.93, 36.63) == ""
