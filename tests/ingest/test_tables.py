import json
from datetime import date


def jsonl(*rows) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


def test_jsonl_rows_become_articles(write, read):
    path = write("batch.jsonl", jsonl(
        {"id": "a1", "text": "Troops clashed.", "title": "Clash", "published": "2020-05-03",
         "url": "https://news.example.com/x", "source": "Wire"},
        {"id": 7, "text": "Protest in the capital."},
    ))
    first, second = read(path, published=date(2020, 1, 1))
    assert (first.id, first.title, first.text, first.published, first.url, first.source) == (
        "a1", "Clash", "Troops clashed.", date(2020, 5, 3), "https://news.example.com/x", "Wire")
    assert first.origin == f"{path}:1"
    assert second.id == "7"
    assert second.published == date(2020, 1, 1)  # the option fills rows without a date
    assert second.source == "batch"


def test_jsonl_source_and_date_from_url(write, read):
    [article] = read(write("u.ndjson", jsonl({"text": "Shelling.", "url": "https://www.wire.example.org/2019/03/02/s"})))
    assert article.source == "wire.example.org"
    assert article.published == date(2019, 3, 2)


def test_jsonl_broken_lines_are_problems_and_the_rest_go_on(write, read, articles_of, problems_of):
    path = write("mixed.jsonl", jsonl(
        {"text": "Good one."},
        "{not json",
        {"title": "no text"},
        "[1, 2]",
        "",
        {"text": "Bad date.", "published": "someday"},
        {"text": "   "},
        {"text": "Good two."},
    ))
    items = read(path)
    assert [a.text for a in articles_of(items)] == ["Good one.", "Good two."]
    problems = {p.item: p.reason for p in problems_of(items)}
    assert problems[f"{path}:line 2"].startswith("not valid JSON")
    assert problems[f"{path}:line 3"] == 'no "text" field'
    assert problems[f"{path}:line 4"] == "not a JSON object but list"
    assert problems[f"{path}:line 6"] == "unparseable published date 'someday'"
    assert f"{path}:line 7" in problems
    assert len(problems) == 5


def test_jsonl_invalid_utf8_line_is_a_problem(write, read, articles_of, problems_of):
    path = write("bytes.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "also ok"}\n')
    items = read(path)
    assert len(articles_of(items)) == 2
    [problem] = problems_of(items)
    assert problem.item == f"{path}:line 2"
    assert problem.reason == "invalid UTF-8 at byte 28"


def test_json_array(write, read, problems_of):
    path = write("list.json", json.dumps([{"text": "One."}, {"text": "Two.", "id": "b"}, {"nope": 1}]))
    items = read(path)
    assert [getattr(item, "text", None) for item in items[:2]] == ["One.", "Two."]
    assert problems_of(items)[0].reason == 'no "text" field'


def test_csv(write, read, problems_of):
    path = write("rows.csv", (
        "ID,Title,Text,Published,URL,Source\n"
        'c1,Clash,"Forces clashed.\nTwo died.",20 October 2017,,Agency\n'
        "c2,,Only text,,,\n"
        "c3,,Dated badly,31/31/2017,,\n"
        "c4,,,,,\n"
    ))
    items = read(path)
    first, second = items[:2]
    assert (first.id, first.title, first.text, first.published, first.source) == (
        "c1", "Clash", "Forces clashed.\nTwo died.", date(2017, 10, 20), "Agency")
    assert first.origin == f"{path}:2"
    assert second.source == "rows"
    problems = problems_of(items)
    assert [p.item for p in problems] == [f"{path}:line 5", f"{path}:line 6"]
    assert problems[0].reason == "unparseable published date '31/31/2017'"


def test_csv_text_only_and_missing_column(write, read, problems_of):
    [article] = read(write("t.csv", "text\nJust the text.\n"))
    assert article.text == "Just the text."
    [problem] = problems_of(read(write("n.csv", "title,body\nA,B\n")))
    assert problem.reason == 'CSV has no "text" column'
