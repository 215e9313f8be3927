"""Verbal events: what parties say or decide (appeals, demands, threats, accusations, agreements...)
typed with PLOVER, with who says it (actor), to whom (recipient) and the words as evidence.

ACLED leaves statements out; sitrep reports them as events with an empty ACLED ``event_type`` and
a ``plover_type`` (REQUEST, THREATEN...). The cue words are data (data/verbal_cues.jsonl).

How a sentence is typed
-----------------------
1. Every token whose lemma (or lemma + particle, "call on") is a cue is a candidate.
2. Reporting verbs ("said", "announced", "told") are transparent: the cue inside what was said
   counts as if it were the sentence's main verb ("X said it would release" is about releasing).
3. Negation turns acceptance into rejection ("did not agree", "refused to meet"); a modal inside
   what was said adds intent: "must"/"should" make a DEMAND, "will"/"would" an AGREE (or a
   THREATEN when what is promised is violence or a sanction).
4. The shallowest candidate in the parse wins (then the earliest): it is what the sentence is
   about; the rest are details of it.
"""
from __future__ import annotations

from sitrep.language.nlp import doc_text

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from sitrep.dates import event_date_for_span
from sitrep.events.actors import ActorNamer, state_title
from sitrep.geo import place_for_span, record_names
from sitrep.language.quotes import Attributor, Quote, Person
from sitrep.records import Actor, Article, DateMention, Event, PlaceMention, Span, interaction_code

# verbs that only report speech: their content decides the type
REPORTING_LEMMAS = frozenset({
    "say", "tell", "announce", "state", "declare", "report", "add", "note", "explain", "write",
    "tweet", "claim", "quote", "confirm", "indicate", "suggest", "believe", "think", "stress",
    "reiterate", "express", "voice", "make", "issue", "release_statement",
})
NEGATING_LEMMAS = frozenset({"refuse", "decline", "fail", "reject"})
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
INTENT_MODALS = frozenset({"will", "would", "'ll", "shall"})
FORCEFUL_TYPES = frozenset({"ASSAULT", "FIGHT", "COERCE", "SANCTION"})
ACCEPTING_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "CONCEDE", "AID", "SUPPORT"})
RECIPIENT_SKIP_DEPS = frozenset({"nsubj", "punct", "aux", "neg", "advmod", "npadvmod", "advcl", "mark", "cc"})
RECIPIENT_PREPS = frozenset({"on", "upon", "to", "with", "against", "of", "for", "from"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FORCE"})
VERBAL_CONFIDENCE = 0.6
WILLING_WORDS = frozenset({"willing", "ready", "prepared"})
MODIFIER_DEPS = frozenset({"acl", "amod", "compound", "nmod"})


@dataclass(frozen=True)
class Cue:
    plover: str
    verbal: bool


@dataclass
class Typed:
    """One sentence's PLOVER reading: the type, its trigger token, who and to whom."""
    plover: str
    verbal: bool
    trigger: Token
    actor: Optional[SpacySpan] = None
    recipient: Optional[SpacySpan] = None
    negated: bool = False


@functools.lru_cache(maxsize=1)
def cues() -> dict:
    """Cue tables from data/verbal_cues.jsonl: verbs, nouns, (verb, particle) pairs and phrases."""
    text = (resources.files("sitrep.events") / "data" / "verbal_cues.jsonl").read_text(encoding="utf-8")
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    preps: dict[tuple[str, str], Cue] = {}
    phrases: dict[str, Cue] = {}
    settings: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        entry = json.loads(line)
        if "plover" not in entry:
            settings.update({k: frozenset(v) for k, v in entry.items()})
            continue
        cue = Cue(entry["plover"], bool(entry.get("verbal")))
        for lemma in entry.get("verbs", []):
            verbs.setdefault(lemma, cue)  # first line wins: the file lists the stronger reading first
        for lemma in entry.get("nouns", []):
            nouns.setdefault(lemma, cue)
        for lemma, particles in entry.get("preps", {}).items():
            for particle in particles:
                preps.setdefault((lemma, particle), cue)
        for phrase in entry.get("phrases", []):
            phrases.setdefault(phrase, cue)
    return {"verbs": verbs, "nouns": nouns, "preps": preps, "phrases": phrases, **settings}


def plover_types() -> list[str]:
    """The PLOVER types sitrep can assign, in data-file order."""
    seen: list[str] = []
    for table in _cue_tables():
        for cue in table.values():
            if cue.plover not in seen:
                seen.append(cue.plover)
    return seen


def verbal_plover_types() -> frozenset[str]:
    return frozenset(c.plover for table in _cue_tables() for c in table.values() if c.verbal)


def _cue_tables() -> list[dict]:
    table = cues()
    return [table["verbs"], table["nouns"], table["preps"], table["phrases"]]


# ---------------------------------------------------------------------------------------------
# Typing one sentence


def type_sentence(sentence: SpacySpan) -> Optional[Typed]:
    """The sentence's main PLOVER event, or None when it has no cue."""
    candidates = []
    for token in sentence:
        cue = _cue_for(token)
        if cue is None:
            continue
        depth = _depth(token)
        candidates.append((depth, token.i, token, cue))
    if not candidates:
        return None
    _, _, trigger, cue = min(candidates, key=lambda c: (c[0], c[1]))
    plover, negated = _adjust(trigger, cue.plover)
    verbal = cue.verbal or plover in verbal_plover_types()
    anchor = trigger.head if trigger.dep_ == "aux" else trigger
    return Typed(plover, verbal, trigger, _actor_phrase(anchor), _recipient_phrase(anchor), negated)


def _cue_for(token: Token) -> Optional[Cue]:
    table = cues()
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)  # 'an attempt to kill'
        modifier = not infinitive and (token.dep_ in MODIFIER_DEPS or (token.dep_ == "conj" and token.head.dep_ in MODIFIER_DEPS))
        says_something = any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
        if lemma in REPORTING_LEMMAS or (modifier and not says_something):
            return None  # 'militias funded by Iran' describes the militias; it is no clause
        for child in token.children:
            if child.dep_ in ("prep", "prt", "dobj") and (lemma, child.lower_) in table["preps"]:
                return table["preps"][(lemma, child.lower_)]
        if lemma in table["light_verbs"]:
            # 'opened an investigation', 'staged a protest': the object says what was done
            for child in token.children:
                if child.dep_ == "dobj" and child.lemma_.lower() in table["nouns"]:
                    return table["nouns"][child.lemma_.lower()]
        if lemma in table["verbs"]:
            return table["verbs"][lemma]
        if token.lower_ in OBLIGATION_MODALS and token.dep_ == "aux":
            return table["phrases"].get(token.lower_)
        return None
    if token.pos_ == "NOUN" and lemma in table["nouns"]:
        # a noun cue counts when it is what a clause is about ('issued a warning', 'the talks')
        if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "ROOT", "attr", "appos"):
            return table["nouns"][lemma]
    if token.lower_ in OBLIGATION_MODALS and token.dep_ == "aux":
        return table["phrases"].get(token.lower_)
    for phrase, cue in table["phrases"].items():
        words = phrase.split()
        if len(words) > 1 and token.lower_ == words[0]:
            following = [t.lower_ for t in token.doc[token.i: token.i + len(words)]]
            if following == words:
                return cue
    return None


def _depth(token: Token) -> float:
    """Steps to the sentence root, not counting reporting verbs (they are transparent)."""
    depth = 0.0
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in REPORTING_LEMMAS:
            continue
        depth += 1
    if token.pos_ == "NOUN":
        depth += 0.5  # a verb cue at the same depth says more than a noun cue
    if token.dep_ == "aux":
        return _depth(token.head) + 0.25  # 'must' sits on its verb: the verb's own cue comes first
    return depth


def _adjust(trigger: Token, plover: str) -> tuple[str, bool]:
    """Negation and intent: 'did not agree' -> REJECT; 'said they will release' and 'ready to
    host' -> AGREE; 'will impose', 'may halt', 'will withdraw unless' -> THREATEN; 'must' -> DEMAND."""
    table = cues()
    verb = trigger.head if trigger.dep_ == "aux" or (trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "pobj")) else trigger
    negated = any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "neg" for c in trigger.children)
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in NEGATING_LEMMAS:
        negated = True
    if negated and plover in ACCEPTING_TYPES:
        return "REJECT", True
    modals = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    intent_head = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in table["intent_words"]
    if modals & OBLIGATION_MODALS and verb.dep_ in ("ccomp", "conj", "ROOT") and _reported(verb):
        return "DEMAND", negated
    intent = intent_head or bool(modals & table["intent_modals"])
    willing = intent_head and verb.head.lemma_.lower() in WILLING_WORDS
    conditional = any(c.dep_ == "advcl" and any(m.lower_ in table["conditions"] for m in c.children)
                      for c in verb.children)  # 'will boycott ... unless the president resigns'
    if intent and (plover in FORCEFUL_TYPES or conditional
                   or (not willing and plover in ("RETREAT", "SANCTION", "MOBILIZE"))):
        return "THREATEN", negated
    if intent and (plover in ACCEPTING_TYPES or (willing and plover not in FORCEFUL_TYPES)):
        return "AGREE", negated
    return plover, negated


def _reported(token: Token) -> bool:
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in REPORTING_LEMMAS:
            return True
    return False


def _actor_phrase(trigger: Token) -> Optional[SpacySpan]:
    """Who does the trigger: its subject, else its head verb's (xcomp, conj, 'refused to meet'),
    else the agent of a passive ('was opposed by X'), else a reporting verb's subject."""
    node = trigger
    for _ in range(6):
        for child in node.children:
            if child.dep_ == "nsubj":
                return _noun_phrase(child)
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return _noun_phrase(grand)
        if trigger.pos_ == "NOUN":
            for child in node.children:
                if child.dep_ in ("poss",) or (child.dep_ == "prep" and child.lower_ in ("by", "from")):
                    target = child if child.dep_ == "poss" else next((g for g in child.children if g.dep_ == "pobj"), None)
                    if target is not None:
                        return _noun_phrase(target)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _recipient_phrase(trigger: Token) -> Optional[SpacySpan]:
    """To whom: the nearest party below the trigger in the parse, its own subject left out:
    'urged the rebels', 'call on X', 'threatened to break relations with Russia', 'rejected an
    Indian proposal', 'demanded that Israel ease'. A 'must' clause's subject is who must act."""
    if trigger.dep_ == "aux" and trigger.lower_ in OBLIGATION_MODALS:
        subject = next((c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and _is_party(subject):
            return _noun_phrase(subject)
    queue = [(c, 1) for c in trigger.children if c.dep_ not in RECIPIENT_SKIP_DEPS]
    while queue:
        token, depth = queue.pop(0)
        if _is_party(token) and token.dep_ not in ("poss",) or (token.dep_ in ("poss", "amod") and token.ent_type_ in ACTOR_LABELS):
            return _noun_phrase(token) if token.dep_ not in ("amod",) else token.doc[token.i: token.i + 1]
        if depth < 4:
            queue.extend((c, depth + 1) for c in token.children if c.dep_ not in ("punct", "relcl", "advcl", "aux", "neg", "det"))
    return None


def _is_party(token: Token) -> bool:
    """A noun that names a party (person, group, state), not a thing or an idea."""
    if token.ent_type_ in ACTOR_LABELS:
        return True
    if token.ent_type_ or token.like_num:
        return False  # dates, times, quantities
    party_words = {"party", "parties", "government", "rebel", "leader", "official", "force", "army",
                   "militant", "group", "side", "country", "state", "president", "minister", "police",
                   "opposition", "people", "citizen", "ally", "neighbor", "neighbour", "authority",
                   "regime", "protester", "soldier", "troop", "militia", "member", "community", "nation"}
    return token.lemma_.lower() in party_words or token.pos_ == "PROPN"


def _noun_phrase(token: Token) -> SpacySpan:
    """The words naming a party, without relative clauses or trailing prepositional detail."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "appos") or (child.dep_ == "prep" and child.lower_ in ("of", "in")):
            right = max(right, child.right_edge.i if child.dep_ != "appos" else right)
    span = doc[left: right + 1]
    while len(span) > 1 and (span[0].pos_ in ("DET", "PUNCT") or span[0].lower_ in ("all", "both")):
        span = span[1:]
    return span


# ---------------------------------------------------------------------------------------------
# Events for the pipeline


def verbal_events(article: Article, doc: Doc, places: list[PlaceMention], dates: list[DateMention]) -> list[Event]:
    """The article's verbal events (PLOVER types ACLED leaves out), one per sentence that has one,
    each with actor, recipient, the quote or reported speech as evidence, date and place."""
    return VerbalExtractor(article, doc, places, dates).events()


class VerbalExtractor:
    def __init__(self, article: Article, doc: Doc, places: list[PlaceMention], dates: list[DateMention]):
        from sitrep.events.extract import CountryLookup  # the events stage's phrase -> country

        self.article, self.doc, self.places, self.dates = article, doc, places, dates
        self.namer = ActorNamer(CountryLookup(places))
        self.country = _focus_country(places)
        self.attributor = Attributor(doc)
        self.quotes = self.attributor.quotes()

    def events(self) -> list[Event]:
        from sitrep.ingest.cleaning import footer_start
        from sitrep.language import segment_of

        body_end = footer_start(self.article.text)
        found: list[Event] = []
        for sentence in self.doc.sents:
            if segment_of(sentence) != "body" or sentence.start_char >= body_end:
                continue  # titles, captions, credits and footers say nothing new
            typed = type_sentence(sentence)
            if typed is None or not typed.verbal or self._is_background(sentence):
                continue
            event = self._event(sentence, typed)
            if event is not None:
                found.append(event)
        return found

    def _event(self, sentence: SpacySpan, typed: Typed) -> Optional[Event]:
        quote = self._quote_around(typed.trigger)
        actor, actor_spans = self._speaker(typed, quote)
        if actor is None:
            return None  # a statement with no one saying it is not an event
        recipient = self._party(typed.recipient) if typed.recipient is not None else None
        if recipient is not None and recipient.name == actor.name:
            recipient = None
        event = Event(article_id=self.article.id, plover_type=typed.plover, confidence=VERBAL_CONFIDENCE)
        event.actor1, event.inter1 = actor.name, actor.inter
        if recipient is not None:
            event.actor2, event.inter2 = recipient.name, recipient.inter
        event.interaction = interaction_code(event.inter1, event.inter2)
        event.notes = " ".join(sentence.text.split())
        event.evidence.append(_span("plover_type", typed.trigger.idx, typed.trigger.idx + len(typed.trigger.text), doc_text(self.doc)))
        event.evidence.extend(actor_spans)
        if recipient is not None:
            event.evidence.append(_span("actor2", typed.recipient.start_char, typed.recipient.end_char, doc_text(self.doc)))
        if quote is not None:
            event.evidence.append(_span("quote", quote.start, quote.end, doc_text(self.doc)))
        else:
            end = sentence.start_char + len(sentence.text.rstrip())  # without the paragraph break
            event.evidence.append(_span("statement", sentence.start_char, end, doc_text(self.doc)))
        self._place_and_date(event, sentence)
        return event

    def _is_background(self, sentence: SpacySpan) -> bool:
        """A statement dated in the past as context ('opposed last month') is not news."""
        return any(m.background and sentence.start_char <= m.start < sentence.end_char for m in self.dates)

    def _quote_around(self, token: Token) -> Optional[Quote]:
        for quote in self.quotes:
            if quote.start <= token.idx < quote.end:
                return quote
        return None

    def _speaker(self, typed: Typed, quote: Optional[Quote]) -> tuple[Optional[Actor], list[Span]]:
        """The actor who says it, named ACLED's way, with the words that say who it is."""
        phrase = typed.actor
        person: Optional[Person] = None
        spans: list[Span] = []
        first_person = phrase is not None and phrase.root.lower_ in ("we", "i", "us")
        if quote is not None and (phrase is None or first_person or _inside(phrase, quote)):
            person = quote.person
            if person is None and quote.speaker_start >= 0:
                phrase = self.doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
            elif person is not None:
                spans.append(_span("actor1", quote.speaker_start, quote.speaker_end, doc_text(self.doc)))
        elif phrase is not None and phrase.root.lower_ in ("he", "she") :
            person = self.attributor.person_before(phrase.start_char)
            spans.append(_span("actor1", phrase.start_char, phrase.end_char, doc_text(self.doc)))
        elif phrase is not None and phrase.root.ent_type_ == "PERSON":
            person = self.attributor.person_named(phrase.root)
        if person is not None:
            spans.append(_span("actor1", person.intro_start, person.intro_end, doc_text(self.doc)))
            return self._actor_of_person(person), spans
        if phrase is None or phrase.root.lower_ in ("they", "it", "we", "i", "who", "which"):
            return None, []
        actor = self._party(phrase)
        if actor is None:
            return None, []
        spans.append(_span("actor1", phrase.start_char, phrase.end_char, doc_text(self.doc)))
        return actor, spans

    def _party(self, phrase: SpacySpan) -> Optional[Actor]:
        """A party named ACLED's way; the article's country is assumed only for phrases that name
        no one ('the government'), never for a named person or organisation ('Trump administration')."""
        named = any(ent.label_ in ("PERSON", "ORG") for ent in phrase.ents)
        actor = self.namer.name(phrase, None if named else self.country)
        if actor is not None:
            return actor
        pointed = self.namer.country_of(phrase)  # 'Baghdad' said or was urged: its government
        if pointed is not None and phrase.root.ent_type_ in ("GPE", "NORP"):
            return Actor(name=state_title("Government", pointed[0], pointed[1]), inter=1, country_code=pointed[0])
        if named or phrase.root.ent_type_ in ACTOR_LABELS or _is_party(phrase.root):
            words = self.namer.words
            inter = 1 if phrase.root.lemma_.lower() in words["government_nouns"] else 0
            return Actor(name=phrase.text, inter=inter)
        return None

    def _actor_of_person(self, person: Person) -> Actor:
        """A person speaks for their organisation ('State Department' -> Government of the United
        States); with none named, the person is the actor."""
        intro = self.doc.char_span(person.intro_start, person.intro_end, alignment_mode="expand")
        if intro is not None and person.organisation:
            index = intro.text.find(person.organisation)
            if index >= 0:
                start = intro.start_char + index
                org = self.doc.char_span(start, start + len(person.organisation), alignment_mode="expand")
                if org is not None:
                    for candidate in (org, intro):
                        named = self.namer.name(candidate, self.country, "government" if candidate.root.ent_type_ == "NORP" else "")
                        if named is not None:
                            return named
                    return Actor(name=person.organisation, inter=1 if "ministry" in person.organisation.lower() else 8)
        name = person.name if not person.title else f"{person.name} ({person.title})"
        return Actor(name=name, inter=0)

    def _place_and_date(self, event: Event, sentence: SpacySpan) -> None:
        event.event_date, event.time_precision, date_mention = event_date_for_span(
            self.dates, sentence.start_char, sentence.end_char, self.article.published, doc_text(self.doc))
        if date_mention is not None:
            event.evidence.append(Span("event_date", date_mention.start, date_mention.end, date_mention.text))
        mention = place_for_span(self.places, sentence.start_char, sentence.end_char, self.doc)
        if mention is None or mention.place is None:
            if self.country:
                event.country = self.country[1]
            return
        place = mention.place
        event.location, event.admin1 = record_names(place)
        event.latitude, event.longitude = place.latitude, place.longitude
        event.geonameid, event.country, event.iso3 = place.geonameid, place.country, place.iso3
        event.admin2, event.geo_precision = place.admin2, mention.geo_precision
        event.evidence.append(Span("location", mention.start, mention.end, mention.text))
        event.evidence.extend(mention.evidence)


def _focus_country(places: list[PlaceMention]) -> Optional[tuple[str, str]]:
    """(code, name) of the country the article is mostly about: places count double, demonyms
    once, governments named by their capital ('Washington said') not at all."""
    weights: dict[tuple[str, str], int] = {}
    for mention in places:
        place = mention.place
        if place is None or not place.country_code or mention.role == "metonym":
            continue
        key = (place.country_code, place.country)
        weights[key] = weights.get(key, 0) + (2 if mention.role == "place" else 1)
    return max(weights, key=weights.get) if weights else None


def _inside(phrase: SpacySpan, quote: Quote) -> bool:
    return quote.start <= phrase.start_char and phrase.end_char <= quote.end


def _span(field: str, start: int, end: int, text: str) -> Span:
    return Span(field=field, start=start, end=end, text=text[start:end])
