"""Side by side: veille's HTML cleaner vs bare trafilatura / htmldate, on the corpora in ../shared.

    PYTHONPATH=src .venv/bin/python bench/extraction_quality.py [--body] [--dates] [--titles] [--limit N]

Body (main text):
  trafilatura-eval  snippet scoring as in trafilatura's own evaluation: each `with` snippet found is
                    a true positive (else a false negative), each `without` snippet found a false
                    positive (else a true negative); P, R, F1 over all snippets. French pages are those
                    whose `with` snippets py3langid reads as French; all pages are reported too.
  scrapinghub-aeb   token-level and 4-token-shingle P/R/F1 against `articleBody`, averaged per page.
  bare = trafilatura.extract(html) with default options; veille = HtmlCleaner().process(doc).text
Dates (htmldate-eval, exact day): bare = htmldate.find_date(html) defaults; veille = HtmlCleaner
  then MetadataStage (dateline fallback). French pages: `<html lang="fr...">` or a .fr host.
Titles (trafilatura-eval pages with a title): bare = trafilatura.extract_metadata(html).title.
Both systems read the same decoded string. Nothing here is copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import htmldate
import py3langid
import trafilatura
from trafilatura.utils import decode_file

from veille.clean.html import HtmlCleaner
from veille.doc import Doc, Source, doc_id
from veille.meta.stage import MetadataStage

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared")).resolve()
SHINGLE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class Page:
    key: str
    html: str
    url: str | None
    lang: str | None = None
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    truth: str = ""
    title: str | None = None
    date: str | None = None


def read_gz(path: Path) -> str:
    return decode_file(gzip.decompress(path.read_bytes()))


def make_doc(page: Page) -> Doc:
    raw = page.html.encode("utf-8")
    return Doc(
        id=doc_id(raw),
        raw=raw,
        media_type="html",
        markup=page.html,
        source=Source(path=page.key, url=page.url),
    )


def fold(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- corpora
def trafilatura_eval(limit: int | None) -> list[Page]:
    root = SHARED / "corpus" / "trafilatura-eval"
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in list(data.items())[:limit]:
        path = next(
            (
                p
                for p in (root / "eval" / f"{entry['file']}.gz", root / "cache" / f"{entry['file']}.gz")
                if p.exists()
            ),
            None,
        )
        if path is None:
            continue
        snippets = " ".join(entry.get("with", []))
        lang = py3langid.classify(snippets)[0] if snippets else None
        pages.append(
            Page(
                entry["file"],
                read_gz(path),
                url,
                lang,
                list(entry.get("with", [])),
                list(entry.get("without", [])),
                title=entry.get("title") or None,
                date=entry.get("date") or None,
            )
        )
    return pages


def scrapinghub(limit: int | None) -> list[Page]:
    root = SHARED / "corpus" / "scrapinghub-aeb"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, entry in list(truth.items())[:limit]:
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append(Page(key, read_gz(path), entry.get("url"), truth=entry["articleBody"]))
    return pages


def htmldate_eval(limit: int | None) -> list[Page]:
    root = SHARED / "corpus" / "htmldate-eval"
    pages = []
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        data = json.loads((root / name).read_text(encoding="utf-8"))
        for url, entry in list(data.items())[:limit]:
            path = next(
                (
                    p
                    for p in (root / d / f"{entry['file']}.gz" for d in ("eval", "cache", "test_set"))
                    if p.exists()
                ),
                None,
            )
            if path is None:
                continue
            html = read_gz(path)
            match = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2})", html[:5000], re.IGNORECASE)
            lang = match.group(1).lower() if match else None
            host = urlsplit(url).hostname or ""
            if host.endswith(".fr"):
                lang = "fr"
            pages.append(Page(entry["file"], html, url, lang, date=entry["date"]))
    return pages


# ---------------------------------------------------------------- scoring
def snippet_scores(pages: list[Page], texts: list[str]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for page, text in zip(pages, texts, strict=True):
        folded = fold(text)
        for snippet in page.with_:
            counts["tp" if fold(snippet) in folded else "fn"] += 1
        for snippet in page.without:
            counts["fp" if fold(snippet) in folded else "tn"] += 1
    precision = counts["tp"] / max(1, counts["tp"] + counts["fp"])
    recall = counts["tp"] / max(1, counts["tp"] + counts["fn"])
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    accuracy = (counts["tp"] + counts["tn"]) / max(1, sum(counts.values()))
    return {"P": precision, "R": recall, "F1": f1, "acc": accuracy}


def _units(text: str, size: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if size == 1:
        return Counter((token,) for token in tokens)
    return Counter(tuple(tokens[i : i + size]) for i in range(max(0, len(tokens) - size + 1)))


def overlap_scores(pages: list[Page], texts: list[str], size: int) -> dict[str, float]:
    precisions, recalls = [], []
    for page, text in zip(pages, texts, strict=True):
        predicted, gold = _units(text, size), _units(page.truth, size)
        common = sum((predicted & gold).values())
        precisions.append(common / sum(predicted.values()) if predicted else (1.0 if not gold else 0.0))
        recalls.append(common / sum(gold.values()) if gold else 1.0)
    precision, recall = sum(precisions) / len(pages), sum(recalls) / len(pages)
    return {"P": precision, "R": recall, "F1": 2 * precision * recall / max(1e-9, precision + recall)}


# ---------------------------------------------------------------- systems
def run(pages: Iterable[Page], fn: Callable[[Page], str]) -> tuple[list[str], float]:
    start = time.perf_counter()
    texts = [fn(page) for page in pages]
    return texts, time.perf_counter() - start


def bare_body(page: Page) -> str:
    return trafilatura.extract(page.html) or ""


def veille_body(cleaner: HtmlCleaner) -> Callable[[Page], str]:
    return lambda page: cleaner.process(make_doc(page)).text


def line(name: str, scores: dict[str, float], seconds: float, count: int) -> str:
    figures = "  ".join(f"{key}={value:.3f}" for key, value in scores.items())
    return f"  {name:7s} {figures}   ({count / seconds:.1f} pages/s)"


def body_report(limit: int | None, cleaner: HtmlCleaner) -> None:
    pages = trafilatura_eval(limit)
    bare, bare_s = run(pages, bare_body)
    ours, ours_s = run(pages, veille_body(cleaner))
    french = [i for i, page in enumerate(pages) if page.lang == "fr"]
    for label, index in (("French", french), ("all", list(range(len(pages))))):
        subset = [pages[i] for i in index]
        print(f"trafilatura-eval, {label} pages: {len(subset)} (snippets: with/without)")
        print(line("bare", snippet_scores(subset, [bare[i] for i in index]), bare_s, len(pages)))
        print(line("veille", snippet_scores(subset, [ours[i] for i in index]), ours_s, len(pages)))
    pages = scrapinghub(limit)
    bare, bare_s = run(pages, bare_body)
    ours, ours_s = run(pages, veille_body(cleaner))
    for size in (1, SHINGLE):
        print(f"scrapinghub-aeb: {len(pages)} pages, {'tokens' if size == 1 else f'{size}-shingles'}")
        print(line("bare", overlap_scores(pages, bare, size), bare_s, len(pages)))
        print(line("veille", overlap_scores(pages, ours, size), ours_s, len(pages)))


def date_report(limit: int | None, cleaner: HtmlCleaner) -> None:
    pages = htmldate_eval(limit)
    meta = MetadataStage()
    bare, bare_s = run(pages, lambda page: htmldate.find_date(page.html) or "")
    ours, ours_s = run(pages, lambda page: meta.process(cleaner.process(make_doc(page))).published or "")
    french = [i for i, page in enumerate(pages) if page.lang == "fr"]
    for label, index in (("French", french), ("all", list(range(len(pages))))):
        print(
            f"htmldate-eval, {label} pages: {len(index)}"
            " (exact day; found = non-null; wrong = non-null and not exact)"
        )
        for name, values, seconds in (("bare", bare, bare_s), ("veille", ours, ours_s)):
            exact = sum(values[i] == pages[i].date for i in index)
            found = sum(bool(values[i]) for i in index)
            print(
                f"  {name:7s} accuracy={exact / max(1, len(index)):.3f}  found={found}  wrong={found - exact}"
                f"   ({len(pages) / seconds:.1f} pages/s, whole run)"
            )


def title_report(limit: int | None, cleaner: HtmlCleaner) -> None:
    pages = [page for page in trafilatura_eval(limit) if page.title]
    bare, _ = run(pages, lambda page: trafilatura.extract_metadata(page.html).title or "")
    ours, _ = run(pages, lambda page: cleaner.process(make_doc(page)).title or "")
    french = [i for i, page in enumerate(pages) if page.lang == "fr"]
    for label, index in (("French", french), ("all", list(range(len(pages))))):
        print(f"trafilatura-eval titles, {label} pages: {len(index)} (exact after whitespace folding)")
        for name, values in (("bare", bare), ("veille", ours)):
            exact = sum(fold(values[i]) == fold(pages[i].title or "") for i in index)
            print(f"  {name:7s} accuracy={exact / max(1, len(index)):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--body", action="store_true")
    parser.add_argument("--dates", action="store_true")
    parser.add_argument("--titles", action="store_true")
    parser.add_argument("--limit", type=int, default=None, help="pages per corpus file (default: all)")
    args = parser.parse_args(argv)
    if not (SHARED / "corpus").exists():
        print(f"no corpus at {SHARED}", file=sys.stderr)
        return 2
    everything = not (args.body or args.dates or args.titles)
    cleaner = HtmlCleaner()
    if args.body or everything:
        body_report(args.limit, cleaner)
    if args.dates or everything:
        date_report(args.limit, cleaner)
    if args.titles or everything:
        title_report(args.limit, cleaner)
    return 0


if __name__ == "__main__":
    sys.exit(main())
