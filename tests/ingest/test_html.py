from datetime import date

import pytest

BODY = [
    "Gunmen on motorcycles attacked a police checkpoint on the outskirts of Kano on Saturday, "
    "killing three officers and wounding two civilians, local officials said.",
    "The attackers arrived shortly after dawn and opened fire on the officers before setting the "
    "checkpoint hut alight, according to a police spokesman who asked not to be named.",
    "Residents of the nearby village said they heard gunfire for nearly an hour. Many families "
    "fled toward the city center, carrying what belongings they could.",
    "No group has claimed responsibility for the attack, the third on security forces in the state "
    "this month. The governor ordered additional patrols on the main highway.",
]
BOILERPLATE = [
    "World News Section", "Sport and Games",  # navigation
    "Soldiers stand guard at a roadblock",  # figure caption
    "Jane Reporter",  # byline
    "Kano governor announces curfew", "Read more",  # related links
    "the government must act now", "Comments are closed",  # comments
    "Privacy policy", "All rights reserved",  # page footer
]


def page(head_extra: str = "", body_extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{text}</p>" for text in BODY)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Militants attack checkpoint near Kano | The Daily Courier</title>
<meta property="og:title" content="Militants attack checkpoint near Kano">
<meta property="og:site_name" content="The Daily Courier">
{head_extra}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World News Section</a></li>
<li><a href="/sport">Sport and Games</a></li></ul></nav></header>
<main><article>
<h1>Militants attack checkpoint near Kano</h1>
<p class="byline">By <span class="author">Jane Reporter</span>, Staff Writer</p>
<figure><img src="a.jpg"><figcaption>Soldiers stand guard at a roadblock outside the city.</figcaption></figure>
{paragraphs}
{body_extra}
<p>Read more: <a href="/x">Kano governor announces curfew</a></p>
</article>
<section class="comments" id="comments"><h3>Comments</h3>
<div class="comment"><p>This is terrible news, the government must act now to stop this violence!</p></div>
<p>Comments are closed.</p></section>
</main>
<footer><p>Copyright 2020 The Daily Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


DATED = '<meta property="article:published_time" content="2020-05-03T08:15:00+01:00">'


def test_html_body_in_boilerplate_out(write, read):
    [article] = read(write("kano.html", page(DATED)))
    for paragraph in BODY:
        assert paragraph in article.text
    for furniture in BOILERPLATE:
        assert furniture not in article.text
    assert article.title == "Militants attack checkpoint near Kano"
    assert article.source == "The Daily Courier"
    assert article.published == date(2020, 5, 3)


def test_html_without_date_metadata_gets_no_invented_date(write, read):
    # The body names a date and the footer a year: an extensive search would take one of them.
    body = "<p>The raid on 2 May 2020 followed a week of attacks.</p>"
    [article] = read(write("undated.htm", page(body_extra=body)))
    assert article.published is None


def test_html_without_date_takes_the_published_option(write, read):
    [article] = read(write("undated.html", page()), published=date(2020, 5, 4))
    assert article.published == date(2020, 5, 4)


def test_html_date_from_canonical_url(write, read):
    canonical = '<link rel="canonical" href="https://courier.example.com/2020/05/02/kano-attack/">'
    [article] = read(write("canon.html", page(canonical)))
    assert article.url == "https://courier.example.com/2020/05/02/kano-attack/"
    assert article.published == date(2020, 5, 2)


@pytest.mark.parametrize("content", [
    "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    "<html><body><div></div></body></html>",
    "<<<>>> <p",
])
def test_html_without_article_text_is_a_problem(write, read, problems_of, content):
    [problem] = problems_of(read(write("broken.html", content)))
    assert problem.reason == "no article text found in HTML"
