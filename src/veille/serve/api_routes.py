"""The JSON API under /api: read-only, paginated; each web page has its twin here.

Every handler asks the `Desk` and returns its dict unchanged: the page of the same name renders
exactly that dict. Lists take `limit` (at most `MAX_LIMIT`) and `offset`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from veille.serve.desk import Desk
from veille.store.explore import MAX_GRAPH_NODES, RelationFilter

#: Largest page a client may ask for: keeps one response small and quick.
MAX_LIMIT = 500
#: Longest search text accepted.
MAX_QUERY_CHARS = 500
DOC_ID_PATTERN = r"^[0-9a-f]{64}$"
#: An empty value (a blank form field) means no bound.
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
EVIDENCE_PATTERN = r"^\d{1,9}-\d{1,9}$"

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Confidence = Annotated[float, Query(ge=0.0, le=1.0, description="Minimum relation confidence.")]
EntityType = Annotated[str | None, Query(pattern=r"^(ORG|PER|LOC|PRODUCT|MISC)$")]
Date = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD.")]


def desk(request: Request) -> Desk:
    found: Desk = request.app.state.desk
    return found


@router.get("", summary="What this API offers")
def index(request: Request) -> dict[str, Any]:
    return {
        "name": "veille",
        "openapi": "/openapi.json",
        "endpoints": sorted(request.app.openapi()["paths"]),
        "ingest": request.app.state.allow_ingest,
    }


@router.get("/stats", summary="Counts of what the store holds")
def stats(request: Request) -> dict[str, Any]:
    return desk(request).stats()


@router.get("/search", summary="Entities, articles and evidence sentences matching words")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description='Words; "quotes" for a phrase.')] = "",
    kind: Annotated[str, Query(pattern=r"^(articles|evidence)$")] = "articles",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    return desk(request).search(q, kind=kind, limit=limit, offset=offset)


@router.get("/entities", summary="Entities by name or alias, most documented first")
def entities(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    type: EntityType = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return desk(request).entities(q, type=type, limit=limit, offset=offset)


@router.get("/entities/{entity_id:path}/graph", summary="The entity, its neighbours and their relations")
def entity_graph(
    request: Request,
    entity_id: str,
    min_confidence: Confidence = 0.0,
    max_nodes: Annotated[int, Query(ge=2, le=MAX_GRAPH_NODES)] = 40,
    type: Annotated[list[str] | None, Query(max_length=20)] = None,
) -> dict[str, Any]:
    return desk(request).graph(entity_id, min_confidence=min_confidence, max_nodes=max_nodes, types=type)


@router.get("/entities/{entity_id:path}/timeline", summary="Relations and facts about the entity by date")
def entity_timeline(
    request: Request, entity_id: str, min_confidence: Confidence = 0.0, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return desk(request).timeline(entity_id, min_confidence=min_confidence, limit=limit, offset=offset)


@router.get("/entities/{entity_id:path}/documents", summary="Articles naming the entity, latest first")
def entity_documents(
    request: Request, entity_id: str, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    return desk(request).entity_documents(entity_id, limit=limit, offset=offset)


@router.get("/entities/{entity_id:path}", summary="Entity profile: aliases, people, partners, deals, figures")
def entity_profile(request: Request, entity_id: str, min_confidence: Confidence = 0.0) -> dict[str, Any]:
    return desk(request).profile(entity_id, min_confidence=min_confidence)


@router.get("/relations", summary="Relations, filtered by type, entity, dates and confidence")
def relations(
    request: Request,
    type: Annotated[list[str] | None, Query(max_length=20)] = None,
    entity: Annotated[str | None, Query(max_length=300)] = None,
    other: Annotated[str | None, Query(max_length=300)] = None,
    doc: Annotated[str | None, Query(pattern=DOC_ID_PATTERN)] = None,
    since: Date = None,
    until: Date = None,
    min_confidence: Confidence = 0.0,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    where = RelationFilter(
        types=[t for t in type or [] if t],
        entity=entity or None,
        other=other or None,
        doc_id=doc,
        since=since or None,
        until=until or None,
        min_confidence=min_confidence,
    )
    return desk(request).relations(where, limit=limit, offset=offset)


@router.get("/documents", summary="Stored articles, latest first")
def documents(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return desk(request).documents(limit=limit, offset=offset)


@router.get("/documents/{doc_id}", summary="One article: text segments, entities, relations, facts")
def document(
    request: Request,
    doc_id: Annotated[str, Path(pattern=DOC_ID_PATTERN)],
    ev: Annotated[str | None, Query(pattern=EVIDENCE_PATTERN, description="Evidence span to focus.")] = None,
) -> dict[str, Any]:
    return desk(request).document(doc_id, focus=ev)


@router.post("/ingest", summary="Ingest JSONL pages (only when the server was started with ingest allowed)")
async def ingest(request: Request) -> dict[str, Any]:
    if not request.app.state.allow_ingest:
        raise HTTPException(403, "ingest over HTTP is off; start the server with ingest allowed")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    # A browser cannot send these types across origins without a CORS preflight, which this
    # server never grants: another web page cannot make a visitor's browser ingest into it.
    if content_type not in ("application/x-ndjson", "application/jsonl", "application/json"):
        raise HTTPException(415, "send JSONL pages as application/x-ndjson")
    payload = await request.body()
    if not payload.strip():
        raise HTTPException(400, "empty body")
    from starlette.concurrency import run_in_threadpool

    result: dict[str, Any] = await run_in_threadpool(desk(request).ingest_jsonl, payload)
    return result
