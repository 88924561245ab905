"""Which entity a number is said about: the subject of its clause, or the entity the text is about.

For a number in a sentence, with the entity types its fact type allows (`types.tsv`):

0. the entity named right before a bracket holding the number ("PGS (1.300 salariés)");
1. a mention of the preferred type named right before the number (`NEAR_WINDOW`), for the types
   that ask for it ("70 chaînes avec Molotov extended pour 9,99 euros par mois" -> the product);
2. the grammatical subject of the clause holding the number (dependency parse: the nearest
   ancestor of the number with a `nsubj` child; for "qui", the noun the relative clause hangs on):
   - a subject headed by a description ("le groupe Casino", "le fabricant de l'iPhone"): the entity
     named right after the head without a preposition, else the carried topic;
   - a subject holding an allowed entity ("les revenus de Facebook"): that entity;
   - a subject with a description or possessive inside ("le chiffre d'affaires du groupe", "son
     bénéfice"): the carried topic;
   - a subject naming a whole market ("le marché du streaming"): no subject, hence no fact;
   - a description naming another entity ("la filiale du groupe Orange"): the nearest entity
     named before it in the sentence, never the one it names;
   - a person, for a fact about an organisation: the organisation the relation stage gave them
     a role at, when there is one ("Vanessa Pappas s'est dite fière des 1.500 employés");
3. the first allowed entity of the sentence not cited as a source ("d'après le cabinet X");
4. the carried topic: the entity the previous sentences were about (`Topic`), or the article's most
   mentioned organisation when no sentence has named one yet.

The topic is updated after each sentence from its main subject, else its first organisation
before the main verb; it holds for `TOPIC_REACH` characters after it was last named, described or
given a number. A personal pronoun ("il") stands for the person when a person was named after the
last organisation (then a fact that needs an organisation gets no subject).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from veille.doc import Entity, EntityType, Relation
from veille.ner.numbers import Quantity
from veille.relate.fact_lexicon import FactLexicon, TypeInfo, find_cues

LOGGER = logging.getLogger(__name__)

#: A mention of the preferred type must end at most this many characters before the number
#: ('avec "Molotov extended" pour 9,99 euros' is 6).
NEAR_WINDOW = 30
#: A source word ("selon", "d'après le cabinet") must end at most this many characters before the
#: entity it cites.
SOURCE_WINDOW = 32  # "selon les informations du Monde" is 26; a comma in between ends the citation
#: What may stand between a name and its figure in brackets: "Paris-Normandie (240 salariés)",
#: "PGS (environ 1.300 salariés)".
#: The owner's name must end at most this many characters before "dont" ("Ferrox, dont").
WHOSE_WINDOW = 4
#: Between "dont" and the number, one of these ends its clause ("Ferrox, dont le siège est à Lyon,
#: a réalisé 3 millions": the number is the main clause's).
CLAUSE_BREAKS = frozenset(",;:")
ASIDE = re.compile(r"\s*\(\s*(?:[^\W\d]+\s+){0,2}")
#: At most this many steps up the parse from the number to find the clause with a subject.
MAX_CLIMB = 12
#: Dependency labels of a subject (UD French, spaCy English).
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj"})
#: A passive subject is the thing acted on: the agent, when said, is who the sentence is about.
PASSIVE_SUBJECT_DEPS = frozenset({"nsubj:pass", "nsubjpass"})
AGENT_DEPS = frozenset({"obl:agent", "agent"})
AGENT_NOUN_DEPS = frozenset({"pobj"})
AGENT_PREPOSITIONS = frozenset({"par", "by"})  # English attaches the noun under "by"
#: Relative pronouns: the subject is the noun the relative clause hangs on.
RELATIVE_PRONOUNS = frozenset({"qui", "which", "who", "that", "lequel", "laquelle"})
#: Words between a description head and a name that mean the name is not the one described
#: ("le fabricant de l'iPhone" is no iPhone).
LINK_WORDS = frozenset({"de", "d'", "du", "des", "of", "l'", "la", "le", "les", "the", "à", "au", "aux"})
ORG_LIKE: tuple[EntityType, ...] = ("ORG", "PRODUCT", "MISC")
NO_SUBJECT = ""  # a market-level number: no entity
#: Part-of-speech tag of a common noun (spaCy, both languages).
NOUN_POS = "NOUN"
#: A market named after the number in its clause ("... de manque à gagner pour le secteur") counts
#: within this many characters of it.
FOR_MARKET_WINDOW = 60
FOR_MARKET = re.compile(r"\b(?:pour|for)\s+(?:le|la|les|l'|the|tout le|toute la|all the)\s*(\w+)")
#: A pronoun subject takes up the entity named right before it, with only a comma between
#: ("Canal+, elle, coûtera ..."), within this many characters.
DISLOCATION_WINDOW = 80
DISLOCATION_GAP = re.compile(r"\s*,\s*")
#: Dependency labels of a noun's "de" complement ("le taux d'occupation des hôtels").
NOUN_COMPLEMENT_DEPS = frozenset({"nmod", "prep"})
#: The topic stands for a description ("l'opérateur", "le groupe") at most this many characters
#: after the sentence that last named or described it. Set by hand: the farthest back in the dev
#: articles is ~400 characters ("BT Group ..." three sentences before "L'opérateur compte ...");
#: beyond ~600 the description often refers to something else.
TOPIC_REACH = 600


@dataclass(slots=True, frozen=True)
class Located:
    start: int
    end: int
    entity: Entity


class MentionIndex:
    """Every entity mention of the document, in text order."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        located = [Located(s.start, s.end, e) for e in entities for s in e.mentions if s.end > s.start]
        located.sort(key=lambda m: (m.start, -m.end))
        self.items = located
        self.starts = [m.start for m in located]
        counts = Counter(m.entity.id for m in located if m.entity.type == "ORG")
        by_id = {m.entity.id: m.entity for m in located}
        self.main_org: Entity | None = by_id[counts.most_common(1)[0][0]] if counts else None

    def last_before(self, entity: Entity, position: int) -> int:
        """End of the last mention of `entity` before `position` (-1 when none)."""
        ends = [m.end for m in self.items if m.entity.id == entity.id and m.end <= position]
        return max(ends, default=-1)

    def within(self, start: int, end: int) -> list[Located]:
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                found.append(self.items[i])
            i += 1
        return found


@dataclass(slots=True)
class Topic:
    """The organisation and the person the previous sentences were about, and where each was last
    named or referred to (end of that sentence)."""

    org: Entity | None = None
    per: Entity | None = None
    org_at: int = -1
    per_at: int = -1

    def of(
        self, types: Sequence[str], position: int, index: MentionIndex, pronoun: bool = False
    ) -> Entity | None:
        """The topic entity of an allowed type still in reach of `position`. A personal pronoun
        ("il") stands for the person when a person was named last; if persons are not allowed, none."""
        if pronoun and self.per is not None and self.per_at > self.org_at and "PER" not in types:
            return None
        for entity_type in types:
            if entity_type == "PER":
                if self.per is not None and position - self.per_at <= TOPIC_REACH:
                    return self.per
            elif entity_type in ORG_LIKE:
                if (
                    self.org is not None
                    and self.org.type == entity_type
                    and position - self.org_at <= TOPIC_REACH
                ):
                    return self.org
                main = index.main_org
                if (
                    self.org is None
                    and main is not None
                    and main.type == entity_type
                    and position - index.last_before(main, position) <= TOPIC_REACH
                ):
                    return main
        return None


class SubjectFinder:
    """Subjects of the numbers of one document (module docstring)."""

    def __init__(
        self,
        lex: FactLexicon,
        lang: str,
        text: str,
        index: MentionIndex,
        employers: dict[str, Entity] | None = None,
    ) -> None:
        self.text, self.index = text, index
        #: person id -> the one organisation the text gives them a role at (`employers_of`)
        self.employers = employers or {}
        self.anaphors = lex.subject_words[f"{lang}:anaphor"]
        self.possessives = lex.subject_words[f"{lang}:possessive"]
        self.markets = lex.subject_words[f"{lang}:market"]
        self.sources = lex.subject_words[f"{lang}:source"]
        self.pronouns = lex.subject_words[f"{lang}:pronoun"]
        self.whose = lex.subject_words[f"{lang}:whose"]
        self.speakers = lex.subject_words[f"{lang}:speaker"]
        self.publics = lex.subject_words[f"{lang}:public"]
        self.amount_words = lex.subject_words[f"{lang}:amount"]
        self.lex, self.lang = lex, lang
        self.anaphors = self.anaphors | self.pronouns
        self.topic = Topic()

    # -- the subject of one number -------------------------------------------------------------
    def subject(
        self, q: Quantity, info: TypeInfo, sentence: tuple[int, int], tokens: Any | None, said: bool = False
    ) -> tuple[Entity | None, str]:
        """(entity, how it was found); entity None means no subject could be given. `said`: only
        the subject of the number's clause may be it (a change with no cue: "Le titre du joaillier
        a plongé de 9%" is no figure of the organisation of the text), when there is a parse."""
        allowed = info.subjects
        mentions = [
            m for m in self.index.within(*sentence) if not (m.start < q.span.end and m.end > q.span.start)
        ]
        aside = self._aside(q, mentions, allowed)
        if aside is not None:
            return aside, "near"
        if info.near is not None:
            near = [
                m for m in mentions if m.entity.type == info.near and 0 <= q.span.start - m.end <= NEAR_WINDOW
            ]
            if near:
                return near[-1].entity, "near"
        if tokens is not None:
            found = self._from_parse(q, allowed, tokens)
            if found is not None:
                return found
            if said:
                return None, "unsaid"
        if self._for_market(q, sentence[1]):
            return None, "market"  # no clause subject, and said for a market
        for m in mentions:
            if (
                m.end <= q.span.start
                and m.entity.type in allowed
                and not self._cited(m, sentence[0])
                and not self._public(m.entity)
            ):
                return m.entity, "sentence"
        entity, how = self._topic(q, allowed, tokens)
        if entity is not None and self._public(entity):
            return None, "public"  # a state body is given public money only by its own clause
        return entity, how

    def _whose(self, q: Quantity, allowed: Sequence[str], tokens: Any) -> tuple[Entity | None, str] | None:
        """A clause whose subject is owned by "dont" ("les Régions, dont les pertes sont évaluées à
        900 millions") is about the noun before "dont": that entity when one is named right there,
        else nothing (no fact). None when the number's clause has no such subject."""
        word = next(
            (
                t
                for t in tokens
                if t.idx < q.span.start
                and t.text.lower() in self.whose
                and t.head.dep_ in SUBJECT_DEPS
                and not any(ch in CLAUSE_BREAKS for ch in self.text[t.idx : q.span.start])
            ),
            None,
        )
        if word is None:
            return None
        owner = self.index.within(max(0, word.idx - WHOSE_WINDOW), word.idx)
        if owner and not self.text[owner[-1].end : word.idx].strip(" ,") and owner[-1].entity.type in allowed:
            return owner[-1].entity, "subject"
        return None, "whose"

    def _aside(self, q: Quantity, mentions: Sequence[Located], allowed: Sequence[str]) -> Entity | None:
        """The entity named right before a bracket the number is in ("PGS (1.300 salariés)")."""
        before = [m for m in mentions if m.end <= q.span.start]
        if before and before[-1].entity.type in allowed:
            last = before[-1]
            if ASIDE.fullmatch(self.text, last.end, q.span.start):
                return last.entity
        return None

    def _described(
        self, q: Quantity, named: Entity, low: int, allowed: Sequence[str], tokens: Any
    ) -> tuple[Entity | None, str]:
        """The entity a description naming another one stands for ("..., où la filiale du groupe
        Orange détient 60%" is not Orange): the nearest allowed entity named before it in the
        sentence, else the topic, never the entity it names."""
        start = int(tokens[0].idx) if len(tokens) else low
        before = [
            m
            for m in self.index.within(start, low)
            if m.entity.type in allowed and m.entity.id != named.id and not self._cited(m, start)
        ]
        if before:
            return before[-1].entity, "sentence"
        entity, how = self._topic(q, allowed, tokens)
        return (None, "described") if entity is not None and entity.id == named.id else (entity, how)

    def _named_after(self, low: int, high: int, head: Any) -> Entity | None:
        """The entity a description names after its head through "de" ("la filiale du groupe
        Orange", "le patron de Ferrox"): the description stands for another one."""
        if head.text.lower().strip("-'") not in self.anaphors - self.pronouns:
            return None
        head_end = head.idx + len(head.text)
        for m in self.index.within(head_end, high):
            if any(w in LINK_WORDS for w in _after_comma(self.text[head_end : m.start])):
                return m.entity
        return None

    def _topic(
        self, q: Quantity, allowed: Sequence[str], tokens: Any | None, pronoun: bool = False
    ) -> tuple[Entity | None, str]:
        """The entity an anaphor stands for: the main subject of this sentence when it is named
        before the number ("Les revenus de Facebook ont grimpé ..., dont la société a sorti ..."),
        else the topic carried from earlier sentences."""
        root = _root_subject(tokens) if tokens is not None else None
        if root is not None and root[1] <= q.span.start:
            found = self._noun_phrase(root[0], root[1], root[2], allowed)
            if isinstance(found, tuple):
                return found[0], "sentence"
        return self.topic.of(allowed, q.span.start, self.index, pronoun), "topic"

    def _from_parse(
        self, q: Quantity, allowed: Sequence[str], tokens: Any
    ) -> tuple[Entity | None, str] | None:
        owner = self._whose(q, allowed, tokens)
        if owner is not None:
            return owner
        subject = _clause_subject(q, tokens)
        if subject is None:
            return None
        low, high, head = subject
        if low < q.span.end and high > q.span.start:
            # the number is in the subject ("plus de 100.000 personnes se sont inscrites")
            return self._owned_by_person(low, q.span.start, allowed)
        if head.text.lower() in self.speakers and "PER" not in allowed:
            return None, "speaker"  # "J'avais 1 million d'abonnés": the person quoted, no organisation
        if head.text.lower().strip("-'") in self.publics:
            return None, "public"  # "le gouvernement a débloqué une enveloppe de 490 millions"
        kind = self._noun_phrase(low, high, head, allowed)
        if kind is None:
            return (None, "other") if self._other_thing(low, high, head) else None
        if kind in ("topic", "pronoun"):
            named = self._named_after(low, high, head) if kind == "topic" else None
            if named is not None:
                return self._described(q, named, low, allowed, tokens)
            dislocated = self._dislocated(low, allowed) if kind == "pronoun" else None
            if dislocated is not None:
                return dislocated, "subject"
            return self._topic(q, allowed, tokens, kind == "pronoun")
        if isinstance(kind, tuple):
            return kind
        if kind == NO_SUBJECT:
            return None, "market"
        return None

    def _noun_phrase(
        self, low: int, high: int, head: Any, allowed: Sequence[str]
    ) -> tuple[Entity, str] | str | None:
        """An entity, "topic", NO_SUBJECT (a market) or None (look further) for a subject phrase."""
        head_word = head.text.lower().strip("-'")
        inside = self.index.within(low, high)
        head_end = head.idx + len(head.text)
        other = next(
            (m.entity for m in inside if m.start <= head.idx < m.end and m.entity.type not in allowed), None
        )
        if other is not None:
            employer = self.employers.get(other.id)
            if employer is not None and employer.type in allowed:
                return employer, "subject"  # "Vanessa Pappas s'est dite fière des 1.500 employés"
            return None  # the subject is another kind of entity ("Jean-Yves Charlier, directeur de BT")
        mentions = [m for m in inside if m.entity.type in allowed]
        if head_word in self.pronouns:
            return "pronoun"
        if head_word in self.anaphors:
            for m in mentions:
                between = _after_comma(self.text[head_end : m.start])
                if m.end > head.idx and not any(w in LINK_WORDS for w in between):
                    return m.entity, "subject"
            return "topic"
        if mentions:
            return mentions[0].entity, "subject"
        words = set(self.text[low:high].lower().replace("'", "' ").split())
        if words & (self.anaphors | self.possessives) or any(w.strip("'") in self.possessives for w in words):
            return "topic"
        if head_word in self.markets:
            return NO_SUBJECT
        return None

    def _owned_by_person(self, low: int, at: int, allowed: Sequence[str]) -> tuple[Entity | None, str] | None:
        """A subject phrase holding the number whose owner before it is a person ("Le compte Instagram
        de la chanteuse X, suivi par 80 millions d'abonnés, ..."): the figure is that person's, so
        none for an organisation (unless the person has one role, then it is that employer's). None
        (look further) when the phrase names no person, or names an allowed entity."""
        inside = self.index.within(low, at)
        if not inside or any(m.entity.type in allowed for m in inside):
            return None
        person = next((m.entity for m in reversed(inside) if m.entity.type == "PER"), None)
        if person is None:
            return None
        employer = self.employers.get(person.id)
        if employer is not None and employer.type in allowed:
            return employer, "subject"
        return None, "person"

    def _for_market(self, q: Quantity, end: int) -> bool:
        """The number is said for a whole market in its own clause ("500 millions d'euros de manque à
        gagner pour le secteur touristique"): no entity's figure, when its clause names no subject
        ("X a réalisé 5 millions pour le marché français" is X's)."""
        tail = self.text[q.span.end : min(end, q.span.end + FOR_MARKET_WINDOW)]
        for mark in CLAUSE_BREAKS:
            tail = tail.split(mark, 1)[0]
        found = FOR_MARKET.search(tail.lower())
        return found is not None and found.group(1) in self.markets

    def _dislocated(self, low: int, allowed: Sequence[str]) -> Entity | None:
        """The entity a pronoun subject takes up right after a comma ("Canal+, elle, coûtera ...")."""
        before = self.index.within(max(0, low - DISLOCATION_WINDOW), low)
        if (
            before
            and before[-1].entity.type in allowed
            and DISLOCATION_GAP.fullmatch(self.text, before[-1].end, low)
        ):
            return before[-1].entity
        return None

    def _other_thing(self, low: int, high: int, head: Any) -> bool:
        """The clause's subject is a common noun of another thing, naming neither an entity, nor a
        description of one, nor what is measured ("Le taux d'occupation des hôtels a baissé de 10%"):
        the number is about that thing, not about the entity the text is about. A subject holding a
        cue ("le chiffre d'affaires") or restating an amount ("le montant") measures the topic; a
        bare noun ("le régulateur a infligé à X une amende") may be an actor, so looking on is left
        to the other rules."""
        if head.pos_ != NOUN_POS or head.text.lower().strip("-'") in self.amount_words:
            return False
        if not any(child.dep_ in NOUN_COMPLEMENT_DEPS for child in head.children):
            return False
        return not find_cues(self.lex, self.text, low, high, self.lang)

    def _public(self, entity: Entity) -> bool:
        """A state body ("le Sénat", "l'Assemblée") merely named in the sentence ("Au Sénat, le
        gouvernement a fait adopter ...") or carried as the topic: the place of a public decision, not
        the owner of its money."""
        words = entity.name.lower().replace("'", "' ").split()
        return bool(words) and words[0].strip("-'") in self.publics

    def _cited(self, m: Located, floor: int) -> bool:
        """The mention is quoted as a source ("selon les informations du Monde")."""
        before = self.text[max(floor, m.start - SOURCE_WINDOW) : m.start].lower()
        for word in self.sources:
            at = before.rfind(word)
            if at >= 0 and "," not in before[at + len(word) :]:
                return True
        return False

    def confirm(self, entity: Entity, position: int) -> None:
        """A number was given to the topic: the text is still about it at `position`."""
        if self.topic.org is not None and entity.id == self.topic.org.id:
            self.topic.org_at = max(self.topic.org_at, position)
        elif self.topic.per is not None and entity.id == self.topic.per.id:
            self.topic.per_at = max(self.topic.per_at, position)
        elif self.topic.org is None and entity.type in ORG_LIKE:
            self.topic.org, self.topic.org_at = entity, position  # the main organisation, taken up

    # -- the topic after a sentence ------------------------------------------------------------
    def advance(self, sentence: tuple[int, int], tokens: Any | None) -> None:
        """Update the topic after a sentence. Organisation: the one the main subject names by its
        head ("Le groupe Casino a annoncé"); unchanged when the subject is a description ("le
        groupe", "son bénéfice"); else the first organisation before the main verb ("Alphabet, la
        maison mère de Google, est ..."); else one named inside the subject ("Les revenus de X").
        Person: the one the subject names, else the last person of the sentence."""
        mentions = self.index.within(*sentence)
        subject = _root_subject(tokens) if tokens is not None else None
        org: Entity | None = None
        per: Entity | None = None
        keep_org = False
        inner: Entity | None = None
        if subject is not None:
            low, high, head = subject
            org = self._head_entity(low, high, head, ORG_LIKE)
            per = self._head_entity(low, high, head, ("PER",))
            keep_org = org is None and self._anaphoric(low, high, head)
            found = self._noun_phrase(low, high, head, ORG_LIKE)
            inner = found[0] if isinstance(found, tuple) else None
        if org is None and not keep_org:
            # "<=": a root inside a name (a sentence the model cut in "Paris-|Normandie") is named
            limit = _root_position(tokens) if tokens is not None else sentence[1]
            first = next(
                (
                    m
                    for m in mentions
                    if m.entity.type == "ORG" and m.start <= limit and not self._cited(m, sentence[0])
                ),
                None,
            )
            org = first.entity if first is not None else inner
        end = sentence[1]
        if org is not None:
            self.topic.org, self.topic.org_at = org, end
        elif keep_org or any(
            self.topic.org is not None and m.entity.id == self.topic.org.id for m in mentions
        ):
            self.topic.org_at = end  # described or named again: still the topic
        if per is None:
            people = [m for m in mentions if m.entity.type == "PER"]
            per = people[-1].entity if people else None
        if per is not None:
            self.topic.per, self.topic.per_at = per, end

    def _head_entity(self, low: int, high: int, head: Any, types: Sequence[str]) -> Entity | None:
        """The entity a subject phrase names by its head: the head is in its mention, or the head is
        a description followed by the name ("le groupe Casino", "la start-up française Molotov")."""
        inside = self.index.within(low, high)
        for m in inside:
            if m.start <= head.idx < m.end:
                return m.entity if m.entity.type in types else None
        if head.text.lower().strip("-'") in self.anaphors:
            head_end = head.idx + len(head.text)
            for m in inside:
                between = _after_comma(self.text[head_end : m.start])
                if (
                    m.start >= head_end
                    and m.entity.type in types
                    and not any(w in LINK_WORDS for w in between)
                ):
                    return m.entity
        return None

    def _anaphoric(self, low: int, high: int, head: Any) -> bool:
        """A subject that stands for something named before ("le groupe", "son bénéfice", "il")."""
        words = {w.strip("-'") for w in self.text[low:high].lower().replace("'", "' ").split()}
        return (
            bool(words & (self.anaphors | self.possessives)) or head.text.lower().strip("-'") in self.anaphors
        )


def employers_of(relations: Sequence[Relation], entities: Sequence[Entity]) -> dict[str, Entity]:
    """Person id -> the organisation of their role, for people given a current role at exactly one:
    what such a person says of "our employees" is said for it."""
    by_id = {entity.id: entity for entity in entities}
    roles: dict[str, set[str]] = {}
    for relation in relations:
        if relation.type == "role" and relation.attributes.get("status") != "former":
            roles.setdefault(relation.subject, set()).add(relation.object)
    return {
        person: by_id[next(iter(orgs))]
        for person, orgs in roles.items()
        if len(orgs) == 1 and next(iter(orgs)) in by_id
    }


def _after_comma(gap: str) -> list[str]:
    """The words between a description and a name, after the last comma: an apposition names the
    head ("le patron de Ferrox, Paul Martin"), a "de" phrase does not ("le fabricant de l'iPhone")."""
    return gap.rsplit(",", 1)[-1].lower().replace("'", "' ").split()


def _span_of(token: Any) -> tuple[int, int]:
    right = token.right_edge
    return token.left_edge.idx, right.idx + len(right.text)


def _subject_of(verb: Any, child: Any) -> tuple[int, int, Any]:
    if child.text.lower() in RELATIVE_PRONOUNS and verb.dep_.startswith("acl") and verb.head.i != verb.i:
        noun = verb.head
        return noun.left_edge.idx, child.idx, noun
    low, high = _span_of(child)
    return low, high, child


def _clause_subject(q: Quantity, tokens: Any) -> tuple[int, int, Any] | None:
    """(start, end, head token) of the subject of the clause holding the number."""
    start = next((t for t in tokens if q.span.start <= t.idx < q.span.end and not t.is_space), None)
    if start is None:
        return None
    current = start
    for _ in range(MAX_CLIMB):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and not (q.span.start <= child.idx < q.span.end):
                return _subject_of(current, child)
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _root_subject(tokens: Any) -> tuple[int, int, Any] | None:
    """The subject of the sentence's main verb; the agent of a passive one ("occupée par Madrigall")."""
    for token in tokens:
        if token.head.i == token.i:
            children = list(token.children)
            for child in children:
                if child.dep_ in SUBJECT_DEPS and child.dep_ not in PASSIVE_SUBJECT_DEPS:
                    return _subject_of(token, child)
            passive = any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in children)
            for child in children:
                if child.dep_ in AGENT_DEPS or (
                    passive and child.dep_.startswith("obl") and _by_agent(child)
                ):
                    noun = next((c for c in child.children if c.dep_ in AGENT_NOUN_DEPS), child)
                    low, high = _span_of(noun)
                    return low, high, noun
            for child in children:
                if child.dep_ in SUBJECT_DEPS:
                    return _subject_of(token, child)
    return None


def _by_agent(token: Any) -> bool:
    return any(c.dep_ == "case" and c.text.lower() in AGENT_PREPOSITIONS for c in token.children)


def _root_position(tokens: Any) -> int:
    """Where the sentence's main verb is (its end when none is found)."""
    for token in tokens:
        if token.head.i == token.i:
            return int(token.idx)
    return int(tokens.end_char)
