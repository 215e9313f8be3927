"""The canonical article: every geography check the design asks for."""
from pathlib import Path

import pytest

from sitrep.geo import article_focus, distance_km, place_for_span

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "kirkuk-2017-10-20.txt"


@pytest.fixture(scope="module")
def seed(parse):
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared is absent)")
    text = SEED.read_text(encoding="utf-8")
    doc, mentions = parse(text)
    return text, doc, mentions


def mentions_of(mentions, text):
    return [m for m in mentions if m.text == text]


def sentence_with(doc, words):
    return next(s for s in doc.sents if words in s.text)


def test_kirkuk_city_and_province(seed):
    text, _, mentions = seed
    city = mentions_of(mentions, "Kirkuk City")[0]
    assert city.place.geonameid == 94787 and city.place.country_code == "IQ"
    province = mentions_of(mentions, "Kirkuk province")[0]
    assert province.place.feature_code == "ADM1" and province.place.admin1 == "Kirkuk"
    assert province.geo_precision == 3
    assert all(m.place.admin1 == "Kirkuk" for m in mentions if m.text.startswith("Kirkuk"))


def test_erbil(seed):
    _, _, mentions = seed
    erbil = mentions_of(mentions, "Erbil")
    assert erbil and all(m.place.geonameid == 95446 and m.place.country_code == "IQ" for m in erbil)


def test_altun_kupri_is_computed_from_kirkuk(seed):
    _, _, mentions = seed
    altun = mentions_of(mentions, "Altun Kupri")
    assert len(altun) == 3
    for m in altun:
        assert m.place.geonameid is None and m.geo_precision == 2 and m.role == "place"
        assert distance_km(m.place.latitude, m.place.longitude, 35.75, 44.15) < 15
        assert m.place.admin1 == "Kirkuk"
        assert any(e.field == "base" for e in m.evidence)


def test_governments_and_speakers_are_never_event_places(seed):
    _, doc, mentions = seed
    assert {m.role for m in mentions_of(mentions, "Washington")} <= {"metonym", "speaker"}
    assert mentions_of(mentions, "Baghdad")[0].role == "metonym"  # "campaign by Baghdad"
    assert mentions_of(mentions, "Tehran")[0].role != "place"
    for sent in doc.sents:
        chosen = place_for_span(mentions, sent.start_char, sent.end_char, doc)
        if chosen is not None:
            assert chosen.text not in ("Washington", "Tehran", "Baghdad", "United States")


def test_event_places(seed):
    _, doc, mentions = seed
    takeover = sentence_with(doc, "took control of Altun Kupri, a small town")
    assert place_for_span(mentions, takeover.start_char, takeover.end_char, doc).text == "Altun Kupri"
    checkpoint = sentence_with(doc, "main checkpoint on the road")
    assert place_for_span(mentions, checkpoint.start_char, checkpoint.end_char, doc).text == "Altun Kupri"
    oil = sentence_with(doc, "oil fields in Kirkuk province")
    chosen = place_for_span(mentions, oil.start_char, oil.end_char, doc)
    assert chosen.place.feature_code == "ADM1" and chosen.geo_precision == 3
    washington = sentence_with(doc, "In Washington, State Department")
    chosen = place_for_span(mentions, washington.start_char, washington.end_char, doc)
    assert chosen.place.country_code == "IQ" and chosen.geo_precision == 3  # "northern Iraq"


def test_focus(seed):
    _, _, mentions = seed
    assert article_focus(mentions)[0] == "IQ"
