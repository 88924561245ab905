"""The `veille` command: thin wrappers over `veille.api` that parse arguments and print.

Exit status: 0 when every input gave a record, 1 when some inputs were rejected (or a quality
floor is broken), 2 on a usage error (click's convention).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from veille import api
from veille.doc import Reject
from veille.errors import VeilleError
from veille.record import Record

EXIT_OK = 0
EXIT_REJECTS = 1


def _print_reject(reject: Reject) -> None:
    click.echo(json.dumps(reject.as_dict(), ensure_ascii=False), err=True)


def _fail(exc: VeilleError) -> None:
    raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="veille")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """veille: competitive intelligence from the news."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if verbose == 0:
        # trafilatura and htmldate log every page they find hard; those are not the user's problem.
        for name in ("trafilatura", "htmldate", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.ERROR)


def _write_records(records: Iterator[Record], fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    out.write("[")
    for index, record in enumerate(records):
        out.write(",\n" if index else "\n")
        out.write(json.dumps(record, ensure_ascii=False, indent=2))
    out.write("\n]\n")


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout."
)
def extract_cmd(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Print one record per readable input; rejects go to stderr as JSON lines."""
    rejected = 0

    def records() -> Iterator[Record]:
        nonlocal rejected
        for item in api.extract(list(paths), stdin=sys.stdin.buffer):
            if isinstance(item, Reject):
                rejected += 1
                _print_reject(item)
            else:
                yield item

    try:
        if output:
            with open(output, "w", encoding="utf-8") as out:
                _write_records(records(), fmt, out)
        else:
            _write_records(records(), fmt, sys.stdout)
    except VeilleError as exc:
        _fail(exc)
    sys.exit(EXIT_REJECTS if rejected else EXIT_OK)


@cli.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="DuckDB store file.")
@click.option(
    "--from",
    "from_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Merge the shards of a `veille run` output folder instead of reading inputs.",
)
@click.option("--partial", is_flag=True, help="With --from: merge the finished shards even if some are not.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal)."
)
def ingest_cmd(
    paths: tuple[str, ...], db: str, from_dir: str | None, partial: bool, progress: bool | None
) -> None:
    """Run the pipeline over the inputs into the store (re-running adds nothing new)."""
    from tqdm import tqdm

    if bool(paths) == bool(from_dir):
        raise click.UsageError("give input PATHS, or --from DIR (the output of `veille run`), not both")
    show = sys.stderr.isatty() if progress is None else progress
    if from_dir:
        _merge(from_dir, db, partial, show)
        return
    bar = tqdm(unit=" doc", disable=not show, file=sys.stderr, dynamic_ncols=True)

    def on_item(item: object) -> None:
        bar.update(1)
        if isinstance(item, Reject):
            bar.clear()
            _print_reject(item)

    try:
        report = api.ingest(list(paths), db=db, stdin=sys.stdin.buffer, on_item=on_item)
    except VeilleError as exc:
        _fail(exc)
    finally:
        bar.close()
    summary = report.as_dict()
    summary.pop("stages")
    click.echo(json.dumps({"db": db, **summary}, ensure_ascii=False))
    sys.exit(EXIT_REJECTS if report.rejected else EXIT_OK)


def _merge(from_dir: str, db: str, partial: bool, show: bool) -> None:
    from veille.run.progress import ShardProgress

    with ShardProgress(what="shards merged", enabled=show) as bar:
        try:
            report = api.ingest_from(from_dir, db=db, partial=partial, on_shard=bar.on_shard)
        except VeilleError as exc:
            _fail(exc)
    click.echo(json.dumps({"db": db, **report.as_dict()}, ensure_ascii=False, default=str))


@cli.command("run")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True)
@click.option("--address", help="Ray cluster address ('auto', or ray://HEAD:10001); default: a local Ray.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: every core).")
@click.option(
    "--shards",
    type=click.IntRange(min=1),
    help="Number of shards (default: from the input size, at least 16; big files are cut to reach it).",
)
@click.option("--db", help="Also merge the finished run into this store.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal)."
)
def run_cmd(
    paths: tuple[str, ...],
    out_dir: str,
    engine: str,
    address: str | None,
    workers: int | None,
    shards: int | None,
    db: str | None,
    progress: bool | None,
) -> None:
    """Process many inputs in parallel, shard by shard; a re-run resumes where it stopped.

    A WARC or JSONL file bigger than one shard (and than 4 MB) is cut into byte ranges at record
    boundaries, so that one big crawl file spreads over every worker with the documents, ids
    and paths of a whole-file read. A file that cannot be cut (one single gzip stream, a gzipped
    JSONL, damage: from there on) stays one piece; the report's "uncut" says which, and why.
    """
    from veille.run.progress import ShardProgress

    show = sys.stderr.isatty() if progress is None else progress
    with ShardProgress(enabled=show) as bar:
        try:
            report = api.run(
                list(paths),
                out_dir,
                engine=engine,
                workers=workers,
                address=address,
                shards=shards,
                on_plan=bar.set_total,
                on_result=bar.on_result,
            )
        except VeilleError as exc:
            _fail(exc)
    click.echo(json.dumps({"out": out_dir, **report.as_dict()}, ensure_ascii=False, default=str))
    if db:
        _merge(out_dir, db, False, show)


@cli.command("serve")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="DuckDB store file.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-ingest", is_flag=True, help="Accept POSTed pages (off: the server is read-only).")
@click.option(
    "--cache-entries",
    type=click.IntRange(0),
    default=None,
    help="Answers kept in memory until the store changes (default 512; 0 turns the cache off).",
)
def serve_cmd(db: str, host: str, port: int, allow_ingest: bool, cache_entries: int | None) -> None:
    """Serve the JSON API and the web UI over the store."""
    try:
        api.serve(db, host=host, port=port, allow_ingest=allow_ingest, cache_entries=cache_entries)
    except VeilleError as exc:
        _fail(exc)


@cli.command("export")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="DuckDB store file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "graphml"]),
    default="jsonl",
    show_default=True,
)
@click.option("-o", "--output", help="A file (jsonl, graphml; default stdout) or a folder (csv, parquet).")
@click.option("--table", "tables", multiple=True, help="Only these tables (csv, parquet); repeatable.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
def export_cmd(db: str, fmt: str, output: str | None, tables: tuple[str, ...], min_confidence: float) -> None:
    """Export the knowledge base: JSONL records, CSV or Parquet tables, or a GraphML graph (Gephi)."""
    try:
        report = api.export(
            db, fmt=fmt, out=output, tables=list(tables) or None, min_confidence=min_confidence
        )
    except VeilleError as exc:
        _fail(exc)
    click.echo(json.dumps(report, ensure_ascii=False, default=str), err=True)


def _print_table(title: str, rows: dict[str, Any]) -> None:
    click.echo(title)
    for key, value in rows.items():
        click.echo(f"  {key:<32} {value}")


@cli.command("stats")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="DuckDB store file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats_cmd(db: str, as_json: bool) -> None:
    """Print what the store holds."""
    try:
        counts = api.stats(db)
    except VeilleError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False, indent=2, default=str))
        return
    flat = {k: v for k, v in counts.items() if not isinstance(v, dict)}
    _print_table(f"store {db}", flat)
    for key, value in counts.items():
        if isinstance(value, dict):
            _print_table(key, value)


@cli.command("entity")
@click.argument("name")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="DuckDB store file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def entity_cmd(name: str, db: str, as_json: bool) -> None:
    """Print an entity's canonical name, type, aliases and the documents that mention it."""
    from veille.link.profile import format_profile

    try:
        profile = api.entity(name, db=db)
    except VeilleError as exc:
        _fail(exc)
    if profile is None:
        click.echo(f"no entity matches {name!r}", err=True)
        sys.exit(EXIT_REJECTS)
    click.echo(json.dumps(profile, ensure_ascii=False, indent=2) if as_json else format_profile(profile))


def _evidence_lines(evidence: list[dict[str, Any]]) -> None:
    for item in evidence:
        when = item.get("seen") or ""
        click.echo(f"      [{when}] {item['text']}")
        where = f"{item['doc_id'][:12]} {item['start']}:{item['end']}"
        click.echo(f"        -- {item.get('title') or item['doc_id'][:12]} ({where})")


@cli.command("relations")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="DuckDB store file.")
@click.option("--type", "types", multiple=True, help="Only this relation type; repeatable.")
@click.option("--entity", help="Only relations of this entity (id, name or alias).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def relations_cmd(
    db: str, types: tuple[str, ...], entity: str | None, min_confidence: float, limit: int, as_json: bool
) -> None:
    """Print relations merged across articles, with their sources and evidence sentences."""
    try:
        rows = api.relations(db=db, types=types, entity=entity, min_confidence=min_confidence, limit=limit)
    except VeilleError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for row in rows:
        seen = f"{row['first_seen']}..{row['last_seen']}"
        click.echo(
            f"{row['subject_name']} -[{row['type']}]-> {row['object_name']}"
            f"  (sources {row['sources']}, confidence {row['confidence']:.2f}, {seen})"
        )
        _evidence_lines(row["evidence"])


@cli.command("facts")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="DuckDB store file.")
@click.option("--entity", help="Only facts about this entity (id, name or alias).")
@click.option("--type", "types", multiple=True, help="Only this fact type; repeatable.")
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def facts_cmd(db: str, entity: str | None, types: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Print facts (figures said about entities) merged across articles, with their evidence."""
    try:
        rows = api.facts(db=db, entity=entity, types=types, limit=limit)
    except VeilleError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for row in rows:
        qualifier = "" if row["qualifier"] == "=" else row["qualifier"] + " "
        extras = ", ".join(
            part for part in (row["period"], row["scope"], "target" if row["is_target"] else None) if part
        )
        click.echo(
            f"{row['subject_name']}: {row['type']} {qualifier}{row['value']:,.15g} {row['unit']}"
            + (f" ({extras})" if extras else "")
            + f"  (sources {row['sources']})"
        )
        _evidence_lines(row["evidence"])


@cli.command("eval")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option(
    "--floors",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON file of minimum scores; exit 1 when one is not reached.",
)
@click.option("--misses/--no-misses", default=False, help="List misses and false alarms per document.")
def eval_cmd(gold: str | None, as_json: bool, floors: str | None, misses: bool) -> None:
    """Score extraction against a gold file (default: ../shared/eval/dev/gold.json)."""
    from veille.evaluate import check_floors, format_report

    try:
        result = api.evaluate(gold)
    except VeilleError as exc:
        _fail(exc)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(format_report(result, misses=misses))
    if floors:
        failures = check_floors(result, json.loads(Path(floors).read_text("utf-8")))
        for failure in failures:
            click.echo(f"FLOOR BROKEN: {failure}", err=True)
        sys.exit(EXIT_REJECTS if failures else EXIT_OK)


def main() -> None:
    cli(prog_name="veille")
