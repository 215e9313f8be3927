"""From a parsed article, its places and its dates to ACLED event records with evidence."""
from __future__ import annotations

import dataclasses
import functools
import re

from sitrep.language.nlp import doc_text

from typing import Optional, Sequence

from spacy.tokens import Doc, Span as SpacySpan

from sitrep.dates import event_date_for_span
from sitrep.events.actors import (
    ActorNamer, actor_at_place, armed_nouns, is_coalition, opponent_of, state_title, learned_actor, participants, phrase_for,
    story_context, unnamed_attacker,
)
from sitrep.events import classifier
from sitrep.events.detect import Mention, find_mentions, tells_an_accident, tells_an_unreal_event
from sitrep.events.fatalities import conservative, sentence_total, DeathCount
from sitrep.events.merge import Draft, bare_name, merge_drafts
from sitrep.events.typing import ARMED_INTERS, inter_for_type, is_fire_fight, is_returned_fire, settle_type
from sitrep.events.vocab import contains_cue, is_habitual, vocab
from sitrep.geo import (TAKES_OVER, country_by_cues, is_place_noun, place_for_span, placed_inside, places_beside,
                        record_names)
from sitrep.language import segment_of
from sitrep.records import (
    ARMED_VIOLENCE_TYPES, CROWD_TYPES, FRONT_TYPES, Actor, Article, DateMention, Event, PlaceMention, Span, SUB_EVENT_TO_TYPE, VIOLENT_TYPES,
    interaction_code,
)

NO_DEATHS_TYPES = {"Protests", "Strategic developments"}
DEFAULT_ACTOR = {
    "Battles": ("Unidentified Armed Group", 3),
    "Explosions/Remote violence": ("Unidentified Armed Group", 3),
    "Violence against civilians": ("Unidentified Armed Group", 3),
    "Protests": ("Protesters", 6),
    "Riots": ("Rioters", 5),
}


class CountryLookup:
    """Which country a phrase points to, read from the geo stage's demonym and country mentions."""

    def __init__(self, places: list[PlaceMention]):
        self.places = [p for p in places if p.place is not None]
        self._gazetteer = None

    def __call__(self, phrase: SpacySpan) -> Optional[tuple[str, str]]:
        for mention in self.places:
            if mention.start < phrase.end_char and mention.end > phrase.start_char:
                if _backer(phrase.doc, mention.end):
                    continue  # 'Armenian-backed forces of Artsakh': the backer does not own them
                if mention.role == "demonym" or mention.place.feature_code.startswith("PCL") or mention.role == "metonym":
                    return mention.place.country_code, mention.place.country or mention.place.name
        if self._gazetteer is None:  # loaded once per article: each load checks the user's files
            from sitrep.geo import Gazetteer  # 'the Ukrainian Forces' tagged as one organisation

            self._gazetteer = Gazetteer.load()
        gazetteer = self._gazetteer
        for token in phrase:
            if (token.is_title or token.is_upper) and not _backer(phrase.doc, token.idx + len(token.text)):
                found = gazetteer.demonym(token.text)
                if found and found[0]:
                    country = gazetteer.country(found[0])
                    if country is not None:
                        return country.country_code, country.country or country.name
        return None


_BACKING = ("backed", "supported", "sponsored", "trained", "funded", "armed")
# written apart, 'armed' and 'trained' describe the force itself ('Syrian armed forces')
_BACKING_APART = ("backed", "supported", "sponsored", "funded")


def _backer(doc: Doc, end: int) -> bool:
    """The word ending at ``end`` names who backs a force ('Turkish-backed', 'a Turkey backed
    police patrol'), not whose it is."""
    after = doc_text(doc)[end:end + 12].lower()
    return (after[:1] == "-" and after[1:].startswith(_BACKING)) or (after[:1] == " " and after[1:].startswith(_BACKING_APART))


def _country_of_place(mention: Optional[PlaceMention]) -> Optional[tuple[str, str]]:
    if mention is None or mention.place is None or not mention.place.country_code:
        return None
    return mention.place.country_code, mention.place.country


def _article_country(places: list[PlaceMention]) -> Optional[tuple[str, str]]:
    counts: dict[tuple[str, str], int] = {}
    for mention in places:
        if mention.place is not None and mention.place.country_code and mention.role != "metonym":
            key = (mention.place.country_code, mention.place.country)
            counts[key] = counts.get(key, 0) + (2 if mention.role == "place" else 1)
    return max(counts, key=counts.get) if counts else None


def _name_participants(mention: Mention, namer: ActorNamer, country) -> tuple[list[Actor], list[Actor], list[Actor]]:
    agents: list[Actor] = []
    patients: list[Actor] = []
    associates: list[Actor] = []
    buckets = {"agent": agents, "patient": patients, "associate": associates, "ally": associates}
    seen: set[str] = set()
    symmetric = mention.rule["id"] in SYMMETRIC
    for part in sorted(participants(mention.trigger, symmetric), key=lambda p: p.tokens.start):
        actor = namer.name(part.tokens, country, part.noun)
        if actor is None and part.role == "patient":
            actor = _pronoun_antecedent(part.tokens, mention.sentence, namer, country)
        if actor is None or actor.name in seen:
            continue
        seen.add(actor.name)
        buckets[part.role].append(actor)
        if actor.inter == 1:
            # 'forces of India and Pakistan exchanged fire': in a clash the second state is the other side
            side = "patient" if symmetric and part.role == "agent" else part.role
            for other in namer.coordinated_states(part.tokens, part.noun):
                if other.name not in seen:
                    seen.add(other.name)
                    buckets[side].append(other)
    return agents, patients, associates


OBJECT_PRONOUNS = ("them", "him", "her")


def _pronoun_antecedent(phrase: SpacySpan, sentence: SpacySpan, namer: ActorNamer, country) -> Optional[Actor]:
    """'two soldiers were killed when gunmen opened fire on them': the party a pronoun victim
    stands for, the subject of a passive verb earlier in the sentence."""
    if len(phrase) != 1 or phrase[0].lower_ not in OBJECT_PRONOUNS:
        return None
    for subject in reversed([t for t in sentence if t.dep_ == "nsubjpass" and t.i < phrase.start]):
        actor = namer.name(phrase_for(subject), country)
        if actor is not None and actor.inter in (1, 2, 3, 4, 8):
            return actor
    return None


def _fallback_agents(mention: Mention, namer: ActorNamer, country, exclude: set[str]) -> list[Actor]:
    """No subject in the parse ('They also took control'): the first armed party in the sentence."""
    text = doc_text(mention.sentence.doc)
    for ent in mention.sentence.ents:
        if text[ent.end_char:ent.end_char + 12].lower().startswith(("-linked", "-backed", "-affiliated", "-allied", "-aligned")):
            continue  # 'an al Qaeda-linked group' is not al Qaeda
        if text[max(ent.start_char - 5, 0):ent.start_char].lower() in ("anti-", "anti "):
            continue  # 'anti-Houthi forces' fight the Houthis
        if _is_target(ent.root):
            continue  # 'struck a Somali army convoy', 'the fight against X': a target, not who acted
        if ent.label_ in ("FORCE", "NORP", "ORG"):
            actor = namer.name(phrase_for(ent.root), country)
            if actor is not None and actor.name not in exclude and actor.inter in (1, 2, 3, 4, 8):
                return [actor]
    words = namer.words
    force_nouns = armed_nouns() | words["police_nouns"]
    for token in _clash_story(mention) if mention.rule["id"] in SYMMETRIC else ():
        # 'in Chin State, the Myanmar military and AA clashed' (parsed as a list of places): in a
        # clash every force named is a side; elsewhere a force with no verb may be the victim
        if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in force_nouns and not _is_target(token):
            actor = namer.name(phrase_for(token), country)
            if actor is not None and actor.name not in exclude and actor.inter in (1, 2, 3, 4, 8) \
                    and not actor.name.startswith("Unidentified"):
                return [actor]
    for token in mention.sentence:  # names learned from ACLED notes ('pro-Houthi', 'NAF')
        if token.is_title or token.is_upper:
            actor = learned_actor(mention.sentence.doc[token.i: min(token.i + 4, mention.sentence.end)].text)
            if actor is not None and actor.name not in exclude and actor.inter in (1, 2, 3, 4, 8) and not _is_target(token):
                actor.text, actor.start, actor.end = token.text, token.idx, token.idx + len(token.text)
                return [actor]
    return []


def _clash_story(mention: Mention):
    """The words a clash with no parties can take them from: its sentence ('a shoot-out during a
    Police operation'), then the one before it ('The Military Police carried out an operation
    ... A shoot-out broke out')."""
    sentence = mention.sentence
    yield from sentence
    if sentence.start > 0:
        yield from sentence.doc[sentence.start - 1].sent


def _is_target(token) -> bool:
    while token.dep_ in ("compound", "amod", "nmod") and token.head is not token:
        token = token.head
    if token.dep_ in ("dobj", "nsubjpass"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ("against", "on", "at", "targeting", "toward", "towards")


def _victims(sentence: SpacySpan, namer: ActorNamer, country) -> list[Actor]:
    """Civilians a sentence says were killed or hurt ('killing dozens of people')."""
    words = vocab()
    for token in sentence:
        if token.lemma_.lower() not in words["kill_lemmas"] | words["injury_lemmas"] or token.pos_ != "VERB":
            continue
        for child in token.children:
            if child.dep_ not in ("dobj", "nsubjpass"):
                continue
            heads = [child] + [g for p in child.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
            for head in heads:
                if head.lemma_.lower() in words["civilian_nouns"]:
                    actor = namer.name(phrase_for(head), country)
                    if actor is not None and actor.inter == 7:
                        return [actor]
    return []


def _civilian_target(mention: Mention) -> bool:
    """'stormed the village', 'a raid on a market': violence aimed at a place where civilians are."""
    places = vocab()["civilian_place_nouns"]
    for child in mention.trigger.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in places:
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "into"):
            if any(g.dep_ == "pobj" and g.lemma_.lower() in places for g in child.children):
                return True
    return False


def _neighbour_text(sentence: SpacySpan) -> str:
    doc = sentence.doc
    start = max(0, sentence.start - 60)
    end = min(len(doc), sentence.end + 80)
    return doc[start:end].text.lower()


class EventExtractor:
    def __init__(self, article: Article, doc: Doc, places: list[PlaceMention], dates: list[DateMention]):
        self.article, self.doc, self.places, self.dates = article, doc, places, dates
        self.namer = ActorNamer(CountryLookup(places))
        # a report that names no place it knows may still say whose news it is ('Houthi', 'Mikati')
        named = _article_country(places)
        self.cued_country = None if named else country_by_cues(doc_text(doc))
        self.article_country = named or self.cued_country
        self.previous_agents: list[Actor] = []
        self.previous_patients: list[Actor] = []
        self._last_associates: list[Actor] = []
        self._current_patients: set[str] = set()
        self.previous_sentence_start = -1
        self.orphan_deaths: list[tuple[int, DeathCount]] = []
        # sentences whose arrest the rules turned down as ordinary police work ('police
        # arrested a car thief'): the model does not bring them back
        self.rejected_arrests: set[int] = set()

    def _inherited_parties(self, mention: Mention, country) -> tuple[list[Actor], list[Actor]]:
        """Parties for a mention whose own clause names none.

        'The two sides ...' and 'They ...' point back to the last event's parties; a clause with no
        subject at all (a broken sentence) takes the subject of the sentence before; otherwise the
        first armed party named in the sentence.
        """
        self._last_associates = []
        subject = _subject_of(mention)
        if subject is not None and (subject.pos_ == "PRON" or subject.lemma_ in BACK_REFERENCES):
            return list(self.previous_agents), list(self.previous_patients)
        if subject is None:
            previous = _previous_sentence(mention.sentence)
            if previous is not None:
                parties = _subject_parties(previous, self.namer, country)
                if parties:
                    self._last_associates = parties[1:]
                    return parties[:1], []
        if self.previous_sentence_start == mention.sentence.start and self.previous_agents:
            return list(self.previous_agents), []  # a second trigger in the sentence shares its parties
        return _fallback_agents(mention, self.namer, country, self._current_patients), []

    def drafts(self, body_end: Optional[int]) -> list[Draft]:
        drafts = []
        mentions = find_mentions(self.doc, body_end)
        # 'an IED exploded, targeting a convoy': the targeting tells the other event's target
        told = {m.sentence.start for m in mentions if not m.rule.get("supporting")}
        for mention in mentions:
            draft = self._draft(mention)
            if draft is not None:
                if mention.rule.get("supporting") and mention.sentence.start in told:
                    draft.anaphoric = True
                drafts.append(draft)
        used = {start for d in drafts for start in d.sentence_starts}
        self.orphan_deaths = self._orphan_deaths(used, body_end)
        return drafts

    def _orphan_deaths(self, used: set[int], body_end: Optional[int]) -> list[tuple[int, DeathCount]]:
        """Death tolls told in sentences that report no event of their own ('five soldiers were killed')."""
        orphans = []
        for sentence in self.doc.sents:
            if sentence.start_char in used or (body_end is not None and sentence.start_char >= body_end):
                continue
            if segment_of(sentence) != "body":
                continue
            in_sentence = [d for d in self.dates if sentence.start_char <= d.start < sentence.end_char]
            if any(d.background for d in in_sentence) or is_habitual(sentence.text):
                continue
            total = sentence_total(sentence, in_sentence)
            if total is not None:
                orphans.append((sentence.start_char, total))
        return orphans

    def _draft(self, mention: Mention) -> Optional[Draft]:
        sentence = mention.sentence
        date_iso, precision, date_mention = event_date_for_span(self.dates, sentence.start_char, sentence.end_char, self.article.published, text=self.article.text)
        if date_mention is not None and date_mention.background:
            return None
        if _clause_is_background(mention, self.dates):
            return None
        if _stale(date_mention, self.article.published) or _long_ago(date_iso, date_explicit_in(sentence, date_mention), self.article.published):
            return None
        place = place_for_span(self.places, sentence.start_char, sentence.end_char, self.doc)
        place_explicit = place is not None and sentence.start_char <= place.start < sentence.end_char
        segment = segment_of(sentence)
        date_explicit = segment == "body" and date_explicit_in(sentence, date_mention)
        if segment == "title":
            place_explicit = False  # a headline summarises; its place is often the nearest big town
        also_at = places_beside(self.places, place, sentence.start_char, sentence.end_char, self.doc) if place_explicit else []
        country = _country_of_place(place) or self.article_country
        agents, patients, associates = _name_participants(mention, self.namer, country)
        if mention.rule["event_type"] == "Protests" and _crowd_acted_on(mention.trigger, agents):
            # 'police fired tear gas at protesters': the protesters protest, the police meet them
            crowd = self.namer.name(mention.phrase, country)
            if crowd is not None:
                crowd = _as_protesters(crowd)
                # _name_participants names each party once, so no name is in both lists
                patients = [a for a in patients + agents if a.name != crowd.name]
                agents = [crowd]
        if contains_cue(sentence.text.lower(), vocab()["off_duty_cues"]):
            patients = [_off_duty(p, country) for p in patients]
        agents = [_unknown_attacker(a, country) for a in agents]
        self._current_patients = {a.name for a in patients}
        if mention.rule["event_type"] == "Protests":
            agents = [_as_protesters(a) for a in agents]
        elif mention.rule["event_type"] != "Strategic developments":
            patients = patients + [a for a in agents if a.inter == 7]  # civilians suffer violence, never lead it
            agents = [a for a in agents if a.inter != 7]
        if not agents and mention.rule["event_type"] not in ("Protests",):
            agents, inherited = self._inherited_parties(mention, country)
            if inherited:
                patients = patients or inherited
            associates = associates or self._last_associates
        two_sides = mention.rule["id"] in SYMMETRIC and len(agents) > 1
        if mention.rule["event_type"] in ("Battles", "Violence against civilians", "Explosions/Remote violence") and not two_sides and not any(p.inter in (1, 2, 3, 4, 8) for p in patients):
            victims = _victims(sentence, self.namer, country)
            if not victims and _civilian_target(mention) and mention.rule["id"] in ("ambush", "attack", "kill", "open_fire"):
                victims = [Actor(name=_of_country("Civilians", country), inter=7)]
            patients = patients + [v for v in victims if v.name not in {p.name for p in patients}]
        if mention.rule["id"] in SYMMETRIC and len(agents) > 1 and not patients:
            patients = [a for a in agents[1:] if a.name != agents[0].name]
            agents = agents[:1]
        if mention.rule["id"] in ("take_control", "capture") and not patients:
            patients = [a for a in _withdrawing(sentence, self.namer, country) if a.name not in {x.name for x in agents}]
        context = _neighbour_text(sentence)
        sub_type = settle_type(mention.rule["id"], mention.rule["sub_event_type"], agents, patients, sentence,
                               context, mention.trigger)
        if sub_type is None and mention.rule["sub_event_type"] == "Arrests" and (agents or patients):
            self.rejected_arrests.add(sentence.start_char)
        if sub_type is None:
            return None
        # a body dumped bound or tortured, or shot, is no private quarrel (settle_type has already
        # asked for the marks of a death someone dealt), unless a court is judging it
        executed = mention.rule["id"] == "found_dead" and not contains_cue(
            doc_text(self.doc).lower(), vocab()["trial_cues"])
        event_type = SUB_EVENT_TO_TYPE[sub_type]
        # burning tyres in anger or on a barricade is a crowd's act, never a lone criminal's
        crowd_act = (mention.rule.get("crowd_act", False) and bool(
            contains_cue(sentence.text.lower(), vocab()["crowd_grievance_cues"]))
            or mention.trigger.lemma_.lower() in vocab()["crowd_act_lemmas"])  # a lynching is a mob's
        if event_type in VIOLENT_TYPES and not executed and not crowd_act and _ordinary_crime(mention, agents, self.doc):
            return None
        if event_type == "Riots":  # residents who riot are rioters
            agents = [_as_rioters(a) for a in agents]
        if agents:
            self.previous_agents, self.previous_patients = agents, patients
            self.previous_sentence_start = sentence.start
        ordered = inter_for_type(event_type, sub_type, agents + patients)
        acting = agents
        agents = [a for a in ordered if a in agents] if event_type not in ("Protests", "Riots") else ordered[:1]
        patients = [a for a in patients if a not in agents]
        if sub_type == "Protest with intervention":
            # 'police arrested demonstrators': the crowd leads, the police who met it are the other side
            patients += [a for a in acting if a.inter == 1 and a not in agents and a not in patients]
        evidence = [Span("event_type", mention.phrase.start_char, mention.phrase.end_char, mention.phrase.text)]
        if date_mention is not None:
            evidence.append(Span("event_date", date_mention.start, date_mention.end, date_mention.text))
        fatalities = []
        if event_type not in NO_DEATHS_TYPES:
            total = sentence_total(sentence, self.dates)
            if total is not None:
                fatalities.append((total.number, Span("fatalities", total.start, total.end, total.text)))
        anaphoric = mention.trigger.pos_ == "NOUN" and not place_explicit and not date_explicit and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in mention.trigger.children)
        return Draft(
            anaphoric=anaphoric,
            event_type=event_type, sub_event_type=sub_type, plover_type=mention.rule["plover"],
            agents=agents, patients=patients, associates=associates,
            place=place, place_explicit=place_explicit,
            event_date=date_iso, time_precision=precision, date_explicit=date_explicit,
            fatalities=fatalities, evidence=evidence, sentence_starts=[sentence.start_char], also_at=also_at,
        )


SYMMETRIC = {"clash", "exchange_fire", "agreement"}
BACK_REFERENCES = {"side", "party", "both", "group", "force", "rival", "foe", "enemy"}
WITHDRAW_LEMMAS = {"withdraw", "retreat", "flee", "abandon", "evacuate", "leave", "pull", "cede", "surrender"}


_UNKNOWN = re.compile(r"\b(?:unknown|unidentified)\b", re.IGNORECASE)


def _crowd_acted_on(trigger, agents: list[Actor]) -> bool:
    """The trigger names a crowd of protesters that an armed party acts on ('fired tear gas at
    protesters', 'beat demonstrators'), rather than the crowd acting."""
    return (trigger.pos_ == "NOUN" and trigger.lemma_.lower() in vocab()["protest_crowd_nouns"]
            and trigger.dep_ in ("dobj", "pobj") and any(a.inter in ARMED_INTERS for a in agents))


def _unknown_attacker(actor: Actor, country) -> Actor:
    """'Unknown people set fire to three apartments': people no one can name who act are ACLED's
    unidentified armed group (train notes: 8 of 14), not civilians, and no crowd."""
    if actor.inter != 7 or not _UNKNOWN.search(actor.text or ""):
        return actor
    return dataclasses.replace(actor, name=_of_country("Unidentified Armed Group", country), inter=3)


def _off_duty(actor: Actor, country) -> Actor:
    """A soldier or officer attacked off duty: a civilian, as ACLED codes them."""
    if actor.inter != 1:
        return actor
    return dataclasses.replace(actor, name=_of_country("Civilians", country), inter=7)


def _of_country(name: str, country) -> str:
    """ACLED's name for a party of the event's country: 'Civilians (Syria)'."""
    return f"{name} ({country[1]})" if country else name


def _as_protesters(actor: Actor) -> Actor:
    """Nurses, teachers or residents who protest are protesters in ACLED's coding."""
    return _as_crowd(actor, "Protesters", 6) if actor.inter == 7 else actor


def _as_rioters(actor: Actor) -> Actor:
    """Residents or 'two groups' who riot are rioters in ACLED's coding; a named group stays itself."""
    if actor.inter == 7 or actor.name.startswith("Unidentified Armed Group"):
        return _as_crowd(actor, "Rioters", 5)
    return actor


def _as_crowd(actor: Actor, crowd: str, inter: int) -> Actor:
    """The same words, named as a crowd of the actor's country: 'Civilians (Chile)' -> 'Rioters (Chile)'."""
    country = actor.name[actor.name.find("("):] if "(" in actor.name else ""
    return Actor(name=f"{crowd} {country}".strip(), inter=inter, text=actor.text, start=actor.start,
                 end=actor.end, country_code=actor.country_code)


def _prefer_named(agents: list[Actor]) -> list[Actor]:
    """'Fighters from an armed group' and 'JNIM' in one event are one party: keep the name. A
    joint operation some of the agents serve in leads them ('Turkish forces and rebels under OPS')."""
    joint = [a for a in agents if is_coalition(a.name)]
    if joint:
        agents = joint[:1] + [a for a in agents if a is not joint[0]]
    named = [a for a in agents if not a.name.startswith(("Unidentified", "Rebel Group", "Militia")) and a.inter in (2, 3, 4)]
    if named and agents and agents[0].name.startswith(("Unidentified", "Rebel Group")):
        return named[:1] + [a for a in agents if a is not named[0] and not a.name.startswith(("Unidentified", "Rebel Group"))]
    return agents


def _subject_of(mention: Mention):
    trigger = mention.trigger
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    for token in (verb, verb.head):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if token.dep_ not in ("xcomp", "conj", "advcl", "dobj", "pobj"):
            break
    return None


def _previous_sentence(sentence: SpacySpan):
    if sentence.start == 0:
        return None
    return sentence.doc[sentence.start - 1].sent


def _subject_parties(sentence: SpacySpan, namer, country) -> list[Actor]:
    """The last clause subject in a sentence with its conjoined units ('troops from X, Y and Z entered')."""
    from sitrep.events.actors import _collect_from_verb, Participant

    done_by = _passive_agents(sentence, namer, country)
    if done_by:
        return done_by  # 'shots fired in the air by Turkish police'
    source_verbs = vocab()["source_verbs"]
    verbs = [t for t in sentence if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in t.children)
             and t.lemma_.lower() not in source_verbs]
    for verb in reversed(verbs):
        found: list[Participant] = []
        _collect_from_verb(verb, found)
        named = [namer.name(p.tokens, country, p.noun) for p in found if p.role in ("agent", "associate")]
        named = [a for a in named if a is not None and a.inter in (1, 2, 3, 4, 8)]
        if named:
            unique = list({a.name: a for a in named}.values())
            return unique
    return []


def _passive_agents(sentence: SpacySpan, namer, country) -> list[Actor]:
    """Armed parties named as the doers of a passive verb ('fired by Turkish police'); unnamed
    ones ('by a group of men') say too little to overrule the sentence's reading."""
    found = []
    repel_verbs = vocab()["repel_verbs"]
    for token in sentence:
        if token.dep_ != "agent" or token.head.pos_ != "VERB":
            continue
        if token.head.lemma_.lower() in repel_verbs:
            continue  # 'an attack was repelled by the army': the attackers act first, as ACLED codes them
        for obj in token.children:
            if obj.dep_ == "pobj":
                actor = namer.name(phrase_for(obj), country)
                if actor is not None and actor.inter in (1, 2, 3, 4, 8) and not actor.name.startswith("Unidentified"):
                    found.append(actor)
    return list({a.name: a for a in found}.values())


def _withdrawing(sentence: SpacySpan, namer, country) -> list[Actor]:
    """Who gave the place up: the subject of 'withdrew' or 'fled' here or in the sentence before."""
    previous = _previous_sentence(sentence)
    spans = [sentence] + ([previous] if previous is not None else [])
    for span in spans:
        for token in span:
            if token.lemma_ in WITHDRAW_LEMMAS and token.pos_ == "VERB":
                for child in token.children:
                    if child.dep_ == "nsubj":
                        actor = namer.name(phrase_for(child), country)
                        if actor is not None and actor.inter in (1, 2, 3, 4, 8):
                            return [actor]
    return []


def _clause_is_background(mention: Mention, dates: list[DateMention]) -> bool:
    """A background date in the trigger's clause or a clause it hangs from ('taken over ... in 2014')."""
    trigger = mention.trigger
    sentence = trigger.sent
    in_sentence = [d for d in dates if sentence.start_char <= d.start < sentence.end_char]
    if not in_sentence:
        return False
    chain = [trigger] + [t for t in trigger.ancestors if t.pos_ in ("VERB", "AUX")]
    for clause in chain:
        lo, hi = clause.idx, clause.idx + len(clause.text)
        for child in clause.children:
            if child.dep_ in ("prep", "npadvmod", "advmod", "pobj"):
                lo, hi = min(lo, child.left_edge.idx), max(hi, child.right_edge.idx + len(child.right_edge.text))
        own = [d for d in in_sentence if lo <= d.start < hi]
        if own:
            return any(d.background for d in own) and not any(d.precision == 1 and not d.background for d in own)
        if clause.dep_ == "ROOT":
            break
    return False


LONG_AGO_DAYS = 60  # an event dated this long before the report is history, not news


def date_explicit_in(sentence: SpacySpan, mention: Optional[DateMention]) -> bool:
    return mention is not None and sentence.start_char <= mention.start < sentence.end_char


def _long_ago(date_iso: Optional[str], explicit: bool, published) -> bool:
    if not explicit or date_iso is None or published is None:
        return False
    from datetime import date as _date

    return (published - _date.fromisoformat(date_iso)).days > LONG_AGO_DAYS


def _ordinary_crime(mention: Mention, agents: list[Actor], doc: Doc) -> bool:
    """'a man stabbed his neighbour': violence by one person with no armed group or political
    context anywhere in the story is crime, which ACLED does not code."""
    words = vocab()
    if any(a.inter in (1, 2, 3, 4, 5, 6, 8) and not a.name.startswith("Unidentified") for a in agents):
        return False
    if mention.trigger.lemma_.lower() in words["participant_nouns"]:
        return False  # 'Rioters closed the highway': a crowd, never one person's crime
    subject = _subject_of(mention)
    if subject is not None and _is_crowd(subject):
        return False  # 'villagers beat up four persons': a crowd's violence, mob violence for ACLED
    lone = subject is not None and subject.lemma_.lower() in words["lone_perpetrator_nouns"] and subject.tag_ in ("NN", "NNP")
    if lone:
        return True
    story = doc_text(doc).lower()
    has_force = any(ent.label_ == "FORCE" for ent in doc.ents)
    return not has_force and not contains_cue(story, words["conflict_context_words"])


def _stale(mention: Optional[DateMention], published) -> bool:
    """An event dated only to an earlier month ('clashes last month') is background to this report."""
    if mention is None or mention.date is None or published is None or mention.precision < 3:
        return False
    return (mention.date.year, mention.date.month) < (published.year, published.month)


def finish(draft: Draft, article: Article, number: int, country_default) -> Event:
    """Turn a merged draft into the ACLED record with evidence for every filled field."""
    event = Event(article_id=article.id, event_id=f"{article.id}-{number}")
    event.event_type, event.sub_event_type, event.plover_type = draft.event_type, draft.sub_event_type, draft.plover_type
    event.event_date, event.time_precision = draft.event_date, draft.time_precision
    evidence = list(draft.evidence)
    place = draft.place.place if draft.place is not None else None
    if place is not None:
        event.location, event.admin1 = record_names(place)
        event.latitude, event.longitude = round(place.latitude, 5), round(place.longitude, 5)
        event.geonameid, event.country, event.iso3, event.admin2 = place.geonameid, place.country, place.iso3, place.admin2
        event.geo_precision = draft.place.geo_precision if draft.place_explicit else max(draft.place.geo_precision, 2)
        evidence.append(Span("location", draft.place.start, draft.place.end, draft.place.text))
        evidence.extend(draft.place.evidence)
    country = (place.country_code, place.country) if place is not None else country_default
    # a joint operation named among the acting side's allies leads it as well
    joint = [a for a in draft.associates if is_coalition(a.name)] if draft.agents else []
    agents, patients = _crowd_first(draft, _prefer_named(joint[:1] + draft.agents), list(draft.patients), country)
    context, attackers_unknown = _story_reading(article.text)
    # 'fire by an unknown party': the report says no side did it, whoever holds the spot
    holder_place = None if attackers_unknown else place
    actor1 = agents[0] if agents else _default_actor(draft.event_type, country, draft.sub_event_type, holder_place, context)
    if actor1 is not None and actor1.name.startswith("Unidentified Armed Group") and country and country[0]:
        actor1 = _as_learned_unnamed(actor1, country[0], draft.event_type, context)
    others = agents[1:]
    actor2 = patients[0] if patients else _unnamed_victims(draft.sub_event_type, country)
    actor2 = _second_side_by_convention(draft, article, country, actor1, actor2)
    if _state_out_of_place(draft.sub_event_type, country, actor1, actor2):
        actor1, actor2 = actor2, actor1
    if actor1 is not None:
        event.actor1, event.inter1 = actor1.name, actor1.inter
        if actor1.start >= 0:
            evidence.append(Span("actor1", actor1.start, actor1.end, actor1.text))
    if actor2 is not None:
        event.actor2, event.inter2 = actor2.name, actor2.inter
        if actor2.start >= 0:
            evidence.append(Span("actor2", actor2.start, actor2.end, actor2.text))
    leading = {bare_name(event.actor1 or ""), bare_name(event.actor2 or "")}
    # 'the rebels' after 'NAS rebels' is the group named, not an ally of its own
    rebels_lead = event.inter1 == 2
    assoc1 = [a for a in others + draft.associates if bare_name(a.name) not in leading
              and not (rebels_lead and a.name.startswith("Rebel Group"))]
    if assoc1:
        event.assoc_actor_1 = "; ".join(dict.fromkeys(a.name for a in assoc1))
        evidence.extend(Span("assoc_actor_1", a.start, a.end, a.text) for a in assoc1 if a.start >= 0)
    assoc2 = [a for a in patients[1:] if bare_name(a.name) not in leading and a.name != event.assoc_actor_1]
    if assoc2:
        event.assoc_actor_2 = "; ".join(dict.fromkeys(a.name for a in assoc2))
        evidence.extend(Span("assoc_actor_2", a.start, a.end, a.text) for a in assoc2 if a.start >= 0)
    if place is not None:
        event.inter1 = _external(actor1, place.country_code, event.inter1)
        event.inter2 = _external(actor2, place.country_code, event.inter2)
    event.interaction = interaction_code(event.inter1, event.inter2)
    best = conservative([DeathCount(n, s.start, s.end, s.text) for n, s in draft.fatalities])
    if best is not None:
        event.fatalities = best.number
        evidence.append(Span("fatalities", best.start, best.end, best.text))
    if event.sub_event_type == "Abduction/forced disappearance" and event.fatalities > 0:
        # kidnapped and killed: ACLED codes the killing (train notes: no abduction carries a death;
        # 16 kidnappings that ended in death are attacks)
        event.sub_event_type = "Attack"
    event.source, event.source_url = article.source, article.url
    event.notes = _notes(article.text, draft, evidence)
    event.evidence = _dedupe(evidence)
    event.confidence = _confidence(draft, place is not None)
    return event


def _state_out_of_place(sub_event_type: str, country, actor1: Optional[Actor], actor2: Optional[Actor]) -> bool:
    """Where ACLED puts the state's forces in one place in their fights with gangs, whoever the
    report starts with ('drug traffickers exchanged fire with military police' leads with the
    police in Brazil; vocab.json, state_side_in_clashes)."""
    side = vocab()["state_side_in_clashes"].get(country[0]) if country else None
    if sub_event_type != "Armed clash" or side is None or actor1 is None or actor2 is None:
        return False
    if {actor1.inter, actor2.inter} != {1, 3}:
        return False
    return (actor1.inter == 1) != (side == "first")


def _second_side_by_convention(draft: Draft, article: Article, country, actor1: Optional[Actor],
                               actor2: Optional[Actor]) -> Optional[Actor]:
    """The second side ACLED codes where the report leaves it unnamed or only a bystander (each
    convention counted in the train notes)."""
    where = f" ({country[1]})" if country and country[1] else ""
    sub_type = draft.sub_event_type
    if actor1 is not None and actor1.inter == 1 and (actor2 is None or actor2.inter == 7) \
            and sub_type == "Looting/property destruction" \
            and contains_cue(article.text.lower(), vocab()["contraband_cues"]):
        # 'police seized five tons of marijuana': what was seized was a gang's, whoever was arrested
        return Actor(name=f"Unidentified Gang{where}", inter=3)
    if actor2 is None and actor1 is not None and draft.event_type in FRONT_TYPES and country and country[0]:
        actor2 = opponent_of(country[0], actor1.name)  # the other side of a two-sided war
    if sub_type == "Mob violence" and (actor2 is None or (actor2.inter == 7 and actor2.start < 0)) \
            and any(span.field == "event_type" and contains_cue(span.text.lower(), vocab()["crowd_fight_words"])
                    for span in draft.evidence):
        return Actor(name=f"Rioters{where}", inter=5)  # 'two groups clashed over land': a crowd fought a crowd
    if actor2 is not None:
        return actor2
    if actor1 is not None and sub_type == "Armed clash" and actor1.name.startswith("Unidentified"):
        # 'a shoot-out took place': a clash has two sides; where neither is named ACLED codes the
        # same unnamed group twice (train notes: never a clash with no second side)
        return Actor(name=actor1.name, inter=actor1.inter, country_code=actor1.country_code)
    if not where:
        return None
    if sub_type == "Disrupted weapons use":
        return Actor(name=f"Unidentified Armed Group{where}", inter=3)  # weapons whose owner goes unnamed (9 of 12)
    if sub_type == "Protest with intervention":
        # a protest met by force that does not say whose: the police (114 of 125)
        return Actor(name=state_title("Police Forces", country[0], country[1]), inter=1, country_code=country[0])
    return None


def _unnamed_victims(sub_event_type: str, country) -> Optional[Actor]:
    """ACLED's second actor when a report names no victim: the civilians of the country ('a man
    was found dead' is an attack on Civilians (Mexico))."""
    if sub_event_type not in vocab()["civilian_victim_sub_events"]:
        return None
    where = f" ({country[1]})" if country and country[1] else ""
    return Actor(name=f"Civilians{where}", inter=7)


def _external(actor: Optional[Actor], event_country: str, inter: int) -> int:
    """A state's forces acting outside their own country are external forces (inter 8) for ACLED."""
    if actor is None or inter != 1 or not actor.country_code or not event_country:
        return inter
    if actor.name.startswith(("Military Forces of", "Police Forces of")) and actor.country_code != event_country:
        return 8
    return inter


@functools.lru_cache(maxsize=32)
def _story_reading(text: str) -> tuple[str, bool]:
    """What the whole report says of its attackers (read once per article, not per event)."""
    return story_context(text), bool(contains_cue(text.lower(), vocab()["unknown_attacker_cues"]))


CROWD_OF_TYPE = {"Riots": ("Rioters", 5), "Protests": ("Protesters", 6)}
# sub-types whose second actor is the force that met the crowd
MET_BY_FORCE = frozenset({"Mob violence", "Violent demonstration", "Protest with intervention",
                          "Excessive force against protesters"})


def _crowd_first(draft: Draft, agents: list[Actor], patients: list[Actor], country) -> tuple[list[Actor], list[Actor]]:
    """In a riot or a protest ACLED's first actor is the crowd (in the train notes, 318 of 320
    riots have rioters first and nearly every protest protesters): 'clashes between Palestinians
    and Israeli forces' are rioters met by the forces; police who demonstrate are protesters
    with the police as associated actor. Returns the agents and patients in that order."""
    crowd_of = CROWD_OF_TYPE.get(draft.event_type)
    if crowd_of is None or not agents:
        return agents, patients
    name, inter = crowd_of
    crowds = [a for a in agents if a.inter == inter]
    if crowds and crowds[0] is agents[0]:
        return agents, patients
    if crowds:
        crowd = crowds[0]
    else:
        where = f" ({country[1]})" if country and country[1] else ""
        crowd = Actor(name=f"{name}{where}", inter=inter)
    rest = [a for a in agents if a is not crowd]
    forces = [a for a in rest if a.inter == 1 and draft.sub_event_type in MET_BY_FORCE]
    if forces and not any(p.inter == 1 for p in patients):
        patients = forces[:1] + patients  # the force the crowd fought, before its bystanders
    return [crowd] + [a for a in rest if a not in forces], patients


def _as_learned_unnamed(actor: Actor, country_code: str, event_type: str, context: str) -> Actor:
    """'Two armed men' in Brazil are ACLED's 'Unidentified Gang and/or Police Militia': the
    name `sitrep train` learned for the country's unnamed attackers, on the same words."""
    learned = unnamed_attacker(country_code, event_type, context)
    if learned is None:
        return actor
    return Actor(name=learned.name, inter=learned.inter, text=actor.text, start=actor.start, end=actor.end,
                 country_code=actor.country_code)


def _default_actor(event_type: str, country, sub_event_type: str = "", place=None,
                   context: str = "other") -> Optional[Actor]:
    """Who ACLED names when a report does not: unidentified armed men, protesters, the police;
    the side that holds a frontline spot, where `sitrep train` learned one."""
    if sub_event_type == "Arrests" and country and country[1]:
        return Actor(name=state_title("Police Forces", country[0], country[1]), inter=1)
    if sub_event_type == "Other" and country and country[1]:
        return Actor(name=f"Civilians ({country[1]})", inter=7)  # the people displaced, as ACLED names them
    if event_type not in DEFAULT_ACTOR:
        return None
    if event_type in ARMED_VIOLENCE_TYPES and place is not None and place.country_code:
        holder = actor_at_place(place.country_code, place.latitude, place.longitude, place.population)
        if holder is not None:
            return holder
    learned = unnamed_attacker(country[0], event_type, context) if country and country[0] else None
    if learned is not None:
        return learned
    name, inter = DEFAULT_ACTOR[event_type]
    return Actor(name=f"{name} ({country[1]})" if country and country[1] else name, inter=inter)


def _notes(text: str, draft: Draft, evidence: Sequence[Span] = ()) -> str:
    """The first sentence that reported the event, as ACLED's notes column carries a summary;
    from the sentence before when that is where the event's parties were named ('The Military
    Police carried out an operation ... A shoot-out broke out')."""
    start = min(draft.sentence_starts)
    named_before = [span.start for span in evidence if span.field in ("actor1", "actor2") and 0 <= span.start < start]
    if named_before:
        opening = max(text.rfind(". ", 0, min(named_before)), text.rfind("\n", 0, min(named_before)))
        start = opening + 2 if opening >= 0 and text[opening] == "." else opening + 1
    ends = [e.end for e in draft.evidence if e.start >= start]
    end = text.find("\n", start)
    sentence_end = max(ends) if ends else start
    end = len(text) if end == -1 else end
    stop = text.find(". ", sentence_end)
    if stop != -1 and stop < end:
        end = stop + 1
    return " ".join(text[start:end].split())[:500]


def _dedupe(spans: list[Span]) -> list[Span]:
    seen = set()
    kept = []
    for span in spans:
        key = (span.field, span.start, span.end)
        if key not in seen:
            seen.add(key)
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.field))


def _confidence(draft: Draft, has_place: bool) -> float:
    score = 0.4
    score += 0.15 if draft.agents else 0.0
    score += 0.15 if has_place and draft.place_explicit else (0.05 if has_place else 0.0)
    score += 0.1 if draft.date_explicit else 0.0
    score += min(0.2, 0.07 * (draft.mentions - 1))
    return round(min(score, 0.99), 2)


MODEL_TYPE_CONFIDENCE = 0.5  # the model overrides the rules' event type only when this sure
MODEL_SUB_CONFIDENCE = 0.5  # (both chosen on a dev fifth of the train part: `sitrep train --hold-dev`)
SHORT_REPORT_CHARS = 1200
MODEL_EVENT_CONFIDENCE = 0.85  # a passage the rules found nothing in becomes an event when this sure
# a short report (a wire brief, an ACLED note) that names a force or an armed group needs less:
# dev detection 97.5% -> 98.2%, type F1 0.904 -> 0.910 (0.5 and 0.6 alike, 0.7 between);
# `sitrep eval quiet` and the GeoVirus/GeoWebNews texts emit no more events than at 0.85
MODEL_SHORT_EVENT_CONFIDENCE = 0.6
MODEL_FRAME_CONFIDENCE = 0.5  # then the first sentence this likely an event frames it (dev: 0.3 to 0.7 alike)
MODEL_VETO = 0.25  # below this, the event model says the passage is ordinary news, whatever word the rules caught
# (dev and `sitrep eval quiet` read the same at 0.2 to 0.3; at 0.3 a plain news report of a march was vetoed)
MODEL_TYPE_OVER_CUES = 0.85  # to overrule a type the rules read from explicit words (tear gas, a weapon)
# sub-types the rules chose on explicit words (tear gas, a weapon, an arrest): the model must be very sure
# read from the sentences around the event (the police response), which the model does not see
RULE_ONLY_SUB_TYPES = {"Protest with intervention", "Excessive force against protesters", "Arrests", "Agreement",
                       "Abduction/forced disappearance"}
CUED_SUB_TYPES = {
    "Air/drone strike",
    "Shelling/artillery/missile attack", "Suicide bomb", "Grenade", "Chemical weapon",
    "Remote explosive/landmine/IED",
    # read from explicit words too: a mine 'laid during the Iran-Iraq war', explosives 'defused', 'set up a base'
    "Other", "Disrupted weapons use", "Headquarters or base established",
}
MODEL_CUED_SUB_CONFIDENCE = 0.9
# 'raped' is as explicit, but only of the sub-type: whether the rape is the event at all (or a
# riot's grievance) is still the model's call; that it is no mere attack, ACLED's rule says
# (an attack that includes rape is sexual violence), while the model hears the killing around it
CUED_WITHIN_TYPE = {"Sexual violence"}
RULE_TERRITORY_TRIGGERS = {"Government regains territory", "Non-state actor overtakes territory"}


def _sentences_at(doc: Doc, offsets) -> list[SpacySpan]:
    """The sentences holding these character offsets, each once, in reading order."""
    sentences = {doc.char_span(offset, offset + 1, alignment_mode="expand").sent for offset in offsets}
    return sorted(sentences, key=lambda s: s.start)


def _draft_text(draft: Draft, doc: Doc) -> str:
    return " ".join(s.text for s in _sentences_at(doc, draft.sentence_starts))


def _next_sentence(draft: Draft, doc: Doc) -> str:
    """The sentence after the draft's, where the side attacked is told firing back ('... threw a
    hand grenade at the position. The guards reacted with gunfire')."""
    last = _sentences_at(doc, draft.sentence_starts)[-1]
    return doc[last.end].sent.text if last.end < len(doc) else ""


def _body(doc: Doc, body_end: Optional[int]) -> str:
    """The article's text up to where its body ends (a trailing 'Related stories' list is not news)."""
    text = doc_text(doc)
    return text if body_end is None else text[:body_end]


def settle_with_model(drafts: list[Draft], extractor: "EventExtractor", body_end: Optional[int]) -> list[Draft]:
    """Let the learned models settle types the rules are unsure of, and find events the rules missed."""
    doc = extractor.doc
    body = _body(doc, body_end)
    # one event in a short report: the whole report is its description, as in ACLED's notes
    whole = len(drafts) == 1 and len(body) <= SHORT_REPORT_CHARS
    texts = [body] if whole else [_draft_text(d, doc) for d in drafts]
    predictions = classifier.predict(texts)
    kept = [(d, p) for d, p in zip(drafts, predictions)
            if p.event_probability >= MODEL_VETO or d.sub_event_type in RULE_TERRITORY_TRIGGERS | {"Agreement"}]
    drafts = [d for d, _ in kept]
    predictions = [p for _, p in kept]
    retyped: list[Draft] = []
    for draft, prediction in zip(drafts, predictions):
        if draft.sub_event_type in RULE_TERRITORY_TRIGGERS:
            continue  # the rules read who took a place from the parse; keep them
        if draft.sub_event_type == "Armed clash" and _armed_on_armed(draft):
            continue  # the rules named both armed sides; ACLED's codebook makes that a battle
        told = _draft_text(draft, doc).lower()
        # a fire fight, or a soldier attacked at home: explicit words the model does not weigh
        cued = draft.sub_event_type in RULE_ONLY_SUB_TYPES | CUED_SUB_TYPES or (
            draft.sub_event_type == "Armed clash" and _is_a_fight(f"{told} {_next_sentence(draft, doc).lower()}")) or (
            draft.sub_event_type == "Attack" and contains_cue(told, vocab()["off_duty_cues"]))
        needed_for_type = MODEL_TYPE_OVER_CUES if cued else MODEL_TYPE_CONFIDENCE
        # gunmen who burn houses are no rioters, whatever the words suggest
        armed_arson = (draft.sub_event_type == "Looting/property destruction" and prediction.event_type in CROWD_TYPES
                       and bool(draft.agents) and draft.agents[0].inter in (2, 3, 4, 8))
        if prediction.event_type != draft.event_type and prediction.type_probability >= needed_for_type and not armed_arson:
            retyped.append(draft)
            draft.event_type = prediction.event_type
            draft.sub_event_type = prediction.sub_type_within(prediction.event_type)[0] or draft.sub_event_type
            draft.agents, draft.patients = _reframe(draft, extractor)
        else:
            sub_type, probability = prediction.sub_type_within(draft.event_type)
            needed = MODEL_CUED_SUB_CONFIDENCE if draft.sub_event_type in CUED_SUB_TYPES | CUED_WITHIN_TYPE else MODEL_SUB_CONFIDENCE
            if sub_type and sub_type != draft.sub_event_type and probability >= needed and draft.sub_event_type not in RULE_ONLY_SUB_TYPES:
                draft.sub_event_type = sub_type
    if not drafts:
        found = _model_found_event(extractor, body_end)
        if found is not None:
            drafts = [found]
    return _one_violent_event_per_place(_retyped_drafts_folded(drafts, retyped))


def _retyped_drafts_folded(drafts: list[Draft], retyped: list[Draft]) -> list[Draft]:
    """A draft the model retyped joins one of that type (a protest or riot) or sub-type on the same
    day and place: 'teachers staged a protest, demanding the arrest of people who set fire to crops' is
    one protest, though the rules read a riot and an arson in it. A death it told is the crowd's
    grievance, not a toll of a protest."""
    from sitrep.events.merge import _dates_compatible, _places_compatible, absorb

    retyped_ids = {id(r) for r in retyped}
    kept: list[Draft] = []
    for draft in drafts:
        if id(draft) not in retyped_ids:
            kept.append(draft)
            continue
        # a crowd is one crowd whatever its sub-type; other retyped drafts join one of their
        # sub-type ('arrested and beat a leader', both read by the model as the arrest)
        target = next((k for k in kept if k.event_type == draft.event_type
                       and (draft.event_type in CROWD_TYPES or k.sub_event_type == draft.sub_event_type)
                       and _dates_compatible(k, draft) and _places_compatible(k, draft)), None)
        if target is None:
            kept.append(draft)
            continue
        if draft.event_type in NO_DEATHS_TYPES:
            draft.fatalities = []
        absorb(target, draft)
    return kept


def _armed_on_armed(draft: Draft) -> bool:
    """Armed men who shoot a named force's members ('gunmen shot dead two NDS members'): ACLED's
    battle, however much the words read like an attack on people."""
    return bool(draft.agents) and draft.agents[0].inter in ARMED_INTERS and any(
        p.inter in ARMED_INTERS for p in draft.patients)


def _one_violent_event_per_place(drafts: list[Draft]) -> list[Draft]:
    """A bombing told as 'the blast', 'the attack' and 'the explosion' is one event: violent mentions on
    the same day and place with compatible parties fold into the best-supported one."""
    from sitrep.events.merge import _actors_compatible, _dates_compatible, _places_compatible, absorb

    ordered = sorted(drafts, key=lambda d: (d.event_type not in VIOLENT_TYPES, -(d.mentions + 2 * bool(d.agents and d.patients))))
    kept: list[Draft] = []
    for draft in ordered:
        # houses burned in an attack ('stormed the village, killing dozens and setting fire to houses'),
        # or by no one named after it ('Homes were set on fire'): the attack's damage, not an event
        damage = draft.sub_event_type == "Looting/property destruction" and (not draft.agents or any(
            set(draft.sentence_starts) & set(k.sentence_starts) for k in kept if k.event_type in VIOLENT_TYPES))
        foldable = draft.event_type in VIOLENT_TYPES or damage
        target = next((k for k in kept if foldable and k.event_type in VIOLENT_TYPES
                       and _dates_compatible(k, draft) and _places_compatible(k, draft) and _actors_compatible(k, draft)), None)
        if target is None:
            kept.append(draft)
        else:
            draft.anaphoric = True
            absorb(target, draft)
    return sorted(kept, key=lambda d: min(d.sentence_starts))


def _reframe(draft: Draft, extractor: "EventExtractor") -> tuple[list[Actor], list[Actor]]:
    """Parties in the roles the new type gives them (protesters lead protests, civilians never lead violence)."""
    agents, patients = list(draft.agents), list(draft.patients)
    if draft.event_type == "Protests":
        agents = [_as_protesters(a) for a in agents]
    elif draft.event_type == "Riots":
        agents = [_as_rioters(a) for a in agents]
    elif draft.event_type in VIOLENT_TYPES:
        patients = patients + [a for a in agents if a.inter == 7]
        agents = [a for a in agents if a.inter != 7]
    return agents, patients


def _is_a_fight(text_lower: str) -> bool:
    return is_fire_fight(text_lower) or is_returned_fire(text_lower)


def _model_found_event(extractor: "EventExtractor", body_end: Optional[int]) -> Optional[Draft]:
    """The passage the event model is surest reports an event, framed by the rules' parties, place and date."""
    doc = extractor.doc
    sentences = [s for s in doc.sents if (body_end is None or s.start_char < body_end) and segment_of(s) == "body"
                 and len(s) > 4]
    if not sentences:
        return None
    predictions = classifier.predict([s.text for s in sentences])
    body = _body(doc, body_end)
    surest = max(p.event_probability for p in predictions)
    if surest < MODEL_SHORT_EVENT_CONFIDENCE:
        return None
    # the event is told where the report first reads like one: 'No fatalities nor injuries.'
    # after a clash reads even more like ACLED's notes, but it only closes the story
    first = next(i for i, p in enumerate(predictions) if p.event_probability >= MODEL_FRAME_CONFIDENCE)
    prediction, sentence = predictions[first], sentences[first]
    if surest < MODEL_EVENT_CONFIDENCE and not (len(body) <= SHORT_REPORT_CHARS and _armed_party_named(
            sentence, extractor) and not contains_cue(body.lower(), vocab()["accident_cues"])):
        return None
    if tells_an_accident(sentence) and not any(e.label_ == "FORCE" for e in sentence.ents) and not _someone_acts(sentence):
        # 'two people were injured in a car crash': hurt by no one's violence, and 'the landslide
        # blocked a section of a river' is no roadblock; drivers who burn a car over a colleague's
        # death in a crash riot, and the rules find a protest about an accident
        return None
    if len(body) <= SHORT_REPORT_CHARS:
        prediction = classifier.predict([body])[0]  # a short report is typed whole, as ACLED's notes are
    sub_type = prediction.sub_type_within(prediction.event_type)[0]
    if sub_type is None or (sub_type == "Arrests" and sentence.start_char in extractor.rejected_arrests):
        return None
    article = extractor.article
    date_iso, precision, date_mention = event_date_for_span(extractor.dates, sentence.start_char, sentence.end_char, article.published, text=article.text)
    if date_mention is not None and date_mention.background:
        return None
    place = place_for_span(extractor.places, sentence.start_char, sentence.end_char, doc)
    country = _country_of_place(place) or extractor.article_country
    parties = _subject_parties(sentence, extractor.namer, country)
    place_explicit = place is not None and sentence.start_char <= place.start < sentence.end_char
    draft = Draft(
        event_type=prediction.event_type, sub_event_type=sub_type, plover_type="",
        agents=parties[:1], patients=[], associates=parties[1:], place=place, place_explicit=place_explicit,
        event_date=date_iso, time_precision=precision, date_explicit=date_mention is not None,
        fatalities=[], evidence=[Span("event_type", sentence.start_char, sentence.end_char, sentence.text)],
        sentence_starts=[sentence.start_char],
        also_at=places_beside(extractor.places, place, sentence.start_char, sentence.end_char, doc) if place_explicit else [],
    )
    draft.agents, draft.patients = _reframe(draft, extractor)
    total = sentence_total(sentence, extractor.dates)
    if total is not None and draft.event_type not in NO_DEATHS_TYPES:
        draft.fatalities.append((total.number, Span("fatalities", total.start, total.end, total.text)))
    return draft


def _armed_party_named(sentence: SpacySpan, extractor: "EventExtractor") -> bool:
    """The sentence names a force or an armed group as its subject ('LNA air force targeted',
    'Al Shabaab militants conducted'): in a short report, what makes a less certain reading of
    the model an event of conflict rather than of ordinary news. A sentence that tells only of an
    event denied or aimed at ('the rebels vowed to ambush') keeps the rules' verdict."""
    if tells_an_unreal_event(sentence):
        return False
    if any(e.label_ == "FORCE" for e in sentence.ents):
        return True
    parties = _subject_parties(sentence, extractor.namer, extractor.article_country)
    # no name, but armed by the report's own words: 'unidentified gunmen', 'an armed group'
    return any(not a.name.startswith("Unidentified") or contains_cue((a.text or "").lower(), vocab()["armed_kind_words"])
               for a in parties)


def _as_mob_violence(drafts: list[Draft], doc: Doc) -> None:
    """Residents who beat a suspected thief, a mob that lynches a man: violence by a crowd, not by
    an armed group, is mob violence (a riot) in ACLED's coding, whoever the victim."""
    for draft in drafts:
        if draft.event_type not in ("Violence against civilians", "Battles") or any(a.inter in ARMED_INTERS and a.start >= 0 for a in draft.agents):
            continue
        sentence = doc.char_span(min(draft.sentence_starts), min(draft.sentence_starts) + 1, alignment_mode="expand").sent
        if any(_is_crowd(token) for token in sentence):
            draft.event_type, draft.sub_event_type = "Riots", "Mob violence"
            draft.patients = draft.patients + [a for a in draft.agents if a.inter == 7]
            draft.agents = [a for a in draft.agents if a.inter in (5, 6)]


def _party_after(draft: Draft, doc: Doc, extractor: "EventExtractor", verbs: list[str], prepositions: tuple[str, ...],
                 inters: tuple[int, ...]) -> list[Actor]:
    """The first party of the given kinds named after one of these prepositions on one of these
    verbs in the draft's sentences ('pelted stones at the police', 'planted by the PKK')."""
    country = _country_of_place(draft.place) or extractor.article_country
    for start in draft.sentence_starts:
        for token in doc.char_span(start, start + 1, alignment_mode="expand").sent:
            preposition = token.head
            if token.dep_ == "pobj" and preposition.lower_ in prepositions and preposition.head.lemma_.lower() in verbs:
                actor = extractor.namer.name(phrase_for(token), country)
                if actor is not None and actor.inter in inters:
                    return [actor]
    return []


def _second_sides_told_apart(drafts: list[Draft], doc: Doc, extractor: "EventExtractor") -> None:
    """Second sides a clause names apart from the event's verb: the state force a crowd throws at
    or fights ('demonstrators pelted stones at the security forces'), and whose seized or
    defused weapons they were ('explosives planted by the PKK', 'grenades belonging to the NPA')."""
    words = vocab()
    for draft in drafts:
        if draft.patients:
            continue
        if draft.event_type == "Riots":
            draft.patients = _party_after(draft, doc, extractor, words["crowd_throwing_verbs"], ("at", "with", "on"), (1,))
        elif draft.sub_event_type == "Disrupted weapons use":
            draft.patients = _party_after(draft, doc, extractor, words["weapon_owner_verbs"], ("by", "to"), (2, 3, 4))


def _is_crowd(token) -> bool:
    """A crowd that acts: the subject of a verb, or the agent of a passive ('beaten by a group of men')."""
    words = vocab()
    lemma = token.lemma_.lower()
    acting = (token.dep_ == "nsubj" and token.head.lemma_.lower() not in words["crowd_speech_verbs"]) or (
        token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "agent")  # 'residents said ...' tells, does not act
    if lemma == "group" and (token.dep_ == "nsubj" or token.dep_ == "pobj"):
        # 'a group of men': the group is the crowd its members are
        members = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if not members and token.lower_ == "groups" and any(c.lower_ in ("two", "rival") for c in token.children):
            return True  # 'a clash between two groups over land': two crowds, no armed organisation named
        return acting and any(m.lemma_.lower() in words["crowd_group_nouns"] for m in members)
    if lemma in words["crowd_nouns"] and acting:
        return True
    # 'a mob of locals killed': the head of 'of locals' is the crowd
    return lemma in words["crowd_nouns"] and token.dep_ == "pobj" and token.head.lower_ == "of" and _is_crowd(token.head.head)


def _without_follow_up_arrests(drafts: list[Draft]) -> list[Draft]:
    """Arrests after an attack or a protest are part of that story; ACLED codes arrests on their own."""
    if all(d.sub_event_type == "Arrests" for d in drafts):
        return drafts
    return [d for d in drafts if d.sub_event_type != "Arrests"]


def _name_the_rebels(drafts: list[Draft]) -> None:
    """'the rebels' in a story that names one rebel group (M23 rebels ... the rebels) is that group."""
    named = {a.name: a for d in drafts for a in d.agents + d.patients
             if a.inter == 2 and not a.name.startswith(("Rebel Group", "Unidentified"))}
    if len(named) != 1:
        return
    group = next(iter(named.values()))
    for draft in drafts:
        for side in (draft.agents, draft.patients):
            for i, actor in enumerate(side):
                if actor.name.startswith("Rebel Group"):
                    side[i] = Actor(name=group.name, inter=group.inter, text=actor.text, start=actor.start,
                                    end=actor.end, country_code=group.country_code)


def _attach_orphan_deaths(drafts: list[Draft], orphans) -> None:
    """A toll told on its own belongs to the violent event reported just before it."""
    violent = [d for d in drafts if d.event_type in VIOLENT_TYPES]
    for start, count in orphans:
        before = [d for d in violent if min(d.sentence_starts) <= start]
        target = max(before, key=lambda d: max(s for s in d.sentence_starts if s <= start)) if before else (violent[0] if len(violent) == 1 else None)
        if target is not None:
            target.fatalities.append((count.number, Span("fatalities", count.start, count.end, count.text)))


def extract_events(article: Article, doc: Doc, places: list[PlaceMention], dates: list[DateMention],
                   body_end: Optional[int] = None) -> list[Event]:
    """Events reported in one article: detected, typed, with parties, place, date, deaths, evidence."""
    extractor = EventExtractor(article, doc, places, dates)
    merged = merge_drafts(extractor.drafts(body_end))
    if classifier.available():
        merged = settle_with_model(merged, extractor, body_end)
    _as_mob_violence(merged, doc)
    _second_sides_told_apart(merged, doc, extractor)
    merged = _without_follow_up_arrests(merged)
    _attach_orphan_deaths(merged, extractor.orphan_deaths)
    _name_the_rebels(merged)
    events = []
    for draft in merged:
        parts = [finish(part, article, 0, extractor.article_country) for part in one_draft_per_place(draft)]
        split_fatalities(parts)
        unresolved = _unresolved_places(draft, doc, places)  # the draft's sentences: one reading for all its parts
        # a place listed with an event of its own belongs to that event alone
        named_apart = [(span.start, span.end) for event in parts for span in _own_unknown_place(event)]
        who = _participants_written(draft, doc)
        for event in parts:
            if who is not None and event.event_type in CROWD_TYPES and not any(
                    span.field == "actor1" for span in event.evidence):
                event.evidence.append(who)
            if not _own_unknown_place(event):
                event.evidence.extend(span for span in unresolved
                                      if not any(a < span.end and span.start < b for a, b in named_apart))
            if _placed_by_its_container(event, unresolved, doc):
                event.geo_precision = max(event.geo_precision or 0, 2)
            if draft.place is None and extractor.cued_country:
                event.country = extractor.cued_country[1]  # whose news it is, though not where
        events += parts
    for number, event in enumerate(events, start=1):
        event.event_id = f"{article.id}-{number}"
    return events


SIDE_CLAUSES = ("acl", "relcl", "appos", "advcl", "punct")


def _participants_written(draft: Draft, doc: Doc) -> Optional[Span]:
    """Who took part in a protest or riot, as the report writes them ('around a thousand taxi
    drivers'): the evidence of an actor ACLED only names 'Protesters (Mexico)', and what tells two
    protests in one town on one day apart."""
    if draft.event_type not in CROWD_TYPES:
        return None
    verbs = vocab()["gathering_subject_verbs"]
    for sentence in _sentences_at(doc, draft.sentence_starts):
        for token in sentence:
            if token.pos_ != "VERB" or not _verb_forms(token) & verbs:
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None and token.dep_ == "conj":
                # 'members of indigenous communities exchanged crafts and demanded support'
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                right = max([subject.i] + [c.right_edge.i for c in subject.rights if c.dep_ not in SIDE_CLAUSES])
                words = doc[subject.left_edge.i: right + 1]
            elif subject is None:
                words = _words_before(token, sentence)  # the parser may hang the people elsewhere
            else:
                continue
            if words is not None:
                return Span("actor1", words.start_char, words.end_char, words.text)
    return None


def _someone_acts(sentence) -> bool:
    """A subject doing an act of protest or violence ('taxi drivers set a car on fire')."""
    acts = vocab()["participant_action_verbs"]
    return any(t.pos_ == "VERB" and _verb_forms(t) & acts and any(c.dep_ == "nsubj" for c in t.children)
               for t in sentence)


def _verb_forms(token) -> set[str]:
    """The verb's lemma and plain forms of it: the small model reads 'staged' as 'stag'."""
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    for ending, back in (("ed", ""), ("d", ""), ("ing", ""), ("ing", "e"), ("s", "")):
        if word.endswith(ending):
            forms.add(word[: -len(ending)] + back)
    return forms


def _words_before(verb, sentence):
    """'..., a group of workers and members of the Torch Movement protested': the noun phrase
    between the last comma and the verb."""
    first = verb.i
    while first - 1 >= sentence.start and sentence.doc[first - 1].text not in (",", ";", "(", ")") \
            and sentence.doc[first - 1].pos_ not in ("VERB", "AUX"):
        first -= 1
    words = sentence.doc[first:verb.i]
    # a noun phrase: it opens like one and ends on its noun ('roads with', 'off by the Company' are not)
    if not words or words[-1].pos_ not in ("NOUN", "PROPN") or words[0].pos_ not in ("DET", "NUM", "ADJ", "NOUN", "PROPN"):
        return None
    return words


def _own_unknown_place(event: Event) -> list[Span]:
    return [span for span in event.evidence if span.field == "place_unresolved"]


def one_draft_per_place(draft: Draft) -> list[Draft]:
    """Airstrikes 'in Shah Wali Kot and Maywand districts' are two events in ACLED's coding, one
    per location, with the same parties, date and type. When the event's own place only holds
    the places listed ('attacked Manini and Komo in Chikun LGA'), the listed ones replace it."""
    also_at = list(draft.also_at)
    first = draft
    if also_at and also_at[0].role == TAKES_OVER:
        first = dataclasses.replace(draft, place=also_at.pop(0), also_at=[], evidence=list(draft.evidence))
    return [first] + [dataclasses.replace(draft, place=place, also_at=[], evidence=list(draft.evidence))
                      for place in also_at]


def split_fatalities(parts: list[Event]) -> None:
    """A toll told for several places at once is shared out among their events (the first ones
    take the remainder), so the incidents add up to the deaths reported, never more."""
    if len(parts) < 2:
        return
    total = parts[0].fatalities
    for i, event in enumerate(parts):
        event.fatalities = total // len(parts) + (1 if i < total % len(parts) else 0)


def _could_be_a_place_name(ent) -> bool:
    """Not an adjective ('two Ukrainian soldiers') nor a short capitalised code ('KL', 'UP',
    'OSCE'): the tagger calls those places too, and they would keep two reports apart."""
    if all(token.pos_ == "ADJ" for token in ent):
        return False
    return not (ent.text.isupper() and len(ent.text) <= 4)


def _unresolved_places(draft: Draft, doc: Doc, places: list[PlaceMention]) -> list[Span]:
    """Place names in the event's sentences that the gazetteer could not place ('near Dolomytne').
    Kept as evidence: two reports placed at the same town only because their villages are unknown
    are not shown to be one incident unless they name the same village."""
    resolved = [(m.start, m.end) for m in places if m.place is not None]
    parties = _party_ranges(draft)
    spans = []
    starts = list(draft.sentence_starts)
    if draft.place is not None and draft.place.start >= 0:
        starts.append(draft.place.start)  # a place taken from an earlier sentence: what else it names there
    for sentence in _sentences_at(doc, starts):
        for ent in sentence.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and not _overlaps_any(ent, resolved + parties) and _could_be_a_place_name(ent):
                spans.append(Span("place_unresolved", ent.start_char, ent.end_char, ent.text))
        for run in list(_names_before_brackets(sentence, resolved)) + _names_placed_inside(sentence, resolved, draft):
            if not _overlaps_any(run, [(x.start, x.end) for x in spans]):
                spans.append(Span("place_unresolved", run.start_char, run.end_char, run.text))
    return spans


def _party_ranges(draft: Draft) -> list[tuple[int, int]]:
    """Where the draft's parties are written: a name there is a party's, not a place's."""
    return [(a.start, a.end) for a in draft.agents + draft.patients + draft.associates if a.end > 0]


def _names_placed_inside(sentence, resolved: list[tuple[int, int]], draft: Draft) -> list[SpacySpan]:
    """'shelled Abboush in al-Hasakeh', 'shelled Ftireh in the southern countryside of Idleb': a
    name the tagger took for an organisation or a person, that the sentence puts inside a known
    place and that names none of the event's parties, is a place the gazetteer lacks."""
    text = doc_text(sentence.doc)
    parties = _party_ranges(draft)
    found = []
    for name in _untagged_names(sentence):
        if _object_or_its_kind(name) is None or _overlaps_any(name, resolved) or _overlaps_any(name, parties) \
                or not _could_be_a_place_name(name):
            continue
        after = [a for a, _ in resolved if a >= name.end_char]
        if after and placed_inside(text[name.end_char:min(after)]):
            found.append(name)
    return found


def _untagged_names(sentence) -> list[SpacySpan]:
    """Names the tagger called something other than a place, or nothing ('Ad Dahfash')."""
    names = [ent for ent in sentence.ents if ent.label_ in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT")]
    tagged = {t.i for ent in sentence.ents for t in ent}
    i = sentence.start + 1  # never the sentence's opening word
    while i < sentence.end:
        j = i
        # a capitalised word inside a sentence is a name's, whatever its tag ('Ad' in 'Ad Dahfash')
        while j < sentence.end and sentence.doc[j].pos_ in ("PROPN", "NOUN") and sentence.doc[j].is_title and j not in tagged:
            j += 1
        if any(t.pos_ == "PROPN" for t in sentence.doc[i:j]):
            names.append(sentence.doc[i:j])
        i = j + 1
    return names


def _object_or_its_kind(name: SpacySpan):
    """The name is what the verb or preposition takes, alone or before its kind ('at Ad Dahfash village')."""
    root = name.root
    if root.dep_ in ("dobj", "pobj"):
        return root
    if root.dep_ == "compound" and root.head.dep_ in ("dobj", "pobj") and is_place_noun(root.head.text):
        return root.head
    return None


def _overlaps_any(span, ranges: list[tuple[int, int]]) -> bool:
    return any(a < span.end_char and b > span.start_char for a, b in ranges)


MAX_NAME_WORDS = 4


def _names_before_brackets(sentence, resolved: list[tuple[int, int]]):
    """'in Sheikh Zuweiyid (Rafah, North Sinai)', 'targeted Al Mijazah frontline (Baqim, Sadah)': a
    name the gazetteer lacks, followed by the areas that hold it, whatever the tagger called it."""
    doc = sentence.doc
    starts = {a for a, _ in resolved}
    for bracket in sentence:
        if bracket.text != "(" or bracket.i + 1 >= len(doc) or doc[bracket.i + 1].idx not in starts:
            continue
        last = bracket.i
        if last - 1 > sentence.start and doc[last - 1].is_lower and is_place_noun(doc[last - 1].text):
            last -= 1  # the kind of place the name is
        first = last
        # the name's words, never the sentence's opening word (a capital that says nothing)
        while first - 1 > sentence.start and doc[first - 1].is_title and doc[first - 1].pos_ == "PROPN" \
                and last - first < MAX_NAME_WORDS:
            first -= 1
        run = doc[first:last]
        if first < last and not _overlaps_any(run, resolved):
            yield run


def _placed_by_its_container(event: Event, unresolved: list[Span], doc: Doc) -> bool:
    """The event's place is the area in brackets after a name the gazetteer lacks: the event is
    in that unknown place, somewhere in the area (ACLED's geo_precision 2)."""
    places = [s for s in event.evidence if s.field == "location"]
    for name in unresolved:
        words = doc.text[name.end:name.end + 20].split("(", 1)
        kind = words[0].strip()
        if len(words) < 2 or (kind and not (kind.islower() and is_place_noun(kind))):
            continue  # 'Al Mijazah frontline (Baqim, Sadah)': the kind of place may come between
        bracket = name.end + len(words[0])
        if any(0 < p.start - bracket <= 2 for p in places):
            return True
    return False
