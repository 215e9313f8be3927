"""From raw bytes to text, refusing what is not an article: empty, binary, oversized, bad UTF-8.

Every refusal is an ``InputError`` whose message is the one-line reason a ``Problem`` carries.
Text is decoded strictly: a wrong byte is reported ("invalid UTF-8 at byte 812") rather than
silently replaced, because a replaced character would shift no offsets but would corrupt names.
"""
from __future__ import annotations

import codecs

MAX_BYTES = 10 * 1024 * 1024  # the largest single document (file, URL body, JSONL line) read
SNIFF_BYTES = 8192  # how much of the start is inspected to tell text from binary

# Control bytes that never occur in text (tab, newlines, form feed and escape aside).
_BINARY_BYTES = bytes(range(0, 8)) + bytes(range(14, 27)) + bytes(range(28, 32)) + b"\x7f"
_BINARY_SHARE = 0.02


class InputError(Exception):
    """An input item that cannot be read; ``str(error)`` is the reason shown to the user."""


def size_limit_reason() -> str:
    return f"larger than {MAX_BYTES // (1024 * 1024)} MB limit"


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise InputError(size_limit_reason())


def check_not_binary(data: bytes) -> None:
    """Refuse data that is not text: NUL bytes, or more than a trace of control bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text is full of NULs but is text
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise InputError("binary file, not text")
    if head and sum(head.count(byte) for byte in _BINARY_BYTES) > _BINARY_SHARE * len(head):
        raise InputError("binary file, not text")


def check_content(data: bytes) -> None:
    """The checks every document goes through before any reader sees it."""
    check_size(len(data))
    if not data.strip():
        raise InputError("empty file")
    check_not_binary(data)


def decode_text(data: bytes, offset: int = 0) -> str:
    """Decode strictly as UTF-8 (a BOM, UTF-8 or UTF-16, is honoured and dropped).

    ``offset`` is added to the byte position in the message, for lines read from a larger file.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(f"invalid UTF-16 at byte {offset + error.start}") from None
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"invalid UTF-8 at byte {offset + bom + error.start}") from None
