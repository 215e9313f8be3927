"""Which reader an input needs: by file extension, by HTTP content type, or by its first bytes."""
from __future__ import annotations

import re

TEXT, HTML, JSONL, JSON, CSV, FEED = "text", "html", "jsonl", "json", "csv", "feed"

EXTENSION_KINDS = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSON,
    ".csv": CSV,
    ".xml": FEED, ".rss": FEED, ".atom": FEED,
}

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(!doctype\s+html|html|head|body|article|p|div|h1|title)[\s>/]", re.IGNORECASE)
_XML_DECLARATION_OR_COMMENT = re.compile(rb"^(\s*(<\?[^>]*\?>|<!--.*?-->))*\s*", re.DOTALL)


def kind_from_bytes(data: bytes) -> str:
    """Guess the kind of a document from its start: feed, HTML, JSON lines, JSON, else text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        body = head[_XML_DECLARATION_OR_COMMENT.match(head).end():]
        if _FEED_ROOT.match(body):
            return FEED
        if _HTML_ROOT.search(head):
            return HTML
        return FEED if head.startswith(b"<?xml") else HTML
    if head.startswith(b"{"):
        return JSONL
    if head.startswith(b"["):
        return JSON
    return TEXT


def kind_from_content_type(content_type: str, data: bytes) -> str:
    """The kind of an HTTP response. Content sniffing wins for feeds, which servers often label
    text/xml, text/html or even text/plain."""
    sniffed = kind_from_bytes(data)
    media = content_type.split(";")[0].strip().lower()
    if sniffed == FEED or any(word in media for word in ("rss", "atom")):
        return FEED
    if "html" in media:
        return HTML
    if "csv" in media:
        return CSV
    return sniffed
