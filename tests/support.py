"""Helpers for tests: hand-built Docs, the location of ../shared."""

from __future__ import annotations

import os
from pathlib import Path

from veille.doc import Doc, Source, doc_id

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared")).resolve()


def make_doc(
    text: str = "", *, media_type: str = "text", path: str | None = "x.txt", url: str | None = None
) -> Doc:
    """A Doc built by hand, as a reader would make it from `text`."""
    raw = text.encode("utf-8")
    return Doc(
        id=doc_id(raw),
        raw=raw,
        media_type=media_type,  # type: ignore[arg-type]
        markup=text,
        source=Source(path=path, url=url),
    )
