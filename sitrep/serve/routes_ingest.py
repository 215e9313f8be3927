"""POST new articles: they run through the pipeline and join the store (and reviewed incidents)."""
from __future__ import annotations

from datetime import date
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from sitrep.records import Article
from sitrep.store import Store
from sitrep.store.review import refresh
from sitrep.serve.guards import require_token

router = APIRouter(prefix="/api", tags=["ingest"])
MAX_ARTICLES = 500


class ArticleIn(BaseModel):
    text: str = Field(min_length=1)
    id: str = Field("", max_length=200)
    title: str = Field("", max_length=2000)
    published: Optional[date] = None
    url: str = Field("", max_length=2000)
    source: str = Field("", max_length=500)


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


@router.post("/articles", dependencies=[Depends(require_token)],
             summary="Run the pipeline on new articles and store them (stored ids are skipped)")
def ingest(body: IngestIn, request: Request):
    from sitrep.pipeline import default_pipeline

    database = request.app.state.database
    articles = [Article(text=a.text, id=a.id, title=a.title, published=a.published, url=a.url, source=a.source)
                for a in body.articles]
    with database.writing() as con:
        store = Store(con, database.path, read_only=False)
        fresh = [a for a in articles if not store.has_article(a.id)]
        stored, events, results = 0, 0, []
        try:
            for result in default_pipeline().process(fresh):
                added = store.add_article(result.article, result.events)
                stored += int(added)
                events += len(result.events) if added else 0
                results.append({"id": result.article.id, "events": len(result.events) if added else 0})
        except Exception as error:  # the report names what failed; earlier articles stay stored
            raise HTTPException(422, f"article not stored: {error}")
        finally:
            refresh(con)
    return {"read": len(articles), "stored": stored, "already_stored": len(articles) - len(fresh),
            "events": events, "articles": results}
