from pathlib import Path

import pytest

from sitrep.ingest import body_text, clean_extracted_text, footer_start, title_from_text
from sitrep.ingest.cleaning import html_fragment_to_text

BODY = "Headline about a clash\n\nForces clashed on Friday near the town.\n\nThe army said it took the town.\n"


def test_footer_start_without_footer_is_text_length():
    assert footer_start(BODY) == len(BODY)


def test_footer_start_finds_contributor_read_more_and_comments():
    footer = "\nAnne Gearan in Washington contributed to this report.\n\nRead more:\n\nComments are closed."
    text = BODY + footer
    start = footer_start(text)
    assert text[start:].startswith("Anne Gearan")
    assert text[:start].rstrip().endswith("took the town.")


def test_link_titles_under_read_more_are_footer():
    text = BODY + "\nRead more:\nIraq's Kurds vote for independence\nBaghdad sends troops north\n\nShare this\n"
    assert text[footer_start(text):].startswith("Read more:")


def test_headline_like_lines_without_a_link_heading_stay_body():
    # A short last line is only a link title when a "Read more:"-style heading sits above it.
    text = BODY + "\nThe fighting continues\n\nComments are closed.\n"
    assert text[footer_start(text):].startswith("Comments are closed.")


def test_footer_patterns_are_whole_line_matches():
    text = BODY + "\nFollowers of the group later said they would share this land with nobody.\n"
    assert footer_start(text) == len(text)


@pytest.mark.parametrize("line", [
    "Reporting by Jane Doe; Editing by John Roe",
    "Follow us on Twitter @example",
    "© 2020 Example News. All rights reserved.",
    "Comments are closed.",
    "Share this:",
])
def test_common_footer_lines(line):
    text = BODY + "\n" + line + "\n"
    assert text[footer_start(text):].strip() == line


def test_body_text_keeps_offsets():
    text = BODY + "\nComments are closed."
    assert text.startswith(body_text(text))


def test_seed_article_footer():
    seed = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "kirkuk-2017-10-20.txt"
    if not seed.exists():
        pytest.skip(f"shared data not found at {seed}")
    text = seed.read_text("utf-8")
    footer = text[footer_start(text):]
    assert "contributed to this report" in footer and "Comments are closed." in footer
    assert "remain neutral" in text[: footer_start(text)]


@pytest.mark.parametrize("text, title", [
    ("Kurdish and Iraqi forces clash\n\nBody.", "Kurdish and Iraqi forces clash"),
    ("# Markdown headline\n\nBody.", "Markdown headline"),
    ("Troops withdraw, says U.S.\n\nBody.", "Troops withdraw, says U.S."),
    ("Gunmen killed five people on Sunday.\n\nMore.", ""),  # a sentence, not a headline
    ("A first line\ncontinues the paragraph.\n", ""),  # no blank line after it
    ("x " * 40 + "\n\nBody.", ""),  # too long
    ("One line only", ""),
])
def test_title_from_text(text, title):
    assert title_from_text(text) == title


def test_clean_extracted_text_drops_furniture_lines():
    text = "First paragraph.\nAdvertisement\nSecond paragraph.\nRead more:\nOther story\nComments are closed."
    assert clean_extracted_text(text) == "First paragraph.\n\nSecond paragraph."


def test_html_fragment_to_text_keeps_paragraphs_drops_captions():
    html = "<p>One\nline.</p><figure><figcaption>Caption</figcaption></figure><p>Two <b>bold</b>.</p><script>x()</script>"
    assert html_fragment_to_text(html) == "One line.\n\nTwo bold."


def test_clean_extracted_text_keeps_body_lines_that_only_start_like_furniture():
    text = "Copyright laws were changed by the new government.\nThis report was compiled from field data."
    assert clean_extracted_text(text) == text.replace("\n", "\n\n")
