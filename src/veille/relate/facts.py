"""The `FactExtractor` stage: numbers of `doc.text` attached to an entity and a fact type.

For each sentence (from the dependency parse the recogniser left in `doc.scratch`, or our own parse,
or the shared `veille.relate.sentences.split_sentences` when the language has no model), every
quantity of
`veille.ner.numbers.find_quantities` is read:

- its class (money, percent, count, measure) and its fact type from the cues of the sentence
  (`fact_rules.decide`); a number after "dont"/"contre" with no cue of its own takes the type of the
  number before it; an amount in a sentence that has no cue and restates an amount ("La somme
  correspond à près de 4 millions d'euros") takes the last cue of the previous sentence; a difference
  ("deux milliards de plus qu'attendu") is no fact;
- a bare scaled number ("834 millions", "4 milliards") takes the currency of the last amount said
  before it within `CURRENCY_CONTEXT` characters, else the document's most frequent currency;
- its subject (`fact_subjects.SubjectFinder`), target flag, period and scope (`fact_rules`);
- value in base units with the cue's sign (a loss is negative), the qualifier of the number, the
  sentence as evidence.

Facts with no subject are dropped; identical facts (type, subject, value, unit) are kept once.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from veille.doc import Doc, Fact, Span
from veille.ner.normalise import normalise_text
from veille.ner.numbers import Quantity, find_quantities
from veille.ner.spacy_model import SpacyModels
from veille.pipeline import Stage
from veille.relate import fact_rules as rules
from veille.relate.amounts import attach_deal_amounts
from veille.relate.fact_lexicon import MONEY, CueHit, FactLexicon, find_cues, lang_key, load_fact_lexicon
from veille.relate.fact_rules import Decision
from veille.relate.fact_subjects import MentionIndex, SubjectFinder, employers_of
from veille.relate.sentences import split_sentences

LOGGER = logging.getLogger(__name__)

#: Key under which `veille.ner.stage.EntityRecognizer` leaves its parse of `doc.text`
#: (`veille.ner.stage.SPACY_DOC`; a test checks the two agree).
SPACY_DOC_KEY = "ner.spacy_doc"
#: A bare scaled number takes the currency of an amount said at most this many characters before it
#: (about two paragraphs: "5,2 milliards de dollars" ... "près de 60 milliards" is ~1,100 characters
#: in a dev article).
CURRENCY_CONTEXT = 1500
#: Confidence multipliers, set by hand: a type borrowed from another sentence or number, and a
#: subject carried over from earlier sentences, are less sure than one said in the clause.
CONFIDENCE_PREVIOUS = 0.7
CONFIDENCE_INHERITED = 0.9
CONFIDENCE_TOPIC = 0.85
CONFIDENCE_UNIT_ONLY = 0.9
#: Evidence longer than this is cut to the part of the sentence around the number.
MAX_EVIDENCE = 400
WARN_FACTS = "facts: {}"
#: A parsed "sentence" starting with one of these continues the one before it.
CONTINUATION_CHARS = frozenset(",;:)»]")
#: A "sentence" opening a bracket continues the one before it unless that one ended with one of
#: these ("Paris-Normandie (240 salariés), selon le greffe": the model cuts before the bracket).
OPENING_CHARS = frozenset("([")
SENTENCE_END_CHARS = frozenset(".!?…")
#: Fact types whose sign says something (a loss, a fall). Every other type is a size, written
#: positive whatever sign the text puts before it ("la réduction des coûts (-6,1 millions)" saved
#: 6.1 millions); a "<metric>_growth" type is signed too.
SIGNED_TYPES = frozenset(
    {
        "net_income",
        "recurring_net_income",
        "operating_income",
        "operating_margin",
        "ebitda",
        rules.GROWTH,
        rules.GROWTH_TARGET,
    }
)
GROWTH_SUFFIX = "_growth"


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    tokens: Any | None  # a spaCy Span, or None without a parse


@dataclass(slots=True)
class _Found:
    fact: Fact
    quantity: Quantity
    decision: Decision


class FactExtractor(Stage):
    """Numbers -> facts about the document's entities (module docstring)."""

    name: ClassVar[str] = "veille.relate.facts.v1"
    requires: ClassVar[tuple[str, ...]] = ("text", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("facts",)

    def __init__(self, *, models: SpacyModels | None = None, parse: bool = True) -> None:
        super().__init__()
        self.parse = parse
        self._models = models

    @property
    def models(self) -> SpacyModels:
        if self._models is None:
            self._models = SpacyModels(disable=("ner",))
        return self._models

    def process(self, doc: Doc) -> Doc:
        doc.facts = []
        if not doc.text.strip() or not doc.entities:
            return doc
        quantities = find_quantities(doc.text, doc.language)
        if not quantities:
            return doc
        doc.facts = _Reader(doc, load_fact_lexicon(), quantities, self._sentences(doc)).read()
        self.stats["facts"] += len(doc.facts)
        self.stats["deal_amounts"] += attach_deal_amounts(doc)
        return doc

    def _sentences(self, doc: Doc) -> list[_Sentence]:
        parsed = doc.scratch.get(SPACY_DOC_KEY)
        if parsed is None and self.parse and doc.language and self.models.supports(doc.language):
            try:
                parsed = self.models.parse(doc.language, [normalise_text(doc.text)])[0]
            except Exception as exc:  # a missing model: sentences without a parse still give facts
                LOGGER.warning("no parse for facts (%s): %r", doc.language, exc)
                doc.warn(WARN_FACTS.format("no dependency parse"))
                parsed = None
        if parsed is not None and len(parsed.text) == len(doc.text):
            return _join_fragments(
                doc.text,
                [
                    _Sentence(s.start_char, s.end_char, s)
                    for s in parsed.sents
                    if doc.text[s.start_char : s.end_char].strip()
                ],
                [(m.start, m.end) for e in doc.entities for m in e.mentions],
            )
        return [_Sentence(s.start, s.end, None) for s in split_sentences(doc.text)]


def _join_fragments(
    text: str, sentences: list[_Sentence], names: Sequence[tuple[int, int]] = ()
) -> list[_Sentence]:
    """Join to the sentence before it a "sentence" the model started in the middle of one (it starts
    with a small letter or with , ; : ) », or opens a bracket after a sentence with no final stop,
    or inside one of the entity mentions `names` ("Paris-|Normandie"), and no line break separates
    them): its clauses then see the subject said before ("Le groupe Casino a annoncé lundi 22
    avril, la cession ...")."""
    joined: list[_Sentence] = []
    for sentence in sentences:
        first = text[sentence.start : sentence.end].lstrip()[:1]
        continues = first.islower() or (first in CONTINUATION_CHARS)
        if joined and first in OPENING_CHARS:
            continues = text[joined[-1].start : joined[-1].end].rstrip()[-1:] not in SENTENCE_END_CHARS
        continues = continues or any(start < sentence.start < end for start, end in names)
        if joined and continues and "\n" not in text[joined[-1].end : sentence.start]:
            last = joined[-1]
            tokens = None
            if last.tokens is not None and sentence.tokens is not None:
                tokens = last.tokens.doc[last.tokens.start : sentence.tokens.end]
            joined[-1] = _Sentence(last.start, sentence.end, tokens)
        else:
            joined.append(sentence)
    return joined


class _Reader:
    """Facts of one document, sentence by sentence."""

    def __init__(
        self, doc: Doc, lex: FactLexicon, quantities: list[Quantity], sentences: list[_Sentence]
    ) -> None:
        self.doc, self.lex, self.quantities, self.sentences = doc, lex, quantities, sentences
        self.lang = lang_key(doc.language)
        self.text = normalise_text(doc.text)
        self.subjects = SubjectFinder(
            lex, self.lang, self.text, MentionIndex(doc.entities), employers_of(doc.relations, doc.entities)
        )
        self.amounts = [(q.span.start, q.unit) for q in quantities if q.kind == "money" and q.unit]
        codes = Counter(code for _pos, code in self.amounts)
        self.main_currency = codes.most_common(1)[0][0] if codes else None

    def read(self) -> list[Fact]:
        facts: list[Fact] = []
        seen: set[tuple[str, str | None, float, str]] = set()
        previous_hits: list[CueHit] = []
        qi = 0
        for sentence in self.sentences:
            inside = []
            while qi < len(self.quantities) and self.quantities[qi].span.start < sentence.end:
                if self.quantities[qi].span.start >= sentence.start:
                    inside.append(self.quantities[qi])
                qi += 1
            hits = find_cues(self.lex, self.text, sentence.start, sentence.end, self.lang)
            for found in self._sentence_facts(sentence, inside, hits, previous_hits):
                fact = found.fact
                key = (fact.type, fact.subject, round(fact.value, 6), fact.unit)
                if key not in seen:
                    seen.add(key)
                    facts.append(fact)
            self.subjects.advance((sentence.start, sentence.end), sentence.tokens)
            previous_hits = hits
        return facts

    def _sentence_facts(
        self,
        sentence: _Sentence,
        inside: list[Quantity],
        hits: list[CueHit],
        previous: list[CueHit],
    ) -> list[_Found]:
        found: list[_Found] = []
        for q in inside:
            qclass = self._class(q)
            if qclass is None or rules.comparative_after(self.lex, self.text, q, self.lang):
                continue
            blockers = [o for o in inside if rules.block_class(self._class(o)) == rules.block_class(qclass)]
            target = rules.is_target(self.lex, self.text, q, self.lang, sentence.start)
            decision = rules.decide(self.lex, self.text, q, qclass, hits, blockers, target, inside)
            inherited = None
            if decision is None and found and self._linked(q, sentence.start):
                inherited = next((f for f in reversed(found) if self._class(f.quantity) == qclass), None)
                if inherited is not None:
                    decision = Decision(inherited.decision.type, inherited.decision.negative, "inherited")
            if decision is None and not hits and qclass == MONEY and self._restates(sentence.start, q):
                tail = next(
                    (e for h in reversed(previous) for e in h.entries if e.reads(qclass, q.unit)), None
                )
                if tail is not None:
                    decision = Decision(tail.type, tail.negative, "previous")
            if decision is None or (
                decision.source == rules.TREND
                and rules.stock_move(self.lex, self.text, self.lang, (sentence.start, sentence.end))
            ):
                continue
            fact = self._fact(q, decision, target, sentence, inside, inherited)
            if fact is not None:
                found.append(_Found(fact, q, decision))
        return found

    def _class(self, q: Quantity) -> str | None:
        return rules.quantity_class(q, self.text, self.lex.money_nouns, self.lex.count_nouns)

    def _restates(self, start: int, q: Quantity) -> bool:
        """The sentence restates an amount of the one before ("La somme correspond à ...")."""
        words = {w.strip(".,;:!?\"'()«»") for w in self.text[start : q.span.start].lower().split()}
        return bool(words & self.lex.subject_words[f"{self.lang}:amount"])

    def _linked(self, q: Quantity, floor: int) -> bool:
        return any(
            rules.construction_before(self.lex, self.text, q, self.lang, cls, floor)
            for cls in ("part", "contrast")
        )

    def _fact(
        self,
        q: Quantity,
        decision: Decision,
        target: bool,
        sentence: _Sentence,
        inside: Sequence[Quantity],
        inherited: _Found | None,
    ) -> Fact | None:
        lex, bounds = self.lex, (sentence.start, sentence.end)
        unit = rules.fact_unit(lex, decision.type, q, self._currency(q))
        if unit is None:
            return None
        info = lex.type_info(decision.type)
        if inherited is not None:
            subject_id: str | None = inherited.fact.subject
            how = "inherited"
        else:
            said = decision.source == rules.TREND
            entity, how = self.subjects.subject(q, info, bounds, sentence.tokens, said)
            if entity is None:
                return None
            if how == "topic":
                self.subjects.confirm(entity, sentence.end)
            subject_id = entity.id
        value = q.value * unit[1]
        if decision.negative:
            value = -abs(value)
        elif decision.type not in SIGNED_TYPES and not decision.type.endswith(GROWTH_SUFFIX):
            value = abs(value)
        confidence = info.confidence
        if decision.source == "previous":
            confidence *= CONFIDENCE_PREVIOUS
        elif decision.source == "unit":
            confidence *= CONFIDENCE_UNIT_ONLY
        if how in ("inherited",):
            confidence *= CONFIDENCE_INHERITED
        elif how == "topic":
            confidence *= CONFIDENCE_TOPIC
        return Fact(
            type=decision.type,
            subject=subject_id,
            value=float(round(value, 6)) if abs(value) < 1e6 else float(round(value)),
            unit=unit[0],
            evidence=self._evidence(q, sentence),
            confidence=round(confidence, 3),
            qualifier=q.qualifier,
            period=rules.find_period(lex, self.text, q, self.lang, bounds, inside, self.doc.published),
            scope=rules.find_scope(lex, self.text, q, self.lang, bounds, inside),
            is_target=target,
        )

    def _currency(self, q: Quantity) -> str | None:
        before = [code for pos, code in self.amounts if q.span.start - CURRENCY_CONTEXT <= pos < q.span.start]
        return before[-1] if before else self.main_currency

    def _evidence(self, q: Quantity, sentence: _Sentence) -> Span:
        start, end = sentence.start, sentence.end
        text = self.doc.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start > MAX_EVIDENCE:
            half = MAX_EVIDENCE // 2
            start = max(start, q.span.start - half)
            end = min(end, q.span.end + half)
        return Span(start, end)
