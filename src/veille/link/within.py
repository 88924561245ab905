"""Group one article's mentions into entities: who the article talks about, once each.

Mentions are joined (union-find) when:
- the gazetteer gave them the same id;
- their core forms are the same name (case, accents, punctuation, civility and descriptors
  aside: "M. Plassat" = "Plassat", "groupe Casino" = "Casino");
- one is a person's surname and the article names exactly one person with that surname
  ("Ghosn" -> "Carlos Ghosn", "de Tavernost" -> "Nicolas de Tavernost");
- one is the other plus corporate words ("BT" -> "BT Group", "Audi" -> "Audi AG");
- the text defines one by the other: an acronym in brackets ("Association française des
  entreprises privées (Afep)"), or a former name ("BT Group (ex British Telecom)",
  "X, anciennement Y").

Each group becomes an `Entity`: its type is the weighted vote of its mentions (gazetteer >
context cue > pattern > model, `Source.WEIGHTS`); its name is the gazetteer's name when the
article uses it, else the fullest form the article uses (former names and acronyms aside); its
aliases are the other forms used; its id is the gazetteer id, else `make_id(type, name)`.
Mentions of the headline (`TITLE_MENTIONS`) join the groups too, but have no offsets in `text`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import cast

from veille.doc import Entity, EntityType, Mention, Span
from veille.ner import lexicon
from veille.ner.candidate import Source
from veille.ner.forms import CONNECTORS, core_form, is_acronym_of
from veille.ner.gazetteer import Gazetteer, make_id, normalise

#: How far after a name (characters) its bracketed acronym or former name may start.
DEFINITION_WINDOW = 4
_NICKNAME = re.compile(r'\s["«]\s*(?P<nick>[^"«»]+?)\s*["»]\s')
_FORMER = re.compile(r"\s*(?:\(\s*|,\s*)(?P<cue>[\w-]+)[\s-]*$", re.UNICODE)


@dataclass(slots=True)
class Item:
    """One mention with the forms grouping compares."""

    surface: str
    label: EntityType
    source: str
    entity_id: str | None
    span: Span | None  # None for a headline mention
    core: str = ""
    key: str = ""
    former: bool = False  # introduced as a former name
    acronym: bool = False  # introduced as an acronym in brackets
    descriptor: str = ""  # "groupe" in "le groupe Casino"

    def __post_init__(self) -> None:
        self.core = core_form(self.surface)
        self.key = normalise(self.core)

    def extra_forms(self) -> list[str]:
        """Forms a name implies: 'Tyler "Ninja" Blevins' is also "Ninja" and "Tyler Blevins"."""
        match = _NICKNAME.search(self.core)
        if match is None:
            return []
        plain = " ".join((self.core[: match.start()] + " " + self.core[match.end() :]).split())
        return [match.group("nick"), plain]


@dataclass(slots=True)
class _Groups:
    parent: list[int] = field(default_factory=list)

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _votes(items: Sequence[Item]) -> dict[str, float]:
    scores: dict[str, float] = defaultdict(float)
    for item in items:
        weight = Source.WEIGHTS.get(item.source, 1.0)
        if item.label == "MISC" and item.source == Source.MODEL:
            weight *= Source.MISC_FACTOR
        scores[item.label] += weight
    return scores


def _label(items: Sequence[Item]) -> EntityType:
    scores = _votes(items)
    return cast(EntityType, max(scores, key=lambda key: (scores[key], key != "MISC")))


def _model_only(items: Sequence[Item]) -> bool:
    return all(item.source == Source.MODEL and not item.descriptor for item in items)


def _reconsidered(
    label: EntityType, items: Sequence[Item], organisations: frozenset[str] = frozenset()
) -> EntityType:
    """A second look at a type only the model gave.

    - A person named by one word only, never with a given name, title or civility, is more
      likely a company or brand (the model reads "Alphabet", "Editis", "Molotov" as people);
      news text introduces people by their full name.
    - An organisation's name followed by product words ("Apple Music", "Facebook Gaming") is a
      product of that organisation.
    """
    cores = [item.core for item in items]
    if (
        label == "PER"
        and all(len(core.split()) == 1 for core in cores)
        and all(item.surface == item.core for item in items)
    ):
        return "ORG"
    product_words = lexicon.exact("product_words")
    if label == "PER" and all(len(core.split()) > 1 and core.split()[-1] in product_words for core in cores):
        return "PRODUCT"  # "Facebook Gaming" is no person
    for core in cores:
        parts = core.split()
        for size in range(len(parts) - 1, 0, -1):
            head, tail = normalise(" ".join(parts[:size])), parts[size:]
            if head in organisations and all(word in product_words for word in tail):
                return "PRODUCT"
    return label


def _is_person(items: Sequence[Item]) -> bool:
    return _label(items) == "PER"


def _surname_parts(name: str) -> list[str]:
    """Possible surname forms of a full name: its last word, and particle + last word."""
    parts = name.split()
    if len(parts) < 2:
        return []
    forms = [parts[-1]]
    if len(parts) >= 3 and parts[-2].casefold() in CONNECTORS | {"le", "la", "van", "von", "di", "da"}:
        forms.append(" ".join(parts[-2:]))
    forms.append(" ".join(parts[1:]))
    return forms


class Grouper:
    """Groups the mentions of one article (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._surnames: dict[str, set[str]] | None = None

    @property
    def surnames(self) -> dict[str, set[str]]:
        """Surname key -> ids of the gazetteer's people bearing it."""
        if self._surnames is None:
            index: dict[str, set[str]] = defaultdict(set)
            for entry in self.gazetteer.entries:
                if entry.type == "PER":
                    for form in entry.forms():
                        for surname in _surname_parts(form):
                            index[normalise(surname)].add(entry.id)
            self._surnames = dict(index)
        return self._surnames

    def _known_surname(self, items: Sequence[Item]) -> str | None:
        """The one gazetteer person whose surname this cluster is ("Ghosn"), unless other evidence
        than the model says it is no person."""
        if any(item.entity_id for item in items) or any(len(item.core.split()) > 1 for item in items):
            return None
        if any(item.source != Source.MODEL and item.label != "PER" for item in items):
            return None
        owners = set.union(set(), *(self.surnames.get(item.key, set()) for item in items))
        return next(iter(owners)) if len(owners) == 1 else None

    def items(
        self, text: str, mentions: Sequence[Mention], title: str, title_mentions: Sequence[Mention]
    ) -> list[Item]:
        found = []
        descriptors = lexicon.folded("descriptors") - CONNECTORS
        for mention in mentions:
            start, end = mention.span.start, mention.span.end
            item = Item(text[start:end], mention.label, mention.source, mention.entity_id, mention.span)
            before = text[max(0, start - 20) : start].split()
            if before and before[-1].islower() and before[-1].casefold() in descriptors:
                item.descriptor = before[-1]
            found.append(item)
        for mention in title_mentions:
            surface = title[mention.span.start : mention.span.end]
            found.append(Item(surface, mention.label, mention.source, mention.entity_id, None))
        self._mark_definitions(text, found)
        return found

    def _mark_definitions(self, text: str, items: Sequence[Item]) -> None:
        """Flag mentions written as "(ACR)" or "(ex Name)" right after another mention."""
        body = [item for item in items if item.span is not None]
        former_cues = lexicon.folded("former_cues")
        for previous, item in pairwise(body):
            assert previous.span is not None and item.span is not None
            between = text[previous.span.end : item.span.start]
            if len(between) > DEFINITION_WINDOW + 20:
                continue
            match = _FORMER.match(between)
            if match and match.group("cue").casefold().rstrip("-") in former_cues:
                item.former = True
            elif between.strip() == "(" and is_acronym_of(item.core, previous.core):
                item.acronym = True

    def group(self, items: Sequence[Item]) -> list[list[Item]]:
        groups = _Groups(list(range(len(items))))
        first_by: dict[str, int] = {}
        for index, item in enumerate(items):
            keys = [item.key, *(normalise(form) for form in item.extra_forms())]
            markers = [
                f"id:{item.entity_id}" if item.entity_id else "",
                *(f"key:{key}" for key in keys if key),
            ]
            for marker in markers:
                if not marker:
                    continue
                if marker in first_by:
                    groups.union(first_by[marker], index)
                else:
                    first_by[marker] = index
        for index, item in enumerate(items):
            if (item.former or item.acronym) and index > 0:
                groups.union(self._previous_body(items, index), index)
        self._join_short_forms(items, groups)
        clusters: dict[int, list[Item]] = defaultdict(list)
        for index, item in enumerate(items):
            clusters[groups.find(index)].append(item)
        return list(clusters.values())

    @staticmethod
    def _previous_body(items: Sequence[Item], index: int) -> int:
        for position in range(index - 1, -1, -1):
            if items[position].span is not None:
                return position
        return index

    def _join_short_forms(self, items: Sequence[Item], groups: _Groups) -> None:
        """Surnames to full names, and names to the same name plus corporate words."""
        clusters: dict[int, list[int]] = defaultdict(list)
        for index in range(len(items)):
            clusters[groups.find(index)].append(index)
        suffixes = {normalise(s) for s in lexicon.exact("legal_forms")}
        people: dict[str, set[int]] = defaultdict(set)
        longer: dict[str, set[int]] = defaultdict(set)
        for root, members in clusters.items():
            member_items = [items[i] for i in members]
            for item in member_items:
                if _is_person(member_items) and len(item.core.split()) >= 2 and item.core[0].isupper():
                    for surname in _surname_parts(item.core):
                        people[normalise(surname)].add(root)
                words = item.key.split()
                while len(words) > 1 and words[-1] in suffixes:
                    words = words[:-1]
                    longer[" ".join(words)].add(root)
        for root, members in clusters.items():
            member_items = [items[i] for i in members]
            if any(item.entity_id for item in member_items) or _label(member_items) == "LOC":
                continue  # the gazetteer knows what this is; a place is no short company name
            if any(
                item.descriptor or (item.source != Source.MODEL and item.label != "PER")
                for item in member_items
            ):
                continue  # "le groupe Lagardère" is not Arnaud Lagardère
            keys = {item.key for item in member_items}
            for key in keys:
                owners = (people.get(key, set()) | longer.get(key, set())) - {root}
                if len(owners) == 1:
                    groups.union(root, next(iter(owners)))
                    break

    def entity(self, items: Sequence[Item], organisations: frozenset[str] = frozenset()) -> Entity:
        label = _label(items)
        entity_id = self._gazetteer_id(items) or self._known_surname(items)
        if entity_id is None and _model_only(items):
            label = _reconsidered(label, items, organisations)
        names = [item for item in items if not item.former and not item.acronym] or list(items)
        name = self._name(names, entity_id)
        if entity_id is None:
            entity_id = make_id(label, name)
        else:
            label = (
                cast(EntityType, self.gazetteer.by_id[entity_id].type)
                if entity_id in self.gazetteer.by_id
                else label
            )
        aliases: list[str] = []
        seen = {normalise(name)}
        for item in items:
            forms = [item.core, item.surface, *item.extra_forms()]
            if item.descriptor:
                forms.append(f"{item.descriptor} {item.core}")
            for form in forms:
                if normalise(form) not in seen and normalise(form):
                    seen.add(normalise(form))
                    aliases.append(form)
        spans = sorted({item.span for item in items if item.span is not None}, key=lambda s: (s.start, s.end))
        return Entity(entity_id, name, label, aliases, spans)

    def _gazetteer_id(self, items: Sequence[Item]) -> str | None:
        ids = [item.entity_id for item in items if item.entity_id]
        if not ids:
            return None
        return max(set(ids), key=ids.count)

    def _name(self, items: Sequence[Item], entity_id: str | None) -> str:
        if entity_id and entity_id in self.gazetteer.by_id:
            canonical = normalise(self.gazetteer.by_id[entity_id].name)
            for item in items:
                if item.key == canonical:
                    return item.core
        return max((item.core for item in items), key=lambda core: (len(core.split()), len(core)))

    @staticmethod
    def _named(items: Sequence[Item]) -> bool:
        """A headline-only name needs more than the model's MISC (headlines fool the model:
        "Twitch 1 - Mixer 0")."""
        if any(item.span is not None for item in items):
            return True
        return any(item.source != Source.MODEL or item.label != "MISC" for item in items)

    def entities(
        self, text: str, mentions: Sequence[Mention], title: str = "", title_mentions: Sequence[Mention] = ()
    ) -> list[Entity]:
        """The article's entities, in order of first mention (headline-only ones last)."""
        items = self.items(text, mentions, title, title_mentions)
        clusters = [cluster for cluster in self.group(items) if cluster and self._named(cluster)]
        organisations = frozenset(
            item.key
            for cluster in clusters
            if _label(cluster) == "ORG"
            or (_model_only(cluster) and _reconsidered(_label(cluster), cluster) == "ORG")
            for item in cluster
        )
        built = [self.entity(cluster, organisations) for cluster in clusters]
        return sorted(built, key=lambda e: (not e.mentions, e.mentions[0].start if e.mentions else 0, e.name))
