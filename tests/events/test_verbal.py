"""Verbal events: PLOVER type, who says it, to whom, and the words as evidence."""
from __future__ import annotations

from datetime import date

import pytest

from sitrep.dates import find_dates
from sitrep.events.verbal import type_sentence, verbal_events
from sitrep.geo import geoparse_doc
from sitrep.language import load_nlp
from sitrep.records import Article


def typed(sentence: str):
    doc = load_nlp()(sentence)
    return type_sentence(next(iter(doc.sents)))


@pytest.mark.parametrize("sentence, plover", [
    ("The minister urged the rebels to lay down their weapons.", "REQUEST"),
    ("The opposition demanded the release of all detainees.", "DEMAND"),
    ("The army warned that it would strike any convoy on the road.", "THREATEN"),
    ("The government accused the militia of burning the market.", "ACCUSE"),
    ("The council condemned the killing of the journalist.", "DISAPPROVE"),
    ("The rebels rejected the peace plan on Sunday.", "REJECT"),
    ("The two sides agreed to exchange prisoners next week.", "AGREE"),
    ("The rebels did not agree to the ceasefire terms.", "REJECT"),
    ("The envoy said the government must hold elections this year.", "DEMAND"),
    ("The rebels said they will release the hostages on Friday.", "AGREE"),
    ("The president met opposition leaders in the capital.", "CONSULT"),
])
def test_sentence_types(sentence, plover):
    result = typed(sentence)
    assert result is not None and result.plover == plover, (sentence, result and result.plover)


def test_actor_and_recipient_are_found():
    result = typed("The foreign minister urged the rebels to lay down their weapons.")
    assert result.actor.text == "foreign minister" and result.recipient.text == "rebels"


def test_a_sentence_without_a_cue_has_no_type():
    assert typed("The weather was cold in the valley.") is None


@pytest.fixture(scope="module")
def seed_verbal(seed_text):
    article = Article(text=seed_text, published=date(2017, 10, 20))
    doc = load_nlp()(seed_text)
    return verbal_events(article, doc, geoparse_doc(doc), find_dates(seed_text, article.published))


def test_seed_state_department_appeals_to_cease_violence(seed_verbal):
    appeals = [e for e in seed_verbal if e.plover_type == "REQUEST" and e.actor1 == "Government of the United States"]
    quoted = [e for e in appeals if any(s.field == "quote" and "cease all violence" in s.text for s in e.evidence)]
    assert quoted, [(e.plover_type, e.actor1, e.notes[:60]) for e in seed_verbal]
    assert any(s.field == "actor1" and "Heather Nauert" in s.text for s in quoted[0].evidence)
    assert quoted[0].event_type == "" and quoted[0].event_date == "2017-10-20"


def test_seed_peshmerga_ministry_threatens_fierce_resistance(seed_verbal):
    threats = [e for e in seed_verbal if e.plover_type == "THREATEN"]
    assert threats and "Peshmerga" in threats[0].actor1
    texts = " ".join(s.text for s in threats[0].evidence)
    assert "fierce resistance" in texts and "secretary general of the Peshmerga ministry" in texts


def test_seed_has_no_verbal_event_from_titles_captions_or_credits(seed_verbal):
    assert not [e for e in seed_verbal if "contributed to this report" in e.notes]
    assert all(e.actor1 for e in seed_verbal)
