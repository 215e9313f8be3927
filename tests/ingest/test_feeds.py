from datetime import date

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Frontline Wire</title><link>https://wire.example.org/</link>
<description>News</description>
<item><title>Clashes near Idlib</title><link>https://wire.example.org/news/idlib-clashes</link>
<guid>1</guid><pubDate>Fri, 01 May 2020 23:30:00 -0400</pubDate>
<description>&lt;p&gt;Government forces and rebels clashed near Idlib.&lt;/p&gt;&lt;p&gt;Four fighters were killed.&lt;/p&gt;</description></item>
<item><title>Undated</title><link>https://wire.example.org/2020/04/30/protest</link>
<description>Protesters gathered in the capital.</description></item>
<item><title>Nothing</title><link>https://wire.example.org/news/empty</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<link href="https://atom.example.net/"/><id>urn:desk</id><updated>2020-05-04T00:00:00Z</updated>
<entry><title>Airstrike hits depot</title><link href="https://atom.example.net/a/1"/><id>urn:1</id>
<published>2020-05-03T10:00:00+03:00</published><updated>2020-05-04T10:00:00Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;An airstrike hit a weapons depot outside Sirte.&lt;/p&gt;&lt;figure&gt;&lt;figcaption&gt;Smoke rises&lt;/figcaption&gt;&lt;/figure&gt;</content>
</entry></feed>"""


def test_rss_entries(write, read, articles_of, problems_of):
    items = read(write("wire.rss", RSS), published=date(2020, 1, 1))
    first, second = articles_of(items)
    assert first.text == "Government forces and rebels clashed near Idlib.\n\nFour fighters were killed."
    assert first.title == "Clashes near Idlib"
    assert first.published == date(2020, 5, 1)  # the publisher's own day, not UTC's
    assert first.url == first.origin == "https://wire.example.org/news/idlib-clashes"
    assert first.source == "Frontline Wire"
    assert second.published == date(2020, 4, 30)  # from the link's path
    [problem] = problems_of(items)
    assert problem.reason == "feed entry has no text"


def test_atom_entry_content_preferred_over_summary(write, read):
    [article] = read(write("desk.atom", ATOM))
    assert article.text == "An airstrike hit a weapons depot outside Sirte."
    assert article.published == date(2020, 5, 3)
    assert article.source == "Atom Desk"


def test_feed_sniffed_without_feed_extension(write, read):
    assert len(read(write("feed.xml", ATOM))) == 1
    assert len(read(write("feed", RSS))) == 3


def test_not_a_feed(write, read, problems_of):
    [problem] = problems_of(read(write("data.xml", "<?xml version='1.0'?><catalog><book/></catalog>")))
    assert problem.reason.startswith("not an RSS or Atom feed") or problem.reason == "feed has no entries"
