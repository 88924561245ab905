"""The relation stage: typed relations between the article's entities, with evidence and confidence.

For each sentence of `doc.text` (`sentences.py`): the entity mentions become slots, descriptions
and pronouns the article leaves no doubt about are resolved into slots (`coref.py`), and the
masked sentence goes through the surface rules (`rules.py`) and the verb frames (`frames.py`);
each candidate is checked for negation, denial and hedging (`hedging.py`). Then come the
relations that span sentences (`discourse.py`: quotes, succession, naming, divestment
consequences), and the candidates are merged into one `Relation` per pair and type (`merge.py`).
No relation is ever made from co-occurrence alone: every one needs a trigger or a construction.
"""

from __future__ import annotations

import bisect
import logging
from typing import TYPE_CHECKING, ClassVar

from veille.doc import Doc
from veille.pipeline import Stage
from veille.relate import discourse
from veille.relate.candidates import Candidate
from veille.relate.coref import Resolver, find_subject
from veille.relate.frames import frame_candidates
from veille.relate.hedging import qualify
from veille.relate.merge import merge
from veille.relate.parsing import ModelCache, paragraph_parses
from veille.relate.patterns import Context, run_rules
from veille.relate.rules import SURFACE_RULES
from veille.relate.sentences import Sentence, split_sentences
from veille.relate.triggers import LANGUAGES, lexicon
from veille.relate.views import Slot, View, build_view, choose_slots, normalise

if TYPE_CHECKING:
    from spacy.tokens import Token

LOGGER = logging.getLogger(__name__)
OFFSET_KEY = "veille.offset"


def one_reading(found: list[Candidate]) -> list[Candidate]:
    """Where rules read one trigger two ways for the same object, keep the strongest reading.

    "RTL Group (l'actionnaire principal de M6)" is a stake of RTL Group by the apposition rule and,
    by the weaker clause rule, of whoever the sentence is about; only the first is kept.
    """
    best: dict[tuple[str, str, int], float] = {}
    for cand in found:
        key = (cand.type, cand.object.entity_id, int(cand.attributes.get("_trigger", -1)))
        best[key] = max(best.get(key, 0.0), cand.strength)
    return [
        c
        for c in found
        if c.strength >= best[(c.type, c.object.entity_id, int(c.attributes.get("_trigger", -1)))]
    ]


class RelationExtractor(Stage):
    """Typed relations (OUTPUT.md) for French and English articles."""

    name: ClassVar[str] = "veille.relate.relations.v1"
    requires: ClassVar[tuple[str, ...]] = ("text", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("relations",)

    def __init__(self) -> None:
        super().__init__()
        self._models = ModelCache()

    def process(self, doc: Doc) -> Doc:
        if not doc.text or len(doc.entities) < 2:
            doc.relations = []
            return doc
        if doc.language not in LANGUAGES:
            self.stats["skipped:language"] += 1
            doc.relations = []
            return doc
        views, candidates = self.analyse(doc)
        doc.relations = merge(candidates)
        self.stats["relations"] += len(doc.relations)
        LOGGER.debug(
            "%s: %d sentences, %d candidates, %d relations",
            doc.id[:12],
            len(views),
            len(candidates),
            len(doc.relations),
        )
        return doc

    def analyse(self, doc: Doc) -> tuple[list[View], list[Candidate]]:
        """The sentence views of a document and every qualified candidate (for inspection)."""
        lex = lexicon(str(doc.language))
        tokens = _tokens(doc, self._models)
        starts = [t.idx + int(t.doc.user_data[OFFSET_KEY]) for t in tokens]
        resolver = Resolver(lex, doc.entities, doc.title)
        types = {e.id: e.type for e in doc.entities}
        ctx = Context(lex, {k: Slot(0, 0, v, types[v], "main") for k, v in resolver.main.items()})
        views: list[View] = []
        for sentence in split_sentences(doc.text):
            view = self._view(doc, sentence, tokens, starts, resolver, views)
            found = [
                c
                for c in one_reading(run_rules(view, SURFACE_RULES, ctx) + frame_candidates(view, ctx))
                if qualify(c, lex)
            ]
            ctx.found.extend(found)
            ctx.found.extend(c for c in discourse.succession_candidates(view, views, ctx) if qualify(c, lex))
            views.append(view)
            ctx.previous = view
        ctx.found.extend(c for c in discourse.quote_candidates(views, ctx) if qualify(c, lex))
        ctx.found.extend(discourse.naming_candidates(views, doc.entities, lex.words("unit_suffix")))
        slots_by_id = {s.entity_id: s for v in views for s in v.slots}
        ctx.found.extend(discourse.derived_candidates(ctx.found, slots_by_id))
        return views, ctx.found

    def _view(
        self,
        doc: Doc,
        sentence: Sentence,
        tokens: list[Token],
        starts: list[int],
        resolver: Resolver,
        history: list[View],
    ) -> View:
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_left(starts, sentence.end)
        own = tokens[lo:hi]
        names = choose_slots(
            [
                Slot(span.start, span.end, entity.id, entity.type)
                for entity in doc.entities
                if entity.type != "LOC"
                for span in entity.mentions
                if sentence.start <= span.start and span.end <= sentence.end
            ]
        )
        text = normalise(doc.text[sentence.start : sentence.end])
        resolved = resolver.slots(sentence, text, names, own, history)
        view = build_view(
            sentence,
            doc.text,
            choose_slots(names + resolved),
            own,
            str(doc.language),
            resolver.person_heads,
            frozenset(w.lower() for w in lexicon(str(doc.language)).words("group")),
        )
        find_subject(view, history[-1] if history else None)
        return view


def _tokens(doc: Doc, models: ModelCache) -> list[Token]:
    """Every token of the document's paragraph parses, tagged with its paragraph's offset."""
    tokens: list[Token] = []
    for offset, sdoc in paragraph_parses(doc, models):
        sdoc.user_data[OFFSET_KEY] = offset
        tokens.extend(sdoc)
    return tokens
