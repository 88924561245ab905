"""Pages per second: veille (read + HtmlCleaner + MetadataStage) vs bare `trafilatura.extract`.

    PYTHONPATH=src .venv/bin/python bench/extraction_speed.py [--pages 300] [--rounds 3]

Both sides start from the .html.gz files of ../shared/corpus/orangesum-fr/html (sorted, first N):
bare  = gunzip + trafilatura.extract(bytes) with default options;
veille = veille's reader (veille.ingest.read_inputs, when present; else gunzip + utf-8 decode)
        + HtmlCleaner + MetadataStage.
Rounds alternate bare / veille and the best round of each is kept, so a busy machine hurts both
alike. Both wall-clock and process CPU time are reported: on a shared machine the CPU-time ratio
is the steadier one. The criterion is veille >= 0.8x bare.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import trafilatura

from veille.clean.html import HtmlCleaner
from veille.doc import Doc, Reject, Source, doc_id
from veille.meta.stage import MetadataStage

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared")).resolve()
CRITERION = 0.8


def veille_reader(paths: list[str]) -> tuple[str, Callable[[], Iterator[Doc | Reject]]]:
    try:
        from veille.ingest import read_inputs  # type: ignore[attr-defined]
    except ImportError:
        read_inputs = None
    if read_inputs is not None:
        return "veille.ingest.read_inputs", lambda: iter(read_inputs(paths))

    def fallback() -> Iterator[Doc | Reject]:
        for path in paths:
            raw = gzip.decompress(Path(path).read_bytes())
            yield Doc(
                id=doc_id(raw),
                raw=raw,
                media_type="html",
                markup=raw.decode("utf-8", "replace"),
                source=Source(path=path),
            )

    return "gunzip + utf-8 decode (veille.ingest not available)", fallback


def bare_round(paths: list[str]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        trafilatura.extract(gzip.decompress(Path(path).read_bytes()))
    return time.perf_counter() - wall, time.process_time() - cpu


def veille_round(
    read: Callable[[], Iterator[Doc | Reject]], cleaner: HtmlCleaner, meta: MetadataStage
) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for item in read():
        if isinstance(item, Doc):
            meta.process(cleaner.process(item))
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    paths = sorted(str(p) for p in (SHARED / "corpus" / "orangesum-fr" / "html").glob("*.html.gz"))[
        : args.pages
    ]
    if not paths:
        print(f"no OrangeSum pages under {SHARED}", file=sys.stderr)
        return 2
    reader_name, read = veille_reader(paths)
    cleaner, meta = HtmlCleaner(), MetadataStage()
    veille_round(read, cleaner, meta)  # warm-up: models, word lists, imports
    bare_wall = bare_cpu = veille_wall = veille_cpu = float("inf")
    for _ in range(args.rounds):
        wall, cpu = bare_round(paths)
        bare_wall, bare_cpu = min(bare_wall, wall), min(bare_cpu, cpu)
        wall, cpu = veille_round(read, cleaner, meta)
        veille_wall, veille_cpu = min(veille_wall, wall), min(veille_cpu, cpu)
    count = len(paths)
    print(f"OrangeSum pages: {count}, best of {args.rounds} rounds; veille reader: {reader_name}")
    print("                              wall pages/s   CPU pages/s")
    print(f"  bare trafilatura.extract   {count / bare_wall:9.1f}   {count / bare_cpu:11.1f}")
    print(f"  veille clean + metadata    {count / veille_wall:9.1f}   {count / veille_cpu:11.1f}")
    for name, ratio in (("wall", bare_wall / veille_wall), ("CPU", bare_cpu / veille_cpu)):
        verdict = "met" if ratio >= CRITERION else "NOT met"
        print(f"  ratio ({name}) {ratio:.2f} (criterion >= {CRITERION}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
