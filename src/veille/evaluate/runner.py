"""Orchestration: run the pipeline over a gold file's inputs, score, and assemble the result.

`score_records(entries, records)` scores records that already exist (a benchmark's output, the
store's rows) without running anything; `run_evaluation(gold, pipeline=...)` reads each gold
input through `veille.api.extract_one` and scores what comes out. Both return the same plain,
JSON-ready dict:

    {"gold": path or None, "documents": n, "rejected": [{"doc", "reason"}],
     "scores": {"body_keep", "body_drop", "title", "date", "language": float or None,
                "shares": {name: {"score", "hits", "total"}},
                "entities": {precision, recall, f1, counts..., "by_type": {...}},
                "identity": {"score", "hits", "total", "entities": [...]},
                "relations": {..., "optional_found", "by_type", "attributes": {...}},
                "facts": {..., "by_type": {...}}},
     "per_document": [DocScore.as_dict(), ...]}

Overall scores are micro-averaged: body keep/drop over all strings, title/date/language over
documents, precision and recall over all items of all documents.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veille.doc import Reject
from veille.errors import EvalError, InputError, Reason
from veille.evaluate.counts import Counts, Share, add_by_key
from veille.evaluate.gold import GoldEntry, load_gold, resolve_input
from veille.evaluate.identity import score_identity
from veille.evaluate.relations import SCORED_ATTRIBUTES
from veille.evaluate.scoring import METADATA_FIELDS, DocScore, score_document
from veille.record import Record

if TYPE_CHECKING:
    from veille.pipeline import Pipeline

LOGGER = logging.getLogger(__name__)

RecordOrReject = Record | Reject | None


def records_by_doc(records: Sequence[Record]) -> dict[str, Record]:
    """Key records by the file name of their source path without `.gz`, as gold `doc` is."""
    keyed: dict[str, Record] = {}
    for record in records:
        path = (record.get("source") or {}).get("path")
        if path:
            name = Path(path).name
            keyed[name.removesuffix(".gz")] = record
    return keyed


def _aligned(
    entries: Sequence[GoldEntry], records: Sequence[RecordOrReject] | Mapping[str, RecordOrReject]
) -> list[RecordOrReject]:
    if isinstance(records, Mapping):
        return [records.get(entry.doc) for entry in entries]
    if len(records) != len(entries):
        raise EvalError(f"{len(records)} records for {len(entries)} gold entries")
    return list(records)


def _prf(counts: Counts, by_type: dict[str, Counts]) -> dict[str, Any]:
    return {**counts.as_dict(), "by_type": {k: by_type[k].as_dict() for k in sorted(by_type)}}


def _aggregate(entries: Sequence[GoldEntry], scores: Sequence[DocScore]) -> dict[str, Any]:
    shares = {name: Share() for name in ("body_keep", "body_drop", *METADATA_FIELDS)}
    attributes = {name: Share() for name in SCORED_ATTRIBUTES}
    totals = {kind: Counts() for kind in ("entities", "relations", "facts")}
    by_type: dict[str, dict[str, Counts]] = {kind: {} for kind in totals}
    optional_found = 0
    for score in scores:
        shares["body_keep"].add(score.body_keep)
        shares["body_drop"].add(score.body_drop)
        for name in METADATA_FIELDS:
            shares[name].add(score.metadata[name])
        for kind, matching in (
            ("entities", score.entities),
            ("relations", score.relations),
            ("facts", score.facts),
        ):
            totals[kind].add(matching.counts)
            add_by_key(by_type[kind], matching.by_type)
        for name, share in score.relations.attributes.items():
            attributes.setdefault(name, Share()).add(share)
        optional_found += score.relations.optional_found
    identity, items = score_identity(entries, [score.view for score in scores])
    return {
        **{name: share.value for name, share in shares.items()},
        "shares": {name: share.as_dict() for name, share in shares.items()},
        "entities": _prf(totals["entities"], by_type["entities"]),
        "identity": {**identity.as_dict(), "entities": [item.as_dict() for item in items]},
        "relations": {
            **_prf(totals["relations"], by_type["relations"]),
            "optional_found": optional_found,
            "attributes": {name: share.as_dict() for name, share in attributes.items()},
        },
        "facts": _prf(totals["facts"], by_type["facts"]),
    }


def score_records(
    entries: Sequence[GoldEntry],
    records: Sequence[RecordOrReject] | Mapping[str, RecordOrReject],
    *,
    gold_path: str | Path | None = None,
) -> dict[str, Any]:
    """Score existing records against gold entries, without running the pipeline.

    `records` is either aligned with `entries` (same length, same order; `None` or a `Reject`
    for a document without a record) or a mapping from gold `doc` name to record (see
    `records_by_doc`); a gold document absent from the mapping scores as an empty record.
    """
    aligned = _aligned(entries, records)
    scores = [score_document(entry, record) for entry, record in zip(entries, aligned, strict=True)]
    return {
        "gold": str(gold_path) if gold_path is not None else None,
        "documents": len(entries),
        "rejected": [{"doc": score.doc, "reason": score.rejected} for score in scores if score.rejected],
        "scores": _aggregate(entries, scores),
        "per_document": [score.as_dict() for score in scores],
    }


def _extract(entry: GoldEntry, gold_path: Path, pipeline: Pipeline) -> Record | Reject:
    from veille.api import extract_one

    path = resolve_input(gold_path, entry.path)
    if path is None:
        return Reject(entry.path, Reason.NOT_FOUND, f"not found above {gold_path.parent}")
    try:
        return extract_one(path, pipeline=pipeline)
    except InputError as exc:
        return Reject(str(path), exc.reason, exc.detail)


def run_evaluation(gold: str | Path | None, *, pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Run the pipeline over every input of a gold file and score it (see module docstring).

    `gold` defaults to the shared dev gold (`gold.default_gold`); each entry's `path` is found
    under the nearest ancestor folder of the gold file that holds it (`gold.resolve_input`).
    """
    if pipeline is None:
        from veille.api import build_pipeline

        pipeline = build_pipeline()
    gold_path, entries = load_gold(gold)
    started = time.perf_counter()
    records = [_extract(entry, gold_path, pipeline) for entry in entries]
    result = score_records(entries, records, gold_path=gold_path)
    result["seconds"] = round(time.perf_counter() - started, 3)
    LOGGER.info("evaluated %d documents in %.1f s", len(entries), result["seconds"])
    return result
