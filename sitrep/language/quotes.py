"""Quote attribution: every quotation in an article linked to who said it.

A speaker is a person with their title and organisation as the article introduces them
("State Department spokeswoman Heather Nauert", "Lt. Gen. Jabbar Yawar, secretary general of the
Peshmerga ministry"), or an organisation when no person is named ("the Iraqi army said").
Later mentions ("Nauert", "he") are resolved back to that introduction:

- a speech verb next to the quote names the speaker ("..., Nauert said", "he said of Iraqi forces",
  "said that the city “...”");
- a pronoun stands for the last person who was the subject of a clause, looking back a few
  sentences (the speaker may be named two sentences earlier);
- a quote with no speech verb of its own continues the previous quote's speaker.

Plain functions over a parsed spaCy Doc; the words that matter are data (patterns/speech.json).
"""
from __future__ import annotations

from sitrep.language.nlp import doc_text

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

# opening mark -> closing mark; straight quotes close themselves
QUOTE_MARKS = {"“": "”", '"': '"', "«": "»", "„": "“"}
MIN_QUOTE_WORDS = 3  # shorter quoted words are scare quotes or titles unless a speech verb claims them
_QUOTE = re.compile(r"“([^“”]+)”|\"([^\"\n]+)\"|«([^«»]+)»|„([^„“]+)“")
_DETERMINERS = {"a", "an", "the"}


@functools.lru_cache(maxsize=1)
def speech_words() -> dict:
    text = (resources.files("sitrep.language") / "patterns" / "speech.json").read_text(encoding="utf-8")
    raw = json.loads(text)
    return {key: (frozenset(value) if isinstance(value, list) else value) for key, value in raw.items()}


@dataclass
class Person:
    """A person as the article introduces them (their fullest mention)."""
    name: str
    title: str = ""  # office: "spokeswoman", "secretary general", "Prime Minister"
    organisation: str = ""  # as written: "State Department", "Peshmerga ministry"
    honorific: str = ""  # rank written before the name when an office follows it: "Lt. Gen."
    start: int = -1  # the introduction's name span
    end: int = -1
    intro_start: int = -1  # the whole introduction, title and organisation included
    intro_end: int = -1


@dataclass
class Quote:
    """Quoted words (inside the marks) and who said them."""
    text: str
    start: int
    end: int
    speaker: str = ""  # a person's full name, or an organisation when no person is named
    title: str = ""
    organisation: str = ""
    speaker_text: str = ""  # the words in the attribution: "he", "Nauert", "the Iraqi army"
    speaker_start: int = -1
    speaker_end: int = -1
    cue: str = ""  # the speech verb: "said", "warned"
    cue_start: int = -1
    cue_end: int = -1
    attribution: str = ""  # "after" the quote, "before" it, "continued" from the last quote, or ""
    person: Optional[Person] = field(default=None, repr=False)

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "person"}


def quotes(doc: Doc) -> list[Quote]:
    """Every quotation in the article with its speaker (empty speaker when none can be found)."""
    return Attributor(doc).quotes()


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks, in text order."""
    spans = []
    for match in _QUOTE.finditer(text):
        group = next(g for g in range(1, 5) if match.group(g) is not None)
        start, end = match.start(group), match.end(group)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


class Attributor:
    """People of one article and who a speech verb's subject stands for."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.words = speech_words()
        self.people: list[Person] = []
        self._by_key: dict[str, Person] = {}
        self._mentions: list[tuple[int, int, Person, bool]] = []  # start, end, person, is a subject
        self._find_people()

    # -- people ---------------------------------------------------------------------------------

    def _find_people(self) -> None:
        for start, end in self._person_spans():
            tokens = self.doc[start:end]
            key = _name_key(tokens)
            if not key:
                continue
            person = self._by_key.get(key)
            if person is None or (len(tokens) > 1 and len(person.name.split()) < 2):
                person = self._introduce(tokens)
                for part in _name_parts(tokens):
                    self._by_key.setdefault(part, person)
                self._by_key[key] = person
                if person not in self.people:
                    self.people.append(person)
            is_subject = any(t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ in ("compound", "flat") and t.head.dep_ in ("nsubj", "nsubjpass"))
                             for t in tokens)
            self._mentions.append((tokens.start_char, tokens.end_char, person, is_subject))

    def _person_spans(self) -> list[tuple[int, int]]:
        """PERSON entities, made whole where the model cut a hyphenated name ('al-' | 'Shimaari')."""
        spans = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = ent.start, ent.end
            while end < len(self.doc) and (self.doc[end - 1].text == "-" or (self.doc[end].text == "-" and not self.doc[end - 1].whitespace_)):
                if not (self.doc[end].text == "-" or self.doc[end].is_title or self.doc[end].is_upper):
                    break
                end += 1
            if spans and spans[-1][1] >= start:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans

    def _introduce(self, tokens: SpacySpan) -> Person:
        person = Person(name=_clean_name(tokens), start=tokens.start_char, end=tokens.end_char)
        left_title, left_org, left_start = self._title_before(tokens)
        role, organisation, appos_end = self._apposition(tokens)
        person.title = role or left_title
        person.honorific = left_title if role else ""
        person.organisation = organisation or left_org
        person.intro_start = left_start if left_start >= 0 else tokens.start_char
        person.intro_end = appos_end if appos_end >= 0 else tokens.end_char
        return person

    def _title_before(self, tokens: SpacySpan) -> tuple[str, str, int]:
        """'State Department spokeswoman' before 'Heather Nauert': (title, organisation, start)."""
        doc, titles = self.doc, self.words["titles"]
        i = tokens.start - 1
        while i >= 0 and not ("\n" in doc[i].text or "\n" in doc[i].whitespace_):
            token = doc[i]
            is_title = token.lower_ in titles or token.lower_.rstrip(".") in titles
            is_named = token.ent_type_ in ("ORG", "NORP", "FORCE", "GPE") and token.ent_iob_ in ("B", "I")
            is_abbreviation_dot = token.text == "." and i > 0 and not doc[i - 1].whitespace_
            if not (is_title or is_named or is_abbreviation_dot or (token.pos_ == "PROPN" and token.head.i >= tokens.start)):
                break
            i -= 1
        words = doc[i + 1: tokens.start]
        if not len(words):
            return "", "", -1
        named = ("ORG", "NORP", "FORCE", "GPE")
        organisation = "".join(t.text_with_ws for t in words if t.ent_type_ in named).strip()
        title = "".join(t.text_with_ws for t in words if t.ent_type_ not in named).strip()
        return title, organisation, words.start_char

    def _apposition(self, tokens: SpacySpan) -> tuple[str, str, int]:
        """', a commander of the counterterrorism service,': (role, organisation, end)."""
        doc = self.doc
        if tokens.end >= len(doc) - 1 or doc[tokens.end].text != ",":
            return "", "", -1
        j = tokens.end + 1
        stop = min(len(doc), j + 14)
        end = j
        while end < stop and doc[end].text not in (",", ".", ";", "“", '"') and "\n" not in doc[end].text:
            end += 1
        phrase = doc[j:end]
        if not len(phrase) or phrase[0].pos_ in ("VERB", "AUX", "PRON", "ADP", "SCONJ"):
            return "", "", -1
        lemmas = {t.lower_ for t in phrase}
        if not lemmas & (self.words["titles"] | self.words["organisation_nouns"]):
            return "", "", -1
        words = [t for t in phrase]
        while words and words[0].lower_ in _DETERMINERS:
            words = words[1:]
        text = " ".join(t.text for t in words)
        role, _, organisation = text.partition(" of ")
        organisation = re.sub(r"^(the|a|an)\s+", "", organisation.strip(), flags=re.I)
        if not organisation:
            owner = [t for t in words if t.dep_ == "poss" or t.text in ("'s", "’s")]
            if owner:  # "the army's spokesman"
                cut = words.index(owner[-1])
                organisation = " ".join(t.text for t in words[:cut + 1]).replace(" 's", "").replace(" ’s", "")
                role = " ".join(t.text for t in words[cut + 1:])
        return role.strip(), organisation, phrase.end_char

    def person_named(self, token: Token) -> Optional[Person]:
        """The person a name token (any part of their name) belongs to."""
        return self._by_key.get(_fold(token.text))

    def person_before(self, position: int) -> Optional[Person]:
        """Who 'he'/'she' at ``position`` stands for: the last person who was a clause's subject in
        the last few sentences (any last-named person when none was a subject)."""
        limit = self._sentence_start_back(position, int(self.words["max_sentences_back"]))
        earlier = [m for m in self._mentions if limit <= m[0] and m[1] <= position]
        subjects = [m for m in earlier if m[3]]
        chosen = (subjects or earlier)
        return chosen[-1][2] if chosen else None

    def _sentence_start_back(self, position: int, count: int) -> int:
        starts = [s.start_char for s in self.doc.sents if s.start_char <= position]
        return starts[-count] if len(starts) >= count else 0

    # -- speakers -------------------------------------------------------------------------------

    def speaker_of(self, verb: Token) -> Optional[tuple[str, Optional[Person], int, int]]:
        """(speaker text, person, start, end) for a speech verb's subject, or None."""
        subject = _subject(verb)
        if subject is None:
            return None
        words = self.words
        if subject.lower_ in words["person_pronouns"]:
            person = self.person_before(subject.idx)
            return (subject.text, person, subject.idx, subject.idx + len(subject.text)) if person else None
        person = self.person_named(subject) if subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN" else None
        if person is not None:
            return subject.text, person, subject.idx, subject.idx + len(subject.text)
        if subject.lower_ in words["group_pronouns"]:
            return None
        phrase = self.doc[subject.left_edge.i: subject.i + 1]
        while len(phrase) and phrase[0].lower_ in _DETERMINERS:
            phrase = phrase[1:]
        if not len(phrase):
            return None
        return phrase.text, None, phrase.start_char, phrase.end_char

    def quotes(self) -> list[Quote]:
        spans = quotation_spans(doc_text(self.doc))
        found: list[Quote] = []
        for index, (start, end) in enumerate(spans):
            low = spans[index - 1][1] + 1 if index else 0
            high = spans[index + 1][0] - 1 if index + 1 < len(spans) else len(doc_text(self.doc))
            quote = Quote(text=doc_text(self.doc)[start:end], start=start, end=end)
            claimed = self._attribute(quote, max(low, _paragraph_start(doc_text(self.doc), start)),
                                      min(high, _paragraph_end(doc_text(self.doc), end)))
            if not claimed and found and _continues(doc_text(self.doc), found[-1], quote):
                _copy_speaker(found[-1], quote, "continued")
                claimed = True
            if claimed or len(quote.text.split()) >= MIN_QUOTE_WORDS:
                found.append(quote)
        return found

    def _attribute(self, quote: Quote, low: int, high: int) -> bool:
        """Find the speech verb next to the quote (after it first, then before it)."""
        after = [t for t in self._speech_verbs(quote.end, high)]
        before = [t for t in reversed(self._speech_verbs(low, quote.start))]
        for verb, side in [(t, "after") for t in after] + [(t, "before") for t in before]:
            found = self.speaker_of(verb)
            if found is None:
                continue
            text, person, s_start, s_end = found
            quote.speaker_text, quote.speaker_start, quote.speaker_end = text, s_start, s_end
            quote.cue, quote.cue_start, quote.cue_end = verb.text, verb.idx, verb.idx + len(verb.text)
            quote.attribution = side
            if person is not None:
                quote.person = person
                quote.speaker, quote.title, quote.organisation = person.name, person.title, person.organisation
            else:
                quote.speaker, quote.organisation = text, text
            return True
        return False

    def _speech_verbs(self, start: int, end: int) -> list[Token]:
        lemmas = self.words["speech_lemmas"]
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return []
        return [t for t in span if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lemmas]


def _subject(verb: Token) -> Optional[Token]:
    """The verb's subject; a conjoined verb ('called ... and said') shares its head's."""
    while True:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        for child in verb.rights:  # '..., said Nauert'
            if child.dep_ in ("dobj", "attr", "npadvmod") and child.ent_type_ == "PERSON":
                return child
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None


def _continues(text: str, previous: Quote, quote: Quote) -> bool:
    """A quote with no speech verb continues the last one when no other paragraph sits between."""
    if not previous.speaker:
        return False
    between = text[previous.end: quote.start]
    return between.count("\n\n") + between.count("\n") // 2 <= 1 or len(between) < 200


def _copy_speaker(source: Quote, target: Quote, how: str) -> None:
    for name in ("speaker", "title", "organisation", "speaker_text", "speaker_start", "speaker_end", "person"):
        setattr(target, name, getattr(source, name))
    target.attribution = how


def _paragraph_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _fold(text: str) -> str:
    return text.casefold().replace("’s", "").replace("'s", "").strip(" .,")


def _name_parts(tokens: SpacySpan) -> list[str]:
    """Keys a later mention may use: the surname and its part after 'al-'."""
    words = _clean_name(tokens).split()
    parts = [_fold(words[-1])] if words else []
    if parts and "-" in parts[0]:
        parts.append(parts[0].split("-")[-1])
    return parts


def _name_key(tokens: SpacySpan) -> str:
    parts = _name_parts(tokens)
    return parts[0] if parts else ""


def _clean_name(tokens: SpacySpan) -> str:
    text = tokens.text
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"(’s|'s)$", "", text).strip()
