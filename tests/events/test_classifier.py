"""The learned event models ship with the package and answer in ACLED's vocabulary."""
import pytest

from sitrep.events import classifier
from sitrep.records import EVENT_TYPES, SUB_EVENT_TO_TYPE


def test_models_ship_and_predict_known_labels():
    assert classifier.available(), "sitrep/events/models/event_type.joblib is missing: run `sitrep train`"
    [strike, market] = classifier.predict([
        "Warplanes bombed a market in the town, killing six civilians.",
        "Wheat prices rose at the market as farmers sold their harvest.",
    ])
    assert strike.event_type in EVENT_TYPES and strike.sub_event_type in SUB_EVENT_TO_TYPE
    assert strike.event_probability > market.event_probability


def test_model_text_drops_acled_openers_and_tags():
    assert classifier.model_text("On 9 May 2020, protesters marched. [size=no report]") == "protesters marched."


def test_sub_type_is_chosen_within_the_given_type():
    sub, probability = classifier.sub_type_given("Police fired tear gas at protesters.", "Protests")
    assert SUB_EVENT_TO_TYPE[sub] == "Protests" and 0 < probability <= 1


@pytest.mark.parametrize("text", [
    "Some 200 former soldiers marched in Luanda on 6 May 2020 to demand jobs.",
    "Some 200 former soldiers marched in Luanda on Wednesday, May 6, to demand jobs.",
    "Around 6 May 2020 (as reported), some 200 former soldiers marched in Luanda to demand jobs.",
])
def test_model_text_drops_dates_wherever_they_stand(text):
    # news puts the date anywhere; the models must read the same words whatever the habit
    assert classifier.model_text(text).lower() == "some 200 former soldiers marched in luanda to demand jobs."


def test_model_text_keeps_may_the_verb_and_numbers():
    assert classifier.model_text("Police may detain 12 people.") == "Police may detain 12 people."


def test_a_date_in_mid_sentence_does_not_change_the_type():
    plain, dated = classifier.predict([
        "Residents of the town protested against power cuts.",
        "Residents of the town protested on Thursday, 30 April 2020, against power cuts.",
    ])
    assert dated.event_type == plain.event_type == "Protests"


def test_a_closing_casualty_line_does_not_frame_an_event_the_model_found():
    # the rules catch no trigger word here; the model finds the event. 'No fatalities nor injuries.'
    # reads most like ACLED's notes, yet the clash is told in the first sentence
    from datetime import date

    from sitrep.pipeline import default_pipeline
    from sitrep.records import Article

    text = ("On 12 March 2020, tensions rose between tribesmen and pro-Houthi forces in Harib district "
            "(Marib) and exchanges were reported. No fatalities nor injuries.")
    [result] = default_pipeline().process([Article(text=text, id="t1", published=date(2020, 3, 13))])
    [event] = result.events
    assert event.event_type == "Battles"
    assert event.location == "Harib"
    assert [s.text for s in event.evidence if s.field == "event_type"][0].startswith("On 12 March 2020, tensions")


def _tiny_models(shared_readers: bool) -> dict:
    """Models fitted on six sentences: with shared readers (what `sitrep train` writes) or as one
    whole pipeline per model (files written before the readers were shared)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts = ["Troops shelled the village.", "Artillery shelled the town.", "Protesters marched downtown.",
             "Crowds marched to demand pay.", "Prices rose at the market.", "The harvest was good."]
    types = ["Explosions/Remote violence"] * 2 + ["Protests"] * 2
    subs = ["Shelling/artillery/missile attack"] * 2 + ["Peaceful protest"] * 2
    event = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(texts, [1, 1, 1, 1, 0, 0])
    if not shared_readers:
        return {"type": make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(texts[:4], types),
                "sub_type": make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(texts[:4], subs),
                "event": event}
    readers = [TfidfVectorizer().fit(texts), TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(texts)]
    features = classifier.read_with(readers, texts[:4])
    return {"readers": readers, "type": LogisticRegression().fit(features, types),
            "sub_type": LogisticRegression().fit(features, subs), "event": event}


@pytest.mark.parametrize("shared_readers", [True, False])
def test_models_read_through_shared_readers_or_whole_pipelines(monkeypatch, shared_readers):
    monkeypatch.setattr(classifier, "_models", lambda: _tiny_models(shared_readers))
    [shelling, protest] = classifier.predict(["Troops shelled the town.", "Crowds marched downtown."])
    assert (shelling.event_type, protest.event_type) == ("Explosions/Remote violence", "Protests")
    assert shelling.sub_event_type == "Shelling/artillery/missile attack"
