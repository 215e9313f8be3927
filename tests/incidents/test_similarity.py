"""Two reports' words: what they share, and names that set them apart."""
from sitrep.incidents.similarity import (
    Rarity, conflicting_names, landmarks, names, rarity_table, report_similarity, same_story, stems,
)


def test_stems_leave_out_dates_and_stop_words_and_write_numbers_as_digits():
    bag = stems("Seven shells hit the village of Kansafra on Thursday, 30 April 2020.")
    assert {"7", "shell", "hit", "village", "kansafra"} <= bag
    assert not {"thursday", "30", "april", "2020", "the", "of"} & bag


def test_shelled_and_shelling_meet_as_one_stem():
    assert stems("forces shelled the town") & stems("the shelling of the town") >= {"shell", "town"}


def test_a_paraphrase_is_more_alike_than_another_event_in_the_same_words():
    note = "On 3 May 2020, regime forces shelled Kansafra in the southern countryside of Idleb. No casualties."
    paraphrase = "Regime artillery shelled Kansafra, in Idleb's southern countryside, on 3 May; nobody was hurt."
    protest = "On 3 May 2020, teachers protested in front of the governor's office in Idleb over unpaid salaries."
    assert report_similarity(note, paraphrase) > report_similarity(note, protest)
    assert same_story(note, paraphrase)


def test_two_villages_named_on_each_side_are_two_events():
    first = "On 3 May 2020, regime forces shelled Kansafra in the southern countryside of Idleb. No casualties."
    second = "On 3 May 2020, regime forces shelled Sfuhen in the southern countryside of Idleb. No casualties."
    assert conflicting_names(first, second) == ({"kansafra"}, {"sfuhen"})
    assert not same_story(first, second)


def test_a_report_that_names_more_only_tells_more():
    short = "Regime forces shelled the southern countryside of Idleb on 3 May."
    longer = "On 3 May, regime forces shelled Kansafra in the southern countryside of Idleb."
    assert conflicting_names(short, longer)[0] == frozenset()
    assert same_story(short, longer)


def test_two_spellings_of_one_name_do_not_conflict():
    one, other = conflicting_names("Saudi shells hit Razih in Saada province.", "Saudi shells hit Razih in Sadah province.")
    assert not (one and other)


def test_names_given_outside_the_text_count_as_named():
    text = "Two soldiers were wounded during the day."
    assert not same_story(text, text, "Nevelske", "Starohnativka")
    assert same_story(text, text, "Nevelske", "Nevelske")


def test_a_report_without_text_cannot_contradict():
    assert same_story("", "Rebels attacked the camp.")


def test_rarity_is_learned_from_texts_and_read_back():
    table = rarity_table(["rebels attacked a camp", "rebels attacked a town", "protesters marched"], min_documents=1)
    rarity = Rarity.from_table(table)
    assert rarity.documents == 3
    assert rarity.weight("rebel") < rarity.weight("camp") < rarity.weight("never-seen")


def test_an_acronym_and_its_words_name_the_same_group():
    note = "On 3 May 2020, ISWAP militants attacked an army camp in Doutchi, killing two soldiers."
    other = "Two soldiers were killed on 3 May when Islamic State West Africa fighters attacked a camp at Doutchi."
    assert conflicting_names(note, other) == (frozenset(), frozenset())
    weapon = conflicting_names("Rebels destroyed a bulldozer with an ATGM near Kansafra.",
                               "Rebels hit a bulldozer near Kansafra with an anti-tank guided missile.")
    assert weapon == (frozenset(), frozenset())


def test_stop_words_and_countries_are_not_names():
    found = names("Police said, Around noon, Syrian and Saudi-led forces shelled Kansafra, near Syria's border.")
    assert "kansafra" in found
    assert not {"around", "syrian", "saudi-l", "syria"} & found


def test_a_plural_acronym_is_a_kind_of_weapon_not_a_name():
    assert "ieds" not in names("Soldiers defused 55 IEDs near Teaalba village.")
    assert "teaalba" in names("Soldiers defused 55 IEDs near Teaalba village.")


def test_spots_in_a_town_are_named_by_the_capitalised_words_before_a_landmark_noun():
    assert landmarks("Protesters blocked the Sport City intersection in Beirut.") == {("sport", "city")}
    assert landmarks("Rioters marched towards the Ring Bridge and the Corniche el Mazraa road.") == {
        ("ring",), ("corniche", "el", "mazraa")}
    assert landmarks("They blocked the main road and gathered at a square.") == frozenset()
    assert landmarks("Road blocks were set up.") == frozenset()  # a sentence's first word names nothing
    # also after a date the reading leaves out: 'Martyrs' opens its sentence
    assert landmarks("On 28 April 2020, crowds gathered. Martyrs Square was closed to traffic.") == frozenset()


def test_two_protests_at_two_named_spots_of_one_town_are_two_events():
    blocked = "On 28 April, protesters against the exchange rate blocked the Sport City intersection in Beirut."
    campus = "On 28 April, protesters against the exchange rate gathered near the Beirut Arab University campus in Beirut."
    assert not same_story(blocked, campus)
    again = "Protesters angry at the exchange rate cut the Sport City intersection of Beirut on 28 April."
    assert same_story(blocked, again)
    unnamed = "On 28 April, protesters against the exchange rate blocked a road in Beirut."
    assert conflicting_names(blocked, unnamed)[1] == frozenset()  # naming no spot only tells less


def test_two_villages_that_only_share_letters_are_not_one_name_spelled_two_ways():
    first = "On 8 May 2020, Turkish forces shelled Abboush in al-Hasakeh using artillery fire."
    second = "On 8 May 2020, Turkish forces shelled Qabbour in al-Hasakeh using artillery fire."
    assert not same_story(first, second)
    assert same_story(first, first.replace("Abboush", "Abbush"))
