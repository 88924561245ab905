"""Exception tree and the catalogue of coded reject reasons and warnings.

    VeilleError
    ├── InputError        an input cannot be read (turned into a `Reject` by readers)
    ├── ConfigError       bad settings or a pipeline built in the wrong order
    ├── MissingExtra      an optional dependency group is not installed
    ├── StoreError        the DuckDB store cannot be opened or written
    ├── RunError          a sharded run cannot go on (a shard keeps failing, an inconsistent output folder)
    └── EvalError         a gold file is malformed or a quality floor is broken

Reject reasons and warnings are short stable codes (snake-case strings) so that they can be
counted, filtered in the store and matched in tests; `detail` carries the human explanation.
"""

from __future__ import annotations


class VeilleError(Exception):
    """Base class of every error veille raises on purpose."""


class InputError(VeilleError):
    """An input cannot be read; `reason` is one of the `Reason` codes."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class ConfigError(VeilleError):
    """Settings or pipeline composition are wrong."""


class MissingExtra(VeilleError):
    """An optional dependency group is needed and not installed."""

    def __init__(self, extra: str, package: str) -> None:
        super().__init__(f"this needs the '{package}' package: pip install 'veille[{extra}]'")
        self.extra = extra
        self.package = package


class StoreError(VeilleError):
    """The store cannot be opened, migrated or written."""


class RunError(VeilleError):
    """A distributed run cannot go on: a shard keeps failing, the output folder is inconsistent."""


class EvalError(VeilleError):
    """A gold file is malformed, or a score fell below its pinned floor."""


class Reason:
    """Why an input became a reject (fatal: no record)."""

    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"  # permission denied, a device, I/O error
    EMPTY = "empty"
    BINARY = "binary_content"
    UNDECODABLE = "undecodable"
    TRUNCATED_GZIP = "truncated_gzip"
    CORRUPT_GZIP = "corrupt_gzip"
    CORRUPT_WARC = "corrupt_warc"
    BAD_JSONL = "bad_jsonl_line"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported_format"
    HTTP_STATUS = "http_status"  # a WARC response that is a redirect or an error page, not an article
    STAGE_FAILED = "stage_failed"  # a stage raised on this document; detail names it


class Warn:
    """Problems recorded on a record without stopping it (OUTPUT.md `warnings`)."""

    NO_TEXT = "no main text found"
    NO_DATE = "date not found"
    NO_TITLE = "title not found"
    TRUNCATED = "input truncated"
    ENCODING_GUESSED = "encoding guessed"
    HUGE_PAGE = "page larger than the cleaning limit, cut"

    @staticmethod
    def language_not_supported(lang: str) -> str:
        return f"language not supported: {lang}"

    @staticmethod
    def stage_error(stage: str, exc: BaseException) -> str:
        return f"stage {stage} failed: {type(exc).__name__}"
