"""The site of a document: the host of its URL, without "www." and port."""

from __future__ import annotations

from urllib.parse import urlsplit

#: Host prefixes that name no site of their own ("www.lemonde.fr" is "lemonde.fr").
BARE_HOST_PREFIXES: tuple[str, ...] = ("www.", "www2.", "www3.", "m.", "amp.")


def site_from_url(url: str | None) -> str | None:
    """ "https://www.lemonde.fr/eco/x.html" -> "lemonde.fr"; None when the URL has no host."""
    if not url:
        return None
    candidate = url.strip()
    if "://" not in candidate and not candidate.startswith("//"):
        candidate = "//" + candidate  # "lemonde.fr/x" has no scheme but is still a host
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.rstrip(".").lower()
    for prefix in BARE_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host
