"""The linking stage: each document entity gets its canonical id from the knowledge base.

`EntityLinker` runs after in-article grouping (`doc.entities` with provisional ids). Per document:

1. each entity is resolved against the knowledge base as it stood before the document
   (`veille.link.resolve`);
2. within the article: a person still new whose name is a surname alone takes the id of the
   one other person of the article bearing it ("de Meo" beside "Luca de Meo"); an acronym the
   article spells out ("Association française des entreprises privées (Afep)") takes the id of
   its long form, or gives it its own when only the acronym was known;
3. entities that end up with one id are merged (mentions and aliases together) when the
   matches are sure (`resolve.MERGING_METHODS`); a `core` or `typo` match colliding with
   another entity of the article yields and keeps an id of its own, since the article named
   both ("RTL" and "RTL Group");
4. the entity takes the knowledge base's canonical name (its other forms become aliases); ids
   are rewritten in `doc.mentions`, relation subjects and objects and fact subjects;
5. the knowledge base learns the document's forms, so the next document links to them.

The knowledge base is in memory and learns within the run unless one is given: `api.ingest`
binds a `StoreKB` (what earlier runs stored) with `bind_store(pipeline, store)`. Ids of gazetteer
entities do not depend on the order of the documents; an entity the gazetteer does not know takes
`make_id(type, name)` from the first form it is met under, so its id can depend on the order
when its forms differ between articles (a typo met before the right spelling names the id).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from veille.doc import Doc, Entity, Span
from veille.link import fuzzy
from veille.link.kb import KnowledgeBase, StoreKB
from veille.link.resolve import ACRONYM, MERGING_METHODS, NEW, SURNAME, Resolution, Resolver, forms_of
from veille.pipeline import Pipeline, Stage

if TYPE_CHECKING:
    from veille.store import Store

LOGGER = logging.getLogger(__name__)


@dataclass(slots=True)
class _Linked:
    """One document entity and what linking decided for it."""

    entity: Entity
    resolution: Resolution

    @property
    def id(self) -> str:
        return self.resolution.id


def _states_acronym(text: str, long: str, short: str) -> bool:
    """True when `text` writes "Long (SHORT)" or "SHORT (Long)"."""
    pattern = (
        rf"{re.escape(long)}\s*\(\s*{re.escape(short)}\s*\)|{re.escape(short)}\s*\(\s*{re.escape(long)}\s*\)"
    )
    return re.search(pattern, text) is not None


class EntityLinker(Stage):
    """Rewrite `doc.entities` ids to canonical knowledge-base ids (see the module docstring)."""

    cross_document = True
    name: ClassVar[str] = "veille.link.kb.v1"
    requires: ClassVar[tuple[str, ...]] = ("entities",)
    assigns: ClassVar[tuple[str, ...]] = ("entities",)

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        super().__init__()
        self._kb = kb

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base; an in-memory one seeded from the gazetteer on first use."""
        if self._kb is None:
            self._kb = KnowledgeBase()
        return self._kb

    @kb.setter
    def kb(self, kb: KnowledgeBase) -> None:
        self._kb = kb

    def process(self, doc: Doc) -> Doc:
        if not doc.entities:
            return doc
        resolver = Resolver(self.kb)
        linked = [_Linked(entity, resolver.resolve(entity)) for entity in doc.entities]
        self._surnames_in_article(linked)
        self._acronyms_in_article(doc.text, linked)
        self._yield_weak_collisions(linked, resolver)
        id_map = {item.entity.id: item.id for item in linked}
        doc.entities = self._merge(linked)
        self._rewrite_references(doc, id_map)
        for entity in doc.entities:
            self.kb.learn(entity.id, entity.name, entity.type, entity.aliases)
        for item in linked:
            self.stats[f"linked:{item.resolution.method}"] += 1
        return doc

    # -- within the article ----------------------------------------------------------------

    def _surnames_in_article(self, linked: list[_Linked]) -> None:
        lexicon = self.kb.lexicon
        for item in linked:
            if item.resolution.method != NEW or item.entity.type != "PER":
                continue
            person = fuzzy.person_key(item.entity.name, lexicon)
            if not fuzzy.is_surname_form(person, lexicon):
                continue
            bearers = {
                other.id
                for other in linked
                if other is not item
                and other.entity.type == "PER"
                and any(
                    person in fuzzy.surnames(fuzzy.person_key(f, lexicon), lexicon)
                    for f in forms_of(other.entity)
                )
            }
            if len(bearers) == 1:
                item.resolution = Resolution(bearers.pop(), SURNAME, item.entity.name)

    def _acronyms_in_article(self, text: str, linked: list[_Linked]) -> None:
        for short in linked:
            for long in linked:
                if short is long or short.id == long.id or short.entity.type != long.entity.type:
                    continue
                if not fuzzy.is_acronym_of(short.entity.name, long.entity.name):
                    continue
                if not _states_acronym(text, long.entity.name, short.entity.name):
                    continue
                if short.resolution.method == NEW:
                    short.resolution = Resolution(long.id, ACRONYM, short.entity.name)
                elif long.resolution.method == NEW:
                    long.resolution = Resolution(short.id, ACRONYM, long.entity.name)

    def _yield_weak_collisions(self, linked: list[_Linked], resolver: Resolver) -> None:
        by_id: dict[str, list[_Linked]] = {}
        for item in linked:
            by_id.setdefault(item.id, []).append(item)
        for items in by_id.values():
            if len(items) < 2:
                continue
            strong = [item for item in items if item.resolution.method in MERGING_METHODS]
            weak = [item for item in items if item.resolution.method not in MERGING_METHODS]
            keep_one = [] if strong else weak[:1]
            for item in weak:
                if item in keep_one:
                    continue
                fresh = resolver.new_id(item.entity)
                LOGGER.debug(
                    "%r keeps its own id %s: the article also names %s", item.entity.name, fresh, item.id
                )
                item.resolution = Resolution(fresh, NEW, item.entity.name)

    # -- output ----------------------------------------------------------------------------

    def _merge(self, linked: list[_Linked]) -> list[Entity]:
        """One entity per id, in order of first appearance, under the canonical name."""
        groups: dict[str, list[Entity]] = {}
        for item in linked:
            groups.setdefault(item.id, []).append(item.entity)
        merged = []
        for entity_id, entities in groups.items():
            known = self.kb.get(entity_id)
            name = known.name if known is not None else entities[0].name
            forms: dict[str, None] = {}
            for entity in entities:
                for form in forms_of(entity):
                    if form != name:
                        forms.setdefault(form, None)
            spans: set[Span] = {span for entity in entities for span in entity.mentions}
            mentions = sorted(spans, key=lambda span: (span.start, span.end))
            merged.append(Entity(entity_id, name, entities[0].type, list(forms), mentions))
        return merged

    @staticmethod
    def _rewrite_references(doc: Doc, id_map: dict[str, str]) -> None:
        for mention in doc.mentions:
            if mention.entity_id is not None:
                mention.entity_id = id_map.get(mention.entity_id, mention.entity_id)
        for relation in doc.relations:
            relation.subject = id_map.get(relation.subject, relation.subject)
            relation.object = id_map.get(relation.object, relation.object)
            buyer = relation.attributes.get("buyer")
            if isinstance(buyer, str):
                relation.attributes["buyer"] = id_map.get(buyer, buyer)
        for fact in doc.facts:
            if fact.subject is not None:
                fact.subject = id_map.get(fact.subject, fact.subject)


def bind_store(pipeline: Pipeline, store: Store) -> int:
    """Give every `EntityLinker` of `pipeline` a knowledge base loaded from `store`; returns how many.

    Call it once the store is open (`api.ingest`): the linkers then link to what earlier runs
    stored and keep learning in memory as the run goes (the store writes each record's aliases).
    """
    linkers = [stage for stage in pipeline.stages if isinstance(stage, EntityLinker)]
    if linkers:
        kb = StoreKB(store)
        for linker in linkers:
            linker.kb = kb
    return len(linkers)
