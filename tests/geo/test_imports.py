"""`sitrep gazetteer import/add/lookup` on small files in the GeoNames dump formats, written here."""
import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.geo import Gazetteer
from sitrep.geo.imports import DumpError, read_alternate_names, read_geonames


def geonames_line(gid, name, alternates, lat, lon, fclass, fcode, cc, a1="", a2="", population=0):
    cols = [str(gid), name, name, ",".join(alternates), str(lat), str(lon), fclass, fcode, cc, "", a1, a2,
            "", "", str(population), "", "", "Asia/Baghdad", "2024-01-01"]
    return "\t".join(cols) + "\n"


@pytest.fixture()
def user_dir(tmp_path, monkeypatch):
    folder = tmp_path / "gazetteer"
    monkeypatch.setenv("SITREP_GAZETTEER_DIR", str(folder))
    return folder


@pytest.fixture()
def dumps(tmp_path):
    country = tmp_path / "IQ.txt"
    country.write_text(
        geonames_line(9900001, "Tall Warda", ["Tel Warda", "Tell al-Warda", "تل وردة"], 35.61, 44.02, "P", "PPL",
                      "IQ", "13", "1301", 350)
        + geonames_line(9900002, "Qadaa Dibis", ["Dibis District"], 35.65, 44.05, "A", "ADM2", "IQ", "13", "1301")
        + geonames_line(9900003, "Jabal Hamrin", [], 34.5, 44.5, "T", "MT", "IQ", "13")
        + geonames_line(97001, "Dibis", [], 35.67482, 44.07067, "P", "PPL", "IQ", "13"),  # already known
        encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.txt"
    alternates.write_text(
        "1\t9900001\ten\tWarda Hill\t\t\t\t\t\t\n"
        "2\t9900001\tlink\thttps://en.wikipedia.org/wiki/Warda\t\t\t\t\t\t\n"
        "3\t9900001\ten\tWardie\t\t\t1\t\t\t\n"  # colloquial: left out
        "4\t98182\ten\tBaghdad Town\t\t\t\t\t\t\n"  # a place of the default gazetteer (Baghdad)
        "5\t123456789\ten\tNowhere At All\t\t\t\t\t\t\n",  # an id nobody holds
        encoding="utf-8")
    return country, alternates


def test_readers_parse_the_dump_formats(dumps):
    country, alternates = dumps
    rows = list(read_geonames(country.read_text(encoding="utf-8").splitlines()))
    assert [r.geonameid for r in rows] == [9900001, 9900002, 9900003, 97001]
    assert rows[0].alternates[:2] == ["Tel Warda", "Tell al-Warda"] and rows[0].population == 350
    assert rows[1].feature_code == "ADM2" and rows[1].admin2 == "1301"
    names = list(read_alternate_names(alternates.read_text(encoding="utf-8").splitlines()))
    assert (9900001, "Warda Hill") in names and all(n != "Wardie" for _, n in names)
    with pytest.raises(DumpError):
        list(read_geonames(["not\ta\tgeonames\trow"], "bad.txt"))


def test_import_adds_villages_and_names(dumps, user_dir):
    country, alternates = dumps
    result = CliRunner().invoke(main, ["gazetteer", "import", str(country), str(alternates)])
    assert result.exit_code == 0, result.output
    assert "2 places added (1 already known" in result.output  # the mountain is of another class
    gaz = Gazetteer.load()
    village = gaz.lookup("Tell Warda")[0]  # folding: Tell/Tel/Tall are one key
    assert (village.geonameid, village.country_code, village.admin1) == (9900001, "IQ", "Kirkuk")
    assert village.admin2 == "Qadaa Dibis"  # from the dump's own ADM2 row
    assert gaz.lookup("Warda Hill")[0].geonameid == 9900001
    assert 98182 in [p.geonameid for p in gaz.lookup("Baghdad Town")]
    assert gaz.lookup("Nowhere At All") == [] and gaz.lookup("Jabal Hamrin") == []
    assert gaz.lookup("Wardie") == []


def test_import_keeps_other_classes_when_asked(dumps, user_dir):
    country, _ = dumps
    result = CliRunner().invoke(main, ["gazetteer", "import", str(country), "--classes", "PAT"])
    assert result.exit_code == 0, result.output
    assert Gazetteer.load().lookup("Jebel Hamrin")[0].geonameid == 9900003


def test_import_names_bad_files(tmp_path, user_dir, dumps):
    bad = tmp_path / "broken.txt"
    bad.write_text("this is not a dump\n", encoding="utf-8")
    country, _ = dumps
    result = CliRunner().invoke(main, ["gazetteer", "import", str(bad), str(country), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "broken.txt" in result.output and "missing.txt" in result.output  # stderr is mixed in
    only_bad = CliRunner().invoke(main, ["gazetteer", "import", str(bad)])
    assert only_bad.exit_code == 3


def test_add_and_lookup_a_users_place(user_dir):
    runner = CliRunner()
    added = runner.invoke(main, ["gazetteer", "add", "Checkpoint Seventy", "35.2", "44.1", "--country", "IQ",
                                 "--admin1", "Kirkuk", "--alt", "CP70 Checkpoint", "--feature", "CMP"])
    assert added.exit_code == 0, added.output
    found = runner.invoke(main, ["gazetteer", "lookup", "CP70 Checkpoint"])
    assert found.exit_code == 0
    record = json.loads(found.output.splitlines()[0])
    assert record["name"] == "Checkpoint Seventy" and record["admin1"] == "Kirkuk" and record["feature_code"] == "CMP"
    assert runner.invoke(main, ["gazetteer", "lookup", "Zzyzx Qqq"]).exit_code == 3
    assert runner.invoke(main, ["gazetteer", "add", "Off", "95", "10"]).exit_code == 2


def test_an_imported_village_is_resolved_in_text(dumps, user_dir, nlp):
    from sitrep.geo import geoparse_doc

    country, _ = dumps
    assert CliRunner().invoke(main, ["gazetteer", "import", str(country)]).exit_code == 0
    doc = nlp("Clashes broke out in the village of Tall Warda, south of Kirkuk, on Friday.")
    places = {m.text: m for m in geoparse_doc(doc, Gazetteer.load())}
    assert places["Tall Warda"].place.geonameid == 9900001
