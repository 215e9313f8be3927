"""URLs served by a local http.server on 127.0.0.1 (no outside network)."""
import functools
import http.server
import socket
import threading
from datetime import date

import pytest

from sitrep.ingest.web import fetch

HTML = (
    "<!DOCTYPE html><html><head><title>Shelling in Donetsk | Steppe News</title>"
    '<meta property="og:site_name" content="Steppe News"></head><body>'
    "<nav><a href='/'>Home</a><a href='/world'>World coverage</a></nav><article><h1>Shelling in Donetsk</h1>"
    "<p>Artillery shells hit a residential district of Donetsk overnight, killing two civilians, "
    "the city administration said on Tuesday.</p>"
    "<p>Both sides blamed each other for the attack, which damaged a school and several homes.</p>"
    "</article></body></html>"
)
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Steppe Feed</title><link>http://x/</link>'
    "<description>d</description>"
    "<item><title>One</title><link>http://x/1</link><pubDate>Tue, 05 May 2020 10:00:00 +0300</pubDate>"
    "<description>Shelling hit Donetsk.</description></item>"
    "<item><title>Two</title><link>http://x/2</link><description>Troops withdrew.</description></item>"
    "</channel></rss>"
)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # A proxy from the environment would be asked for 127.0.0.1 and fail the tests.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "2020" / "05" / "05").mkdir(parents=True)
    (site / "2020" / "05" / "05" / "donetsk.html").write_text(HTML, "utf-8")
    (site / "undated.html").write_text(HTML, "utf-8")
    (site / "feed").write_text(RSS, "utf-8")  # no extension: served as octet-stream, sniffed
    (site / "story.txt").write_text("Plain story\n\nTroops moved in.\n", "utf-8")
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page(server, read):
    url = f"{server}/2020/05/05/donetsk.html"
    [article] = read(url)
    assert "Artillery shells hit a residential district" in article.text
    assert "World coverage" not in article.text
    assert article.title == "Shelling in Donetsk"
    assert article.url == url and article.origin == url
    assert article.source == "Steppe News"
    assert article.published == date(2020, 5, 5)  # from the URL path


def test_html_page_without_any_date(server, read):
    [article] = read(f"{server}/undated.html")
    assert article.published is None
    [article] = read(f"{server}/undated.html", published=date(2020, 5, 6))
    assert article.published == date(2020, 5, 6)


def test_feed_url_is_expanded_into_entries(server, read):
    first, second = read(f"{server}/feed", published=date(2020, 5, 1))
    assert (first.text, first.url, first.source, first.published) == (
        "Shelling hit Donetsk.", "http://x/1", "Steppe Feed", date(2020, 5, 5))
    assert second.published == date(2020, 5, 1)


def test_text_url_source_is_the_host(server, read):
    [article] = read(f"{server}/story.txt")
    assert article.text == "Plain story\n\nTroops moved in.\n"
    assert article.source == "127.0.0.1"


def test_404(server, read):
    [problem] = read(f"{server}/missing.html")
    assert (problem.item, problem.reason) == (f"{server}/missing.html", "HTTP 404")


def test_connection_refused(read):
    with socket.socket() as sock:  # a port that was free a moment ago, with nobody listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [problem] = read(f"http://127.0.0.1:{port}/")
    assert problem.reason == "connection refused"


def test_fetch_timeout_is_reported(read):
    with socket.socket() as sock:  # accepts connections but never answers
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        with pytest.raises(Exception, match="timed out after 0.2 s"):
            fetch(f"http://127.0.0.1:{port}/", timeout=0.2)
