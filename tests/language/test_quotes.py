"""Quote attribution: each quotation linked to a person with title and organisation."""
from __future__ import annotations

import pytest

from sitrep.language import load_nlp
from sitrep.language.quotes import quotation_spans, quotes

# Written for these tests: a speaker introduced with title and organisation, then named by
# surname, by a pronoun two sentences later, and a quote with no speech verb of its own.
ARTICLE = (
    "Rebels shelled the town of Marra on Monday.\n\n"
    "Major General Amina Duale, commander of the Northern Brigade, said the army had repelled the attack.\n\n"
    "She added that reinforcements were on the way.\n\n"
    "\u201cWe will not give up a single street,\u201d she said of the rebels.\n\n"
    "\u201cThe town is calm tonight.\u201d\n\n"
    "Ministry spokesman Tomas Keller told reporters: \u201cAid convoys will arrive on Wednesday.\u201d\n\n"
    "\u201cThe roads are open again,\u201d Keller said.\n"
)


@pytest.fixture(scope="module")
def found():
    return quotes(load_nlp()(ARTICLE))


def test_every_quotation_is_found(found):
    assert [q.text for q in found] == [
        "We will not give up a single street,", "The town is calm tonight.",
        "Aid convoys will arrive on Wednesday.", "The roads are open again,",
    ]
    for quote in found:
        assert ARTICLE[quote.start:quote.end] == quote.text


def test_pronoun_after_the_quote_goes_back_to_the_person_named_two_sentences_earlier(found):
    first = found[0]
    assert first.speaker == "Amina Duale"
    assert first.speaker_text == "she" and first.cue == "said" and first.attribution == "after"
    assert first.title == "commander" and first.organisation == "Northern Brigade"


def test_a_quote_without_a_speech_verb_continues_the_last_speaker(found):
    assert found[1].speaker == "Amina Duale" and found[1].attribution == "continued"


def test_speaker_before_the_quote_and_by_surname(found):
    assert found[2].speaker == "Tomas Keller" and found[2].attribution == "before"
    assert found[2].title == "spokesman"
    assert found[3].speaker == "Tomas Keller" and found[3].speaker_text == "Keller"


def test_straight_and_curly_quotes_both_count():
    text = 'He said "this is a straight quote" and \u201cthis is a curly one\u201d.'
    assert [text[s:e] for s, e in quotation_spans(text)] == ["this is a straight quote", "this is a curly one"]


def test_seed_quotes_are_attributed(seed_text):
    found = {q.text[:30]: q for q in quotes(load_nlp()(seed_text))}
    walls = next(q for key, q in found.items() if key.startswith("They are at the walls"))
    assert walls.speaker == "Jabbar Yawar" and walls.speaker_text == "he"
    assert walls.title == "secretary general" and walls.organisation == "Peshmerga ministry"
    zone = next(q for key, q in found.items() if key.startswith("would be the last zone"))
    assert zone.speaker == "Muntathar al-Shimaari" and zone.organisation == "counterterrorism service"
    assert zone.title == "commander"
    monitoring = next(q for key, q in found.items() if key.startswith("We are monitoring"))
    assert monitoring.speaker == "Heather Nauert" and monitoring.organisation == "State Department"
    assert all(q.speaker for q in found.values())
