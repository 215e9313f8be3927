"""event_date_for_span: which mention dates an event, and the fallbacks."""
from datetime import date

from sitrep.dates import event_date_for_span, find_dates, lead_date

FRIDAY = date(2017, 10, 20)


def event_date(text, evidence, published, with_text=True):
    mentions = find_dates(text, published)
    start = text.index(evidence)
    return event_date_for_span(mentions, start, start + len(evidence), published,
                               text=text if with_text else None)


def test_mention_inside_the_evidence():
    text = "Gunmen killed three people on Thursday. Police arrested two on Friday."
    iso, precision, mention = event_date(text, "Police arrested two on Friday", FRIDAY)
    assert (iso, precision, mention.text) == ("2017-10-20", 1, "Friday")


def test_most_precise_mention_inside_wins():
    text = "Last week's protests turned violent on Wednesday in the capital."
    iso, precision, _ = event_date(text, text, FRIDAY)
    assert (iso, precision) == ("2017-10-18", 1)


def test_same_sentence_either_side():
    text = "Rockets hit the airport, officials said on Thursday. A bomb exploded."
    iso, precision, mention = event_date(text, "Rockets hit the airport", FRIDAY)
    assert (iso, mention.text) == ("2017-10-19", "Thursday")


def test_same_paragraph_earlier_day():
    text = "On Tuesday, militants attacked a checkpoint. Two soldiers died.\n\nOn Wednesday, talks began."
    iso, precision, mention = event_date(text, "Two soldiers died", FRIDAY)
    assert (iso, precision, mention.text) == ("2017-10-17", 1, "Tuesday")


def test_background_mentions_are_skipped_for_the_lead_date():
    text = ("The army retook areas it lost in 2014 on Friday.\n\n"
            "Troops also entered the oil fields.")
    iso, precision, mention = event_date(text, "Troops also entered the oil fields", FRIDAY)
    assert (iso, precision, mention.text) == ("2017-10-20", 1, "Friday")


def test_background_inside_the_evidence_is_not_the_event_date():
    text = "The referendum held last month angered Baghdad."
    iso, precision, mention = event_date(text, text, FRIDAY)
    assert (iso, precision, mention) == ("2017-10-20", 2, None)


def test_future_mentions_are_not_event_dates():
    text = "Protesters marched; a vote will be held on 25 October."
    iso, precision, mention = event_date(text, text, FRIDAY)
    assert (iso, precision, mention) == ("2017-10-20", 2, None)


def test_lead_date_fallback_uses_the_first_day_precise_mention():
    text = ("Iraqi forces clashed with Kurdish fighters on Friday.\n\n"
            "In the late afternoon, troops took control of the town.")
    iso, precision, mention = event_date(text, "troops took control of the town", FRIDAY)
    assert (iso, precision, mention.start) == ("2017-10-20", 1, text.index("Friday"))
    assert lead_date(find_dates(text, FRIDAY), FRIDAY).start == mention.start


def test_published_date_with_week_precision_when_nothing_is_said():
    text = "Troops took control of the town."
    assert event_date(text, text, FRIDAY) == ("2017-10-20", 2, None)


def test_nothing_resolvable_and_no_publication_date():
    text = "On Friday, troops took control of the town."
    assert event_date(text, "troops took control", None) == (None, 3, None)


def test_explicit_date_resolves_without_publication_date():
    text = "On 9 May 2020, medical interns protested in Haifa."
    iso, precision, _ = event_date(text, "medical interns protested", None)
    assert (iso, precision) == ("2020-05-09", 1)


def test_without_text_a_close_preceding_mention_is_used():
    text = "On Tuesday, militants attacked a checkpoint. Two soldiers died."
    iso, _, mention = event_date(text, "Two soldiers died", FRIDAY, with_text=False)
    assert (iso, mention.text) == ("2017-10-17", "Tuesday")


def test_empty_mentions():
    assert event_date_for_span([], 0, 10, FRIDAY) == ("2017-10-20", 2, None)
    assert event_date_for_span([], 0, 10, None) == (None, 3, None)
