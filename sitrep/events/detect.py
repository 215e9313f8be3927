"""Find event mentions: a trigger word in a sentence that reports something that happened."""
from __future__ import annotations

from sitrep.language.nlp import doc_text

import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span as SpacySpan, Token

from sitrep.events.vocab import contains_cue, is_habitual, triggers, vocab


@dataclass
class Mention:
    trigger: Token
    phrase: SpacySpan  # the trigger's words, used as evidence for the event type
    sentence: SpacySpan
    rule: dict  # the trigger entry from triggers.jsonl

    @property
    def event_type(self) -> str:
        return self.rule["event_type"]


@functools.lru_cache(maxsize=4)
def _matcher(vocab_id: int, nlp_vocab) -> Matcher:
    matcher = Matcher(nlp_vocab)
    for index, entry in enumerate(triggers()):
        matcher.add(str(index), [entry["pattern"]])
    return matcher


def tells_an_unreal_event(span: SpacySpan) -> bool:
    """Whether the span's trigger words tell only of an event denied, supposed or aimed at
    ('the rebels vowed to ambush convoys', 'no clashes were reported')."""
    words, rules = vocab(), triggers()
    found = False
    for match_id, start, end in _matcher(id(span.doc.vocab), span.doc.vocab)(span):
        rule = rules[int(span.doc.vocab.strings[match_id])]
        head = span.start + start + rule["head"]
        trigger = span.doc[head] if head < span.start + end else span.doc[span.start + start]
        if not (_negated(trigger) or _hypothetical(trigger, words) or _purpose_clause(trigger)):
            return False
        found = True
    return found


SPORTS_ARTICLE_CUES = 4  # distinct sports words that make an article a sports story


def is_sports_story(doc: Doc) -> bool:
    lowered = doc_text(doc).lower()
    found = {cue for cue in vocab()["sports_cues"] if contains_cue(lowered, (cue,))}
    return len(found) >= SPORTS_ARTICLE_CUES


def find_mentions(doc: Doc, body_end: int | None = None) -> list[Mention]:
    """Trigger matches that pass the checks for real, reported, non-figurative events."""
    matcher = _matcher(id(doc.vocab), doc.vocab)
    sports = is_sports_story(doc)
    rules = triggers()
    seen: set[int] = set()
    mentions: list[Mention] = []
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        rule = rules[int(doc.vocab.strings[match_id])]
        trigger = doc[start + rule["head"]] if start + rule["head"] < end else doc[start]
        if trigger.i in seen:
            continue
        if body_end is not None and trigger.idx >= body_end:
            continue
        sentence = trigger.sent
        if not reports_real_event(trigger, sentence, doc[start:end]):
            continue
        if rule["event_type"] == "Protests" and _accused_of(trigger):
            continue  # 'detained 30 men, accusing them of joining a protest': the arrest is the event
        if sports and not any(ent.label_ == "FORCE" for ent in sentence.ents):
            continue  # 'the boys fought for every ball'
        if _habitual_clause(trigger):
            continue
        if rule["event_type"] in ACCIDENT_PRONE_TYPES and tells_an_accident(sentence) \
                and not any(ent.label_ == "FORCE" for ent in sentence.ents):
            continue  # 'killed after crashing his car', 'a gas explosion': deaths, but no one's violence  # 'bandits have killed thousands over the past decade': a trend, not an event
        seen.update(range(start, end))
        mentions.append(Mention(trigger, doc[start:end], sentence, rule))
    return _without_consequences(_without_acting_participants(mentions))


def tells_an_accident(sentence: SpacySpan) -> bool:
    """An accident word outside the names of the sentence: a soldier of the 'Storm Brigade' was
    hurt by a bomb, not by a storm ('Hurricane Maria' is an event's name and still counts)."""
    return contains_cue(words_outside_names(sentence), vocab()["accident_cues"])


NAME_LABELS = frozenset({"ORG", "FORCE", "PERSON", "NORP", "FAC", "GPE", "LOC"})


def words_outside_names(sentence: SpacySpan) -> str:
    """The sentence in lower case with its named groups, people and places blanked out (also the
    names of armed groups the tagger missed: 'the Desert Storm Battalion')."""
    text = sentence.text
    offset = sentence.start_char
    spans = [(ent.start_char, ent.end_char) for ent in sentence.ents if ent.label_ in NAME_LABELS]
    heads = vocab()["armed_org_heads"]
    spans += [(t.idx, t.idx + len(t.text)) for t in sentence
              if t.is_title and t.dep_ in ("compound", "amod") and t.head.is_title and t.head.lower_ in heads]
    for a, b in spans:
        a, b = a - offset, b - offset
        text = text[:a] + " " * (b - a) + text[b:]
    return text.lower()


# deaths an accident can explain; a protest or riot over an accident is still one ('rallied outside
# the court demanding justice for a man who died in a road accident')
ACCIDENT_PRONE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _without_acting_participants(mentions: list[Mention]) -> list[Mention]:
    """'demonstrators attacked officials': the attack is the event; the people doing it are its
    actors, not a second event."""
    triggers_at = {m.trigger.i for m in mentions}
    participants = vocab()["participant_nouns"]
    return [m for m in mentions if not (m.trigger.lemma_.lower() in participants and m.trigger.dep_ == "nsubj"
                                        and m.trigger.head.i in triggers_at)]


CONSEQUENCE_RULES = {"kill", "massacre_noun"}


def _without_consequences(mentions: list[Mention]) -> list[Mention]:
    """'attacked a base, killing five soldiers': the killing is the attack's toll, not an event."""
    kills_at = {m.trigger.i for m in mentions if m.rule["id"] == "kill"}
    # 'gunmen shot dead a man': 'dead' completes the killing verb, it is no body found
    mentions = [m for m in mentions if not (m.rule["id"] == "found_dead" and m.trigger.head.i in kills_at
                                            and m.trigger.dep_ in ("acomp", "oprd", "xcomp", "advmod", "amod"))]
    triggers_at = {m.trigger.i for m in mentions}
    consequences_at = {m.trigger.i for m in mentions if m.rule["id"] in CONSEQUENCE_RULES}
    arrest_sentences = {m.sentence.start for m in mentions if m.rule["id"] == "arrest"}
    arrests_at = {m.trigger.i for m in mentions if m.rule["id"] == "arrest"}
    kept = []
    for mention in mentions:
        if mention.rule["id"] == "ambush" and mention.trigger.lemma_ == "raid" and mention.sentence.start in arrest_sentences:
            continue  # 'arrested five men in a raid on a house': the raid is how they were arrested
        if mention.rule["id"] in CONSEQUENCE_RULES:
            ancestors = list(mention.trigger.ancestors)
            # a verb joined by 'and' is the next thing done ('shot two men and seized pills'), not what governs
            governors = {t.i for t in ancestors} | {c.i for c in mention.trigger.children if c.dep_ != "conj"}
            governors |= {c.i for t in ancestors[:2] for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")}
            # 'were shot and killed': two verbs of one killing, neither the other's toll
            twins = {t.i for t in mention.trigger.conjuncts} & consequences_at
            # 'arrested and beat a leader': the beating is violence of its own, not the arrest's toll
            arrested_then = {mention.trigger.head.i} & arrests_at if mention.trigger.dep_ == "conj" else set()
            if governors & (triggers_at - {mention.trigger.i} - twins - arrested_then):
                continue
        kept.append(mention)
    return kept




def _habitual_clause(trigger: Token) -> bool:
    """A trend in the trigger's clause or a clause above it ('have killed thousands over the past decade')."""
    for clause in [trigger] + [t for t in trigger.ancestors if t.pos_ in ("VERB", "AUX")]:
        modifiers = [c for c in clause.children if c.dep_ in ("prep", "npadvmod", "advmod", "dobj")]
        text = " ".join([clause.text] + [_without_inner_clauses(c) for c in modifiers])
        if is_habitual(text):
            return True
    return False


def _accused_of(trigger: Token) -> bool:
    """The trigger is what someone is accused or suspected of ('accusing them of joining a protest')."""
    words = vocab()["accusation_words"]
    return any(t.lemma_.lower() in words for t in list(trigger.ancestors)[:4])


def _without_inner_clauses(head: Token) -> str:
    """The words under ``head`` less the clauses inside it: in 'a protest against the mayor and the
    way he has been running the city for 20 years', the 20 years are the mayor's, not the protest's."""
    inner = {t.i for t in head.subtree if t is not head and t.dep_ in ("relcl", "acl", "ccomp", "advcl")}
    skipped = {t.i for i in inner for t in head.doc[i].subtree}
    return " ".join(t.text for t in head.subtree if t.i not in skipped)


def reports_real_event(trigger: Token, sentence: SpacySpan, phrase: SpacySpan | None = None) -> bool:
    words = vocab()
    if _negated(trigger) or _hypothetical(trigger, words) or _purpose_clause(trigger):
        return False
    inside = set(range(phrase.start, phrase.end)) if phrase is not None else {trigger.i}
    if _figurative(trigger, sentence, words, inside):
        return False
    if trigger.pos_ in ("NOUN", "PROPN") and (_generic_noun_use(trigger) or _described_not_reported(trigger) or _grievance(trigger, words)):
        return False
    return True


def _grievance(trigger: Token, words: dict) -> bool:
    """'protested against the arrest of X', 'demanding the release': what a protest is about."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in words["grievance_prepositions"]:
        return True
    return trigger.dep_ == "dobj" and head.lemma_.lower() in ("demand", "denounce", "condemn", "protest", "decry", "oppose")


def _described_not_reported(trigger: Token) -> bool:
    """'The assault capped a campaign', 'the takeover was complicated by': a past event as a topic."""
    if trigger.dep_ not in ("nsubj", "nsubjpass"):
        return False
    words = vocab()
    if trigger.dep_ == "nsubj" and trigger.lemma_.lower() in words["participant_nouns"]:
        # 'Rioters closed the highway': the participants acting are the event
        return trigger.head.lemma_.lower() not in words["participant_action_verbs"]
    return trigger.head.lemma_ not in words["occurrence_verbs"]


def _negated(trigger: Token) -> bool:
    if any(child.dep_ == "neg" for child in trigger.children):
        return True
    head = trigger.head
    if trigger.dep_ in ("dobj", "nsubjpass", "attr") and any(c.dep_ == "neg" for c in head.children):
        return True
    return any(child.lower_ in ("no", "without") for child in trigger.children if child.dep_ == "det")


def _hypothetical(trigger: Token, words: dict) -> bool:
    """'would meet resistance', 'threatened to attack', 'had been planning attacks on rallies'."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if any(child.dep_ == "aux" and child.lower_ in words["modal_words"] for child in verb.children):
        return True
    for depth, token in enumerate([verb] + list(verb.ancestors)):
        if depth > 3:
            break
        if token is not trigger and token.lemma_ in words["hypothetical_lemmas"] and token.i < trigger.i:
            return True
        if depth == 1 and any(child.dep_ == "aux" and child.lower_ in words["modal_words"] for child in token.children) and verb.dep_ in ("xcomp", "ccomp"):
            return True
    return False


def _purpose_clause(trigger: Token) -> bool:
    """'launched a campaign to reclaim areas': the reclaiming is an aim, not a report."""
    if trigger.pos_ != "VERB":
        return False
    has_to = any(child.dep_ == "aux" and child.lower_ == "to" for child in trigger.children)
    if any(child.dep_ == "aux" and child.lemma_ == "have" for child in trigger.children):
        return False  # 'claimed to have ambushed a convoy': a deed reported, not an aim
    if has_to and trigger.dep_ == "advcl" and trigger.head.lemma_.lower() in vocab()["gathering_verbs"]:
        return False  # 'women gathered outside the prison to protest': the gathering is the protest
    return has_to and trigger.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp")


def _figurative(trigger: Token, sentence: SpacySpan, words: dict, inside: set[int]) -> bool:
    for child in trigger.children:
        if child.dep_ in ("dobj", "pobj", "prep") and child.i not in inside:
            objects = [child] if child.dep_ != "prep" else [g for g in child.children if g.dep_ == "pobj"]
            if any(obj.lemma_.lower() in words["figurative_objects"] for obj in objects):
                return True
    lowered = sentence.text.lower()
    if trigger.lemma_ in ("attack", "strike", "battle", "fight", "shoot", "clash", "kill", "capture", "take", "seize", "gain", "assault") and contains_cue(lowered, words["sports_cues"]):
        # 'villagers attacked a team of police': a force named by a common noun is no sports side
        return not any(ent.label_ == "FORCE" for ent in sentence.ents) and not contains_cue(lowered, words["conflict_context_words"])
    return False


def _generic_noun_use(trigger: Token) -> bool:
    """'partners in the fight against X', 'attack helicopters': the noun names no occurrence."""
    if trigger.dep_ == "compound":
        return True
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        holder = trigger.head.head
        if holder.pos_ in ("NOUN", "PROPN") and trigger.head.lower_ in ("in", "for", "of") and holder.lemma_ in (
            "partner", "ally", "role", "part", "strategy", "war", "campaign", "coalition", "effort", "threat", "risk", "fear", "plan", "history", "leader", "anniversary", "memory", "victim", "veteran", "support", "face", "wake", "aftermath",
        ):
            return True
    return False
