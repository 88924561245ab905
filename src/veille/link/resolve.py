"""One document entity -> the canonical id it denotes in a knowledge base, and how it was found.

The steps, first that succeeds wins (`resolve`), over the entity's forms (its name, then its
aliases):

1. `provisional`: the id the in-article grouper gave is a gazetteer id, and the gazetteer
   finds it for the first form it knows, the name first (the grouper may have chosen among
   shared forms by context: "Canal+" the channel or the group);
2. `gazetteer`: a form is a name or alias of a gazetteer entry (case guards of ambiguous.tsv
   applied; former names do not count, see `veille.link.kb`);
3. `alias`: a form is a known alias (gazetteer or learnt) of an entity of a compatible type;
4. `surname` (persons): the form is a surname alone ("Ghosn", "de Meo") and exactly one
   person of the knowledge base bears it;
5. `core` (organisations): the form equals a known one but for a descriptor or a legal form
   ("groupe Fiat", "Audi AG", "BT Group" ~ "BT");
6. `typo` (organisations): the form is one slip from a known one ("Finacial Times");
7. `new`: none of the above; the id is `make_id(type, name)`.

Everywhere, a common word written without its capital links to nothing ("orange", "free").
When one form matches several entities: the entity whose own name it is first, then gazetteer
entities, then the one named in most documents, then the smallest id (deterministic).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from veille.doc import Entity
from veille.errors import ConfigError
from veille.link import fuzzy
from veille.link.kb import ORG_LIKE, KnowledgeBase, compatible
from veille.ner.gazetteer import make_id

LOGGER = logging.getLogger(__name__)

PROVISIONAL = "provisional"
GAZETTEER = "gazetteer"
ALIAS = "alias"
SURNAME = "surname"
CORE = "core"
TYPO = "typo"
ACRONYM = "acronym"  # set by the linker: the article states "Long Name (ACR)"
NEW = "new"

#: Methods sure enough that two entities of one article found by them are one entity (merged).
#: A `core` or `typo` match that collides with another entity of the same article yields: the
#: article named both ("RTL" and "RTL Group"), so they are different.
MERGING_METHODS = frozenset({PROVISIONAL, GAZETTEER, ALIAS, SURNAME, ACRONYM})

#: Suffix of the id given to a lower-case common word whose capitalised twin is known ("orange"
#: when org:orange exists): the entity stays, under an id that cannot be mistaken for the company.
HOMONYM_SUFFIX = "common-word"


@dataclass(frozen=True, slots=True)
class Resolution:
    """The canonical id of one document entity, how it was found, and from which form."""

    id: str
    method: str
    form: str
    score: float = 100.0


def forms_of(entity: Entity) -> list[str]:
    """The entity's name, then its aliases, without repeats."""
    seen: dict[str, None] = {}
    for form in [entity.name, *entity.aliases]:
        if form.strip():
            seen.setdefault(form, None)
    return list(seen)


def _best(kb: KnowledgeBase, ids: Iterable[str], form_key: str) -> str | None:
    """The preferred id among candidates (see the module docstring); None when there are none."""
    ranked = sorted(
        (kb.entities[i] for i in ids if i in kb.entities),
        key=lambda e: (fuzzy.key(e.name) != form_key, not e.from_gazetteer, -e.documents, e.id),
    )
    return ranked[0].id if ranked else None


class Resolver:
    """Resolution of document entities against one knowledge base (see the module docstring)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def _usable(self, form: str) -> bool:
        return not fuzzy.needs_capital(form, self.kb.case_forms, self.kb.lexicon)

    def _keep(self, ids: Iterable[str], entity_type: str, form: str) -> set[str]:
        return {
            i
            for i in ids
            if i in self.kb.entities
            and compatible(entity_type, self.kb.entities[i].type)
            and not self.kb.is_distinct(form, i)
        }

    def provisional(self, entity: Entity, forms: list[str]) -> Resolution | None:
        gazetteer = self.kb.gazetteer
        if entity.id not in gazetteer.by_id:
            return None
        usable = [form for form in forms if self._usable(form)]
        for form in usable:
            hits = {e.id for e in gazetteer.lookup(form, include_former=False)}
            if hits:
                # The first form the gazetteer knows decides: the grouper's id must be one of its
                # readings ("RTL" named, "groupe RTL" aside: org:rtl, not org:rtl-group).
                return Resolution(entity.id, PROVISIONAL, form) if entity.id in hits else None
        return None

    def from_gazetteer(self, entity: Entity, forms: list[str]) -> Resolution | None:
        for form in forms:
            if not self._usable(form):
                continue
            for entry in self.kb.gazetteer.lookup(form, include_former=False):
                if compatible(entity.type, entry.type) and not self.kb.is_distinct(form, entry.id):
                    return Resolution(entry.id, GAZETTEER, form)
        return None

    def from_alias(self, entity: Entity, forms: list[str]) -> Resolution | None:
        for form in forms:
            if not self._usable(form):
                continue
            form_key = fuzzy.person_key(form, self.kb.lexicon) if entity.type == "PER" else fuzzy.key(form)
            best = _best(self.kb, self._keep(self.kb.ids_by_key(form_key), entity.type, form), form_key)
            if best is not None:
                return Resolution(best, ALIAS, form)
        return None

    def from_surname(self, entity: Entity, forms: list[str]) -> Resolution | None:
        if entity.type != "PER":
            return None
        for form in forms:
            person = fuzzy.person_key(form, self.kb.lexicon)
            if not fuzzy.is_surname_form(person, self.kb.lexicon):
                continue
            ids = self._keep(self.kb.ids_by_surname(person), entity.type, form)
            if len(ids) == 1:
                return Resolution(ids.pop(), SURNAME, form)
            if len(ids) > 1:
                LOGGER.debug("surname %r is ambiguous: %s", form, sorted(ids))
        return None

    def from_core(self, entity: Entity, forms: list[str]) -> Resolution | None:
        if entity.type not in ORG_LIKE:
            return None
        for form in forms:
            if not self._usable(form):
                continue
            core = fuzzy.core_key(form, self.kb.lexicon)
            ids = {
                i
                for i in self._keep(self.kb.ids_by_core(core), entity.type, form)
                if self.kb.entities[i].type in ORG_LIKE
            }
            best = _best(self.kb, ids, fuzzy.key(form))
            if best is not None:
                return Resolution(best, CORE, form)
        return None

    def from_typo(self, entity: Entity, forms: list[str]) -> Resolution | None:
        if entity.type not in ORG_LIKE:
            return None
        for form in forms:
            if not self._usable(form):
                continue
            for near, score in fuzzy.typo_candidates(fuzzy.key(form), self.kb.typo_keys()):
                ids = {
                    i
                    for i in self._keep(self.kb.ids_by_key(near), entity.type, form)
                    if self.kb.entities[i].type in ORG_LIKE
                }
                best = _best(self.kb, ids, near)
                if best is not None:
                    return Resolution(best, TYPO, form, score)
        return None

    def new_id(self, entity: Entity) -> str:
        """`make_id(type, name)`, or a homonym id when that id belongs to an entity the guards refused."""
        try:
            entity_id = make_id(entity.type, entity.name)
        except ConfigError:
            return entity.id
        known = self.kb.entities.get(entity_id)
        if known is not None and not self._usable(entity.name) and fuzzy.is_capitalised(known.name):
            return f"{entity_id}-{HOMONYM_SUFFIX}"
        return entity_id

    def resolve(self, entity: Entity) -> Resolution:
        """The first step that finds an id for `entity` (see the module docstring)."""
        forms = forms_of(entity) or [entity.name]
        for step in (
            self.provisional,
            self.from_gazetteer,
            self.from_alias,
            self.from_surname,
            self.from_core,
            self.from_typo,
        ):
            found = step(entity, forms)
            if found is not None:
                return found
        return Resolution(self.new_id(entity), NEW, entity.name)
