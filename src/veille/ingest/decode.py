"""Bytes -> str: byte-order marks, declared charsets, detection, and the binary-content test.

Order for HTML: a BOM wins; then strict UTF-8 (valid multi-byte UTF-8 almost never occurs by
chance in a legacy single-byte page, and pages that declare Latin-1 while sending UTF-8 are
common); then mostly-UTF-8 with a few stray bytes; then the charset the HTTP header or the page's
`<meta>` declares; then charset-normalizer detection. Plain text skips the `<meta>` step. Only the
detection step and the lossy mostly-UTF-8 step count as a guess (`Warn.ENCODING_GUESSED`), and
detection only runs when UTF-8 fails, so the common case costs one decode.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from veille.errors import InputError, Reason

LOGGER = logging.getLogger(__name__)

#: Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Control bytes that do not occur in text: C0 controls except TAB, LF, VT, FF, CR and ESC
#: (ESC is used by ISO-2022 encodings), plus DEL.
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])

#: Above this share of control bytes an input is binary, not text. Calibrated on the 3,712 HTML
#: pages of ../shared/corpus: the highest share there is 0.016% (40 stray bytes in a 256 KB page),
#: while random bytes have 28/256 = 10.9%. 1% sits 60x above the first and 10x below the second.
MAX_CONTROL_RATIO = 0.01

#: Size of each of the three windows (start, middle, end) the binary test reads in a big input:
#: binary data is binary throughout, and scanning whole pages cost a large share of the reading time on
#: the corpus pages (13% in a profile) for no change in outcome.
CONTROL_SAMPLE_BYTES = 16 * 1024

#: How far into an HTML page to look for `<meta charset>`. The HTML standard's prescan stops at
#: 1,024 bytes, but real pages often put long scripts or comments first.
META_SCAN_BYTES = 8192

#: Invalid UTF-8 sequences tolerated per valid non-ASCII character before UTF-8 is abandoned.
#: A UTF-8 page with a few stray cp1252 bytes (quotes pasted from Word) keeps UTF-8, while a
#: real cp1252 page has almost no valid multi-byte sequence and goes on to the declared charset.
MAX_UTF8_ERRORS_PER_CHAR = 0.1

_HIGH_BYTES = bytes(range(0x80, 0x100))

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)

#: Encodings whose text is pure 7-bit bytes yet not ASCII: a declaration of one of them must be
#: honoured even when the bytes are valid UTF-8.
_SEVEN_BIT_CODECS = frozenset({"utf-7", "iso2022_jp", "iso2022_kr", "hz"})

#: What browsers actually use for some labels (WHATWG Encoding Standard): pages labelled
#: Latin-1 or ASCII are decoded as windows-1252, so that bytes 0x80-0x9F give ’, €, œ...;
#: a UTF-16 label on bytes without a BOM is a mislabelled ASCII-compatible page.
_WHATWG_CODECS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "gb2312": "gbk",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}

#: Detection candidates: the legacy encodings browsers support (WHATWG Encoding Standard), since
#: a web page in any other one would not display anywhere. Keeping charset-normalizer to these
#: stops it reading a short Latin-1 text as EBCDIC (cp037) or UTF-16, as it otherwise does.
WEB_ENCODINGS = (
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "cp866",
    "mac_cyrillic", "cp1253", "iso8859_7", "cp1254", "cp1255", "iso8859_8", "cp1256", "cp1257",
    "iso8859_13", "cp1258", "cp874", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6",
    "iso8859_10", "iso8859_14", "iso8859_16", "mac_roman", "gb18030", "big5", "euc_jp",
    "iso2022_jp", "shift_jis", "euc_kr",
)  # fmt: skip
#: Only tried when the bytes contain NULs (text in these is full of them).
WIDE_ENCODINGS = ("utf_16_le", "utf_16_be")
#: Encoding preferred when detection finds several equally clean readings: short texts often
#: decode without a single odd character in cp1252, cp1250 and cp1257 alike, and for French
#: and English news the answer is cp1252 (which is also what browsers use for "latin-1").
PREFERRED_ENCODING = "cp1252"
#: Readings whose chaos (charset-normalizer's mess score, 0 = clean) is within this of the
#: cleanest count as equally clean.
CHAOS_TIE = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool = False


def bom_codec(raw: bytes) -> tuple[str, int] | None:
    """The codec named by a byte-order mark and the mark's length, if `raw` starts with one."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec, len(bom)
    return None


def control_ratio(raw: bytes) -> float:
    """Share of control bytes (never found in text) in `raw`, or in three windows of a big input."""
    if len(raw) > 3 * CONTROL_SAMPLE_BYTES:
        middle = (len(raw) - CONTROL_SAMPLE_BYTES) // 2
        raw = b"".join(
            (
                raw[:CONTROL_SAMPLE_BYTES],
                raw[middle : middle + CONTROL_SAMPLE_BYTES],
                raw[-CONTROL_SAMPLE_BYTES:],
            )
        )
    if not raw:
        return 0.0
    return (len(raw) - len(raw.translate(None, CONTROL_BYTES))) / len(raw)


def codec_for_label(label: str | bytes | None) -> str | None:
    """The Python codec for a charset label (as browsers read it), or None if unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WHATWG_CODECS.get(name, name)


def meta_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in `<meta charset>` or `<meta http-equiv>`."""
    match = _META_CHARSET.search(raw, 0, META_SCAN_BYTES)
    return match.group(1).decode("ascii") if match else None


def decode(raw: bytes, *, html: bool, http_charset: str | None = None) -> Decoded:
    """Decode a page; raises `InputError(undecodable)` when no encoding fits."""
    bom = bom_codec(raw)
    if bom is not None:
        codec, skip = bom
        try:
            return Decoded(raw[skip:].decode(codec), codec)
        except UnicodeDecodeError:
            LOGGER.debug("bytes do not match their %s byte-order mark", codec)
    declared = [http_charset] + ([meta_charset(raw)] if html else [])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _utf8_or_seven_bit(raw, text, declared)
    mostly = _mostly_utf8(raw)
    if mostly is not None:
        declared_utf8 = any(codec_for_label(label) == "utf-8" for label in declared)
        return Decoded(mostly, "utf-8", guessed=not declared_utf8)
    for label in declared:
        fallback = codec_for_label(label)
        if fallback is None or fallback == "utf-8":
            continue
        try:
            return Decoded(raw.decode(fallback), fallback)
        except UnicodeDecodeError:
            LOGGER.debug("bytes are not valid %s as declared", fallback)
    return _detect(raw)


def _utf8_or_seven_bit(raw: bytes, text: str, declared: list[str | None]) -> Decoded:
    for label in declared:
        codec = codec_for_label(label)
        if codec in _SEVEN_BIT_CODECS and raw.isascii():
            try:
                return Decoded(raw.decode(codec), codec)
            except UnicodeDecodeError:
                break
    return Decoded(text, "utf-8")


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8 with replacement characters, if invalid sequences are rare among valid ones."""
    text = raw.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    errors = replaced - raw.count("\ufffd".encode())
    valid = len(text) - len(raw.translate(None, _HIGH_BYTES)) - replaced
    if valid > 0 and errors <= valid * MAX_UTF8_ERRORS_PER_CHAR:
        return text
    return None


def _detect(raw: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    candidates = list(WEB_ENCODINGS) + (list(WIDE_ENCODINGS) if b"\x00" in raw else [])
    matches = from_bytes(raw, cp_isolation=candidates)
    best = matches.best()
    if best is None:
        raise InputError(Reason.UNDECODABLE, "no text encoding fits these bytes")
    for match in matches:
        # a match stands for every encoding that gives the same text (`could_be_from_charset`)
        if PREFERRED_ENCODING in match.could_be_from_charset and match.chaos <= best.chaos + CHAOS_TIE:
            return Decoded(str(match), PREFERRED_ENCODING, guessed=True)
    return Decoded(str(best), best.encoding, guessed=True)
