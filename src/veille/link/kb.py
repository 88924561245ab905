"""The knowledge base of canonical entities: ids, names, types and the aliases learnt for them.

`KnowledgeBase` is seeded from the curated gazetteer (its names and aliases; former names are
kept apart, see below) and grows as documents come in: every form a document uses for an
entity becomes an alias of the entity's canonical id. It indexes each alias four ways, for the
linker (`veille.link.resolve`): by key (`fuzzy.key`), by organisation core key (`fuzzy.core_key`:
"BT Group" -> "bt"), by surname for persons ("Luca de Meo" -> "meo", "de meo"), and a list of
keys for typo search.

`StoreKB` is the same knowledge base, then loaded with the store's `entities` and `aliases`
tables, so that a run links to what earlier runs learnt. It reads the tables once, when made,
and does not keep the connection. It writes nothing itself: the store writes the aliases
from each record's entities (`Store.add_documents`), in the same transaction as the document,
so the alias table never holds a form from a document that was not stored.

Former names ("France Télécom" for Orange) are not aliases: the evaluation guidelines allow no
outside knowledge, so a former name alone gets its own id, and joins the current one only in
an article that states the equivalence ("BT Group, ex-British Telecom": one entity with both
forms, whose forms the knowledge base then learns).

Guards applied when learning: an alias that is the entity's name plus a qualifier ("Canal+
Afrique" for Canal+) is refused, since that names a subsidiary; a surface form that the distinct
rules of the gazetteer's ambiguous.tsv give to another id is refused.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veille.link import fuzzy
from veille.ner.gazetteer import RULE_CASE, RULE_DISTINCT, Gazetteer, load_gazetteer

if TYPE_CHECKING:
    from veille.store import Store

LOGGER = logging.getLogger(__name__)

#: Types an entity of a given type may be linked to. Organisations, products and MISC share ids
#: (a brand acting as a company: "Twitch" is ORG in one article and PRODUCT in the next); persons
#: and places link only to their own type ("Lagardère" the group is not Arnaud Lagardère).
COMPATIBLE_TYPES: dict[str, frozenset[str]] = {
    "ORG": frozenset({"ORG", "PRODUCT", "MISC"}),
    "PRODUCT": frozenset({"ORG", "PRODUCT", "MISC"}),
    "MISC": frozenset({"ORG", "PRODUCT", "MISC"}),
    "PER": frozenset({"PER"}),
    "LOC": frozenset({"LOC"}),
}
#: Types whose names are organisation-like: core keys and typo search apply to them.
ORG_LIKE = frozenset({"ORG", "PRODUCT", "MISC"})


def compatible(first: str, second: str) -> bool:
    return second in COMPATIBLE_TYPES.get(first, frozenset({first}))


@dataclass(slots=True)
class KBEntity:
    """One canonical entity: its id, name, type, the other forms it goes by."""

    id: str
    name: str
    type: str
    from_gazetteer: bool = False
    aliases: set[str] = field(default_factory=set)
    documents: int = 0  # how many documents named it (a tie-break between candidates)

    def forms(self) -> list[str]:
        return [self.name, *sorted(self.aliases)]


def _add(index: dict[str, set[str]], form_key: str, entity_id: str) -> None:
    if form_key:
        index.setdefault(form_key, set()).add(entity_id)


class KnowledgeBase:
    """Canonical entities and their aliases, in memory; learns from each linked document."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: fuzzy.Lexicon | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.lexicon = lexicon or fuzzy.load_lexicon()
        self.entities: dict[str, KBEntity] = {}
        self._by_key: dict[str, set[str]] = {}
        self._by_core: dict[str, set[str]] = {}
        self._by_surname: dict[str, set[str]] = {}
        self._typo_keys: list[str] = []
        self._typo_seen: set[str] = set()
        self.case_forms: frozenset[str] = frozenset(
            fuzzy.key(form.name) for form in self.gazetteer.ambiguous if form.rule == RULE_CASE
        )
        # ambiguous.tsv, rule distinct: the form names this id, never the entity it looks like.
        self._distinct: dict[str, str] = {
            fuzzy.key(form.name): form.id for form in self.gazetteer.ambiguous if form.rule == RULE_DISTINCT
        }
        self._seed()

    def _seed(self) -> None:
        for entry in self.gazetteer.entries:
            self.add_entity(entry.id, entry.name, entry.type, from_gazetteer=True)
            for alias in entry.aliases:
                self.add_alias(entry.id, alias)
        LOGGER.debug("knowledge base seeded with %d gazetteer entities", len(self.entities))

    # -- reads -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def get(self, entity_id: str) -> KBEntity | None:
        return self.entities.get(entity_id)

    def ids_by_key(self, form_key: str) -> set[str]:
        return set(self._by_key.get(form_key, ()))

    def ids_by_core(self, core: str) -> set[str]:
        return set(self._by_core.get(core, ()))

    def ids_by_surname(self, surname: str) -> set[str]:
        return set(self._by_surname.get(surname, ()))

    def typo_keys(self) -> list[str]:
        """Keys of organisation-like aliases, for typo search (append-only)."""
        return self._typo_keys

    def is_distinct(self, surface: str, entity_id: str) -> bool:
        """True when ambiguous.tsv (rule distinct) gives this form to another id than `entity_id`.

        A row ("Canal+ Afrique", org:canal-plus-afrique, distinct) says the form names its own
        entity, a subsidiary, however close it looks to "Canal+".
        """
        owner = self._distinct.get(fuzzy.key(surface))
        return owner is not None and owner != entity_id

    # -- writes ----------------------------------------------------------------------------

    def add_entity(
        self, entity_id: str, name: str, entity_type: str, *, from_gazetteer: bool = False
    ) -> KBEntity:
        """The entity with this id, created with this name and type if it is new."""
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = KBEntity(entity_id, name, entity_type, from_gazetteer)
            self.entities[entity_id] = entity
            self._index(entity, name)
        return entity

    def add_alias(self, entity_id: str, form: str) -> bool:
        """Record `form` as a name of `entity_id`; False when a guard refuses it (or it is known)."""
        entity = self.entities.get(entity_id)
        form = form.strip()
        if entity is None or not fuzzy.key(form) or form == entity.name or form in entity.aliases:
            return False
        if self.is_distinct(form, entity_id):
            LOGGER.debug("alias %r refused for %s: ambiguous.tsv keeps them apart", form, entity_id)
            return False
        if entity.type in ORG_LIKE and fuzzy.is_subsidiary_form(entity.name, form, self.lexicon):
            LOGGER.debug("alias %r refused for %s: names a subsidiary", form, entity_id)
            return False
        entity.aliases.add(form)
        self._index(entity, form)
        return True

    def _index(self, entity: KBEntity, form: str) -> None:
        if entity.type == "PER":
            person = fuzzy.person_key(form, self.lexicon)
            _add(self._by_key, person, entity.id)
            if not fuzzy.is_surname_form(person, self.lexicon):
                for surname in fuzzy.surnames(person, self.lexicon):
                    _add(self._by_surname, surname, entity.id)
            return
        form_key = fuzzy.key(form)
        _add(self._by_key, form_key, entity.id)
        if entity.type in ORG_LIKE:
            _add(self._by_core, fuzzy.core_key(form, self.lexicon), entity.id)
            if form_key not in self._typo_seen:
                self._typo_seen.add(form_key)
                self._typo_keys.append(form_key)

    def learn(self, entity_id: str, name: str, entity_type: str, forms: Iterable[str]) -> KBEntity:
        """What one document says of an entity: its id, name and the forms it used."""
        entity = self.add_entity(entity_id, name, entity_type)
        entity.documents += 1
        for form in [name, *forms]:
            self.add_alias(entity_id, form)
        return entity


class StoreKB(KnowledgeBase):
    """The knowledge base seeded from the gazetteer, then from a store's entities and aliases."""

    def __init__(
        self, store: Store, gazetteer: Gazetteer | None = None, lexicon: fuzzy.Lexicon | None = None
    ) -> None:
        super().__init__(gazetteer, lexicon)
        self.path = store.path
        self.load(store)

    def load(self, store: Store) -> int:
        """Add every stored entity and alias (guards applied); returns how many entities were new."""
        from veille.store import queries

        con = store.connection
        before = len(self.entities)
        for entity_id, name, entity_type, documents in queries.kb_entities(con):
            entity = self.add_entity(entity_id, name, entity_type)
            entity.documents = max(entity.documents, documents)
        skipped = 0
        for alias, entity_id in queries.kb_aliases(con):
            if entity_id in self.entities and not self.add_alias(entity_id, alias):
                skipped += 1
        added = len(self.entities) - before
        LOGGER.info(
            "knowledge base: %d entities from the store %s (%d aliases known already or refused)",
            added,
            self.path,
            skipped,
        )
        return added
