from sitrep.language import load_nlp


def _token(doc, text):
    return next(t for t in doc if t.text == text)


def test_is_written_in_capitals_is_read_as_the_group_not_the_verb():
    nlp = load_nlp()
    for text in ("On Monday, Boko Haram/IS attacked Debiro and burnt several buildings.",
                 "On Monday, IS militants attacked a police checkpoint near Zaghniya."):
        assert _token(nlp(text), "IS").pos_ == "PROPN", text


def test_a_line_in_capitals_keeps_is_a_verb():
    doc = load_nlp()("POLICE SAY THE SUSPECT IS ALIVE")
    assert _token(doc, "IS").pos_ == "AUX"


def test_a_bracket_inside_a_line_opens_no_sentence():
    doc = load_nlp()("On Friday, forces shelled houses in Salim [Naqil Hajar] and Human villages (Qaatabah, Ad Dali) "
                     "with no report of fatalities.")
    assert len(list(doc.sents)) == 1


def test_a_bracket_after_a_full_stop_may_open_one():
    doc = load_nlp()("Gunmen attacked a bank. (Reuters) Police arrested two men.")
    assert len(list(doc.sents)) >= 2


def test_a_sentence_hard_wrapped_in_the_middle_stays_one_sentence():
    doc = load_nlp()("Marc Emery, who runs a chain of shops, was\n            arrested along with nine others on Friday.")
    assert len(list(doc.sents)) == 1


def test_a_line_break_before_a_capital_or_after_a_stop_still_ends_the_sentence():
    from sitrep.language.nlp import segment_of

    doc = load_nlp()("Police raid shops in Montreal\nThe police arrested ten people on Friday.\nthey were released on Saturday.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Police raid shops in Montreal"
    assert sentences[-1] == "they were released on Saturday."
    assert segment_of(next(doc.sents)) == "title"


def test_a_wrapped_first_line_is_no_headline():
    from sitrep.language.nlp import segment_of

    doc = load_nlp()("The man known as the Prince of Pot says he feels good after a night in a Montreal\n    jail.\n"
                     "He was arrested on Friday.")
    assert segment_of(next(doc.sents)) == "body"
