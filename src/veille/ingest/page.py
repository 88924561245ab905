"""One page's bytes -> a `Doc`, or a `Reject` saying why they are not a readable page."""

from __future__ import annotations

from veille.doc import Doc, MediaType, Reject, Source, doc_id
from veille.errors import InputError, Reason, Warn
from veille.ingest.decode import MAX_CONTROL_RATIO, Decoded, bom_codec, control_ratio, decode
from veille.ingest.formats import sniff_media
from veille.ingest.limits import SNIFF_BYTES


def page_item(
    raw: bytes,
    *,
    path: str | None,
    media_type: MediaType | None = None,
    url: str | None = None,
    fetched_at: str | None = None,
    http_charset: str | None = None,
    markup: str | None = None,
) -> Doc | Reject:
    """The Doc for one page, or a Reject with its reason (never raises on bad bytes).

    `media_type` None means "look at the content"; `markup` is given when the page arrived as
    a str already (JSONL), in which case `raw` is its UTF-8 encoding and nothing is decoded.
    """
    try:
        return page_doc(
            raw,
            path=path,
            media_type=media_type,
            url=url,
            fetched_at=fetched_at,
            http_charset=http_charset,
            markup=markup,
        )
    except InputError as exc:
        return Reject(path, exc.reason, exc.detail, id=doc_id(raw) if raw else None, url=url)


def page_doc(
    raw: bytes,
    *,
    path: str | None,
    media_type: MediaType | None = None,
    url: str | None = None,
    fetched_at: str | None = None,
    http_charset: str | None = None,
    markup: str | None = None,
) -> Doc:
    """Like `page_item`, raising `InputError` instead of returning a Reject."""
    if not raw or raw.isspace():
        raise InputError(Reason.EMPTY, "no content" if not raw else "only whitespace")
    bom = bom_codec(raw)
    wide = bom is not None and bom[0].startswith(("utf-16", "utf-32"))
    if not wide:  # UTF-16/32 text is full of NUL bytes: test it once decoded
        _check_not_binary(raw)
    if media_type is None:
        media_type = sniff_media(_head_text(raw, wide))
    if markup is None:
        decoded = decode(raw, html=media_type == "html", http_charset=http_charset)
    else:
        decoded = Decoded(markup, "utf-8")
    if wide:
        _check_not_binary(decoded.text.encode("utf-8", "replace"))
    if not decoded.text or decoded.text.isspace():
        raise InputError(Reason.EMPTY, "only whitespace once decoded")
    doc = Doc(
        id=doc_id(raw),
        raw=raw,
        media_type=media_type,
        source=Source(path=path, url=url),
        markup=decoded.text,
        encoding=decoded.encoding,
        fetched_at=fetched_at,
    )
    if decoded.guessed:
        doc.warn(Warn.ENCODING_GUESSED)
    return doc


def _check_not_binary(raw: bytes) -> None:
    ratio = control_ratio(raw)
    if ratio > MAX_CONTROL_RATIO:
        raise InputError(Reason.BINARY, f"{ratio:.1%} of the bytes are control characters")


def _head_text(raw: bytes, wide: bool) -> str:
    head = raw[: SNIFF_BYTES * 4 if wide else SNIFF_BYTES]
    if wide:
        bom = bom_codec(head)
        if bom is not None:
            return head[bom[1] :].decode(bom[0], "ignore")
    # Latin-1 maps every byte to one char: enough to see ASCII tags in any ASCII-based charset
    return head.decode("latin-1")
