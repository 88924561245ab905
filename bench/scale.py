"""Scale-out benchmark: pages/s of `veille run` with 1 and 2 workers, local and Ray, and memory.

What it does:

1. packs pages from ../shared/corpus into WARC.gz files under --work (default /tmp/veille-scale):
   every distinct raw HTML page of orangesum-fr/html, trafilatura-eval, htmldate-eval and
   scrapinghub-aeb (HTTP `response` records, text/html), then, to reach --pages, OrangeSum
   articles from parsed_all.jsonl.gz as `resource` records (text/plain: title, lead, body);
   --per-warc pages a file, deterministic (`--per-warc` >= `--pages`: one big file, which
   `veille run` cuts into byte ranges at record boundaries so that every worker gets a part);
2. for each engine and worker count, runs `veille.run.run` over the WARC folder into a fresh
   output folder and times it (Ray: its start-up is timed apart, then included in `seconds`);
3. with --merge, merges the first and last runs into two stores and checks they hold the same
   rows (documents, entities, aliases, mentions, relations, facts, rejects, stories).

Figures: pages/s = documents / wall seconds of the run; pages/cpu-s = documents / the workers'
CPU seconds (steadier on a loaded machine); scaling efficiency = pages/s with N
workers / (N x pages/s with 1); peak RSS per worker = ru_maxrss of each worker process (all
its shards, models included). The machine's load average is printed before and after: on a
shared machine, read the figures with it.

    PYTHONPATH=src .venv/bin/python bench/scale.py --pages 500          # quick
    PYTHONPATH=src .venv/bin/python bench/scale.py --pages 2000 --per-warc 2000 --stages cleaning
    PYTHONPATH=src .venv/bin/python bench/scale.py --pages 5000 --merge --json bench/results/scale.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared")).resolve()
HTML_DIRS = ("orangesum-fr/html", "trafilatura-eval/cache", "htmldate-eval/cache", "scrapinghub-aeb/html")
ORANGESUM_TEXTS = "orangesum-fr/parsed_all.jsonl.gz"
CRAWL_DATE = "2024-10-01T00:00:00Z"


def html_pages(corpus: Path) -> Iterator[tuple[str, bytes]]:
    """(url, html bytes) of every distinct raw HTML page, in a fixed order."""
    seen: set[str] = set()
    for folder in HTML_DIRS:
        for path in sorted((corpus / folder).glob("*.html.gz")):
            data = gzip.decompress(path.read_bytes())
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            yield f"https://bench.invalid/{folder}/{path.name[:-3]}", data


def text_pages(corpus: Path) -> Iterator[tuple[str, bytes]]:
    """(url, text bytes) of OrangeSum articles, title + lead + body."""
    with gzip.open(corpus / ORANGESUM_TEXTS, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = "\n\n".join(
                part for part in (row.get("title"), row.get("heading"), row.get("article")) if part
            )
            yield f"{row['url']}#text-{row['id']}", text.encode("utf-8")


def _record(writer: Any, url: str, data: bytes, html: bool) -> Any:
    from warcio.statusandheaders import StatusAndHeaders

    if html:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        return writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(data),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": CRAWL_DATE},
        )
    return writer.create_warc_record(
        url,
        "resource",
        payload=io.BytesIO(data),
        warc_headers_dict={"WARC-Date": CRAWL_DATE, "Content-Type": "text/plain; charset=utf-8"},
    )


def pack(corpus: Path, out: Path, pages: int, per_warc: int) -> dict[str, int]:
    """Write `pages` pages into out/crawl-NNNN.warc.gz; return the mix."""
    from warcio.warcwriter import WARCWriter

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    mix = {"html": 0, "text": 0, "files": 0}
    items: list[tuple[str, bytes, bool]] = []
    for url, data in html_pages(corpus):
        if len(items) >= pages:
            break
        items.append((url, data, True))
    for url, data in text_pages(corpus):
        if len(items) >= pages:
            break
        items.append((url, data, False))
    for start in range(0, len(items), per_warc):
        with open(out / f"crawl-{start // per_warc:04d}.warc.gz", "wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            for url, data, html in items[start : start + per_warc]:
                writer.write_record(_record(writer, url, data, html))
                mix["html" if html else "text"] += 1
        mix["files"] += 1
    return mix


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def one_run(
    engine: str, workers: int, warcs: Path, out: Path, stages: str, min_split_bytes: int | None = None
) -> dict[str, Any]:
    from veille import api
    from veille.run import run
    from veille.run.shards import MIN_SPLIT_BYTES

    factory = api.build_pipeline if stages == "default" else _cleaning_pipeline
    if out.exists():
        shutil.rmtree(out)
    startup = 0.0
    if engine == "ray":
        import ray

        began = time.perf_counter()
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
        startup = time.perf_counter() - began
    try:
        began = time.perf_counter()
        report = run(
            [str(warcs)],
            out,
            engine=engine,
            workers=workers,
            factory=factory,
            min_split_bytes=MIN_SPLIT_BYTES if min_split_bytes is None else min_split_bytes,
        )
        seconds = time.perf_counter() - began + startup
    finally:
        if engine == "ray":
            ray.shutdown()
    peaks = list(report.peak_rss_mb.values())
    return {
        "engine": engine,
        "workers": workers,
        "shards": report.shards,
        "documents": report.documents,
        "rejected": report.rejected,
        "seconds": round(seconds, 1),
        "startup_s": round(startup, 1),
        "pages_per_s": round(report.documents / seconds, 2),
        "worker_cpu_s": round(report.cpu_seconds, 1),
        "pages_per_cpu_s": round(report.documents / report.cpu_seconds, 2) if report.cpu_seconds else None,
        "peak_rss_mb_per_worker": max(peaks) if peaks else None,
        "uncut": report.uncut,
        "worker_processes": len(peaks),
        "load_after": load(),
    }


def _cleaning_pipeline() -> Any:
    from veille import api

    return api.build_pipeline(api.cleaning_stages())


TABLES = {
    "documents": "SELECT id, path, url, site, language, title, published, text, record FROM documents",
    "entities": "SELECT id, name, type FROM entities",
    "aliases": "SELECT alias, norm, entity_id FROM aliases",
    "mentions": 'SELECT doc_id, entity_id, start, "end", label FROM mentions',
    "relations": "SELECT * FROM relations",
    "facts": "SELECT * FROM facts",
    "rejects": "SELECT path, reason, detail FROM rejects",
    "stories": "SELECT doc_id, story_id FROM story_members",
}


def digest(db: Path) -> dict[str, tuple[int, str]]:
    """Row count and sha256 of the sorted rows of each table."""
    from veille.store import Store

    out = {}
    with Store(db, read_only=True) as store:
        for name, sql in TABLES.items():
            rows = sorted(repr(row) for row in store.connection.execute(sql).fetchall())
            out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16])
    return out


def merge_and_compare(first: Path, second: Path, work: Path, stages: str) -> dict[str, Any]:
    from veille import api
    from veille.run import merge

    factory = api.build_pipeline if stages == "default" else _cleaning_pipeline
    result: dict[str, Any] = {}
    digests = []
    for label, out in (("a", first), ("b", second)):
        db = work / f"merge-{label}.duckdb"
        db.unlink(missing_ok=True)
        began = time.perf_counter()
        report = merge(out, db, factory=factory)
        seconds = time.perf_counter() - began
        result[f"merge_{label}"] = {
            "from": out.name,
            "added": report.added,
            "seconds": round(seconds, 1),
            "stories": report.stories,
        }
        digests.append(digest(db))
    result["tables"] = {name: digests[0][name][0] for name in TABLES}
    result["same_store"] = digests[0] == digests[1]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--per-warc", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engines", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--stages", choices=["default", "cleaning"], default="default")
    parser.add_argument("--work", type=Path, default=Path("/tmp/veille-scale"))
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--merge", action="store_true", help="merge the first and last runs, compare stores")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--min-split-bytes", type=int, help="cut WARC files above this size (huge: never cut, as before)"
    )
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    warcs = args.work / "warc"
    began = time.perf_counter()
    mix = pack(corpus, warcs, args.pages, args.per_warc)
    print(
        f"packed {mix['html']} HTML + {mix['text']} text pages into {mix['files']} WARC.gz files "
        f"in {time.perf_counter() - began:.1f} s; stages: {args.stages}"
    )
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores; python {platform.python_version()}; "
        f"load average before: {load()}"
    )
    runs = []
    for engine in args.engines:
        for workers in args.workers:
            out = args.work / f"out-{engine}-{workers}"
            row = one_run(engine, workers, warcs, out, args.stages, args.min_split_bytes)
            runs.append(row)
            print(json.dumps(row))
    for row in runs:
        base = next(r for r in runs if r["engine"] == row["engine"] and r["workers"] == min(args.workers))
        row["scaling_efficiency"] = round(
            row["pages_per_s"] / (base["pages_per_s"] * row["workers"] / base["workers"]), 2
        )
    print(
        f"\n{'engine':<7}{'workers':>8}{'pages':>7}{'seconds':>9}{'startup':>9}{'pages/s':>9}"
        f"{'effic.':>8}{'pages/cpu-s':>12}{'peak RSS MB/worker':>20}"
    )
    for row in runs:
        print(
            f"{row['engine']:<7}{row['workers']:>8}{row['documents']:>7}{row['seconds']:>9}"
            f"{row['startup_s']:>9}{row['pages_per_s']:>9}{row['scaling_efficiency']:>8}"
            f"{row['pages_per_cpu_s']!s:>12}{row['peak_rss_mb_per_worker']!s:>20}"
        )
    result: dict[str, Any] = {"mix": mix, "stages": args.stages, "cores": os.cpu_count(), "runs": runs}
    if args.merge and len(runs) >= 2:
        first = args.work / f"out-{runs[0]['engine']}-{runs[0]['workers']}"
        last = args.work / f"out-{runs[-1]['engine']}-{runs[-1]['workers']}"
        result["merge"] = merge_and_compare(first, last, args.work, args.stages)
        print(json.dumps(result["merge"]))
    print(f"load average after: {load()}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
