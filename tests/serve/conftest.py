"""A store filled by the real pipeline from the demo articles plus one hostile article, built once;
each test gets its own copy so that reviews in one test never leak into another."""
from __future__ import annotations

import shutil
from datetime import date

import pytest

from sitrep.records import Article

HOSTILE_TITLE = 'Gunmen raid village <img src=x onerror="window.__pwned=1">'
HOSTILE_TEXT = (
    "Gunmen killed 9 villagers in Kwatarkwashi in Zamfara state, Nigeria, on Monday, police said.\n\n"
    "<script>window.__pwned = 2</script> Residents said the attackers <b onmouseover=alert(3)>burned</b> "
    "homes and <img src=x onerror=\"window.__pwned=3\"> stole cattle."
)
TOKEN = "test-token-123"


def hostile_article() -> Article:
    return Article(text=HOSTILE_TEXT, id="hostile-1", title=HOSTILE_TITLE, published=date(2024, 7, 2),
                   source="Hostile <Wire>", url="javascript:alert(1)")


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory):
    import sitrep.demo
    from sitrep.api import ingest  # (the name sitrep.ingest is also the ingest stage's package)

    path = tmp_path_factory.mktemp("serve") / "demo.duckdb"
    articles = list(sitrep.demo.demo_articles()) + [hostile_article()]
    report = ingest(articles, db=path)
    assert report.stored == len(articles), report
    return path


@pytest.fixture
def store_file(demo_store_file, tmp_path):
    copy = tmp_path / "store.duckdb"
    shutil.copy(demo_store_file, copy)
    return copy


@pytest.fixture
def client(store_file):
    from fastapi.testclient import TestClient

    from sitrep.serve import ServeSettings, create_app

    app = create_app(ServeSettings(db=str(store_file), token=TOKEN, max_body=64 * 1024))
    with TestClient(app) as test_client:
        yield test_client


AUTH = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def auth() -> dict:
    return dict(AUTH)


@pytest.fixture
def hostile_text() -> str:
    return HOSTILE_TEXT
