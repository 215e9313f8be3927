from datetime import date

import pytest

from sitrep.ingest import date_in_url, parse_published

OCT_20 = date(2017, 10, 20)


@pytest.mark.parametrize("value", [
    "2017-10-20",
    "2017-10-20T14:03:00",
    "2017-10-20T14:03:00Z",
    "2017-10-20 23:30:00-04:00",  # keeps the publisher's own calendar day
    "20 October 2017",
    "20 Oct 2017",
    "Oct 20, 2017",
    "Oct. 20, 2017",
    "October 20th, 2017",
    "Friday, 20 October 2017",
    "Fri, 20 Oct 2017 14:03:00 GMT",
    "Fri, 20 Oct 2017 23:30:00 -0400",
    "2017/10/20",
    "20171020",
    "1508500000",
    "1508500000000",
    1508500000,
    OCT_20,
])
def test_parse_published_accepts_common_forms(value):
    assert parse_published(value) == OCT_20


@pytest.mark.parametrize("value", [
    "Fri Oct 20, 2017 | 3:02pm EDT", "Oct 20, 2017 · 2:03 PM", "Politics | 20 October 2017",
    "4:58 PM ET, Fri October 20, 2017", "2017-10-20 18:38 ET", "OCT. 20, 2017, 2:54 AM EST",
    "20 Oct 2017, 7:43am EDT", "October 20, 2017 - 23:28", "2017 Oct 20", "20 October 2017 GMT",
])
def test_parse_published_reads_the_date_inside_a_byline_stamp(value):
    assert parse_published(value) == OCT_20


def test_parse_published_sept_abbreviation():
    assert parse_published("Sept. 5, 2017") == date(2017, 9, 5)


@pytest.mark.parametrize("value", ["xyz", "2017-13-01", "10/20/2017", "last Friday", "", True])
def test_parse_published_rejects_with_clear_message(value):
    with pytest.raises(ValueError, match="published date"):
        parse_published(value)


def test_parse_published_message_names_the_value():
    with pytest.raises(ValueError, match="'next tuesday'"):
        parse_published("next tuesday")


@pytest.mark.parametrize("url", [
    "https://www.example.com/world/2017/10/20/kurds-clash/",
    "https://example.com/world/2017/10/20",
    "https://example.com/news/kurds-clash-2017-10-20.html",
    "https://example.com/20171020/kurds-clash",
])
def test_date_in_url(url):
    assert date_in_url(url) == OCT_20


@pytest.mark.parametrize("url", [
    "https://example.com/news/kurds-clash",
    "https://example.com/news?date=2017-10-20",  # query strings are not the path
    "https://example.com/2017/13/45/bad",
    "https://example.com/article/1234567890",
    "",
])
def test_no_date_in_url(url):
    assert date_in_url(url) is None
