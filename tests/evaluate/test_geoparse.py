"""`sitrep eval geoparse` on small corpora in the GWN and TR-News formats, written by the tests;
and a short run on the real corpora when ../shared is there."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.evaluate.geo_corpora import read_corpus
from sitrep.evaluate.geoparse import run_geoparse_eval
from sitrep.geo import Gazetteer

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TEXT = "Fighting was reported in Mosul on Monday. Officials in Kirkuk said the road to Zzyzx Qqqville was closed."


def span(word):
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture(scope="module")
def ids():
    gaz = Gazetteer.load()
    return {name: next(p for p in gaz.lookup(name) if p.feature_code.startswith("PPL"))
            for name in ("Mosul", "Kirkuk")}


def gwn_toponym(word, kind, gid=None, lat=None, lon=None):
    start, end = span(word)
    coords = f"<latitude>{lat}</latitude><longitude>{lon}</longitude>" if lat is not None else ""
    return (f"<toponym><extractedName>{word}</extractedName><type>{kind}</type><start>{start}</start>"
            f"<end>{end}</end><geonamesID>{gid or ''}</geonamesID>{coords}</toponym>")


@pytest.fixture()
def gwn(tmp_path, ids):
    mosul, kirkuk = ids["Mosul"], ids["Kirkuk"]
    toponyms = "".join([
        gwn_toponym("Mosul", "Literal", mosul.geonameid, mosul.latitude, mosul.longitude),
        # right point, another id: near but not exact
        gwn_toponym("Kirkuk", "Literal", 999999991, kirkuk.latitude + 0.1, kirkuk.longitude),
        # a place no gazetteer has: absent, and not found end to end
        gwn_toponym("Zzyzx Qqqville", "Literal", 999999992, 10.0, 10.0),
        gwn_toponym("road", "Literal_Expression"),
    ])
    path = tmp_path / "GWN.xml"
    path.write_text(f'<?xml version="1.0" ?><articles><article file="0"><text>{TEXT}</text>'
                    f"<toponyms>{toponyms}</toponyms></article></articles>", encoding="utf-8")
    return path


@pytest.fixture()
def tr_news(tmp_path, ids):
    mosul = ids["Mosul"]
    start, end = span("Mosul")
    path = tmp_path / "TR-News.xml"
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><articles><article docid="7"><text><![CDATA[{TEXT}]]></text>'
        # offsets shifted by two characters, as in a few real TR-News articles: realigned on the phrase
        f"<toponyms><toponym><phrase>Mosul</phrase><start>{start + 2}</start><end>{end + 2}</end>"
        f'<gaztag geonameid="{mosul.geonameid}"><name>Mosul</name><fcode>PPLA</fcode>'
        f"<lat>{mosul.latitude}</lat><lon>{mosul.longitude}</lon></gaztag></toponym></toponyms>"
        "</article></articles>", encoding="utf-8")
    return path


def test_readers(gwn, tr_news):
    corpus = read_corpus(gwn)
    assert [t.text for t in corpus.articles[0].toponyms] == ["Mosul", "Kirkuk", "Zzyzx Qqqville", "road"]
    assert [t.detect for t in corpus.articles[0].toponyms] == [True, True, True, False]
    tr = read_corpus(tr_news)
    assert tr.articles[0].toponyms[0].text == "Mosul" and tr.demonyms_are_toponyms


def test_gold_span_resolution_and_detection(gwn):
    report = run_geoparse_eval([gwn], keep_misses=True)["corpora"][0]
    r = report["resolution"]
    assert (r["toponyms"], r["exact"], r["within_161km"], r["gold_ids_absent_from_gazetteer"]) == (3, 1, 2, 2)
    # the unknown name is guessed from the nearest event place (Mosul; Kirkuk is where officials are)
    assert r["missing"] == 0 and r["misses"][0]["text"] == "Zzyzx Qqqville"
    assert r["misses"][0]["predicted"] == "Mosul"
    assert r["median_error_km"] is not None and r["median_error_km"] < 20
    d = report["end_to_end"]["detection"]
    assert d["gold"] == 3
    assert d["exact_span"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert d["exact_span"]["precision"] == 1.0
    assert report["speed"]["toponyms_resolved_per_second"] > 0


def test_cli_prints_and_writes_json(gwn, tr_news, tmp_path):
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["eval", "geoparse", str(gwn), str(tr_news), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "GWN (1 articles)" in result.output and "TR-News (1 articles)" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [c["corpus"] for c in report["corpora"]] == ["GWN", "TR-News"]
    assert report["corpora"][1]["resolution"]["exact"] == 1


def test_cli_rejects_unknown_corpus(tmp_path):
    other = tmp_path / "other.xml"
    other.write_text("<articles/>", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "geoparse", str(other)])
    assert result.exit_code == 2 and "other.xml" in result.output


def test_real_corpora_smoke():
    folder = SHARED / "data" / "geoparsing"
    if not (folder / "TR-News.xml").is_file():
        pytest.skip(f"../shared is absent ({folder}); the geoparsing corpora are needed for this test")
    report = run_geoparse_eval([folder / "TR-News.xml", folder / "GWN.xml"], limit=4)
    for corpus in report["corpora"]:
        assert corpus["resolution"]["toponyms"] > 20
        assert corpus["resolution"]["within_161km_share"] > 0.6
        assert corpus["end_to_end"]["detection"]["exact_span"]["f1"] > 0.25  # the first GWN articles name streets
