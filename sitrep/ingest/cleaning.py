"""Telling article body from page furniture in plain text.

Plain-text articles keep their text exactly as read (character offsets must index the file), so
the trailing boilerplate is not deleted from them: ``footer_start(text)`` says where it begins
and later stages ignore ``text[footer_start(text):]``. Text that sitrep writes itself (extracted
from HTML or a feed) is cleaned for real with ``clean_extracted_text``.

The phrases are data: ``data/boilerplate.txt`` (furniture lines: "Comments are closed.",
"X in Y contributed to this report.", "Follow us on ...") and ``data/link_headings.txt``
(headings over a list of links to other stories: "Read more:", "Related stories").
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from lxml import etree
from lxml import html as lxml_html

# A headline (an article's title, or a link title under "Read more:") is one short line.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30
LINK_TITLE_MAX_CHARS = 160

# A line ending in a lowercase word and a full stop is a sentence ("... on Sunday."), while a
# headline either has no full stop or ends in an abbreviation ("... says U.S.").
_SENTENCE_END = re.compile(r"(?:[a-z]{2,}[.]|[.!?][\"'”’)\]]*)$")
_TITLE_MARKUP = re.compile(r"^#+\s*")  # Markdown heading marks

# Elements whose end is a paragraph break when HTML is flattened to text.
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "tr", "table", "pre", "hr", "dd", "dt",
})
_NOT_TEXT_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "figure", "figcaption")


def _load_patterns(name: str) -> re.Pattern[str]:
    text = resources.files("sitrep.ingest").joinpath(f"data/{name}").read_text("utf-8")
    patterns = [
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    # One alternation compiled once: a line is tested with a single fullmatch.
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


@lru_cache(maxsize=1)
def boilerplate_pattern() -> re.Pattern[str]:
    return _load_patterns("boilerplate.txt")


@lru_cache(maxsize=1)
def link_heading_pattern() -> re.Pattern[str]:
    return _load_patterns("link_headings.txt")


def is_boilerplate_line(line: str) -> bool:
    return boilerplate_pattern().fullmatch(line.strip()) is not None


def is_link_heading(line: str) -> bool:
    return link_heading_pattern().fullmatch(line.strip()) is not None


def _is_link_title(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) <= LINK_TITLE_MAX_CHARS and not _SENTENCE_END.search(stripped)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.splitlines(keepends=True):
        lines.append((offset, line))
        offset += len(line)
    return lines


def footer_start(text: str) -> int:
    """Character offset where trailing boilerplate begins, or ``len(text)`` when there is none.

    Reads lines upwards from the end. Furniture lines join the footer. Short headline-like lines
    join it only once a link heading ("Read more:") above them shows they are a list of links;
    until then they are pending, and the first real body line ends the search.
    """
    footer = len(text)
    pending = False  # headline-like lines below the current line, not yet known to be links
    for offset, line in reversed(_lines_with_offsets(text)):
        if not line.strip():
            continue
        if is_link_heading(line):
            footer, pending = offset, False
        elif is_boilerplate_line(line):
            if not pending:
                footer = offset
        elif _is_link_title(line):
            pending = True
        else:
            break
    return footer


def body_text(text: str) -> str:
    """The text without its trailing boilerplate (for display; offsets still index ``text``)."""
    return text[: footer_start(text)]


def title_from_text(text: str) -> str:
    """The headline on the first line of a plain-text article, or "".

    A headline is a short first line followed by a blank line that does not read as a sentence.
    """
    lines = text.lstrip("\ufeff \t\r\n").splitlines()
    if len(lines) < 2 or lines[1].strip():
        return ""
    first = _TITLE_MARKUP.sub("", lines[0].strip())
    if not first or len(first) > HEADLINE_MAX_CHARS or len(first.split()) > HEADLINE_MAX_WORDS:
        return ""
    if re.search(r"[a-z]{2,}\.$", first):
        return ""
    return first


def clean_extracted_text(text: str) -> str:
    """Text sitrep extracted itself (HTML, feeds): furniture lines dropped wherever they are,
    trailing link lists and footers cut, paragraphs separated by one blank line."""
    text = text[: footer_start(text)]
    paragraphs = []
    for line in text.splitlines():
        stripped = " ".join(line.split())
        if stripped and not is_boilerplate_line(stripped):
            paragraphs.append(stripped)
    return "\n\n".join(paragraphs)


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML snippet (a feed entry's content), paragraph breaks kept."""
    if "<" not in fragment:
        return clean_extracted_text(fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_extracted_text(fragment)
    for element in list(root.iter(*_NOT_TEXT_TAGS)):
        element.drop_tree()
    # Line breaks inside the source are just spaces in HTML; only block ends break paragraphs.
    for element in root.iter():
        element.text = _one_line(element.text)
        element.tail = _one_line(element.tail)
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return clean_extracted_text(root.text_content())


def _one_line(value: str | None) -> str | None:
    return None if value is None else re.sub(r"\s+", " ", value)
