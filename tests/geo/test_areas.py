"""Areas (centres, continents), acronyms, embedded names and nationality adjectives."""
from sitrep.geo import geoparse_doc, resolve_spans
from sitrep.geo.gazetteer import box_centre
from sitrep.geo.relative import distance_km


def test_areas_carry_a_centre_and_keep_acleds_point(gazetteer):
    usa = gazetteer.country_index("US")
    place = gazetteer.place(usa)
    assert distance_km(place.latitude, place.longitude, 38.9, -77.0) < 50  # ACLED: the capital
    assert distance_km(*place.centre, 39.8, -98.6) < 100  # the middle of the country
    kirkuk = next(p for p in gazetteer.lookup("Kirkuk Province") if p.feature_code == "ADM1")
    assert kirkuk.centre is not None and distance_km(*kirkuk.centre, 35.4, 44.3) < 100
    town = next(p for p in gazetteer.lookup("Kirkuk") if p.feature_code.startswith("PPL"))
    assert town.centre is None


def test_box_centre_ignores_outlying_towns():
    points = [(10.0, 10.0)] * 5 + [(12.0, 12.0)] * 5 + [(60.0, 100.0)]  # one far-off island
    lat, lon = box_centre(points)
    assert 10 <= lat <= 12 and 10 <= lon <= 12


def test_continents_and_their_adjectives(gazetteer, nlp):
    europe = gazetteer.lookup("Europe")[0]
    assert (europe.geonameid, europe.feature_code) == (6255148, "CONT")
    text = "European leaders met in Brussels."
    resolved = resolve_spans(text, [(0, 8)], doc=nlp(text), gazetteer=gazetteer)
    assert resolved[0].place.geonameid == 6255148 and resolved[0].role == "demonym"
    # found by geoparse_doc, a region adjective is never a place of an event
    assert all(m.place is None or m.role == "demonym" for m in geoparse_doc(nlp(text), gazetteer) if m.start == 0)


def test_acronyms_name_countries_not_towns(gazetteer):
    assert [p.feature_code for p in gazetteer.lookup("US")][:1] == ["PCLI"]
    assert all(p.name != "Eu" for p in gazetteer.lookup("EU"))
    assert any(p.name == "Eu" for p in gazetteer.lookup("Eu"))


def test_place_inside_an_organisation_is_an_affiliation(parse):
    _, mentions = parse("Troopers from the Kentucky State Police said a man was shot in Glasgow, Kentucky.")
    roles = {(m.text, m.role) for m in mentions if m.place is not None}
    assert ("Kentucky", "affiliation") in roles
    glasgow = next(m for m in mentions if m.text == "Glasgow")
    assert glasgow.place.country_code == "US" and glasgow.role == "place"


def test_nationality_adjective_before_a_place_noun_pins_the_country(nlp, gazetteer):
    text = "Russia denies poisoning the spy in the English city of Salisbury. Moscow said so."
    start = text.index("Salisbury")
    place = resolve_spans(text, [(start, start + 9)], doc=nlp(text), gazetteer=gazetteer)[0].place
    assert place.country_code == "GB"
