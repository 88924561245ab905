"""French relations on POPCORN (role, subsidiary, partnership), P/R/F1 per mapped type.

    PYTHONPATH=src .venv/bin/python bench/popcorn_relations.py [--shared PATH] [--split test|train] [--show N]

POPCORN (../shared/corpus/popcorn-fr/manual_corpus/{train,test}.json, 400 texts each) is short
French news-style reports written and annotated by hand: entities with every mention (names,
descriptions, pronouns) and typed relations between entity ids. Each text is one document for
`veille.relate.relations.RelationExtractor`, so what is measured is the relation stage alone, on
text none of its rules was written on; rules are tuned on `train` only, `test` is the score.

Entities given to veille: the gold entities of the types below, each with its *name* mentions
only (a mention with a capital letter that is not just a capitalised first word of a sentence:
"Josselyne Peter", "FBI", "Protoni"; not "elle", "l'association", "Cette dernière"). Descriptions
and pronouns are left to veille's own coreference. An entity without a name mention is not given,
and a gold relation that needs one cannot be found: it is counted apart as "unscorable".

| POPCORN entity type                                       | veille type |
|-----------------------------------------------------------|-------------|
| CIVILIAN                                                  | PER         |
| NON_GOVERNMENTAL_ORGANISATION, NON_MILITARY_GOVERNMENT_   | ORG         |
| ORGANISATION, MILITARY_ORGANISATION, INTERGOVERNMENTAL_   |             |
| ORGANISATION                                              |             |
| PLACE                                                     | LOC         |
| anything else (MATERIEL, GROUP_OF_INDIVIDUALS, events...) | not given   |

How the relations map onto OUTPUT.md types (only where the meaning is the same):

| POPCORN relation (subject, object types)   | veille relation                 |
|--------------------------------------------|---------------------------------|
| IS_PART_OF(PER X, ORG Y)                   | role(X -> Y): member or staff   |
| HAS_CONTROL_OVER(PER X, ORG Y)             | role(X -> Y): runs or owns it   |
| CREATED(PER X, ORG Y)                      | role(X -> Y): founder           |
| IS_PART_OF(ORG X, ORG Y)                   | subsidiary(X -> Y)              |
| IS_COOPERATING_WITH(ORG X, ORG Y)          | partnership(X <-> Y)            |
| anything else                              | not scored                      |

Not mapped: IS_AT_ODDS_WITH (a conflict, e.g. a movement against the army, is not a commercial
`competition` nor a `lawsuit`); HAS_CONTROL_OVER(ORG, ORG) (a government's authority over its army
is not ownership); IS_IN_CONTACT_WITH (someone calling the emergency services is no relation of
OUTPUT.md). POPCORN cooperation is wider than veille's `partnership` (an airline working with rescue
services counts), so partnership recall is a lower bound.

A predicted relation between two given entities is right when the mapped gold has the same type
and direction (either order for partnership); `product` counts as `subsidiary` with the arguments
turned round (the scorer's family rule). Precision is over every prediction of a mapped type
between given entities, recall over the scorable gold relations of that type.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from relation_scoring import Tally, Triple, ordered, sentence_doc

from veille.doc import Doc, Entity, Span
from veille.relate.relations import RelationExtractor

REPO = Path(__file__).resolve().parents[1]
ORG_TYPES = frozenset(
    {
        "NON_GOVERNMENTAL_ORGANISATION",
        "NON_MILITARY_GOVERNMENT_ORGANISATION",
        "MILITARY_ORGANISATION",
        "INTERGOVERNMENTAL_ORGANISATION",
    }
)
ENTITY_TYPES = {"CIVILIAN": "PER", "PLACE": "LOC", **{t: "ORG" for t in ORG_TYPES}}
#: (POPCORN relation, veille subject type, veille object type) -> veille relation type.
RELATION_MAP = {
    ("IS_PART_OF", "PER", "ORG"): "role",
    ("HAS_CONTROL_OVER", "PER", "ORG"): "role",
    ("CREATED", "PER", "ORG"): "role",
    ("IS_PART_OF", "ORG", "ORG"): "subsidiary",
    ("IS_COOPERATING_WITH", "ORG", "ORG"): "partnership",
}
SCORED = ("role", "subsidiary", "partnership")
SYMMETRIC = frozenset({"partnership"})
#: Characters that end a sentence: a capital right after one is not evidence of a name.
SENTENCE_END = re.compile(r"(?:^|[.!?:;\"«»\n]\s*)$")


def is_name(text: str, mention: dict[str, Any]) -> bool:
    """A proper-name mention: a capital that is not only the first letter of a sentence."""
    value, start = str(mention["value"]), int(mention["start"])
    words = value.split()
    if not words:
        return False
    if any(w[:1].isupper() for w in words[1:]) or (len(words[0]) > 1 and words[0].isupper()):
        return True
    return words[0][:1].isupper() and SENTENCE_END.search(text[:start]) is None


def build_doc(text: str, entities: list[dict[str, Any]]) -> tuple[Doc, dict[str, str]]:
    """The document veille sees, and veille id -> veille type of each given entity."""
    given: list[Entity] = []
    types: dict[str, str] = {}
    for entity in entities:
        veille_type = ENTITY_TYPES.get(str(entity["type"]))
        if veille_type is None:
            continue
        names = [m for m in entity["mentions"] if is_name(text, m)]
        names = [m for m in names if text[m["start"] : m["end"]] == m["value"]]
        if not names:
            continue
        ident = f"p{entity['id']}"
        spans = sorted({(int(m["start"]), int(m["end"])) for m in names})
        name = max((text[s:e] for s, e in spans), key=len)
        aliases = sorted({text[s:e] for s, e in spans} - {name})
        given.append(Entity(ident, name, veille_type, aliases, [Span(s, e) for s, e in spans]))  # type: ignore[arg-type]
        types[ident] = veille_type
    doc = sentence_doc(text, "fr")
    doc.entities = given
    return doc, types


def gold_relations(item: dict[str, Any], given: dict[str, str]) -> tuple[set[Triple], Counter[str]]:
    """Mapped gold relations between given entities, and the count of mapped ones that are not."""
    all_types = {f"p{e['id']}": ENTITY_TYPES.get(str(e["type"])) for e in item["entities"]}
    gold: set[Triple] = set()
    unscorable: Counter[str] = Counter()
    for subj, predicate, obj in item["relations"]:
        s, o = f"p{subj}", f"p{obj}"
        rel_type = RELATION_MAP.get((predicate, all_types.get(s) or "", all_types.get(o) or ""))
        if rel_type is None or s == o:
            continue
        triple = key(rel_type, s, o)
        if s in given and o in given:
            gold.add(triple)
        else:
            unscorable[rel_type] += 1
    return gold, unscorable


def key(rel_type: str, subj: str, obj: str) -> Triple:
    return ordered((rel_type, subj, obj), SYMMETRIC)


def predicted_relations(doc: Doc) -> set[Triple]:
    found: set[Triple] = set()
    for rel in doc.relations:
        if rel.type == "product":
            found.add(key("subsidiary", rel.object, rel.subject))
        elif rel.type in SCORED:
            found.add(key(rel.type, rel.subject, rel.object))
    return found


def describe(triple: Triple, doc: Doc) -> str:
    names = {e.id: e.name for e in doc.entities}
    rel_type, subj, obj = triple
    return f"{rel_type}({names.get(subj, subj)} -> {names.get(obj, obj)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = Path(os.environ.get("VEILLE_SHARED", REPO.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=default)
    parser.add_argument("--split", default="test", choices=("test", "train"))
    parser.add_argument(
        "--show", type=int, default=0, help="print this many misses and false alarms per type"
    )
    args = parser.parse_args(argv)
    path = args.shared / "corpus" / "popcorn-fr" / "manual_corpus" / f"{args.split}.json"
    if not path.exists():
        print(f"POPCORN not found at {path}", file=sys.stderr)
        return 2
    items: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    stage = RelationExtractor()
    tallies = {name: Tally(unscorable=0) for name in SCORED}
    for ident, item in items.items():
        doc, given = build_doc(str(item["text"]), list(item["entities"]))
        gold, unscorable = gold_relations(item, given)
        doc = stage.process(doc)
        mine = predicted_relations(doc)
        for name, tally in tallies.items():
            g = {t for t in gold if t[0] == name}
            m = {t for t in mine if t[0] == name}
            tally.add(g, m)
            tally.unscorable = (tally.unscorable or 0) + unscorable[name]
            for wrong in sorted((m - g) | (g - m)):
                kind = "FP" if wrong in m else "FN"
                tally.errors.append(f"{kind} {ident} {describe(wrong, doc)} :: {doc.text[:160]!r}")
    print(f"POPCORN {args.split}: {len(items)} texts, relation stage on gold name mentions")
    for name, tally in tallies.items():
        print(tally.row(name))
        for line in tally.errors[: args.show]:
            print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
