"""veille: competitive intelligence from the news.

Raw pages (HTML, scraped text, WARC) in; clean dated records with linked entities, relations and
facts out, into an embedded DuckDB store. Every surface calls the functions re-exported here.
"""

from veille.api import (
    build_pipeline,
    entity,
    evaluate,
    export,
    extract,
    extract_one,
    facts,
    ingest,
    ingest_from,
    relations,
    run,
    search,
    serve,
    stats,
)
from veille.doc import Doc, Entity, Fact, Mention, Reject, Relation, Source, Span
from veille.errors import InputError, MissingExtra, StoreError, VeilleError
from veille.pipeline import Pipeline, Stage
from veille.record import to_record, validate

__version__ = "0.1.0"

__all__ = [
    "Doc",
    "Entity",
    "Fact",
    "InputError",
    "Mention",
    "MissingExtra",
    "Pipeline",
    "Reject",
    "Relation",
    "Source",
    "Span",
    "Stage",
    "StoreError",
    "VeilleError",
    "__version__",
    "build_pipeline",
    "entity",
    "evaluate",
    "export",
    "extract",
    "extract_one",
    "facts",
    "ingest",
    "ingest_from",
    "relations",
    "run",
    "search",
    "serve",
    "stats",
    "to_record",
    "validate",
]
