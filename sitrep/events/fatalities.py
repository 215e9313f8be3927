"""How many died: reported deaths only, by ACLED's rules (unknown = 0, 'dozens' = 12)."""
from __future__ import annotations

from sitrep.language.nlp import doc_text

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Span as SpacySpan, Token

from sitrep.events.vocab import contains_cue, vocab
from sitrep.records import DateMention


@dataclass
class DeathCount:
    number: int
    start: int
    end: int
    text: str


def _number_value(token: Token) -> Optional[int]:
    words = vocab()
    text = token.text.lower().replace(",", "")
    if text.isdigit():
        return int(text)
    if text in words["count_words"] and text not in ("a", "an"):
        return words["count_words"][text]
    if text in words["vague_numbers"]:
        return words["vague_numbers"][text] or None
    return None


def _is_death_word(token: Token) -> bool:
    return token.lemma_.lower() in vocab()["kill_lemmas"] or token.lower_ in ("dead", "killed", "died", "deaths")


def _governs_death(token: Token, limit: int = 3) -> Optional[Token]:
    """Walk up from a number to the word that makes it a death count ('killing 13', '13 people died')."""
    node = token
    for _ in range(limit):
        if _is_death_word(node) or _kills(node):  # _kills: 'shot two villagers to death'
            return node
        if node.lemma_.lower() in vocab()["injury_lemmas"]:
            return None
        for child in node.children:
            if child.dep_ in ("acomp", "amod", "acl", "relcl") and _is_death_word(child):
                return child
            if child.dep_ == "conj" and node.pos_ == "VERB" and child.pos_ == "VERB" and _is_death_word(child):
                return child  # '2 members were shot and killed
        if node.head is node or _counts_the_killers(node):
            return None
        node = node.head
    return node if _is_death_word(node) else None


def _counts_the_killers(node: Token) -> bool:
    """'two militants shot and killed a civilian': the subject of a killing verb with an object is
    who killed, not who died ('one soldier killed' and 'were killed' tell the dead)."""
    if node.dep_ != "nsubj" or node.head.pos_ != "VERB":
        return False
    verbs = [node.head, *node.head.conjuncts]
    return any((_kills(verb) or verb.lemma_.lower() in vocab()["killing_verbs"])
               and any(c.dep_ == "dobj" for c in verb.children) for verb in verbs)


def _in_excluded_frame(token: Token) -> bool:
    """'among the dead were 3 children' and 'including two soldiers' split a total; they are not a total.
    'by two armed men' counts attackers."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "agent":
            return True
        if ancestor.dep_ == "prep" and ancestor.lower_ in ("among", "including", "of"):
            return True
        if ancestor.lemma_ in ("include",):
            return True
        if ancestor.pos_ == "VERB":
            break
    return False


def _number_tokens(sentence: SpacySpan):
    for token in sentence:
        if token.like_num or token.lower_ in vocab()["vague_numbers"]:
            yield token
        elif token.lower_ in ("one", "two", "three") or token.lower_ in vocab()["count_words"] and token.lower_ not in ("a", "an", "both", "pair", "couple"):
            yield token


def deaths_in(sentence: SpacySpan, dates: Sequence[DateMention] = ()) -> list[DeathCount]:
    """Death figures stated in a sentence, each with its words. Figures for separate victim groups
    add up. A number inside one of ``dates`` is a day, whatever the parser's entities say
    ('Around 7 May 2020 (as reported), 1 soldier was killed')."""
    found: list[DeathCount] = []
    for token in _number_tokens(sentence):
        if token.ent_type_ in ("DATE", "TIME", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"):
            continue
        if any(d.start <= token.idx < d.end for d in dates):
            continue
        value = _number_value(token)
        if value is None or value > 100000:
            continue
        death = _governs_death(token)
        if death is None or _in_excluded_frame(token) or _died_by_accident(death):
            continue
        value = _mixed_with_injuries(death, value)
        if value is None:
            continue
        start = min(token.idx, death.idx)
        end = max(token.idx + len(token.text), death.idx + len(death.text))
        found.append(DeathCount(value, start, end, doc_text(sentence.doc)[start:end]))
    return found


def _died_by_accident(death: Token) -> bool:
    """'a colleague was killed in a road accident': a death no one dealt, whatever the riot it set off."""
    for child in death.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "after"):
            told = " ".join(t.lower_ for t in child.subtree)
            if contains_cue(told, vocab()["accident_cues"]):
                return True
    return False


def _mixed_with_injuries(death: Token, value: int) -> Optional[int]:
    """'killed or injured 4': no death count; 'killed and wounded 7': ACLED counts half."""
    injuries = vocab()["injury_lemmas"]
    for other in list(death.conjuncts):
        if any(c.dep_ in ("dobj", "nsubjpass", "nsubj") for c in other.children):
            continue  # 'killing three and wounding five others': two counts, not one shared
        if other.lemma_.lower() in injuries:
            joiner = [c.lower_ for c in death.children if c.dep_ == "cc"] + [c.lower_ for c in other.head.children if c.dep_ == "cc"]
            return None if "or" in joiner else value // 2
    return value


PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def _kills(token: Token) -> bool:
    """'killed', 'assassinated', and 'shot dead' / 'beaten to death'."""
    words = vocab()
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB":
        return False
    if lemma in words["killing_verbs"]:
        return True
    if lemma in words["discovery_lemmas"] and any(c.lower_ == "dead" and c.dep_ in ("acomp", "oprd", "xcomp", "advmod")
                                                  for c in token.children):
        return True  # 'a man was found dead'
    if lemma in words["to_death_verbs"]:
        if any(c.dep_ == "conj" and c.lemma_.lower() == "die" for c in token.children):
            return True  # 'a suspect was shot and died'
        for child in token.children:
            if child.lower_ in ("dead",) and child.dep_ in ("acomp", "oprd", "advmod", "amod", "xcomp", "dobj"):
                return True
            if child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ == "death" for g in child.children):
                return True
    return False


def single_victims(sentence: SpacySpan) -> list[DeathCount]:
    """Victims named one by one ('a man was shot dead', 'killing a woman and her son', 'a woman died')."""
    found = []
    for token in sentence:
        dies = token.pos_ == "VERB" and token.lemma_.lower() == "die"  # 'a woman died'
        if not (_kills(token) or dies) or _mixed_with_injuries(token, 1) is None or _died_by_accident(token):
            continue
        roles = ("nsubj",) if dies else ("dobj", "nsubjpass")
        victims = [c for c in token.children if c.dep_ in roles]
        if not victims and token.dep_ == "conj":
            # 'a man was shot and killed': the second verb shares the first one's victim
            victims = [c for c in token.head.children if c.dep_ in roles]
        for victim in victims:
            if any(c.dep_ == "nummod" or (c.like_num and c.ent_type_ != "ORDINAL") for c in victim.children) or victim.like_num:
                continue  # counted as a number ('a 1st lieutenant' is one man)
            # 'in Recife, Pernambuco, a man was killed': the parser may make the state a victim too
            people = [p for p in [victim, *victim.conjuncts] if p.ent_type_ not in PLACE_ENTITIES]
            count = sum(1 for p in people if _one_person(p))
            if count and not any(p.tag_ in ("NNS", "NNPS") for p in people):
                start, end = min(victim.idx, token.idx), max(token.idx + len(token.text), victim.idx + len(victim.text))
                found.append(DeathCount(count, start, end, doc_text(sentence.doc)[start:end]))
    return found


def bodies_found(sentence: SpacySpan) -> list[DeathCount]:
    """'the body of a man was found' is one dead, 'the bodies of three men' or 'two bodies' three
    and two, 'two human heads' two: a body found is a death, whoever dealt it."""
    words = vocab()
    found = []
    for token in sentence:
        if not _is_body(token):
            continue
        verb = token.head
        if token.dep_ not in ("nsubjpass", "dobj") or verb.lemma_.lower() not in words["discovery_lemmas"]:
            continue
        count = _number_of(token)
        if count is None:
            owners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            count = next((n for n in (_number_of(o) for o in owners) if n is not None), None)
            if count is None:
                count = 1 if token.tag_ == "NN" else None
        if count:
            start, end = min(token.idx, verb.idx), max(token.idx + len(token.text), verb.idx + len(verb.text))
            found.append(DeathCount(count, start, end, doc_text(sentence.doc)[start:end]))
    return found


def _is_body(token: Token) -> bool:
    """'body', 'corpse', and a 'human head' found: each one dead."""
    if token.pos_ != "NOUN":
        return False
    lemma = token.lemma_.lower()
    return lemma in ("body", "corpse") or (lemma in ("head", "skull") and any(c.lower_ == "human" for c in token.children))


def _number_of(token: Token) -> Optional[int]:
    for child in token.children:
        if child.dep_ == "nummod":
            value = _number_value(child)
            if value is not None:
                return value
    return None


def _one_person(token: Token) -> bool:
    if token.tag_ in ("NN", "NNP") and token.pos_ in ("NOUN", "PROPN"):
        return True
    # 'killed a civilian' where the tagger read 'civilian' as an adjective
    return token.pos_ == "ADJ" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


def states_no_deaths(sentence: SpacySpan) -> bool:
    return contains_cue(sentence.text.lower(), vocab()["no_fatality_phrases"]) is not None


def sentence_total(sentence: SpacySpan, dates: Sequence[DateMention] = ()) -> Optional[DeathCount]:
    counts = deaths_in(sentence, dates) or single_victims(sentence) or bodies_found(sentence)
    if not counts:
        return None
    total = sum(c.number for c in counts)
    return DeathCount(total, counts[0].start, counts[-1].end, doc_text(sentence.doc)[counts[0].start:counts[-1].end])


def conservative(counts: list[DeathCount]) -> Optional[DeathCount]:
    """ACLED takes the lowest figure when reports of the same event differ."""
    counts = [c for c in counts if c.number > 0]
    return min(counts, key=lambda c: c.number) if counts else None
