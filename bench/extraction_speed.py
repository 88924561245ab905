"""Pages per second: veille (read + HtmlCleaner + MetadataStage) vs bare `trafilatura.extract`.

    PYTHONPATH=src .venv/bin/python bench/extraction_speed.py [--pages 300] [--rounds 3]

Both sides start from the .html.gz files of ../shared/corpus/orangesum-fr/html (sorted, first N):
bare  = gunzip + trafilatura.extract(bytes) with default options;
veille = veille's reader (veille.ingest.read_inputs, when present; else gunzip + utf-8 decode)
        + HtmlCleaner + MetadataStage.
Each page is run by both sides in turn (alternating which goes first), for several rounds; each
side's time is the sum over pages of its best time on that page, so bursts of load from other
processes on a shared machine are filtered out. Wall-clock and process CPU time are both
reported. The criterion is veille >= 0.8x bare.
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


def veille_reader() -> tuple[str, Callable[[list[str]], Iterator[Doc | Reject]]]:
    try:
        from veille.ingest import read_inputs
    except ImportError:
        return "gunzip + utf-8 decode (veille.ingest not available)", fallback_reader
    return "veille.ingest.read_inputs", lambda paths: iter(read_inputs(paths))


def fallback_reader(paths: list[str]) -> Iterator[Doc | Reject]:
    for path in paths:
        raw = gzip.decompress(Path(path).read_bytes())
        yield Doc(
            id=doc_id(raw),
            raw=raw,
            media_type="html",
            markup=raw.decode("utf-8", "replace"),
            source=Source(path=path),
        )


def bare_page(path: str) -> None:
    trafilatura.extract(gzip.decompress(Path(path).read_bytes()))


def veille_page(
    read: Callable[[list[str]], Iterator[Doc | Reject]], path: str, cleaner: HtmlCleaner, meta: MetadataStage
) -> None:
    for item in read([path]):
        if isinstance(item, Doc):
            meta.process(cleaner.process(item))


def timed(action: Callable[[], None]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
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
    reader_name, read = veille_reader()
    cleaner, meta = HtmlCleaner(), MetadataStage()
    veille_page(read, paths[0], cleaner, meta)  # warm-up: language model, word lists, imports
    inf = (float("inf"), float("inf"))
    bare_best = dict.fromkeys(paths, inf)
    veille_best = dict.fromkeys(paths, inf)
    for round_number in range(args.rounds):
        for index, path in enumerate(paths):
            runs = [
                ("bare", lambda p=path: bare_page(p)),
                ("veille", lambda p=path: veille_page(read, p, cleaner, meta)),
            ]
            if (index + round_number) % 2:
                runs.reverse()  # neither side always runs first (caches)
            for name, action in runs:
                best = bare_best if name == "bare" else veille_best
                wall, cpu = timed(action)
                best[path] = (min(best[path][0], wall), min(best[path][1], cpu))
    count = len(paths)
    bare_wall, bare_cpu = (sum(times[i] for times in bare_best.values()) for i in (0, 1))
    veille_wall, veille_cpu = (sum(times[i] for times in veille_best.values()) for i in (0, 1))
    print(f"OrangeSum pages: {count}, per-page best of {args.rounds} rounds; veille reader: {reader_name}")
    print("                              wall pages/s   CPU pages/s")
    print(f"  bare trafilatura.extract   {count / bare_wall:9.1f}   {count / bare_cpu:11.1f}")
    print(f"  veille clean + metadata    {count / veille_wall:9.1f}   {count / veille_cpu:11.1f}")
    for name, ratio in (("wall", bare_wall / veille_wall), ("CPU", bare_cpu / veille_cpu)):
        verdict = "met" if ratio >= CRITERION else "NOT met"
        print(f"  ratio ({name}) {ratio:.2f} (criterion >= {CRITERION}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
