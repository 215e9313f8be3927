"""The cross-article merge rule: same day, place, actors and type make one incident."""
from __future__ import annotations

import dataclasses

import pytest

from sitrep.incidents import (
    conservative_fatalities,
    is_same_incident,
    match_incident,
    merge_into,
    new_incident,
)
from sitrep.records import Event, Source, Span

IRAQ = "Military Forces of Iraq (2014-2018)"
PESHMERGA = "Military Forces of Kurdistan (Peshmerga)"


def clash(**changes) -> Event:
    """A day-precise clash at a named town (Altun Kupri's rough coordinates)."""
    base = Event(
        article_id="a1", event_id="a1-1", event_date="2017-10-20", time_precision=1,
        event_type="Battles", sub_event_type="Armed clash",
        actor1=IRAQ, inter1=1, actor2=PESHMERGA, inter2=1, interaction=11,
        country="Iraq", iso3="IRQ", admin1="Kirkuk", location="Altun Kupri",
        latitude=35.75, longitude=44.14, geo_precision=1, geonameid=100, fatalities=0,
        source="Wire A", evidence=[Span("event_type", 0, 5, "clash")], confidence=0.6,
    )
    return dataclasses.replace(base, **changes)


def incident_of(event: Event):
    return new_incident(event, Source(article_id=event.article_id, source=event.source))


def test_two_reports_of_one_clash_match_and_keep_both_sources():
    first = incident_of(clash())
    second = clash(article_id="b1", event_id="b1-1", source="Wire B", latitude=35.76, longitude=44.15,
                   geonameid=None, evidence=[Span("location", 10, 21, "Altun Kupri")])
    assert match_incident(second, [first]) is first
    merged = merge_into(first, second, Source("b1", "Wire B"))
    assert [s.article_id for s in merged.sources] == ["a1", "b1"]
    assert merged.source == "Wire A; Wire B"
    assert {span.field for span in merged.evidence} == {"event_type", "location"}
    assert first.sources == [Source("a1", "Wire A")]  # the input incident is not changed


def test_new_incident_copies_the_event_and_gets_a_deterministic_id():
    event = clash()
    incident = incident_of(event)
    assert incident.incident_id == incident_of(clash()).incident_id == "inc-a1-1"
    assert incident.event_date == "2017-10-20" and incident.actor1 == IRAQ
    incident.evidence.append(Span("notes", 0, 1, "x"))
    assert len(event.evidence) == 1


@pytest.mark.parametrize("changes", [
    {"event_date": "2017-10-21"},                                     # another day
    {"latitude": 36.19, "longitude": 44.01, "geonameid": 200},        # Erbil, ~50 km away
    {"event_type": "Violence against civilians", "sub_event_type": "Attack"},
    {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
    {"actor2": "Islamic State (Iraq)", "inter2": 2},                   # another opponent
    {"event_date": None},                                             # undated: cannot be shown same
])
def test_different_day_place_type_or_actors_do_not_match(changes):
    assert match_incident(clash(event_id="b1-1", **changes), [incident_of(clash())]) is None


def test_incompatible_sub_event_types_do_not_match():
    strike = clash(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    shelling = clash(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
    assert not is_same_incident(strike, shelling)
    arrest = clash(event_type="Strategic developments", sub_event_type="Arrests")
    agreement = clash(event_type="Strategic developments", sub_event_type="Agreement")
    assert not is_same_incident(arrest, agreement)
    mob = clash(event_type="Riots", sub_event_type="Mob violence", actor1="Rioters (Iraq)", actor2="")
    riot = clash(event_type="Riots", sub_event_type="Violent demonstration", actor1="Rioters (Iraq)", actor2="")
    assert not is_same_incident(mob, riot)  # a mob's attack on someone is no demonstration turned violent


def test_reports_naming_the_weapon_differently_are_one_incident():
    shelling = clash(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
    grenades = clash(event_type="Explosions/Remote violence", sub_event_type="Grenade")
    assert is_same_incident(shelling, grenades)


def test_a_report_that_tells_the_rape_in_an_attack_joins_the_attack_as_sexual_violence():
    attack = incident_of(clash(event_type="Violence against civilians", sub_event_type="Attack",
                               actor2="Civilians (Iraq)", inter2=7))
    rape = clash(article_id="b1", event_id="b1-1", event_type="Violence against civilians",
                 sub_event_type="Sexual violence", actor2="Civilians (Iraq)", inter2=7)
    assert match_incident(rape, [attack]) is attack
    assert merge_into(attack, rape, Source("b1")).sub_event_type == "Sexual violence"


def test_week_precision_matches_within_a_few_days_only():
    week = clash(event_date="2017-10-17", time_precision=2,
                 evidence=[Span("event_date", 0, 24, "in the week of 17 October")])
    assert is_same_incident(week, clash(event_date="2017-10-20"))
    assert not is_same_incident(week, clash(event_date="2017-10-22"))


@pytest.mark.parametrize("date_words", ["Around 20 October 2017 (as reported)", None])
def test_nothing_happens_after_the_day_it_was_reported(date_words):
    # dated by its report: 'as reported', or the publication date of a text that gives none
    evidence = [Span("event_date", 0, len(date_words), date_words)] if date_words else []
    reported = clash(event_date="2017-10-20", time_precision=2, evidence=evidence)
    assert is_same_incident(reported, clash(event_date="2017-10-18"))
    assert is_same_incident(clash(event_date="2017-10-20"), reported)
    assert not is_same_incident(reported, clash(event_date="2017-10-21"))
    assert not is_same_incident(clash(event_date="2017-10-22"), reported)


def test_month_precision_matches_the_same_month():
    month = clash(event_date="2017-10-01", time_precision=3)
    assert is_same_incident(month, clash(event_date="2017-10-28"))
    assert not is_same_incident(month, clash(event_date="2017-11-02"))


def test_place_tolerance_follows_geo_precision():
    # ~18 km apart: too far for two named places, close enough when one is "near" a place
    far = dict(latitude=35.91, longitude=44.14, geonameid=300)
    assert not is_same_incident(clash(), clash(**far))
    assert is_same_incident(clash(), clash(geo_precision=2, **far))
    # same gazetteer entry matches whatever the coordinates
    assert is_same_incident(clash(), clash(latitude=35.0, longitude=45.0))


def test_region_precision_compares_admin1():
    region = dict(geo_precision=3, geonameid=None, latitude=35.4, longitude=44.3)
    assert is_same_incident(clash(), clash(**region))
    assert not is_same_incident(clash(), clash(admin1="Erbil", **region))


def test_actors_in_either_order_or_one_missing_match():
    assert is_same_incident(clash(), clash(actor1=PESHMERGA, actor2=IRAQ))
    assert is_same_incident(clash(), clash(actor2="", inter2=0))
    assert is_same_incident(clash(), clash(actor1="Military Forces of Iraq"))  # period suffix ignored
    assert not is_same_incident(clash(actor2=""), clash(actor1=PESHMERGA, actor2=""))


def test_two_reports_of_a_battle_may_each_name_one_side():
    attackers_named = clash(actor2="", inter2=0)
    defenders_named = clash(actor1="Unidentified Armed Group (Iraq)", inter1=3)
    assert is_same_incident(attackers_named, dataclasses.replace(defenders_named, actor2=PESHMERGA))
    other_attackers = clash(actor1="Islamic State", actor2="", inter2=0)
    assert not is_same_incident(other_attackers, clash())  # Islamic State is no side of this clash
    shelling = dict(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
    assert not is_same_incident(clash(actor2="", **shelling),
                                clash(actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)", **shelling))


def test_one_sided_attacks_by_different_sides_are_two_events_but_a_clash_is_one():
    shelling = dict(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack")
    iraq_shells, peshmerga_shells = clash(**shelling), clash(**shelling, actor1=PESHMERGA, actor2=IRAQ)
    assert not is_same_incident(iraq_shells, peshmerga_shells)
    assert is_same_incident(iraq_shells, clash(**shelling, actor2=""))  # the target left out
    unnamed_attacker = clash(**shelling, actor1="Unidentified Armed Group (Iraq)", inter1=3)
    assert is_same_incident(iraq_shells, unnamed_attacker)
    assert is_same_incident(clash(), clash(actor1=PESHMERGA, actor2=IRAQ))


def test_verbal_events_match_on_plover_type():
    say = dict(event_type="", sub_event_type="", plover_type="CONSULT")
    assert is_same_incident(clash(**say), clash(**say))
    assert not is_same_incident(clash(**say), clash(**{**say, "plover_type": "DEMAND"}))


def test_match_prefers_the_closest_candidate():
    near = incident_of(clash(article_id="n", event_id="n", geonameid=None, latitude=35.751, longitude=44.141))
    farther = incident_of(clash(article_id="f", event_id="f", geonameid=None, latitude=35.80, longitude=44.14))
    event = clash(article_id="e", event_id="e", geonameid=None)
    assert match_incident(event, [farther, near]) is near


def test_of_two_qualifying_incidents_the_one_telling_the_same_story_wins():
    # a report placed only in the province is as close to both towns
    province = dict(geonameid=None, location="Kirkuk", geo_precision=3, latitude=35.47, longitude=44.39)
    story = incident_of(clash(article_id="s", event_id="s", location="Daquq", geonameid=7,
                              latitude=35.14, longitude=44.45, evidence=[Span("location", 51, 56, "Daquq")],
                              notes="Peshmerga fighters shelled an army checkpoint near Daquq at dawn, "
                                    "wounding two soldiers."))
    other = incident_of(clash(article_id="o", event_id="o", location="Kirkuk", geonameid=8,
                              latitude=35.47, longitude=44.39,
                              notes="Peshmerga fighters and the army clashed in Kirkuk province."))
    event = clash(article_id="e", event_id="e", notes="At dawn Peshmerga fighters shelled an army "
                  "checkpoint near Daquq in Kirkuk province, wounding two soldiers.", **province)
    assert is_same_incident(event, other) and is_same_incident(event, story)
    assert match_incident(event, [other, story]) is story


def test_two_events_of_one_article_stay_two_incidents():
    # the events stage told them apart; each village's name is in the other's text
    first = incident_of(clash(event_id="a1-1"))
    second = clash(event_id="a1-2")
    assert match_incident(second, [first]) is None
    assert match_incident(dataclasses.replace(second, article_id="b1"), [first]) is first


@pytest.mark.parametrize("first, second, expected", [
    (5, 3, 3),   # reports differ: the most conservative figure
    (0, 4, 4),   # a report that does not mention deaths does not erase a figure
    (4, 0, 4),
    (0, 0, 0),
])
def test_conservative_fatalities(first, second, expected):
    assert conservative_fatalities(first, second) == expected


def test_merge_applies_the_fatalities_rule_over_several_reports():
    incident = incident_of(clash(fatalities=12))
    for n, fatalities in enumerate([0, 7, 9], start=2):
        incident = merge_into(incident, clash(event_id=f"x{n}", fatalities=fatalities), Source(f"x{n}"))
    assert incident.fatalities == 7


def test_merge_keeps_the_more_precise_date_place_and_sub_event():
    vague = incident_of(clash(event_date="2017-10-16", time_precision=2, geo_precision=3, geonameid=None,
                              location="Kirkuk", latitude=35.47, longitude=44.39))
    precise = clash(article_id="b1", event_id="b1-1", sub_event_type="Government regains territory")
    merged = merge_into(vague, precise, Source("b1"))
    assert (merged.event_date, merged.time_precision) == ("2017-10-20", 1)
    assert (merged.location, merged.geonameid, merged.geo_precision) == ("Altun Kupri", 100, 1)
    assert merged.sub_event_type == "Government regains territory"
    # and the general one never replaces the specific one
    again = merge_into(merged, clash(event_id="c1-1"), Source("c1"))
    assert again.sub_event_type == "Government regains territory"


def test_merge_fills_a_missing_actor_and_unites_associates():
    one_sided = incident_of(clash(actor2="", inter2=0, interaction=10, assoc_actor_1="Popular Mobilization Forces"))
    both = clash(event_id="b1-1", actor1=PESHMERGA, actor2=IRAQ, inter1=1, inter2=1,
                 assoc_actor_2="Counter Terrorism Service")
    merged = merge_into(one_sided, both, Source("b1"))
    assert (merged.actor1, merged.actor2, merged.interaction) == (PESHMERGA, IRAQ, 11)
    assert merged.assoc_actor_2 == "Popular Mobilization Forces; Counter Terrorism Service"


def test_a_second_event_from_the_same_article_adds_no_second_source():
    incident = incident_of(clash())
    merged = merge_into(incident, clash(event_id="a1-2", confidence=0.9), Source("a1", "Wire A"))
    assert len(merged.sources) == 1 and merged.confidence == 0.9


def test_a_default_actor_name_agrees_with_any_named_actor():
    unnamed = clash(event_id="b1-1", actor1="Unidentified Armed Group (Iraq)", inter1=3, actor2="")
    assert is_same_incident(unnamed, clash())
    longer = clash(event_id="b1-1", actor2="Military Forces of Kurdistan (Peshmerga) (Kirkuk branch)")
    assert is_same_incident(longer, clash())
    other = clash(event_id="b1-1", actor1="Islamic State (Iraq)", inter1=2)
    assert not is_same_incident(other, clash())


def test_reports_naming_different_villages_are_not_one_incident():
    first = clash(notes="Iraqi forces clashed with the Peshmerga near Qara Tapa, north of Kirkuk.")
    second = clash(event_id="b1-1", notes="Iraqi forces clashed with the Peshmerga near Sarkaran, north of Kirkuk.")
    again = clash(event_id="c1-1", notes="Near Qara Tapa north of Kirkuk, the Peshmerga and Iraqi forces clashed.")
    assert not is_same_incident(first, second)
    assert is_same_incident(first, again)


def test_unresolved_places_match_by_a_longer_or_other_spelling_and_one_side_may_name_none():
    def naming(*names, event_id="b1-1"):
        return clash(event_id=event_id, evidence=[Span("place_unresolved", 0, len(n), n) for n in names])
    assert is_same_incident(naming("Syntagma"), naming("Syntagma Square", event_id="c1-1"))
    assert is_same_incident(naming("Kafr Lusin"), naming("Kafr Lussin", event_id="c1-1"))
    assert is_same_incident(naming("Dolomytne"), naming(event_id="c1-1"))
    assert not is_same_incident(naming("Dolomytne"), naming("Novoluhanske", event_id="c1-1"))


def test_an_unplaced_report_joins_a_placed_one_only_by_a_rare_place_both_name():
    def parties(notes):
        return [Span("actor2", notes.index("Peshmerga"), notes.index("Peshmerga") + 9, "Peshmerga")]
    said = "Iraqi forces clashed with the Peshmerga at Qara Tapa on Friday."
    placed = clash(notes=said, evidence=parties(said))
    unplaced = dict(location="", latitude=None, longitude=None, geonameid=None, geo_precision=3, admin1="")
    said = "The Peshmerga and Iraqi troops fought near Qara Tapa."
    naming = clash(event_id="b1-1", notes=said, evidence=parties(said), **unplaced)
    said = "The Peshmerga and Iraqi troops fought in the north."
    vague = clash(event_id="c1-1", notes=said, evidence=parties(said), **unplaced)
    assert is_same_incident(naming, placed)
    assert not is_same_incident(vague, placed)


def test_a_district_named_after_its_city_and_a_province_holding_the_town_are_the_same_place():
    district = clash(event_id="b1-1", location="Kirkuk-Shorja", geonameid=None, latitude=35.47, longitude=44.40)
    city = clash(event_id="c1-1", location="Kirkuk", geonameid=None, latitude=35.55, longitude=44.30)
    assert is_same_incident(district, city)
    province = clash(event_id="d1-1", location="Kirkuk", admin1="Kirkuk", geo_precision=3, geonameid=None,
                     latitude=35.47, longitude=44.39, notes="Clashes near Altun Kupri in Kirkuk province.")
    assert is_same_incident(clash(), province)  # Altun Kupri lies in Kirkuk province
    elsewhere = clash(event_id="e1-1", location="Erbil", admin1="Erbil", geo_precision=3, geonameid=None,
                      latitude=36.19, longitude=44.01)
    assert not is_same_incident(clash(), elsewhere)


def test_a_province_report_that_does_not_name_the_town_is_the_province_at_large():
    town = clash(notes="Iraqi forces clashed with the Peshmerga in Altun Kupri.",
                 evidence=[Span("location", 42, 53, "Altun Kupri")])
    province = dict(event_id="d1-1", location="Kirkuk", admin1="Kirkuk", geo_precision=3, geonameid=None,
                    latitude=35.47, longitude=44.39)
    across = clash(notes="Iraqi forces clashed with the Peshmerga across Kirkuk province.", **province)
    assert not is_same_incident(town, across)
    naming = clash(notes="Iraqi forces clashed with the Peshmerga at Altun Kupri, Kirkuk province.", **province)
    assert is_same_incident(town, naming)


def test_a_town_placed_differently_joins_when_each_report_names_the_others_place():
    def at(place, notes, event_id, **where):
        written = notes.index(place.split()[0])
        return clash(event_id=event_id, notes=notes, location=place, geonameid=None, **where,
                     evidence=[Span("location", written, written + len(place), place)])
    by_town = at("Altun Kupri", "Iraqi forces clashed with the Peshmerga near Dibis, west of Altun Kupri.", "b1-1")
    village = dict(latitude=35.65, longitude=44.07)  # 13 km from the town
    by_village = at("Dibis", "Near Dibis, west of Altun Kupri, the Peshmerga fought Iraqi troops.", "c1-1", **village)
    assert is_same_incident(by_town, by_village)
    elsewhere = at("Dibis", "Near Dibis, west of Altun Kupri, the Peshmerga fought Iraqi troops.", "d1-1",
                   admin1="Erbil", **village)
    assert not is_same_incident(by_town, elsewhere)  # not in one province
    one_way = at("Dibis", "The Peshmerga fought Iraqi troops near Dibis.", "e1-1", **village)
    assert not is_same_incident(by_town, one_way)  # it does not name the town


def test_one_province_spelled_two_ways_is_one_region():
    idleb = clash(location="Idleb", admin1="Idleb", geo_precision=3, geonameid=None, latitude=35.93, longitude=36.63)
    idlib = clash(event_id="b1-1", location="Idlib", admin1="Idlib", geo_precision=3, geonameid=None,
                  latitude=35.93, longitude=36.64)
    assert is_same_incident(idleb, idlib)
    far = clash(event_id="c1-1", location="Idlib", admin1="Idlib", geo_precision=3, geonameid=None,
                latitude=33.5, longitude=36.3)
    assert not is_same_incident(idleb, far)  # alike names, but the points are apart


def test_protests_by_crowds_named_apart_are_two_incidents():
    def protest(event_id, crowd, notes):
        return clash(event_id=event_id, event_type="Protests", sub_event_type="Peaceful protest",
                     actor1="Protesters (Iraq)", inter1=6, actor2="", inter2=0, notes=notes,
                     evidence=[Span("actor1", 0, len(crowd), crowd)] if crowd else [])
    template = "{} protested in Altun Kupri demanding unpaid salaries during the lockdown."
    drivers = protest("a1-1", "around a thousand taxi drivers", template.format("Around a thousand taxi drivers"))
    teachers = protest("b1-1", "contract teachers", template.format("Contract teachers"))
    cabbies = protest("c1-1", "hundreds of taxi drivers", template.format("Hundreds of taxi drivers"))
    unnamed = protest("d1-1", "a group of people", template.format("A group of people"))
    assert not is_same_incident(drivers, teachers)
    assert is_same_incident(drivers, cabbies)
    assert is_same_incident(drivers, unnamed)  # a report that says only 'people' tells less


def test_protests_with_claims_that_share_nothing_are_two_incidents():
    def protest(event_id, notes):
        return clash(event_id=event_id, event_type="Protests", sub_event_type="Peaceful protest",
                     actor1="Protesters (Iraq)", inter1=6, actor2="", inter2=0, notes=notes, evidence=[])
    home = protest("a1-1", "Workers protested in Altun Kupri demanding to be sent back to their hometowns during the lockdown.")
    liquor = protest("b1-1", "Protests were held in Altun Kupri against the hike in liquor prices during the lockdown.")
    hometowns = protest("c1-1", "Migrant workers rallied in Altun Kupri, asking the government to send them home to their hometown.")
    no_claim = protest("d1-1", "People protested in Altun Kupri during the lockdown.")
    assert not is_same_incident(home, liquor)
    assert is_same_incident(home, hometowns)  # 'hometowns' and 'hometown': one claim
    assert is_same_incident(home, no_claim)  # a report that gives no claim only tells less


def test_the_province_said_two_ways_is_no_conflict_of_names():
    def protest(event_id, notes):
        return clash(event_id=event_id, event_type="Protests", sub_event_type="Peaceful protest",
                     actor1="Protesters (India)", inter1=6, actor2="", inter2=0, country="India", iso3="IND",
                     admin1="Kerala", location="Thiruvananthapuram", notes=notes, evidence=[])
    abbreviated = protest("a1-1", "About 40 migrant labourers protested in Thiruvananthapuram city (Thiruvananthapuram, KL) demanding to go home.")
    spelled_out = protest("b1-1", "Around 40 migrant workers protested in Thiruvananthapuram, Kerala, asking to go home.")
    assert is_same_incident(abbreviated, spelled_out)
    elsewhere = protest("c1-1", "Around 40 migrant workers protested in Thiruvananthapuram, Poovar, asking to go home.")
    assert not is_same_incident(abbreviated, elsewhere)  # Poovar is not the province: 'KL' and it differ


def test_a_demonstration_one_report_calls_violent_is_one_incident_and_a_riot():
    notes = "CPI(M) members demonstrated in Madurai against the reopening of liquor shops; police clashed with them."
    protest = clash(event_type="Protests", sub_event_type="Protest with intervention", actor1="Protesters (India)",
                    inter1=6, actor2="Police Forces of India", notes=notes, evidence=[])
    riot = dataclasses.replace(protest, article_id="a2", event_id="a2-1", event_type="Riots",
                               sub_event_type="Violent demonstration", actor1="Rioters (India)", inter1=5)
    assert is_same_incident(protest, riot)
    merged = merge_into(incident_of(protest), riot, Source(article_id="a2"))
    assert (merged.event_type, merged.sub_event_type) == ("Riots", "Violent demonstration")
    mob = dataclasses.replace(riot, sub_event_type="Mob violence")
    assert not is_same_incident(protest, mob)  # a mob's attack is no demonstration


def test_one_named_party_called_two_ways_is_no_conflict_of_names():
    naf = "NAF: United Armed Forces of Novorossiya"
    first = clash(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                  actor1=naf, actor2="", notes="The NAF rebel forces fired grenade launchers at government positions near Tryokhizbenka.",
                  evidence=[Span("actor1", 0, 20, "The NAF rebel forces")])
    second = dataclasses.replace(first, article_id="a2", event_id="a2-1",
                                 notes="Separatist forces shot at government positions near Tryokhizbenka with grenade launchers.",
                                 evidence=[Span("actor1", 0, 17, "Separatist forces")])
    assert is_same_incident(first, second)
    other_side = dataclasses.replace(second, actor1="Military Forces of Ukraine")
    assert not is_same_incident(first, other_side)
