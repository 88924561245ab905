"""The web pages: each renders the dict its JSON twin under /api serves, through one template."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from veille.serve.api_routes import (
    DOC_ID_PATTERN,
    EVIDENCE_PATTERN,
    MAX_QUERY_CHARS,
    Confidence,
    Date,
    EntityType,
    Offset,
    desk,
)
from veille.serve.render import entity_url, render
from veille.store.explore import RelationFilter

#: Rows per page of the HTML lists (the API lets a client ask for more).
PAGE_SIZE = 50

router = APIRouter(include_in_schema=False)


def page(template: str, request: Request, data: dict[str, Any], json_url: str, **extra: Any) -> HTMLResponse:
    """Render `template` over `data`, the very dict the JSON twin at `json_url` returns."""
    params = dict(request.query_params)
    html = render(template, data=data, json_url=json_url, params=params, path=request.url.path, **extra)
    return HTMLResponse(html)


def _twin(request: Request, path: str) -> str:
    query = request.url.query
    return f"{path}?{query}" if query else path


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return page("home.html", request, desk(request).home(), "/api/stats", query="")


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    kind: Annotated[str, Query(pattern=r"^(articles|evidence)$")] = "articles",
    offset: Offset = 0,
) -> HTMLResponse:
    data = desk(request).search(q, kind=kind, limit=PAGE_SIZE // 2, offset=offset)
    return page("search.html", request, data, _twin(request, "/api/search"), query=q)


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    type: EntityType = None,
    offset: Offset = 0,
) -> HTMLResponse:
    data = desk(request).entities(q, type=type, limit=PAGE_SIZE, offset=offset)
    return page("entities.html", request, data, _twin(request, "/api/entities"), query="")


@router.get("/entity/{entity_id:path}/timeline", response_class=HTMLResponse)
def timeline(
    request: Request, entity_id: str, min_confidence: Confidence = 0.0, offset: Offset = 0
) -> HTMLResponse:
    data = desk(request).timeline(entity_id, min_confidence=min_confidence, limit=PAGE_SIZE, offset=offset)
    twin = _twin(request, entity_url(entity_id).replace("/entity/", "/api/entities/", 1) + "/timeline")
    return page("timeline.html", request, data, twin, query="")


@router.get("/entity/{entity_id:path}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, min_confidence: Confidence = 0.0) -> HTMLResponse:
    data = desk(request).profile(entity_id, min_confidence=min_confidence)
    api = entity_url(entity_id).replace("/entity/", "/api/entities/", 1)
    graph_url = api + "/graph" + (f"?min_confidence={min_confidence}" if min_confidence else "")
    return page("entity.html", request, data, _twin(request, api), query="", graph_url=graph_url)


@router.get("/relations", response_class=HTMLResponse)
def relations(
    request: Request,
    type: Annotated[list[str] | None, Query(max_length=20)] = None,
    entity: Annotated[str | None, Query(max_length=300)] = None,
    other: Annotated[str | None, Query(max_length=300)] = None,
    since: Date = None,
    until: Date = None,
    min_confidence: Confidence = 0.0,
    offset: Offset = 0,
) -> HTMLResponse:
    where = RelationFilter(
        types=[t for t in type or [] if t],
        entity=entity or None,
        other=other or None,
        since=since or None,
        until=until or None,
        min_confidence=min_confidence,
    )
    data = desk(request).relations(where, limit=PAGE_SIZE, offset=offset)
    return page("relations.html", request, data, _twin(request, "/api/relations"), query="")


@router.get("/docs", response_class=HTMLResponse)
def documents(request: Request, offset: Offset = 0) -> HTMLResponse:
    data = desk(request).documents(limit=PAGE_SIZE, offset=offset)
    return page("documents.html", request, data, _twin(request, "/api/documents"), query="")


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document(
    request: Request,
    doc_id: Annotated[str, Path(pattern=DOC_ID_PATTERN)],
    ev: Annotated[str | None, Query(pattern=EVIDENCE_PATTERN)] = None,
) -> HTMLResponse:
    data = desk(request).document(doc_id, focus=ev)
    return page("document.html", request, data, _twin(request, f"/api/documents/{doc_id}"), query="")
