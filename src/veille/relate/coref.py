"""Descriptions and pronouns that stand for an entity the article already named.

"le groupe", "l'opérateur britannique", "le patron", "il": when the article leaves no doubt who
they are, they become slots of that entity (with a lower confidence factor), so a pattern like
"l'opérateur a trouvé un accord avec la RTBF" yields a relation for the operator's entity.

Who is meant, in this order:
- a pronoun ("il", "elle", "it") stands for the subject of the nearest earlier sentence that has an
  entity as its subject, looking back at most `MAX_BACK` sentences (news paragraphs are often one
  sentence long)
  (a sentence without an entity subject that names exactly one person gives that person);
- a description of a company ("le groupe", "la société") stands for the nearest earlier ORG
  subject (same look-back), else for the article's main ORG when one ORG dominates the article
  (`main_entities`); a description of a person ("le patron") likewise for a PER;
- a description followed by a complement ("le géant du secteur", "la firme à la pomme") or by a
  name ("le groupe Casino") is not resolved: the complement says it is someone else, the name is
  already a slot.

Each sentence also gets a subject (`find_subject`): the parse's subject of the main clause mapped
to a slot, else a slot opening the sentence, else — for a sentence without any subject, such as
"Et entrer en concurrence contre Equant." — the previous sentence's subject.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from veille.evaluate.match import name_key
from veille.relate.triggers import Lexicon, alternation
from veille.relate.views import RELATIVE_PRONOUNS, SUBJECT_DEPS, Slot, View

if TYPE_CHECKING:
    from spacy.tokens import Token

    from veille.doc import Entity
    from veille.relate.sentences import Sentence

#: Sentences looked back over for a pronoun's or description's antecedent. Set on the dev
#: articles: news rarely keeps "il" pointing further than two sentences back.
MAX_BACK = 3
#: Mentions the main entity needs, and how many times more than the runner-up (set on the dev
#: articles: the company an article is about is named 3+ times and twice as often as any other).
MIN_MAIN_MENTIONS = 3
DOMINANCE_RATIO = 1.5
#: A name found in the headline counts as this many mentions towards being the main entity.
TITLE_BONUS = 2
#: Confidence factors of a relation argument that is a resolved pronoun or description.
PRONOUN_FACTOR = 0.85
#: Pronouns that can only stand for a person, per language (resolved inside their own sentence too).
PERSON_PRONOUNS: dict[str, frozenset[str]] = {"en": frozenset({"he", "she"})}
DESCRIPTION_FACTOR = 0.85
#: Clause types whose subject is not the sentence's subject.
SUBORDINATE_DEPS = frozenset({"acl:relcl", "relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})
_IMPERSONAL = re.compile(
    r"^\s*(?:s'agit|y\s+a|n'y\s+a|faut|existe|n'existe|semble|reste\s+(?:à|encore)|est\s+(?:\w+\s+)?(?:de|d'|que)"
    r"|is\b|was\b|'s\b|seems\b|appears\b|remains\b)",
    re.IGNORECASE,
)
#: Sentences whose subject is "c'est", "il y a", "ce sont": no entity is the subject.
_IMPERSONAL_START = re.compile(
    r"^\W*(?:c'|ce\s|il\s+y\s+a|il\s+s'agit|it\s+is|there\s+(?:is|are))", re.IGNORECASE
)
_COMPLEMENT = re.compile(r"^\s*(?:de|d'|du|des|à|au|aux|of|from)(?!\w)", re.IGNORECASE)
_DETERMINERS = {"fr": r"le|la|l'|les|du|de\s+la|de\s+l'|au|à\s+la|à\s+l'|ce|cet|cette", "en": r"the|this"}
#: "cet Italien", "ce Français": a demonstrative and a capitalised noun stand for a person just named.
_DEMONYMS = {"fr": r"(?<![\w'])(?:[Cc]et|[Cc]ette|[Cc]e)\s+(?P<head>[A-ZÀ-Ý][a-zà-ÿ]+)(?![\w-])"}
#: A sentence that opens on a frame-setting adjunct: "Pour X,", "Chez X,", "Côté X,". (A bare
#: "X, PDG de Y, ..." is not one: its topic is a person, and "le groupe" after it is still Y's.)
_TOPIC = re.compile(r"^\W*(?:pour|chez|côté|du\s+côté\s+de|for|at)\s+⟨(\d+)⟩\s*,", re.IGNORECASE)
#: A name opening the sentence inside a complement is not its subject: "Des survivants de
#: l'Holocauste demandent ..." is about the survivors (the article may follow the preposition).
_COMPLEMENT_NAME = re.compile(
    r"(?:^|\s)(?:de|du|des|d'|à|au|aux|pour|avec|chez|selon|par|of|for|with|by)\s*"
    r"(?:(?:la|le|les|the)\s+|l')?⟨\d+⟩$",
    re.IGNORECASE,
)
#: A description followed by a quoted name names that organisation, even one the recogniser missed:
#: "présidente de l'organisation "Solv"" is not the company the article spoke of before.
_NAMED_AFTER = re.compile(r"^\s*(?:\"+|'')\s*[A-ZÀ-Ý0-9]")
_INVERTED = re.compile(r"-(?:t-)?(il|elle)(?!\w)", re.IGNORECASE)


def main_entities(entities: Sequence[Entity], title: str | None) -> dict[str, str]:
    """Entity type -> id of the entity that dominates the article, for ORG and PER."""
    title_key = name_key(title or "")
    main: dict[str, str] = {}
    for entity_type in ("ORG", "PER"):
        counts: Counter[str] = Counter()
        for entity in entities:
            if entity.type != entity_type:
                continue
            counts[entity.id] += len(entity.mentions)
            names = [entity.name, *entity.aliases]
            if title_key and any(len(name_key(n)) > 1 and name_key(n) in title_key for n in names):
                counts[entity.id] += TITLE_BONUS
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < MIN_MAIN_MENTIONS:
            continue
        if len(ranked) == 1 or ranked[0][1] >= DOMINANCE_RATIO * ranked[1][1]:
            main[entity_type] = ranked[0][0]
    return main


class Resolver:
    """Finds descriptions and pronouns in a sentence and resolves them against the history."""

    def __init__(self, lex: Lexicon, entities: Sequence[Entity], title: str | None) -> None:
        self.main = main_entities(entities, title)
        self.language = lex.language
        self.types = {entity.id: entity.type for entity in entities}
        det = _DETERMINERS.get(lex.language, _DETERMINERS["en"])
        self._desc = {
            kind: re.compile(
                rf"(?<![\w'])(?:{det})\s*(?P<head>{alternation(heads)})(?:\s+(?P<adj>[a-zà-ÿ-]{{3,}}))?",
                re.IGNORECASE,
            )
            for kind, heads in lex.descriptions.items()
            if kind in ("ORG", "PER")
        }
        self._pronoun = re.compile(alternation(lex.descriptions.get("PRON", [])), re.IGNORECASE)
        self._demonym = re.compile(_DEMONYMS[lex.language]) if lex.language in _DEMONYMS else None
        words = [*lex.titles, *lex.descriptions.get("PER", [])]
        self.person_heads = frozenset(w.lower() for w in words if " " not in w)
        self.group_heads = frozenset(w.lower() for w in lex.words("group"))

    def slots(
        self, sentence: Sentence, text: str, names: list[Slot], tokens: list[Token], history: Sequence[View]
    ) -> list[Slot]:
        """Resolved description and pronoun slots of one sentence (none overlapping a name)."""
        found: list[Slot] = []
        for kind, regex in self._desc.items():
            for match in regex.finditer(text):
                span = self._description_span(sentence, text, match, names, tokens)
                if span is None:
                    continue
                head = _token_at(tokens, span[0])
                apposed = (
                    None
                    if head is not None and head.dep_ in SUBJECT_DEPS
                    else _apposed(text[: match.start()], names, sentence)
                )
                qualified = bool(match.group("adj"))
                adjective = span[1] > sentence.start + match.end("head")  # "le groupe belge"
                head_word = match.group("head").lower()
                labelled = (
                    _labelled(head_word, history) if head_word in self.group_heads and not adjective else None
                )
                entity_id = (
                    apposed or labelled or self._resolve_description(kind, sentence, history, qualified)
                )
                if entity_id:
                    found.append(
                        Slot(span[0], span[1], entity_id, self.types[entity_id], "desc", DESCRIPTION_FACTOR)
                    )
        for match in self._demonym.finditer(text) if self._demonym else []:
            person = _last_person(history)
            if person:
                s, e = sentence.start + match.start("head"), sentence.start + match.end("head")
                found.append(Slot(s, e, person, "PER", "desc", DESCRIPTION_FACTOR))
        for start, end in self._pronoun_spans(text):
            if _IMPERSONAL.match(text[end:]):
                continue
            pronoun = text[start:end].lower()
            entity_id = self._person_before(pronoun, sentence.start + start, names) or self._resolve_pronoun(
                pronoun, sentence, history
            )
            if entity_id:
                s, e = sentence.start + start, sentence.start + end
                found.append(Slot(s, e, entity_id, self.types[entity_id], "pron", PRONOUN_FACTOR))
        return [s for s in found if all(s.end <= n.start or s.start >= n.end for n in names)]

    def _person_before(self, pronoun: str, offset: int, names: list[Slot]) -> str | None:
        """English "he"/"she" after exactly one person named earlier in the same sentence is that
        person ("Mr. Falcon was at Quantum, where he served as ..."). French "il" may be a company."""
        if pronoun not in PERSON_PRONOUNS.get(self.language, frozenset()):
            return None
        people = {slot.entity_id for slot in names if slot.type == "PER" and slot.end <= offset}
        return people.pop() if len(people) == 1 else None

    def _pronoun_spans(self, text: str) -> list[tuple[int, int]]:
        spans = [(m.start(), m.end()) for m in self._pronoun.finditer(text)]
        spans = [(s, e) for s, e in spans if not (s > 0 and text[s - 1] == "-")]
        spans += [(m.start(1), m.end(1)) for m in _INVERTED.finditer(text)]
        return spans

    def _description_span(
        self, sentence: Sentence, text: str, match: re.Match[str], names: list[Slot], tokens: list[Token]
    ) -> tuple[int, int] | None:
        end = match.end("head")
        if match.group("adj") and _COMPLEMENT.match(text[match.end("adj") :]):
            return None
        if match.group("adj"):
            adj_start = sentence.start + match.start("adj")
            if any(
                t.idx + t.doc.user_data.get("veille.offset", 0) == adj_start and t.pos_ == "ADJ"
                for t in tokens
            ):
                end = match.end("adj")
        rest = text[end:]
        after = sentence.start + end + (len(rest) - len(rest.lstrip()))
        if any(n.start == after for n in names) or _COMPLEMENT.match(rest) or _NAMED_AFTER.match(rest):
            return None
        return sentence.start + match.start("head"), sentence.start + end

    def _recent_subject(
        self, sentence: Sentence, history: Sequence[View], types: frozenset[str], lone_person: bool = False
    ) -> str | None:
        """The nearest earlier subject of one of `types`; with `lone_person`, a sentence without
        such a subject that names exactly one person gives that person ("... pour Luca de Meo. Il")."""
        for view in reversed(history[-MAX_BACK:]):
            if view.subject is not None and view.subject.type in types:
                return view.subject.entity_id
            people = {s.entity_id for s in view.slots if s.type == "PER" and s.kind == "name"}
            if lone_person and "PER" in types and len(people) == 1:
                return people.pop()
        return None

    def _resolve_description(
        self, kind: str, sentence: Sentence, history: Sequence[View], qualified: bool
    ) -> str | None:
        """A bare description may fall back on the main entity; one with an adjective ("le géant
        allemand") says something the main entity may not fit, so only a recent subject will do."""
        types = frozenset({"ORG", "PRODUCT", "MISC"}) if kind == "ORG" else frozenset({"PER"})
        found = self._recent_subject(sentence, history, types)
        if not found and not qualified:
            found = self.main.get(kind)
        return None if found is None or _other_in_focus(sentence, history, found) else found

    def _resolve_pronoun(self, pronoun: str, sentence: Sentence, history: Sequence[View]) -> str | None:
        types = (
            frozenset({"ORG", "PRODUCT", "MISC"})
            if pronoun == "it"
            else frozenset({"ORG", "PER", "PRODUCT", "MISC"})
        )
        return self._recent_subject(sentence, history, types, lone_person=True)


def _other_in_focus(sentence: Sentence, history: Sequence[View], candidate: str) -> bool:
    """Whether the sentence just before, in the same paragraph, opens on another named entity as
    its topic ("Pour X, ...", "Chez X, ..."). "Pour Armor Fibre, l'alliance change
    d'échelle. L'entreprise, fondée en 2011 ..." is Armor Fibre's, not an earlier subject's nor
    the article's main company's (even when the recogniser mistyped Armor Fibre)."""
    if not history or history[-1].sentence.paragraph != sentence.paragraph:
        return False
    previous = history[-1]
    topic = _TOPIC.match(previous.masked)
    if topic is None:
        return False
    slot = previous.slots[int(topic.group(1))]
    return slot.kind == "name" and slot.type != "LOC" and slot.entity_id != candidate


def _token_at(tokens: list[Token], offset: int) -> Token | None:
    for token in tokens:
        if token.idx + int(token.doc.user_data.get("veille.offset", 0)) == offset:
            return token
    return None


def _apposed(before: str, names: list[Slot], sentence: Sentence) -> str | None:
    """The name a description is in apposition to ("Madrigall, le groupe contrôlé par ...")."""
    stripped = before.rstrip()
    if not stripped.endswith(","):
        return None
    end = sentence.start + len(stripped[:-1].rstrip())
    for slot in names:
        if slot.end == end:
            return slot.entity_id
    return None


def _labelled(head: str, history: Sequence[View]) -> str | None:
    """The one company the article introduced with this very noun: after "le groupe Iliad", "le
    groupe" is Iliad, even when a unit of it ("Free Pro, la filiale entreprises") was the last
    subject (the caller keeps it only when it is the article's main company, or when no company
    dominates). None when no name, or more than one, was introduced so. Only for the group nouns
    (`group` in grammar.tsv): an article weighs several brands ("la marque X ... la marque Y")
    and a brand's name is often cut by the recogniser, but it is about one holding group."""
    label = re.compile(rf"(?<![\w']){re.escape(head)}\s+⟨(\d+)⟩", re.IGNORECASE)
    found = {
        view.slots[int(m.group(1))].entity_id
        for view in history
        for m in label.finditer(view.masked)
        if _opens_as_subject(view, m.start(), view.slots[int(m.group(1))])
    }
    return found.pop() if len(found) == 1 else None


def _opens_as_subject(view: View, at: int, slot: Slot) -> bool:
    """ "Le groupe Iliad a finalisé ...": the labelled name is its sentence's subject, named at the
    start of its clause; "la filiale du groupe Orange" mentions Orange in passing."""
    if slot.kind != "name" or slot.type != "ORG" or view.subject is None:
        return False
    return view.subject.entity_id == slot.entity_id and _LABEL_OPENS.search(view.masked, 0, at) is not None


#: What may stand before a labelling noun that opens a clause: the start, a comma, a determiner.
_LABEL_OPENS = re.compile(
    r"(?:^|[,;:]\s*|[.!?]\s+)\W*(?:[\w']+\s+){0,1}?(?:le|la|l'|les|the)\s*$", re.IGNORECASE
)


def _last_person(history: Sequence[View]) -> str | None:
    for view in reversed(history[-MAX_BACK:]):
        people = [s for s in view.slots if s.type == "PER" and s.kind == "name"]
        if people:
            return people[-1].entity_id
    return None


def find_subject(view: View, previous: View | None) -> None:
    """Set `view.subject`: the main clause's subject slot, an opening slot, or the inherited one."""
    has_subject = bool(_IMPERSONAL_START.match(view.masked))
    for token in view.tokens if not has_subject else []:
        if token.dep_ not in SUBJECT_DEPS or token.lower_ in RELATIVE_PRONOUNS:
            continue
        main_clause = token.head.dep_ == "ROOT" or (
            token.head.dep_ == "conj" and token.head.head.dep_ == "ROOT"
        )
        if not main_clause or token.head.dep_ in SUBORDINATE_DEPS:
            continue
        has_subject = True
        slot = view.slot_of_token(token)
        if slot is not None:
            view.subject = slot
            return
        break
    opening = re.match(r"^\W*(?:[\w']+\W+){0,3}?⟨(\d+)⟩", view.masked)
    if opening and not _COMPLEMENT_NAME.search(opening.group(0)):
        view.subject = view.slots[int(opening.group(1))]
        return
    same_paragraph = previous is not None and previous.sentence.paragraph == view.sentence.paragraph
    if not has_subject and same_paragraph and previous is not None and previous.subject is not None:
        view.subject = previous.subject
        view.subject_inherited = True
