import time

from sitrep.geo import Gazetteer

KIRKUK_CITY, KIRKUK_PROVINCE, ERBIL = 94787, 98410, 95446


def ids(places):
    return [p.geonameid for p in places]


def test_lookup_folds_case_diacritics_and_variants(gazetteer):
    for name in ("Kirkuk", "KIRKUK", "kirkūk", "Kerkuk"):
        assert KIRKUK_CITY in ids(gazetteer.lookup(name)), name
    for name in ("Erbil", "Irbil", "Arbil", "Hewler"):
        assert ERBIL in ids(gazetteer.lookup(name)), name
    assert gazetteer.lookup("Al-Raqqah")[0].country_code == "SY"


def test_place_fields(gazetteer):
    kirkuk = next(p for p in gazetteer.lookup("Kirkuk") if p.geonameid == KIRKUK_CITY)
    assert (kirkuk.country_code, kirkuk.iso3, kirkuk.country) == ("IQ", "IRQ", "Iraq")
    assert kirkuk.admin1 == "Kirkuk" and kirkuk.admin2 == "Kirkuk"
    assert kirkuk.feature_code == "PPLA"
    assert abs(kirkuk.latitude - 35.468) < 0.01 and abs(kirkuk.longitude - 44.392) < 0.01


def test_designator_selects_the_admin_area(gazetteer):
    province = gazetteer.lookup("Kirkuk province")[0]
    assert province.feature_code == "ADM1" and province.geonameid == KIRKUK_PROVINCE
    assert province.admin1 == "Kirkuk"
    assert gazetteer.lookup("Kirkuk City")[0].geonameid == KIRKUK_CITY


def test_countries_admin1_and_capitals(gazetteer):
    assert gazetteer.country("iq").name == "Iraq"
    assert gazetteer.country("IQ").feature_code == "PCLI"
    assert gazetteer.admin1_name("IQ", "13") == "Kirkuk"
    assert gazetteer.admin1_name("IQ", "11") == "Erbil"
    assert gazetteer.admin1_name("US", "TX") == "Texas"
    assert gazetteer.admin1_name("US", "DC") == "District of Columbia"
    assert gazetteer.lookup("the United States")[0].country_code == "US"
    assert gazetteer.lookup("U.S.")[0].feature_code == "PCLI"
    baghdad = [p for p in gazetteer.lookup("Baghdad") if p.feature_code == "PPLC"]
    assert baghdad and baghdad[0].country_code == "IQ"


def test_countries_are_spelled_as_acled_spells_them(gazetteer):
    # the country column and actor names join with ACLED's own data
    assert gazetteer.country_name("CD") == "Democratic Republic of Congo"
    assert gazetteer.country("PS").country == "Palestine"
    assert gazetteer.country_name("IQ") == "Iraq"
    assert gazetteer.country_in_titles("PH") == "the Philippines"
    assert gazetteer.country_in_titles("NG") == "Nigeria"
    assert gazetteer.lookup("Democratic Republic of the Congo")[0].country_code == "CD"


def test_demonyms_are_not_places(gazetteer):
    assert gazetteer.demonym("Iraqi") == ("IQ", "")
    assert gazetteer.demonym("Iraqis") == ("IQ", "")
    assert gazetteer.demonym("Kurdish") == ("", "Kurdistan")
    assert gazetteer.demonym("Kirkuk") is None
    assert gazetteer.lookup("Iraqi") == []


def test_user_additions_file(tmp_path, monkeypatch):
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# name\talternates\tlat\tlon\tcc\tadmin1\tfeature\n"
        "Qaryat Zarqa\tZarqa Village|Al-Zarqa Camp\t36.1\t43.2\tIQ\tKirkuk\tPPL\n"
        "Camp Foo\t\t35.0\t44.0\tIQ\tNo Such Province\tMILB\n", encoding="utf-8")
    gaz = Gazetteer.load(extra_files=[extra])
    found = gaz.lookup("zarqa camp")  # alternate, article and case folded
    assert found and found[0].name == "Qaryat Zarqa"
    assert (found[0].latitude, found[0].longitude, found[0].admin1) == (36.1, 43.2, "Kirkuk")
    assert gaz.lookup("Camp Foo")[0].admin1 == "No Such Province"
    assert gaz.lookup("Camp Foo")[0].feature_code == "MILB"
    assert Gazetteer.load().lookup("Camp Foo") == []  # the shared gazetteer is untouched
    monkeypatch.setenv("SITREP_GAZETTEER_EXTRA", str(extra))
    assert Gazetteer.load().lookup("Camp Foo")


def test_package_additions_are_loaded(gazetteer):
    assert gazetteer.lookup("Gaza Strip")[0].country_code == "PS"


def test_load_is_cached(gazetteer):
    start = time.perf_counter()
    assert Gazetteer.load() is gazetteer
    assert time.perf_counter() - start < 0.1


def test_learned_places_load_from_the_file_the_environment_names(tmp_path, monkeypatch):
    from sitrep.geo.gazetteer import ENV_LEARNED

    learned = tmp_path / "learned.tsv"
    learned.write_text("Qaryat Zubaydah\t\t35.1\t44.2\tIQ\tKirkuk\tPPL\n", encoding="utf-8")
    monkeypatch.setenv(ENV_LEARNED, str(learned))
    [place] = Gazetteer.load().lookup("Qaryat Zubaydah")
    assert (place.country_code, round(place.latitude, 1)) == ("IQ", 35.1)
    monkeypatch.setenv(ENV_LEARNED, "")
    assert Gazetteer.load().lookup("Qaryat Zubaydah") == []


def test_learned_places_are_marked_as_learned(tmp_path, monkeypatch):
    from sitrep.geo.gazetteer import ENV_LEARNED

    learned = tmp_path / "learned.tsv"
    learned.write_text("Qaryat Zubaydah\t\t35.1\t44.2\tIQ\tKirkuk\tPPL\n", encoding="utf-8")
    monkeypatch.setenv(ENV_LEARNED, str(learned))
    gaz = Gazetteer.load()
    [learned_one] = gaz.candidates("Qaryat Zubaydah")
    assert gaz.is_learned(learned_one)
    assert not any(gaz.is_learned(i) for i in gaz.candidates("Kirkuk"))


def test_a_province_spelled_as_acled_spells_it_is_that_province(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("Qaryat Tayyiba\t\t35.66\t36.48\tSY\tIdleb\tPPL\n", encoding="utf-8")
    gaz = Gazetteer.load(extra_files=[extra])
    [village] = gaz.candidates("Qaryat Tayyiba")
    [idlib] = [i for i in gaz.candidates("Idlib") if gaz.feature(i) == "ADM1"]
    assert gaz.admin1_code(village) == gaz.admin1_code(idlib)  # 'Idleb' is Idlib province
    assert gaz.place(village).admin1 == "Idleb"  # and is shown as written


def test_a_province_is_found_by_acled_s_spelling_but_not_by_another_province_s_name(tmp_path, monkeypatch):
    names = tmp_path / "admin1_names.tsv"
    names.write_text("# test\nAF\tOruzgan\tUrozgan\t1.000\t4\nBD\tMymensingh\tDhaka\t0.933\t30\n", encoding="utf-8")
    monkeypatch.setenv("SITREP_LEARNED_ADMIN1_NAMES", "")
    assert Gazetteer.load().lookup("Urozgan") == []
    monkeypatch.setenv("SITREP_LEARNED_ADMIN1_NAMES", str(names))
    gaz = Gazetteer.load()
    assert [(p.country_code, p.feature_code) for p in gaz.lookup("Urozgan")] == [("AF", "ADM1")]
    # ACLED codes the new Mymensingh division to Dhaka: a name of another province, not a spelling
    assert "Mymensingh" not in {p.name for p in gaz.lookup("Dhaka")}


def test_a_name_found_nowhere_is_read_without_a_particle_inside_it(gazetteer):
    written = [(p.name, p.country_code) for p in gazetteer.lookup("San Andres de Tuxtla")]
    assert ("San Andres Tuxtla", "MX") in written
    # a name the gazetteer holds with its particle is not read without it
    assert {p.name for p in gazetteer.lookup("Leon de los Aldama")} == {"Leon de los Aldama"}
