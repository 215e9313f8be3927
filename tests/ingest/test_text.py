from datetime import date

ARTICLE = (
    "Kurdish and Iraqi forces clash near Kirkuk\r\n"
    "\r\n"
    "Iraqi and Kurdish forces exchanged fire on Friday.\r\n"
    "\r\n"
    "Someone in Erbil contributed to this report.\r\n"
)


def test_text_is_the_whole_file_with_title_kept(write, read):
    path = write("kirkuk.txt", ARTICLE)
    [article] = read(path)
    assert article.text == ARTICLE  # byte-exact: CRLF kept, offsets index the file
    assert article.title == "Kurdish and Iraqi forces clash near Kirkuk"
    assert article.text.startswith(article.title)
    start = article.text.index("Iraqi and Kurdish")
    assert path.read_bytes().decode("utf-8")[start:start + 5] == "Iraqi"


def test_text_defaults(write, read):
    [article] = read(write("story.md", "No headline here, just a paragraph that runs on.\n"))
    assert article.title == ""
    assert article.published is None  # never invented
    assert article.source == "story"  # the file stem when nothing better is known
    assert article.origin.endswith("story.md")
    assert len(article.id) == 16


def test_published_and_source_options_apply_to_items_without_their_own(write, read):
    [article] = read(write("a.text", "Body text.\n"), published=date(2017, 10, 20), default_source="Wire")
    assert article.published == date(2017, 10, 20)
    assert article.source == "Wire"


def test_same_text_same_id(write, read):
    first = read(write("a.txt", "Same words.\n"))[0]
    second = read(write("b.txt", "Same  words.\n"))[0]
    assert first.id == second.id


def test_utf8_bom_and_utf16_are_text(write, read):
    [bom] = read(write("bom.txt", b"\xef\xbb\xbfCaf\xc3\xa9 attack.\n"))
    assert bom.text == "Café attack.\n"
    [wide] = read(write("wide.txt", "Café attack.\n".encode("utf-16")))
    assert wide.text == "Café attack.\n"


def test_unknown_extension_is_sniffed(write, read, articles_of):
    articles = articles_of(read(write("notes.dat", "Plain words about a protest.\n")))
    assert articles[0].text == "Plain words about a protest.\n"
