"""How many died: reported deaths only, by ACLED's rules (unknown = 0, 'dozens' = 12)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span as SpacySpan, Token

from sitrep.events.vocab import contains_cue, vocab


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
        if _is_death_word(node):
            return node
        if node.lemma_.lower() in vocab()["injury_lemmas"]:
            return None
        for child in node.children:
            if child.dep_ in ("acomp", "amod", "acl", "relcl") and _is_death_word(child):
                return child
        if node.head is node:
            return None
        node = node.head
    return node if _is_death_word(node) else None


def _in_excluded_frame(token: Token) -> bool:
    """'among the dead were 3 children' and 'including two soldiers' split a total; they are not a total."""
    for ancestor in token.ancestors:
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


def deaths_in(sentence: SpacySpan) -> list[DeathCount]:
    """Death figures stated in a sentence, each with its words. Figures for separate victim groups add up."""
    found: list[DeathCount] = []
    for token in _number_tokens(sentence):
        if token.ent_type_ in ("DATE", "TIME", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"):
            continue
        value = _number_value(token)
        if value is None or value > 100000:
            continue
        death = _governs_death(token)
        if death is None or _in_excluded_frame(token):
            continue
        start = min(token.idx, death.idx)
        end = max(token.idx + len(token.text), death.idx + len(death.text))
        found.append(DeathCount(value, start, end, sentence.doc.text[start:end]))
    return found


def states_no_deaths(sentence: SpacySpan) -> bool:
    return contains_cue(sentence.text.lower(), vocab()["no_fatality_phrases"]) is not None


def sentence_total(sentence: SpacySpan) -> Optional[DeathCount]:
    counts = deaths_in(sentence)
    if not counts:
        return None
    total = sum(c.number for c in counts)
    return DeathCount(total, counts[0].start, counts[-1].end, sentence.doc.text[counts[0].start:counts[-1].end])


def conservative(counts: list[DeathCount]) -> Optional[DeathCount]:
    """ACLED takes the lowest figure when reports of the same event differ."""
    counts = [c for c in counts if c.number > 0]
    return min(counts, key=lambda c: c.number) if counts else None
