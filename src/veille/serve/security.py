"""Every word the desk shows comes from the web: limits and headers that keep it inert.

- request bodies above a limit are refused (413) before they are read whole;
- query strings above a limit are refused (414);
- each response carries a Content-Security-Policy that allows scripts and styles from this
  server only (no inline script can run, even one that slipped past escaping), no frames,
  no plug-ins, and sends no referrer to the sites an article links to;
- `Host` is checked against the names the server was started for (DNS-rebinding guard).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Largest request body accepted: an ingest upload of a few hundred pages; reads need none.
MAX_BODY_BYTES = 8 * 1024 * 1024
#: Longest query string accepted (a search plus filters is well under 1 KiB).
MAX_QUERY_BYTES = 4096

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]")

_SAFE_SCHEMES = ("http", "https")


def safe_url(url: object) -> str | None:
    """`url` when it is an absolute http(s) URL, else None: no `javascript:` or `data:` link."""
    if not isinstance(url, str) or any(ch in url for ch in "\x00\r\n\t"):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else None


async def _reply(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class GuardMiddleware:
    """Size limits, allowed hosts and security headers, as one plain ASGI middleware."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        allowed_hosts: Iterable[str] | None = None,
        max_body: int = MAX_BODY_BYTES,
        max_query: int = MAX_QUERY_BYTES,
    ) -> None:
        self.app = app
        self.allowed_hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
        self.max_body = max_body
        self.max_query = max_query

    def _host_ok(self, scope: Scope) -> bool:
        if self.allowed_hosts is None:
            return True
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return host in self.allowed_hosts or name in self.allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self._host_ok(scope):
            await _reply(send, 400, "host not allowed")
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await _reply(send, 414, "query string too long")
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _reply(send, 413, f"request body larger than {self.max_body} bytes")
            return
        await self.app(scope, self._limited(receive), self._with_headers(send))

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        return wrapped

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return wrapped


class BodyTooLarge(Exception):
    """A streamed request body went past the limit (no Content-Length told us in advance)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body larger than {limit} bytes")
        self.limit = limit
