import pytest

from sitrep.geo import article_focus, place_for_span, resolve_spans


def by_text(mentions, text):
    return [m for m in mentions if m.text == text]


def test_tripoli_follows_the_article_country(parse):
    _, lebanon = parse("Clashes erupted in Tripoli on Sunday between rival factions, the Lebanese army said.")
    _, libya = parse("The Libyan National Army shelled Tripoli on Sunday, the Libyan government said.")
    assert by_text(lebanon, "Tripoli")[0].place.country_code == "LB"
    assert by_text(libya, "Tripoli")[0].place.country_code == "LY"
    assert article_focus(lebanon) == ["LB"]


def test_container_pins_the_admin1(parse):
    _, mentions = parse("Police in Paris, Texas, arrested two men after a shooting on Saturday.")
    paris = by_text(mentions, "Paris")[0].place
    assert (paris.country_code, paris.admin1) == ("US", "Texas")


def test_without_context_the_larger_place_wins(parse):
    _, mentions = parse("Thousands marched through Paris on Saturday.")
    assert by_text(mentions, "Paris")[0].place.country_code == "FR"


def test_metonymy_and_demonyms(parse):
    _, mentions = parse(
        "Washington said it would send more troops. Baghdad's campaign continued with support from "
        "Tehran. The offensive was launched by Damascus. Iraqi troops entered Mosul.")
    roles = {m.text: m.role for m in mentions}
    assert roles["Washington"] == "metonym"
    assert roles["Baghdad"] == "metonym"
    assert roles["Tehran"] == "metonym"
    assert roles["Damascus"] == "metonym"
    assert roles["Iraqi"] == "demonym"
    assert roles["Mosul"] == "place"


def test_capital_as_a_place_is_not_a_metonym(parse):
    _, mentions = parse("A car bomb exploded in Baghdad on Monday, killing five people.")
    assert by_text(mentions, "Baghdad")[0].role == "place"


def test_speaker_location(parse):
    doc, mentions = parse("In Washington, a State Department spokesman said the clashes in Mosul must stop.")
    assert by_text(mentions, "Washington")[0].role == "speaker"
    chosen = place_for_span(mentions, 0, len(doc.text), doc)
    assert chosen.text == "Mosul"


def test_unknown_name_placed_by_relative_apposition(parse):
    _, mentions = parse("Gunmen attacked Zarqoun Dabra, a village about 20 miles south of Mosul, killing four.")
    village = by_text(mentions, "Zarqoun Dabra")[0]
    assert village.geo_precision == 2 and village.place.country_code == "IQ"
    mosul = by_text(mentions, "Mosul")[0].place
    assert village.place.latitude < mosul.latitude - 0.25  # 32 km is 0.29 degrees
    assert abs(village.place.longitude - mosul.longitude) < 0.01
    assert any(e.field == "base" and e.text == "Mosul" for e in village.evidence)


def test_relative_point_and_vague_place(parse):
    doc, mentions = parse("A roadside bomb exploded 30 km east of Kandahar. "
                          "Later, fighting broke out on the outskirts of Kabul.")
    relative = [m for m in mentions if m.role == "relative"][0]
    assert relative.text == "30 km east of Kandahar" and relative.geo_precision == 2
    kabul = by_text(mentions, "Kabul")[0]
    assert kabul.geo_precision == 2 and kabul.evidence[0].text == "on the outskirts of Kabul"
    first = next(iter(doc.sents))
    chosen = place_for_span(mentions, first.start_char, first.end_char, doc)
    assert chosen.role == "relative"  # not Kandahar itself, the reference point


@pytest.mark.parametrize("text, name", [
    ("Gunmen attacked a checkpoint in rural Kirkuk on Monday.", "Kirkuk"),
    ("Turkish forces shelled positions in Tell Abiad countryside on Monday.", "Tell Abiad"),
    ("Turkish forces shelled villages in the western countryside of Aleppo on Monday.", "Aleppo"),
])
def test_the_country_around_a_town_is_near_it_not_in_it(parse, text, name):
    _, mentions = parse(text)
    [town] = by_text(mentions, name)
    assert town.place.feature_code.startswith("PPL") and town.geo_precision == 2


def test_region_adjective(parse):
    _, mentions = parse("The United States is concerned about the clashes in northern Iraq.")
    iraq = by_text(mentions, "Iraq")[0]
    assert iraq.geo_precision == 3 and iraq.evidence[0].text == "northern Iraq"
    assert by_text(mentions, "United States")[0].role == "metonym"


def test_place_for_span_prefers_verb_object_and_falls_back(parse):
    text = ("Fighters took control of Tal Afar on Sunday. They also seized the road leading to Mosul. "
            "Nobody was hurt.\nThe army said it was ready.")
    doc, mentions = parse(text)
    second = text.index("They")
    assert place_for_span(mentions, second, text.index("Nobody"), doc).text == "Tal Afar"
    third = text.index("Nobody")
    assert place_for_span(mentions, third, text.index("\nThe army"), doc).text == "Tal Afar"
    last = text.index("The army")
    fallback = place_for_span(mentions, last, len(text), doc)
    assert fallback.text == "Tal Afar" and fallback.geo_precision == 2


def test_resolve_spans_uses_the_article_as_context(nlp, gazetteer):
    text = "Fighting in Tripoli, the Lebanese army said. More in Nowhereville."
    spans = [(12, 19), (text.index("Nowhereville"), text.index("Nowhereville") + 12)]
    resolved = resolve_spans(text, spans, doc=nlp(text), gazetteer=gazetteer)
    assert [m.start for m in resolved] == [12, spans[1][0]]
    assert resolved[0].place.country_code == "LB"
    # a name the gazetteer lacks: the place named closest to it, as "near", with a low score
    guess = resolved[1]
    assert guess.place.name == "Tripoli" and guess.geo_precision == 2 and guess.score < 0.2
    assert [e.text for e in guess.evidence if e.field == "base"] == ["Tripoli"]
    strict = resolve_spans(text, spans, doc=nlp(text), gazetteer=gazetteer, guess_unknown=False)
    assert strict[1].place is None and strict[0].place.country_code == "LB"


def test_a_province_named_after_its_seat_is_found_in_another_spelling(parse):
    _, mentions = parse("Residents demonstrated in the town of Haranbush in Idleb province on Friday.")
    province = by_text(mentions, "Idleb province")[0]
    assert (province.place.feature_code, province.place.country_code) == ("ADM1", "SY")


def test_a_currency_is_not_a_place(parse):
    _, mentions = parse("Protesters in Tripoli blocked roads against the soaring US dollar exchange rate.")
    assert not by_text(mentions, "US")


def test_a_village_in_a_sentence_with_no_speaker_leaves_its_province_a_place(parse):
    _, mentions = parse("Regime forces shelled Bara in Idleb countryside with rocket artillery.")
    assert by_text(mentions, "Idleb")[0].role == "place"


def test_a_namesake_abroad_is_not_the_place_its_container_names(parse):
    _, mentions = parse("On Thursday, in Catole do Rocha, Paraiba, two brothers were shot dead in their home.")
    assert all(m.place.country_code == "BR" for m in mentions if m.place is not None)
    assert by_text(mentions, "Catole do Rocha")[0].place.admin1 == "Paraiba"  # not Rocha in Uruguay


def test_a_city_the_tagger_calls_a_nationality_or_hides_in_an_organisation_is_still_found(parse):
    _, rally = parse("On Thursday, at least 20 artists rallied in Thessaloniki demanding support for culture.")
    assert by_text(rally, "Thessaloniki")[0].place.country_code == "GR"
    _, vigil = parse("Residents held a vigil at the steps of the Court of Justice in Sofia, demanding justice.")
    sofia = by_text(vigil, "Sofia")[0]
    assert (sofia.place.country_code, sofia.role) == ("BG", "place")


def _countries(parse, text):
    """name -> country code of each place the geoparser reads in the text."""
    return {m.text: m.place.country_code for m in parse(text)[1] if m.place}


def _use_learned_table(monkeypatch, tmp_path, variable, content):
    """Point a learned table's variable at a file holding ``content``."""
    table = tmp_path / f"{variable.lower()}.tsv"
    table.write_text(content, encoding="utf-8")
    monkeypatch.setenv(variable, str(table))


def test_a_country_cue_word_settles_a_name_two_countries_share(parse, tmp_path, monkeypatch):
    text = "Houthi forces shelled villages in Al Jawf."
    monkeypatch.setenv("SITREP_LEARNED_COUNTRY_CUES", "")  # no cues at all
    before = _countries(parse, text)
    _use_learned_table(monkeypatch, tmp_path, "SITREP_LEARNED_COUNTRY_CUES", "# word, country, share, notes\nhouthi\tYE\t1.000\t20\n")
    after = _countries(parse, text)
    assert before["Al Jawf"] == "SA"  # the larger namesake, without a word that says Yemen
    assert after["Al Jawf"] == "YE"


def test_a_learned_reading_picks_the_namesake_reports_mean_unless_the_article_says_otherwise(parse, tmp_path, monkeypatch):
    protest = "Retired soldiers gathered at a square in Tripoli on Sunday."
    libyan = "Retired soldiers gathered at a square in Tripoli, the Libyan capital, on Sunday."
    monkeypatch.setenv("SITREP_LEARNED_READINGS", "")  # no readings at all
    before = _countries(parse, protest)
    _use_learned_table(monkeypatch, tmp_path, "SITREP_LEARNED_READINGS", "# test\nTripoli\tLB\t34.43352\t35.84415\t11\t11\n")
    after, told = _countries(parse, protest), _countries(parse, libyan)
    assert before["Tripoli"] == "LY"  # the capital, five times larger
    assert after["Tripoli"] == "LB"
    assert told["Tripoli"] == "LY"  # the article's own word outweighs what the reports usually mean


@pytest.mark.parametrize("text, name, country", [
    ("Rebels looted houses in Shabunda territory (Sud-Kivu).", "Sud-Kivu", "CD"),
    ("Raiders attacked a cattle camp in Kongor payam (Jonglei state).", "Jonglei", "SS"),
])
def test_the_area_in_brackets_after_an_unknown_district_is_read(parse, text, name, country):
    assert _countries(parse, text).get(name) == country


def test_a_town_a_force_shells_is_a_place_and_a_name_joined_by_imeni_is_whole(nlp, tmp_path, monkeypatch):
    from sitrep.geo import Gazetteer, geoparse_doc
    from sitrep.geo.gazetteer import ENV_LEARNED

    _use_learned_table(monkeypatch, tmp_path, ENV_LEARNED,
                       "Sfuhen\t\t35.60\t36.55\tSY\tIdlib\tPPL\nShakhta imeni Gagarina\t\t48.20\t38.00\tUA\tDonetsk\tPPL\n")
    gaz = Gazetteer.load()

    def countries(text):
        return {m.text: m.place.country_code for m in geoparse_doc(nlp(text), gaz) if m.place}

    shelled = countries("On 4 May 2020, regime forces shelled Sfuhen in the southern countryside of Idleb.")
    assert shelled.get("Sfuhen") == "SY"  # tagged as a person, but people are not shelled
    mine = countries("Ukrainian forces fired at positions in the area of Shakhta imeni Gagarina, Donetsk.")
    assert mine.get("Shakhta imeni Gagarina") == "UA"


@pytest.mark.parametrize("text, name", [
    ("On 30 April 2020, regime forces shelled Qoqfin in Idleb using artillery fire.", "Qoqfin"),  # one ORG entity
    ("On 9 May 2020, clashes took place between regime forces and rebels on Ftireh front in Idleb.", "Ftireh"),
    ("On 29 April 2020, QSD members shot and killed a civilian in al-Shamsani in al-Hasakeh.", "al-Shamsani"),
    ("On 2 May 2020, IS militants planted an IED on the outskirts of Al Azim, northern Diyala province.", "Al Azim"),
    ("On 4 May 2020, the NPA and the military engaged in a firefight in Barangay Pange, Siayan, Zamboanga del Norte.",
     "Barangay Pange"),
])
def test_a_known_village_is_read_however_the_tagger_labels_it(nlp, tmp_path, monkeypatch, text, name):
    from sitrep.geo import Gazetteer, geoparse_doc
    from sitrep.geo.gazetteer import ENV_LEARNED

    _use_learned_table(monkeypatch, tmp_path, ENV_LEARNED,
                       "Qoqfin\t\t35.62\t36.53\tSY\tIdlib\tPPL\nFtireh\t\t35.61\t36.52\tSY\tIdlib\tPPL\n"
                       "Al-Shamsani\t\t36.40\t40.90\tSY\tAl Hasakah\tPPL\nAl Azim\t\t34.28\t44.54\tIQ\tDiyala\tPPL\n"
                       "Pange\t\t7.96\t123.03\tPH\tZamboanga Peninsula\tPPL\n")
    places = [m for m in geoparse_doc(nlp(text), Gazetteer.load()) if m.place and m.text == name]
    assert places and places[0].role == "place"


def test_a_barangay_is_only_a_namesake_near_the_town_written_after_it(parse):
    from sitrep.geo.relative import distance_km

    places = {m.text: m.place for m in parse(
        "Gunmen shot dead a former bodyguard in Barangay Pilar, Hinigaran, Negros Occidental.")[1] if m.place}
    town = places["Hinigaran"]
    pilar = places.get("Barangay Pilar")
    assert pilar is None or distance_km(pilar.latitude, pilar.longitude, town.latitude, town.longitude) <= 50


def test_a_name_the_tagger_splits_at_of_is_made_whole(parse):
    assert _countries(parse, "On 5 May 2020, in Port of Spain city, a man was shot by masked gunmen.") == {"Port of Spain": "TT"}


def test_a_people_s_name_before_region_is_their_province_when_written_as_a_place(parse):
    zone = {m.text: (m.place.country_code, m.role) for m in parse(
        "On 3 May 2020, clan violence erupted in Afdere zone (Somali region), leaving 5 dead.")[1] if m.place}
    assert zone["Somali"] == ("ET", "place")  # Ethiopia's Somali Region, not Somalia
    said = [(m.place.country_code, m.role) for m in parse("The Somali government said the Somali state would respond.")[1]
            if m.place]
    assert ("ET", "place") not in said


@pytest.mark.parametrize("text, name, country", [
    ("ADF rebels attacked Pamoli village (Beni, Nord-Kivu) at night.", "Nord-Kivu", "CD"),
    ("In Mossoro, Rio Grande do Norte, a man was shot.", "Rio Grande do Norte", "BR"),
    ("In Tijuana, Baja California, a woman was found dead.", "Baja California", "MX"),
])
def test_a_place_name_the_tagger_cut_short_is_made_whole(parse, text, name, country):
    assert _countries(parse, text).get(name) == country


@pytest.mark.parametrize("text, name, country", [
    ("Gunmen shot at an ambulance in Sheikh Zuweiyid (Rafah, North Sinai).", "Sheikh Zuweiyid", "EG"),
    ("Militants shelled army positions in Buni Yadi (Gujba, Borno).", "Buni Yadi", "NG"),
])
def test_a_place_name_the_tagger_began_late_is_made_whole(parse, text, name, country):
    assert _countries(parse, text).get(name) == country


def test_a_title_before_a_person_does_not_make_a_place(parse):
    places = {m.text for m in parse("President Buhari visited Abuja on Monday.")[1] if m.place}
    assert not any(name.startswith("President") for name in places)


def test_a_neighbourhood_word_before_a_name_is_not_a_town(parse):
    quarter = parse("In Tijuana, Baja California, a woman was found dead in Colonia Lomas de la Presa.")[1]
    assert "DE" not in {m.place.country_code for m in quarter if m.place}  # Colonia is Cologne's Latin name
    town = parse("Clashes in Colonia, Uruguay left two injured.")[1]
    assert [m.place.country_code for m in town if m.text == "Colonia"] == ["UY"]


def test_a_mistagged_name_said_to_lie_in_a_province_is_a_place_only_if_that_province_has_it(parse):
    shelled = {m.text: (m.place.country_code, m.place.admin1) for m in parse(
        "Turkish forces shelled Menbij in Aleppo using artillery fire.")[1] if m.place}
    assert shelled.get("Menbij") == ("SY", "Aleppo")
    arrested = {m.text: m.place.country_code for m in parse("Police arrested Hassan in Mosul.")[1] if m.place}
    assert "Hassan" not in arrested  # a man, not the town in India
    assert arrested.get("Mosul") == "IQ"


def test_an_institution_places_a_speaker_only_when_it_speaks(parse):
    protest = parse("Workers protested in front of the delegation headquarters in Sbeitla on Monday.")[1]
    assert [m.role for m in protest if m.text == "Sbeitla"] == ["place"]
    statement = parse("The ministry in Baghdad announced a curfew on Monday.")[1]
    assert [m.role for m in statement if m.text == "Baghdad"] != ["place"]


def test_a_container_may_follow_words_such_as_town_center(parse):
    places = {m.text: (m.place.country_code, m.place.admin1) for m in parse(
        "A demonstration was held in Kadikoy town center, Istanbul on Wednesday.")[1] if m.place}
    assert places["Kadikoy"] == ("TR", "Istanbul")


def test_a_cue_whose_reports_keep_to_a_province_favours_namesakes_there(parse, tmp_path, monkeypatch):
    text = "The OSCE monitors observed explosions near Novoselivka."
    monkeypatch.setenv("SITREP_LEARNED_COUNTRY_CUES", "")
    before = {m.text: m.place.admin1 for m in parse(text)[1] if m.place}
    _use_learned_table(monkeypatch, tmp_path, "SITREP_LEARNED_COUNTRY_CUES",
                       "# test\nosce\tUA\t1.000\t200\tDonetsk=0.700|Luhansk=0.300\n")
    after = {m.text: m.place.admin1 for m in parse(text)[1] if m.place}
    assert before["Novoselivka"] != "Donetsk"  # several villages of the name; the largest is elsewhere
    assert after["Novoselivka"] == "Donetsk"


def test_a_landmark_named_after_its_place_places_the_event_there(parse):
    blocked = {m.text: m.place.country_code for m in parse(
        "Rioters blocked the Tyre highway in both directions on Tuesday.")[1] if m.place}
    assert blocked.get("Tyre") == "LB"


def test_a_town_the_tagger_took_for_a_date_is_still_a_town(parse):
    from sitrep.geo.resolve import _is_a_name_tagged_as_a_date

    doc, mentions = parse("On 29 April 2020, protesters blocked the main road in Taalabaya in both directions.")
    assert [ent.label_ for ent in doc.ents if ent.text == "Taalabaya"] == ["DATE"]  # as the tagger has it
    assert [m.place.country_code for m in mentions if m.text == "Taalabaya" and m.place] == ["LB"]
    doc, _ = parse("Protesters marched on Monday in Sidon.")
    dates = [ent for ent in doc.ents if ent.label_ == "DATE"]
    assert dates and not any(_is_a_name_tagged_as_a_date(ent) for ent in dates)  # 'Monday' stays a day


def test_an_lga_is_a_district_and_the_first_area_in_brackets_is_a_place(parse):
    lga = {m.text: (m.place.country_code, m.place.feature_code) for m in parse(
        "Communal militias attacked Ikobi (Apa LGA, Benue) and killed 3 residents.")[1] if m.place}
    assert lga.get("Apa LGA") == ("NG", "ADM2")
    bracket = {m.text: m.place.country_code for m in parse(
        "MONUSCO installed a new temporary military base in the village of Djaiba (Djugu, Ituri).")[1] if m.place}
    assert bracket.get("Djugu") == "CD"


def test_a_name_before_town_of_is_not_a_town_of_that_name(parse):
    # 'Mali' is also an alternate name of Mary in Turkmenistan; 'town of Konna' names Konna, not Mali
    places = parse("Jihadists seize central Mali town of Konna after army pulls out")[1]
    assert "TM" not in {m.place.country_code for m in places if m.place}


def test_another_name_of_a_big_city_abroad_is_not_read_against_the_article_country(parse):
    # the gazetteer lists 'Old Town' among the names of Las Vegas; a story about Kashmir means a quarter
    places = parse("Youths clashed with police in Srinagar and Anantnag on Friday. "
                   "Stones were thrown at the Old Town police post in Srinagar.")[1]
    assert "US" not in {m.place.country_code for m in places if m.place}


def test_a_spelling_of_a_big_city_abroad_is_still_read(parse):
    # 'Dahuk' is Dihok spelled another way, not another of its names: Turkey named beside it does not hide it
    places = parse("Turkish drones struck a village near Dahuk on Sunday, the ministry in Ankara said.")[1]
    assert "IQ" in {m.place.country_code for m in places if m.place}


def test_a_currency_before_an_amount_is_no_place(parse):
    # 'Rs' (rupees) is another name of a Saudi town
    places = parse("Traders in Coimbatore protested on Monday, saying a bag of cement sold "
                   "between Rs 380 and Rs 400.")[1]
    assert {m.place.country_code for m in places if m.place} == {"IN"}
    from sitrep.geo.resolve import _is_an_amount, _Mention

    text = "the mills pay Rs 160 per maund; Rs. 200 in Tk"
    def mention(word, at):
        return _Mention(start=at, end=at + len(word), text=word, label="GPE", root=None)
    assert _is_an_amount(text, mention("Rs", text.index("Rs 160")))
    assert _is_an_amount(text, mention("Rs.", text.index("Rs. 200")))
    assert not _is_an_amount(text, mention("Tk", text.index("Tk")))  # no number after it


def test_a_name_written_twice_does_not_vouch_for_itself():
    # the same name again is no other place telling the article's country
    from sitrep.geo import Gazetteer
    from sitrep.geo.resolve import _focus_of_others, _Mention

    gaz = Gazetteer.load()
    town = gaz.candidates("Ar Rass")[0]
    first, again = (_Mention(start=a, end=a + 7, text="Ar Rass", label="GPE", root=None, candidates=[town],
                             chosen=town, lead_abroad=10.0) for a in (0, 40))
    assert _focus_of_others([first, again], first, gaz, {}) == ({}, 0.0)


def test_a_name_followed_by_an_age_is_a_person(parse):
    # 'Tumpa' is also a village in Peru; 'Tumpa, 18,' is one of the wounded
    places = parse("A crude bomb went off near the book fair in Dhaka, leaving two people, Moktar, 20, "
                   "and Tumpa, 18, injured.")[1]
    assert "PE" not in {m.place.country_code for m in places if m.place}
    crowd = parse("In Picsi, Lambayeque, 4,000 prisoners staged a riot.")[1]
    assert "Lambayeque" in {m.text for m in crowd if m.place}


def test_places_named_side_by_side_with_the_event_place_are_its_siblings(parse):
    from sitrep.geo import coordinated_places, place_for_span

    text = "Government aircraft bombed rebel areas of Aleppo, Homs and Hama on Monday."
    doc, mentions = parse(text)
    chosen = place_for_span(mentions, 0, len(text), doc)
    siblings = coordinated_places(mentions, chosen, 0, len(text), doc)
    assert sorted([chosen.text] + [m.text for m in siblings]) == ["Aleppo", "Hama", "Homs"]
    # in a list, "Aleppo, Homs" is two cities, not Aleppo in the province of Homs
    assert all(m.place.feature_code.startswith("PPL") for m in siblings)


@pytest.mark.parametrize("text, places", [
    # a second list in the sentence: the towns of the localities are locations of their own
    ("Fighting broke out in Aleppo and other areas in the towns of Homs, Hama and Idlib on Monday.",
     ["Aleppo", "Hama", "Homs", "Idlib"]),
    # the people of a list of towns are not where it happened
    ("Fighting broke out in Aleppo on Monday, and families of Homs and Hama fled.", ["Aleppo"]),
    # a stretch between two towns is one place
    ("Fighting broke out in Aleppo and on the road between Homs and Hama on Monday.", ["Aleppo"]),
])
def test_another_list_of_towns_in_the_event_sentence_is_listed_too(parse, text, places):
    from sitrep.geo import coordinated_places, place_for_span

    doc, mentions = parse(text)
    chosen = place_for_span(mentions, 0, len(text), doc)
    siblings = coordinated_places(mentions, chosen, 0, len(text), doc)
    assert sorted([chosen.text] + [m.text for m in siblings]) == places


def test_a_lone_place_has_no_siblings(parse):
    from sitrep.geo import coordinated_places, place_for_span

    text = "Police arrested two men in Kirkuk, a city in northern Iraq, on Tuesday."
    doc, mentions = parse(text)
    chosen = place_for_span(mentions, 0, len(text), doc)
    assert coordinated_places(mentions, chosen, 0, len(text), doc) == []


@pytest.mark.parametrize("text, country", [
    ("People protested in Badah town (Larkana, Sindh) on Monday.", "PK"),  # a district pins the country
    ("Militants attacked Muaja (Ancuabe, Cabo Delgado) on Monday.", "MZ"),  # through an unknown district
    # the rest of a name the gazetteer knows only in part, then the area: not Soledad in Colombia
    ("On Monday, in Soledad Doblado municipality, Veracruz, people blocked a road.", "MX"),
    ("On Monday, in Martinez de la Torre, Veracruz, two armed men attacked a taxi driver.", "MX"),
])
def test_a_district_or_province_in_brackets_keeps_the_place_in_its_country(parse, text, country):
    doc, mentions = parse(text)
    resolved = [m for m in mentions if m.place is not None]
    assert resolved and {m.place.country_code for m in resolved} == {country}


def test_a_district_the_gazetteer_lacks_is_placed_at_its_seat_town(parse):
    doc, mentions = parse("A civilian was injured by a landmine in Dehloran county on Monday.")
    place = [m for m in mentions if m.place is not None]
    assert [(m.place.name, m.place.country_code, m.geo_precision) for m in place] == [("Dehloran", "IR", 2)]


def test_a_name_after_the_town_is_a_place_whatever_the_tagger_says(parse):
    doc, mentions = parse("Gunmen attacked the town Kaya on Monday.")  # the small model tags 'Kaya' PERSON
    assert [m.place.country_code for m in mentions if m.place is not None] == ["BF"]


def test_a_place_said_to_be_in_a_province_is_not_a_namesake_abroad(parse):
    doc, mentions = parse("Rebels looted wheat crops in Nadas in rural Ras al Ain in al-Hasakeh on Monday.")
    assert {m.place.country_code for m in mentions if m.place is not None} == {"SY"}


def test_a_country_in_a_city_is_not_pinned_inside_it(parse):
    doc, mentions = parse("The ambassador of Iraq in Washington said on Monday that talks would resume.")
    assert "IQ" in {m.place.country_code for m in mentions if m.place is not None}


@pytest.mark.parametrize("text, country", [
    ("Residents protested in La Concordia parish, San Cristobal, Tachira state, on Monday.", "VE"),
    ("Prisoners protested in San Juan, Lagunillas, Merida state, on Monday.", "VE"),
])
def test_a_pin_passes_down_a_chain_of_places(parse, text, country):
    doc, mentions = parse(text)
    assert {m.place.country_code for m in mentions if m.place is not None} == {country}


def test_a_month_next_to_a_day_is_not_a_place(parse):
    doc, mentions = parse("Around 1 May 2020 (from 1 - 6 May), residents demonstrated in Sikasso.")
    assert [m.text for m in mentions if m.place is not None] == ["Sikasso"]


def test_a_province_in_brackets_is_the_one_that_holds_the_town(parse):
    # Sri Lanka's Western province is larger, but only Sierra Leone's holds a Freetown
    doc, mentions = parse("Inmates rioted in a prison of Freetown city (Western Area Urban, Western) on Friday.")
    assert {m.place.country_code for m in mentions if m.place is not None} == {"SL"}


def test_an_area_is_found_by_its_name_without_area(gazetteer):
    assert "SL" in {p.country_code for p in gazetteer.lookup("Western") if p.feature_code == "ADM1"}


@pytest.mark.parametrize("text, part", [
    ("Hundreds of workers gathered at Gota area of Ahmedabad city on Friday.", "Gota"),
    ("Two shops burned in the Mina neighbourhood of Kabul on Monday.", "Mina"),
])
def test_a_part_of_a_city_is_not_a_namesake_far_away(parse, text, part):
    doc, mentions = parse(text)
    assert all(m.place is None for m in by_text(mentions, part))


def test_a_part_of_a_district_keeps_its_namesake_inside(parse):
    doc, mentions = parse("Militants attacked the Dangila area of Amhara region on Monday.")
    assert by_text(mentions, "Dangila")[0].place.country_code == "ET"


def test_a_road_named_after_a_town_does_not_place_the_event_there(parse):
    text = "Journalists protested outside a TV office on Murree road in Rawalpindi city on Monday."
    doc, mentions = parse(text)
    assert place_for_span(mentions, 0, len(text), doc).text == "Rawalpindi"


def test_a_hyphenated_name_with_an_article_is_one_name(parse):
    doc, mentions = parse("Warplanes struck weapons depots in As-Safira in Aleppo on Monday.")
    assert {m.place.country_code for m in mentions if m.place is not None} == {"SY"}
    assert not by_text(mentions, "As")


def test_an_article_between_hyphens_stays_inside_the_name(parse):
    # the tagger left it untagged; its parts alone read as a town in Hungary and one in Kuwait
    doc, mentions = parse("IS attacked military vehicles in the area between Al Sukhnah and Ash Shula on the "
                          "administrative border between Deir-ez-Zor and Homs.")
    assert "Deir-ez-Zor" in {m.text for m in mentions if m.place is not None}
    assert {m.place.country_code for m in mentions if m.place is not None} == {"SY"}


def test_the_parts_of_an_unknown_hyphenated_name_are_looked_up(parse):
    doc, mentions = parse("Rioters blocked the Rashayya-Masnaa road with burning tyres on Monday.")
    assert "Masnaa" in {m.text for m in mentions if m.place is not None}


@pytest.mark.parametrize("text, ends", [
    ("Insurgents attacked a military convoy on the Damboa - Maiduguri road on Monday.", {"Damboa", "Maiduguri"}),
    ("Farmers blocked the Baalbek-Homs road with their tractors on Monday.", {"Baalbek", "Homs"}),
])
def test_both_ends_of_a_road_written_with_a_dash_are_places(parse, text, ends):
    # the parser hangs the first name on the second, not on the road
    doc, mentions = parse(text)
    assert {m.text for m in mentions if m.place is not None} >= ends


@pytest.mark.parametrize("text, place", [
    ("Residents protested on Monday against delays in the Maskan-e Mehr housing project in Mashhad.", "Mashhad"),
    ("Pro-Houthi forces shelled farms northwest of Durayhimi district in western Yemen on Monday.", "Durayhimi"),
    ("On Monday, in Tegucigalpa, residents protested against burials in Los Angeles cemetery.", "Tegucigalpa"),
    # a street named after a city lies in the other town its sentence names
    ("On Monday, pro-Houthi forces shelled houses in Sanaa Street in the east of Hodeidah city.", "Hodeidah"),
    # fire lands where it lands, not where the shooters stand
    ("On Monday, rebel fighters stationed in Sarmin shelled army positions near Saraqib.", "Saraqib"),
    ("On Monday, troops of Armenia located at Tavush fired on the positions of Azerbaijan near Agdam.", "Agdam"),
    # where the actors came from, or where they work, is not where they act
    ("On Monday, about 200 fighters coming from Aden arrived at the port of Mukalla.", "Mukalla"),
    ("On Monday, police clashed with a faction whose fighters are from Homs in the town of Azaz.", "Azaz"),
    ("Workers at the Gafsa Phosphate Company blocked roads with burning tyres in Meknassy on Monday.", "Meknassy"),
    # 'Nimbahera' tagged as an organisation, with the kind of area written after it
    ("On Monday, police beat a shopkeeper in the Kotwali area of Nimbahera taluka (Chittorgarh, Rajasthan).", "Nimbahera"),
])
def test_a_thing_named_after_a_place_is_where_the_text_places_it(parse, text, place):
    doc, mentions = parse(text)
    assert place_for_span(mentions, 0, len(text), doc).text == place


@pytest.mark.parametrize("text, place", [
    ("On Monday, the group executed a man from Afrin in Idlib after a month of detention.", "Idlib"),
    ("On Monday, police arrested a journalist from Manbij at a checkpoint in Aleppo.", "Aleppo"),
    # the people who act may act away from home: no rule here decides that
    ("On Monday, students from Mandalay protested in Mandalay University against the bill.", "Mandalay"),
    # where the victims came from is all the sentence says
    ("On Monday, the bodies of two men from Saraqib were found.", "Saraqib"),
])
def test_where_the_people_acted_on_come_from_is_not_where_it_happened(parse, text, place):
    doc, mentions = parse(text)
    assert place_for_span(mentions, 0, len(text), doc).place.name.startswith(place)


@pytest.mark.parametrize("text, country", [
    ("On Monday, in Colon (Colon), residents protested to demand relief.", "PA"),  # Honduras's Colon holds no Colon
    ("On Monday, in Sikasso (Sikasso), residents protested.", "ML"),
])
def test_a_town_in_the_province_named_after_it_is_where_both_exist(parse, text, country):
    doc, mentions = parse(text)
    town, province = [m for m in mentions if m.place is not None]
    assert town.place.feature_code.startswith("PPL") and province.place.feature_code == "ADM1"
    assert town.place.country_code == province.place.country_code == country


def test_a_town_is_looked_for_in_the_district_the_writer_names(parse):
    # a village named after the city lies in the district named, not 200 km away in Plateau
    text = "Gunmen killed two farmers in Jos (Chikun LGA, Kaduna) on Monday."
    doc, mentions = parse(text)
    assert {m.place.admin1 for m in mentions if m.place is not None} == {"Kaduna"}
    assert place_for_span(mentions, 0, len(text), doc).place.feature_code == "ADM2"


def test_a_district_abroad_does_not_pin_a_town_its_province_places_at_home(parse):
    # Taungoo district (Myanmar) answers to 'Toungo LGA', but Adamawa puts the town in Nigeria
    doc, mentions = parse("Gunmen attacked Toungo (Toungo LGA, Adamawa) on Monday and killed residents.")
    toungo = by_text(mentions, "Toungo")[0]
    assert toungo.place is not None and toungo.place.country_code == "NG"


@pytest.mark.parametrize("text, later_sentence, place", [
    # not in a country named in passing
    ("On Monday, in Rawson (Chubut), traders gathered in front of the Government House, after a month of "
     "isolation in Argentina. The police asked the protesters to go home.", "The police", "Rawson"),
    # the town after 'in' only says where the village lies; the event told next is at the village
    ("On Monday, clashes broke out near Binnish in Idlib between rebel factions. "
     "Two fighters were wounded during the clashes.", "Two fighters", "Binnish"),
])
def test_an_event_told_after_its_place_is_where_that_sentence_put_it(parse, text, later_sentence, place):
    doc, mentions = parse(text)
    later = text.index(later_sentence)
    assert place_for_span(mentions, later, len(text), doc).text == place


def test_a_place_conflict_reports_named_beats_a_larger_namesake_in_its_country(tmp_path, monkeypatch, nlp):
    from sitrep.geo import Gazetteer, geoparse_doc
    from sitrep.geo.gazetteer import ENV_LEARNED

    text = "On Monday, the OSCE observed six explosions near Vesele in eastern Ukraine."
    monkeypatch.setenv(ENV_LEARNED, "")
    [plain] = by_text(geoparse_doc(nlp(text), Gazetteer.load()), "Vesele")
    _use_learned_table(monkeypatch, tmp_path, ENV_LEARNED,
                       "Vesele\t\t48.0500\t37.8500\tUA\tDonetsk\tPPL\n")
    [frontline] = by_text(geoparse_doc(nlp(text), Gazetteer.load()), "Vesele")
    assert plain.place.country_code == frontline.place.country_code == "UA"
    assert round(plain.place.latitude, 2) != 48.05
    assert (round(frontline.place.latitude, 2), round(frontline.place.longitude, 2)) == (48.05, 37.85)


def test_a_township_is_named_after_its_seat_town(parse):
    _, mentions = parse("On Monday, in Rathedaung Township, Sittwe District, Rakhine State, soldiers burned 8 houses.")
    [township] = by_text(mentions, "Rathedaung Township")
    assert (township.place.name, township.place.feature_code[:3]) == ("Rathedaung", "PPL")


def test_a_learned_place_never_displaces_a_city_of_that_very_name(tmp_path, monkeypatch, nlp):
    from sitrep.geo import Gazetteer, geoparse_doc
    from sitrep.geo.gazetteer import ENV_LEARNED

    _use_learned_table(monkeypatch, tmp_path, ENV_LEARNED,
                       "Jaipur\t\t26.5000\t76.3000\tIN\tRajasthan\tPPL\n")
    [jaipur] = by_text(geoparse_doc(nlp("Thousands of farmers marched in Jaipur on Monday."), Gazetteer.load()), "Jaipur")
    assert jaipur.place.population > 1_000_000


def test_the_last_area_in_brackets_is_a_place_whatever_the_tagger_called_it(parse):
    _, mentions = parse("On 5 May 2020, about 20 patients demonstrated in Kwadon (Yamaltu/Deba LGA, Gombe).")
    [gombe] = by_text(mentions, "Gombe")
    assert gombe.place.country_code == "NG"


def test_the_last_of_a_list_of_places_is_a_place_whatever_the_tagger_says(parse):
    # the small model tags 'Taizz' PRODUCT here
    doc, mentions = parse("On Monday, Houthi forces shelled pro-Hadi groups in Al Jawf, Ad Dali and Taizz governorates.")
    assert "Taizz" in {m.text for m in mentions if m.place is not None and m.place.country_code == "YE"}


def test_a_force_written_with_a_capital_is_no_place_of_that_name(parse):
    places = {m.text: m.place.country_code for m in parse(
        "In Rio de Janeiro, a shoot-out between Police officers and drug traffickers broke out.")[1] if m.place}
    assert "Police" not in places  # Police is a town in Poland


def test_a_place_said_to_lie_in_a_district_of_a_province_is_in_that_provinces_country(parse):
    places = {m.text: m.place.country_code for m in parse(
        "Insurgents attacked Muaja, in the Ancuabe district of Cabo Delgado, on Monday.")[1] if m.place}
    assert places.get("Muaja") in (None, "MZ")  # not Mwaya in Tanzania


def test_a_province_of_one_country_keeps_a_loose_spelling_from_going_abroad(parse):
    places = {m.text: m.place.country_code for m in parse(
        "Rebels burned the main house at the Jaguary farm near Pedro Juan Caballero, Amambay, on Monday.")[1] if m.place}
    assert places.get("Jaguary") in (None, "PY")  # not Jaguariuna in Brazil


def test_a_relative_phrase_that_says_where_a_named_district_lies_is_not_the_place(parse):
    doc, mentions = parse("Three air raids were reported on Sirwah district west of Marib city (Marib) on Monday.")
    chosen = place_for_span(mentions, 0, len(doc.text), doc)
    assert (chosen.place.name, chosen.place.feature_code) == ("Sirwah", "ADM2")
    doc, mentions = parse("Three air raids were reported on villages west of Marib city on Monday.")
    assert place_for_span(mentions, 0, len(doc.text), doc).text == "Marib"


def test_a_name_cut_by_connectors_is_joined_and_its_bracket_is_that_country_s_province(parse):
    # the small model tags 'Khabb' PERSON and 'Shaaf' GPE; Saudi Arabia has an Al Jawf too
    doc, mentions = parse("On Friday, Saudi-led coalition airstrikes targeted Khabb wa ash Shaaf district (Al Jawf).")
    places = {m.text: m.place.country_code for m in mentions if m.place is not None and m.role != "demonym"}
    assert places == {"Khabb wa ash Shaaf": "YE", "Al Jawf": "YE"}


def test_a_place_that_opens_an_organisation_s_name_is_its_affiliation(parse):
    text = "Ukrainian forces fired mortars at the positions of the Luhansk People's Militia in the area of Sentianivka, Luhansk."
    doc, mentions = parse(text)
    assert [m.role for m in mentions if m.text == "Luhansk"][0] == "affiliation"
    assert place_for_span(mentions, 0, len(doc.text), doc).text == "Sentianivka"
    doc, mentions = parse("Kandahar police said two men were killed in the city on Monday.")
    assert [m.role for m in mentions if m.text == "Kandahar"] != ["affiliation"]  # one word: a town's police


@pytest.mark.parametrize("text, town, province", [
    # a quarter after 'fraccionamiento' or 'Colonia' is part of the town, not La Joya in Baja California
    ("On Monday, in Manzanillo, Colima, armed men shot a man in fraccionamiento La Joya.", "Manzanillo", "Colima"),
    # GeoNames writes the seat 'Ciudad Benito Juarez'; the bare name is a borough of Mexico City
    ("On Monday, in Benito Juarez, Nuevo Leon, two men were shot in a drive-by attack.", "Ciudad Benito Juarez", "Nuevo Leon"),
    # the river is no second town of that name in Jalisco
    ("On Monday, in Atoyac, Veracruz, people protested against the pollution of the Atoyac river.", "Atoyac",
     "Veracruz de Ignacio de la Llave"),
])
def test_a_town_in_a_named_province_stays_there(parse, text, town, province):
    doc, mentions = parse(text)
    towns = {(m.place.name, m.place.admin1) for m in mentions if m.place is not None and m.role == "place"}
    assert towns == {(town, province)}


@pytest.mark.parametrize("text, name, country", [
    # the only namesake abroad is reached by one word of a longer local name
    ("A suicide bomber killed three civilians in Rish Khor-e Bala area of Chahar Asyab district, Kabul.", "Rish", None),
    # each name read alone goes abroad; read beside the other, the article is about Peru
    ("In Puno city, residents protested against the return of people stuck in Lima during the lockdown.", "Puno", "PE"),
])
def test_a_name_s_own_reading_does_not_make_the_article_about_its_country(parse, text, name, country):
    _, mentions = parse(text)
    found = by_text(mentions, name)
    assert (found[0].place.country_code if found else None) == country


def test_a_country_named_before_a_force_is_the_force_s_nationality(parse):
    _, mentions = parse("An airstrike by US military forces killed six Taliban militants in Tarinkot district, Urozgan.")
    assert by_text(mentions, "US")[0].role == "demonym"
    assert by_text(mentions, "Tarinkot")[0].place.country_code == "AF"


@pytest.mark.parametrize("text, name", [
    # the people are the event's victims, not speakers placed there
    ("Unidentified gunmen abducted a radio journalist in Umuahia (Umuahia North LGA, Abia).", "Umuahia"),
    # 'state' is a noun here, not the verb of a speaker
    ("On the highway, Jose Antonio Paez in Guanare, Portuguesa state, drivers protested to demand fuel.", "Guanare"),
    # written after 'in', the capital is where things happen, whatever subject the parser makes of it
    ("In Port-au-Prince, Ouest department, gang violence in the southern parts of the capital caused six deaths.",
     "Port-au-Prince"),
    ("In the Municipality of Gomez Palacio, Durango, about 250 workers blocked a highway.", "Gomez Palacio"),
])
def test_a_place_written_where_the_event_is_keeps_the_role_place(parse, text, name):
    _, mentions = parse(text)
    assert "place" in {m.role for m in by_text(mentions, name)}


@pytest.mark.parametrize("text, name, country, province", [
    # the tagger saw only 'Rocha'; the gazetteer knows the whole name across 'do'
    ("In Catole do Rocha, Paraiba, two brothers were shot dead by armed men.", "Catole do Rocha", "BR", "Paraiba"),
    # the tagger took the state after 'municipality,' for a person
    ("In Cuauhtemoc municipality, Chihuahua, a man was found dead on a road.", "Cuauhtemoc", "MX", "Chihuahua"),
    ("Nine soldiers were killed in attacks by Taliban militants in Zari district center, Balkh.", "Zari", "AF", "Balkh"),
    ("In Leon de los Aldama municipality, Guanajuato, a man was found dead.", "Leon de los Aldama", "MX", "Guanajuato"),
    # the bracket after 'area' or 'police station' holds the district and the province
    ("Coalition airstrikes targeted the customs of Afar area (Al Malagim, Al Bayda), destroying food trucks.",
     "Afar", "YE", "Al Bayda"),
    ("Saudi forces stormed Hat police station (Hat, Al Mahrah) to release an officer.", "Al Mahrah", "YE", "Al Mahrah"),
    # an unknown district between a village and its province passes the province on
    ("Taliban militants shot and killed a civilian in Islamabad area of Alishing district, Laghman.",
     "Islamabad", "AF", "Laghman"),
])
def test_a_town_is_read_in_the_province_written_after_it(parse, text, name, country, province):
    _, mentions = parse(text)
    place = by_text(mentions, name)[0].place
    assert (place.country_code, place.admin1) == (country, province)


def test_names_listed_before_neighbourhoods_are_quarters_of_the_town(parse):
    _, mentions = parse("In Rio de Janeiro, Rio de Janeiro, shoot-outs took place in Andarai, Cordovil and "
                        "Vila Isabel neighborhoods.")
    assert all(m.place.admin1 == "Rio de Janeiro" for m in mentions if m.place is not None)


def test_a_village_near_a_town_is_no_namesake_far_from_it(parse):
    _, mentions = parse("A mob attacked a family in Hamirpur village near Rapar town (Kachchh, Gujarat), killing six.")
    assert {m.place.admin1 for m in mentions if m.place is not None} == {"Gujarat"}


@pytest.mark.parametrize("text, name, province", [
    # the parser hangs the town on 'forces'; 'the Zahle roundabout' is still a landmark of Zahle
    ("Protesters blocked the Zahle roundabout and Military forces are working to re-open the road.", "Zahle", None),
    ("The house of the Mayor of Tyr was shot at by an unidentified attacker.", "Tyr", None),
    # the short forms Indian papers write for their states
    ("Two mobs clashed in Kotwali Nagar, Pratapgarh (UP) over a property dispute.", "UP", "Uttar Pradesh"),
    ("Military forces of India and Pakistan exchanged fire across the LoC in Poonch district (J&K).", "Poonch",
     "Jammu and Kashmir"),
    # tagged as a language
    ("Members of the DMK held a protest in Thoothukudi district against the reopening of liquor shops.",
     "Thoothukudi", "Tamil Nadu"),
])
def test_places_the_tagger_misses_are_found(parse, text, name, province):
    _, mentions = parse(text)
    found = [m for m in by_text(mentions, name) if m.place is not None]
    assert found and (province is None or found[0].place.admin1 == province)


@pytest.mark.parametrize("text, name, province", [
    # names the tagger took for people or organisations, held by the area written after them
    ("A drug suspect was killed during a police raid in Barangay Kapitan Pepe, Cabanatuan, Nueva Ecija.",
     "Cabanatuan", "Central Luzon"),
    ("Mozambique's military re-captured Quissanga (Cabo Delgado) after it was taken by militants.",
     "Quissanga", "Cabo Delgado"),
    ("Labourers staged a protest at Abbnoor Polytechnic College, Faridkot (Punjab) against the administration.",
     "Faridkot", "Punjab"),
])
def test_a_name_held_by_the_area_written_after_it_is_a_place(parse, text, name, province):
    _, mentions = parse(text)
    assert by_text(mentions, name)[0].place.admin1 == province


@pytest.mark.parametrize("text, place", [
    # a place on a stretch of road lies there; the road's far end is no place of the event
    ("Migrant labourers from Maharashtra held a protest at Mumbai-Barwani stretch of the National Highway 3 in "
     "Barwani district.", "Barwani"),
])
def test_a_place_on_a_stretch_of_road_is_the_event_place(parse, text, place):
    doc, mentions = parse(text)
    assert place_for_span(mentions, 0, len(doc.text), doc).text == place


def test_a_province_spelled_exactly_beats_a_small_town_known_by_another_name(parse):
    _, mentions = parse("Two groups of migrant labourers from Bihar clashed at a railway station in Satna town "
                        "(Satna, Madhya Pradesh).")
    assert by_text(mentions, "Bihar")[0].place.feature_code == "ADM1"


@pytest.mark.parametrize("text, word", [
    ("Demonstrators in Beirut protested against the Governor of the Bank on Monday.", "Bank"),
    ("A soldier was shot dead by Taliban militants in the Camp area of Khas Urozgan district, Urozgan.", "Camp"),
    ("The OSCE SMM observed six explosions near Mine 6/7.", "Mine"),
])
def test_an_institution_or_a_site_is_no_place_of_its_name(parse, text, word):
    _, mentions = parse(text)
    assert [m for m in by_text(mentions, word) if m.place is not None] == []


def test_a_learned_place_spelled_as_written_beats_a_town_abroad_only_a_looser_spelling_reaches(nlp, tmp_path, monkeypatch):
    from sitrep.geo import Gazetteer, geoparse_doc

    text = "Demonstrators gathered outside the house of a former minister in el Mina."
    doc = nlp(text)
    [before] = [m for m in geoparse_doc(doc, Gazetteer.load(learned=False)) if m.text == "el Mina"]
    assert before.place.country_code != "LB"  # the gazetteer alone knows only Minna, Mina...
    _use_learned_table(monkeypatch, tmp_path, "SITREP_LEARNED_PLACES",
                       "El Mina\t\t34.4511\t35.8142\tLB\tNorth\tPPL\n")
    [after] = [m for m in geoparse_doc(doc, Gazetteer.load()) if m.text == "el Mina"]
    assert (after.place.name, after.place.country_code) == ("El Mina", "LB")


def test_a_people_of_no_country_is_no_place_however_the_tagger_labels_it(parse):
    _, mentions = parse("Young men set fire to a Roma camp in Holosiivskyi district of Kyiv and beat a Romani man.")
    places = {m.text: m.place.country_code for m in mentions if m.role == "place" and m.place is not None}
    assert "Roma" not in places and places.get("Kyiv") == "UA"



def test_the_province_a_district_is_said_to_be_part_of_holds_it(parse):
    doc, mentions = parse("Three militants were killed in Dogubeyazit district of Agri. Soldiers also died in the clashes.")
    assert [m.role for m in mentions if m.text == "Agri"] == ["container"]
    later = doc.text.index("Soldiers")  # a sentence with no place of its own
    assert place_for_span(mentions, later, len(doc.text), doc).place.name == "Dogubayazit"


def test_a_town_far_from_the_seat_of_its_district_is_still_found_in_the_district_s_province(parse):
    # Paletwa lies 120 km from Mindat, the town that stands for Mindat District
    _, mentions = parse("The army and the Arakan Army clashed in Paletwa Township, Mindat District, Chin State.")
    assert [m.place.name for m in mentions if m.text == "Paletwa Township" and m.place] == ["Paletwa"]


@pytest.mark.parametrize("text, name, country", [
    ("The Houthi-run committee in the West Coast closed all roads on Monday.", "West Coast", None),
    ("A member of the Federation of Teachers in the North joined the sit-in in Beirut on Monday.", "North", None),
    ("Militias attacked Gordi (Mamprugo Moaduri, North East) on Monday.", "North East", "GH"),
])
def test_a_name_that_only_gives_a_direction_is_read_in_the_article_s_own_countries(parse, text, name, country):
    _, mentions = parse(text)
    found = [m.place.country_code for m in by_text(mentions, name) if m.place is not None]
    assert found == ([country] if country else [])


def test_an_unknown_district_between_a_town_and_its_province_passes_the_province_on(parse):
    _, mentions = parse("On Monday, in Buenos Aires, Nuevo Chimbote, Ancash, health workers staged a demonstration.")
    town = by_text(mentions, "Buenos Aires")[0].place
    assert (town.country_code, town.admin1) == ("PE", "Ancash")


@pytest.mark.parametrize("text, town", [
    # the gazetteer's Ermita lies in the Visayas, 450 km from Manila: the quarter it lacks is the town's
    ("Students rallied outside the cathedral in Ermita, Manila on Monday.", "Manila"),
    # a town tagged as a person, placed by a province whose name holds 'del'
    ("Soldiers raided a house in Barangay Poblacion, Marawi, Lanao del Sur on Sunday.", "Marawi City"),
    # a building or body named after its town, written where something happens, is in that town
    # (and 'outside' the court is no 'outside' the town)
    ("About 300 garment workers protested outside the Phnom Penh Municipal Court on Monday.", "Phnom Penh"),
    ("Pensioners demonstrated at the headquarters of the Kampong Speu Provincial Hall on Monday.", "Kampong Speu"),
])
def test_the_town_that_holds_what_the_text_names_is_the_place(parse, text, town):
    doc, mentions = parse(text)
    place = place_for_span(mentions, 0, len(text), doc)
    assert (place.place.name, place.role, place.geo_precision) == (town, "place", 1)


@pytest.mark.parametrize("text, town", [
    ("Residents of Kilkis rallied outside a hotel in Kilkis to stop 150 migrants from Afghanistan from entering it.", "Kilkis"),
    ("Dozens gathered in Zahle on Sunday against plans to house people who came from Syria at a local school.", "Zahle"),
])
def test_where_people_come_from_does_not_outweigh_where_they_are(parse, text, town):
    # a small town of another country than the one the migrants come from is still read
    doc, mentions = parse(text)
    assert town in {m.text for m in mentions if m.place is not None and m.role == "place"}


def test_a_number_is_part_of_a_name_the_gazetteer_knows_with_it(nlp, tmp_path, monkeypatch):
    from sitrep.geo import Gazetteer, geoparse_doc

    _use_learned_table(monkeypatch, tmp_path, "SITREP_LEARNED_PLACES",
                       "Shakhta 17\t\t48.1000\t38.2000\tUA\tDonetsk\tPPL\n")
    doc = nlp("Observers recorded 12 explosions near Shakhta 17 on Tuesday.")
    places = {m.text: m.place.name for m in geoparse_doc(doc, Gazetteer.load()) if m.place is not None}
    assert places == {"Shakhta 17": "Shakhta 17"}


def test_a_village_written_near_a_town_after_a_comma_is_no_namesake_abroad(parse):
    # the gazetteer's only 'Korogo' is Korhogo in Ivory Coast, 4,000 km from Bunia
    text = "Soldiers attacked a militia camp in the village of Korogo, near Bunia (Irumu, Ituri) on Monday."
    doc, mentions = parse(text)
    assert place_for_span(mentions, 0, len(text), doc).place.country_code == "CD"


def test_a_word_the_tagger_cut_into_the_wrong_name_goes_to_the_name_it_belongs_to(parse):
    # tagged 'Tijuana Baja' + 'California': the state read was California in the United States
    text = "On Monday, in Tijuana Baja California, gunmen shot dead a taxi driver."
    doc, mentions = parse(text)
    assert {m.text: m.place.country_code for m in mentions if m.place is not None} == {
        "Tijuana": "MX", "Baja California": "MX"}


def test_the_central_subdivision_of_a_district_is_no_village_of_its_name_abroad(parse):
    # 'Sadar upazila' is the central subdivision of a Bangladeshi district; the gazetteer's only
    # Sadar is a village in Java
    doc, mentions = parse("In Jessore, unknown men hurled a petrol bomb at a bus in Sadar upazila on Monday.")
    assert "ID" not in {m.place.country_code for m in mentions if m.place is not None}


def test_a_word_for_an_area_only_one_country_has_says_which_country(parse, monkeypatch):
    monkeypatch.setenv("SITREP_LEARNED_COUNTRY_CUES", "")  # no learned cues: the area word alone
    text = "In Magura, blockaders hurled a petrol bomb at a truck in the town's upazila on Monday."
    doc, mentions = parse(text)
    assert {m.text: m.place.country_code for m in mentions if m.place is not None}["Magura"] == "BD"
