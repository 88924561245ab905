"""The ASGI app: JSON API, web pages and static files over one store; `run` serves it with uvicorn.

Read-only unless `allow_ingest` is given. Loopback by default: `run` warns when asked to listen
on another address, and only accepts requests whose `Host` names the address it listens on.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from veille.serve import api_routes, pages
from veille.serve.answers import DEFAULT_ENTRIES
from veille.serve.desk import Desk, NotFound
from veille.serve.render import render
from veille.serve.security import LOOPBACK_HOSTS, BodyTooLarge, GuardMiddleware

LOGGER = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    html = render("error.html", status=status, message=message, json_url=None, query="", params={}, path="")
    return HTMLResponse(html, status_code=status)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        return _error(request, 413, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
        return _error(request, 400, f"invalid request: {problems}")


def create_app(
    db: str | Path,
    *,
    allow_ingest: bool = False,
    allowed_hosts: Sequence[str] | None = None,
    cache_entries: int = DEFAULT_ENTRIES,
) -> FastAPI:
    """The app over the store `db`; ingest over HTTP only with `allow_ingest`.

    `allowed_hosts`: the `Host` names accepted (None accepts any, for in-process tests).
    `cache_entries`: answers the desk keeps until the store changes (0: none; `serve.answers`).
    """
    desk = Desk(db, writable=allow_ingest, cache_entries=cache_entries)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        desk.close()

    app = FastAPI(
        title="veille",
        summary="Competitive intelligence from the news: entities, relations and facts with evidence.",
        version="1",
        docs_url=None,  # FastAPI's docs pages load their scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.desk = desk
    app.state.allow_ingest = allow_ingest
    static = resources.files("veille.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api_routes.router)
    app.include_router(pages.router)
    _install_handlers(app)
    app.add_middleware(GuardMiddleware, allowed_hosts=allowed_hosts)
    return app


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts_for(host: str) -> list[str] | None:
    """Host names to accept when listening on `host`: its own names on loopback, else any."""
    if _is_loopback(host):
        return sorted({host, *LOOPBACK_HOSTS})
    return None


def run(
    db: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_ingest: bool = False,
    log_level: str = "warning",
    cache_entries: int = DEFAULT_ENTRIES,
) -> None:
    """Serve the store over HTTP until interrupted (what `veille serve` calls).

    One process: its DuckDB queries run in parallel threads. (Two uvicorn worker processes, each
    with its own copy of the serving tables, were slower under bench/serve_load.py on two cores.)
    """
    import uvicorn

    if not _is_loopback(host):
        LOGGER.warning(
            "listening on %s: anyone who can reach this address can read the store%s",
            host,
            " and ingest into it" if allow_ingest else "",
        )
    app = create_app(
        db, allow_ingest=allow_ingest, allowed_hosts=allowed_hosts_for(host), cache_entries=cache_entries
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, access_log=False)
