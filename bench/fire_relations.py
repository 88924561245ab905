"""English relations on FIRE sentences (../shared/corpus/fire-en), per type: precision, recall, F1.

    PYTHONPATH=src .venv/bin/python bench/fire_relations.py [--split dev|test] [--show N] [--all-spans]

FIRE (Hamad et al., NAACL 2024 Findings) is English financial text (news and annual reports) cut
into sentences, with typed entity spans and typed relations between them, token offsets. Each
sentence is one document for `veille.relate.relations.RelationExtractor` (language "en"; tokens
joined by one space, except "'s" and a hyphen between two words, written against their
neighbours as in the source: "Apple's", "wholly-owned"). Its entities are FIRE's own spans (the
recogniser is measured apart, by `english_ner.py`), so what is measured here is the relation extractor alone:

| FIRE entity    | veille entity | note                                                          |
|----------------|---------------|---------------------------------------------------------------|
| Company        | ORG           |                                                               |
| Person         | PER           |                                                               |
| BusinessUnit   | ORG           | only named units (see below)                                  |
| Product        | PRODUCT       | only named products (see below)                               |
| Location, GeopoliticalEntity | LOC | never an argument of a scored relation               |
| anything else  | left out      | Action, Date, Money, Quantity, Designation, FinancialEntity, Sector |

"Named" means that a token of the span other than the sentence's first starts with a capital or a
digit: "its consumer banking unit" and "suspension products" are descriptions, not the named
organisations and products OUTPUT.md relates; `--all-spans` keeps them all. Spans of one veille
type with the same text (case-folded) in a sentence are one entity with several mentions.

How FIRE relations map onto OUTPUT.md relations (both arguments kept entities):

| FIRE relation (head -> tail)               | veille relation                    |
|--------------------------------------------|------------------------------------|
| Employeeof  Person -> Company/BusinessUnit | role(person -> organisation)       |
| Subsidiaryof Company -> Company            | subsidiary(child -> parent): same direction |
| Productof   Product -> Company             | product(company -> product): turned round |
| ActionBuy   Company -> Company/BusinessUnit | acquisition(buyer -> target)      |
| ActionSell  Company -> Company/BusinessUnit | divestment(seller -> what is sold) |
| ActionMerge Company <-> Company            | merger (symmetric: either order)   |

FIRE links buyer and seller straight to what changes hands (the Action span is linked only to the
object and the date, by Actionto/Actionin), so no chain through the Action entity is needed. Left
out: ActionBuy/ActionSell by a person or of a FinancialEntity ("the phosphate assets": not an
organisation), Constituentof (segments, index members), Propertyof, Designation (a title is an
attribute of a role here; the Designation span is not an entity), Locatedin, Sector and the value
relations (facts, not relations).

Scoring: FIRE annotates every relation of its schema between the entities of a sentence, so a
predicted relation of a mapped type between two kept entities that matches no mapped gold relation
is a false positive; all predictions are between kept entities, as veille sees no others. Types
FIRE does not annotate (partnership, competition, stake, lawsuit) are counted but not scored.
`product` and `subsidiary` form one family in GUIDELINES.md: a predicted subsidiary whose child is
a PRODUCT is read as product(parent -> child). Precision and recall are over (sentence, type,
subject, object) triples; "all" is the micro-average of the scored types.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from relation_scoring import Tally, Triple, machine, ordered, sentence_doc

from veille.doc import Entity, Span
from veille.relate.relations import RelationExtractor

REPO = Path(__file__).resolve().parents[1]
ENTITY_TYPES = {
    "Company": "ORG",
    "Person": "PER",
    "BusinessUnit": "ORG",
    "Product": "PRODUCT",
    "Location": "LOC",
    "GeopoliticalEntity": "LOC",
}
#: FIRE entity types kept only when their span is a name, not a description.
NAMED_ONLY = frozenset({"BusinessUnit", "Product"})
#: FIRE relation -> (veille type, turned round?, FIRE head types, FIRE tail types).
RELATION_MAP: dict[str, tuple[str, bool, frozenset[str], frozenset[str]]] = {
    "Employeeof": ("role", False, frozenset({"Person"}), frozenset({"Company", "BusinessUnit"})),
    "Subsidiaryof": ("subsidiary", False, frozenset({"Company"}), frozenset({"Company"})),
    "Productof": ("product", True, frozenset({"Product"}), frozenset({"Company"})),
    "ActionBuy": ("acquisition", False, frozenset({"Company"}), frozenset({"Company", "BusinessUnit"})),
    "ActionSell": ("divestment", False, frozenset({"Company"}), frozenset({"Company", "BusinessUnit"})),
    "ActionMerge": ("merger", False, frozenset({"Company"}), frozenset({"Company"})),
}
#: Tokens FIRE split off the word before them ("Apple 's").
CLITICS = frozenset({"'s", "'", "n't"})
SCORED = ("role", "subsidiary", "product", "acquisition", "divestment", "merger")
SYMMETRIC = frozenset({"merger"})


@dataclass
class Sentence:
    index: int
    text: str
    entities: list[Entity]
    gold: set[Triple]
    names: dict[str, str]  # entity id -> name


def is_named(tokens: list[str], start: int, end: int) -> bool:
    """A span is a name when a token other than the sentence's first starts with a capital or digit."""
    return any(tokens[i][:1].isupper() or tokens[i][:1].isdigit() for i in range(max(start, 1), end))


def glued(tokens: list[str], k: int) -> bool:
    """Whether token k was written against the one before it: "Apple 's" -> "Apple's",
    "wholly - owned" -> "wholly-owned" (a hyphen between two words), as the source text had it."""
    token, before = tokens[k], tokens[k - 1]
    if token.lower() in CLITICS:
        return True
    after = tokens[k + 1] if k + 1 < len(tokens) else ""
    if token == "-" and before[-1:].isalnum() and after[:1].isalnum():
        return True
    return before == "-" and k >= 2 and tokens[k - 2][-1:].isalnum() and token[:1].isalnum()


def read_sentences(path: Path, all_spans: bool) -> list[Sentence]:
    items: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
    return [to_sentence(k, item, all_spans) for k, item in enumerate(items)]


def to_sentence(index: int, item: dict[str, Any], all_spans: bool) -> Sentence:
    tokens: list[str] = item["tokens"]
    starts, pieces, pos = [], [], 0
    for k, token in enumerate(tokens):
        if k and not glued(tokens, k):
            pieces.append(" ")
            pos += 1
        starts.append(pos)
        pieces.append(token)
        pos += len(token)
    text = "".join(pieces)
    by_key: dict[tuple[str, str], Entity] = {}
    kept: dict[int, str] = {}  # FIRE entity index -> veille entity id
    for k, span in enumerate(item["entities"]):
        fire_type, first, last = span["type"], span["start"], span["end"]
        if fire_type not in ENTITY_TYPES:
            continue
        if fire_type in NAMED_ONLY and not all_spans and not is_named(tokens, first, last):
            continue
        start, end = starts[first], starts[last - 1] + len(tokens[last - 1])
        name, entity_type = text[start:end], ENTITY_TYPES[fire_type]
        key = (entity_type, name.lower())
        if key not in by_key:
            by_key[key] = Entity(f"e{len(by_key)}", name, entity_type, [], [])  # type: ignore[arg-type]
        by_key[key].mentions.append(Span(start, end))
        kept[k] = by_key[key].id
    gold: set[Triple] = set()
    for rel in item["relations"]:
        mapped = RELATION_MAP.get(rel["type"])
        head, tail = rel["head"], rel["tail"]
        if mapped is None or head not in kept or tail not in kept:
            continue
        rel_type, turned, head_types, tail_types = mapped
        if (
            item["entities"][head]["type"] not in head_types
            or item["entities"][tail]["type"] not in tail_types
        ):
            continue
        subject, obj = (kept[tail], kept[head]) if turned else (kept[head], kept[tail])
        if subject != obj:
            gold.add(canonical((rel_type, subject, obj)))
    entities = list(by_key.values())
    return Sentence(index, text, entities, gold, {e.id: e.name for e in entities})


def canonical(triple: Triple) -> Triple:
    return ordered(triple, SYMMETRIC)


def predict(stage: RelationExtractor, sentence: Sentence) -> tuple[set[Triple], Counter[str]]:
    """veille's relations on the sentence, in the scored form, and the count of unscored types."""
    doc = sentence_doc(sentence.text, "en")
    doc.entities = [Entity(e.id, e.name, e.type, [], list(e.mentions)) for e in sentence.entities]
    doc = stage.process(doc)
    types = {e.id: e.type for e in sentence.entities}
    found: set[Triple] = set()
    unscored: Counter[str] = Counter()
    for rel in doc.relations:
        if rel.type == "subsidiary" and types.get(rel.subject) == "PRODUCT":
            found.add(("product", rel.object, rel.subject))
        elif rel.type in SCORED:
            found.add(canonical((rel.type, rel.subject, rel.object)))
        else:
            unscored[rel.type] += 1
    return found, unscored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=default)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--show", type=int, default=0, help="list this many misses and false alarms per type")
    parser.add_argument("--all-spans", action="store_true", help="keep unnamed units and products too")
    args = parser.parse_args(argv)
    path = args.shared / "corpus" / "fire-en" / f"fire_{args.split}.json"
    if not path.exists():
        print(f"FIRE not found at {path}", file=sys.stderr)
        return 2
    sentences = read_sentences(path, args.all_spans)
    print(machine())
    stage = RelationExtractor()
    tallies = {name: Tally() for name in SCORED}
    unscored: Counter[str] = Counter()
    started, cpu = time.perf_counter(), time.process_time()
    for sentence in sentences:
        found, others = predict(stage, sentence)
        unscored.update(others)
        for name, tally in tallies.items():
            gold = {g for g in sentence.gold if g[0] == name}
            mine = {p for p in found if p[0] == name}
            tally.add(gold, mine)
            misses = [("FN", g) for g in sorted(gold - mine)]
            for kind, wrong in misses + [("FP", p) for p in sorted(mine - gold)]:
                subj, obj = sentence.names[wrong[1]], sentence.names[wrong[2]]
                tally.errors.append(f"{kind} #{sentence.index} {subj} -> {obj} :: {sentence.text[:220]}")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    spans = "all spans" if args.all_spans else "named units and products"
    print(f"FIRE {args.split}: {len(sentences)} sentences ({spans}); {seconds:.1f} s wall, {cpu:.1f} s CPU")
    total = Tally()
    for name, tally in tallies.items():
        print(tally.row(name))
        total.predicted += tally.predicted
        total.correct += tally.correct
        total.gold += tally.gold
    print(total.row("all"))
    if unscored:
        print(
            "not scored (FIRE has no such type): "
            + ", ".join(f"{k} {v}" for k, v in sorted(unscored.items()))
        )
    for name, tally in tallies.items():
        for line in tally.errors[: args.show]:
            print(f"  {name:11s} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
