"""The `EntityRecognizer` stage: `doc.text` -> `doc.mentions`.

For each document: normalise the text one character for one (`normalise`), parse it with the
language's spaCy pipeline (paragraph boundaries enforced, `spacy_model`), collect candidates from
the model, the gazetteer (`gazetteer_match`) and the patterns (`patterns`), and merge them
(`merge`). Offsets need no mapping: the normalised text has the same length as `doc.text`.

The headline is read the same way; its mentions (offsets into `doc.title`) go to
`doc.scratch[TITLE_MENTIONS]` for the grouper, since an entity named only in the headline is still
named by the article. The parsed body is left in `doc.scratch[SPACY_DOC]` (offsets equal to
`doc.text`'s) so that later stages reuse the dependency parse instead of parsing again.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, cast

from veille.doc import Doc, EntityType, Mention, Span
from veille.ner.candidate import Candidate, Source
from veille.ner.gazetteer import Gazetteer, load_gazetteer
from veille.ner.gazetteer_match import GazetteerMatcher
from veille.ner.merge import TextLayout, merge_candidates
from veille.ner.normalise import normalise_text
from veille.ner.patterns import find_patterns
from veille.ner.rules import boilerplate_lines, shouted_lines
from veille.ner.spacy_model import LABELS, SpacyModels
from veille.ner.tokens import entity_spans, read_tokens, sentence_starts
from veille.pipeline import Stage

LOGGER = logging.getLogger(__name__)

TITLE_MENTIONS = "ner.title_mentions"
SPACY_DOC = "ner.spacy_doc"
WARN_LANGUAGE = "entities: language not supported: {}"
WARN_NO_LANGUAGE = "entities: language unknown"


def model_candidates(spacy_doc: Any) -> list[Candidate]:
    found = []
    for start, end, model_label in entity_spans(spacy_doc):
        label = LABELS.get(model_label)
        if label is not None:
            found.append(Candidate(start, end, cast(EntityType, label), Source.MODEL))
    return found


class EntityRecognizer(Stage):
    """Mentions of organisations, people, places and products in `doc.text`."""

    name = "veille.ner.v1"
    requires = ("text", "language")
    assigns = ("mentions",)

    def __init__(
        self, *, disable: Sequence[str] = (), gazetteer: Gazetteer | None = None, keep_parse: bool = True
    ) -> None:
        super().__init__()
        self.models = SpacyModels(disable=disable)
        self.keep_parse = keep_parse
        self._gazetteer = gazetteer
        self._matcher: GazetteerMatcher | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_matcher"] = None
        return state

    @property
    def matcher(self) -> GazetteerMatcher:
        if self._matcher is None:
            self._matcher = GazetteerMatcher(self._gazetteer or load_gazetteer())
        return self._matcher

    def process(self, doc: Doc) -> Doc:
        return self._annotate([doc])[0]

    def process_batch(self, docs: Sequence[Doc]) -> list[Doc]:
        """Parse the batch's texts in one `nlp.pipe` call per language, then annotate each."""
        try:
            annotated = self._annotate(docs)
        except Exception:  # one bad document: fall back to one at a time, each guarded
            LOGGER.warning("batch annotation failed; annotating one document at a time", exc_info=True)
            return [self._guarded(doc) for doc in docs]
        self.stats["total"] += len(annotated)
        self.stats["forwarded"] += len(annotated)
        return annotated

    def _annotate(self, docs: Sequence[Doc]) -> list[Doc]:
        by_language: dict[str, list[Doc]] = defaultdict(list)
        for doc in docs:
            if not doc.text.strip():
                continue
            if doc.language is None:
                doc.warn(WARN_NO_LANGUAGE)
            elif not self.models.supports(doc.language):
                doc.warn(WARN_LANGUAGE.format(doc.language))
            else:
                by_language[doc.language].append(doc)
        for language, group in by_language.items():
            texts = []
            for doc in group:
                texts.append(normalise_text(doc.text))
                if doc.title and doc.title.strip():
                    texts.append(normalise_text(doc.title))
            parsed = iter(self.models.parse(language, texts))
            for doc in group:
                body = next(parsed)
                doc.mentions = [self._mention(c) for c in self.recognise(body)]
                known = frozenset(doc.text[m.span.start : m.span.end] for m in doc.mentions)
                title_mentions: list[Mention] = []
                if doc.title and doc.title.strip():
                    title_mentions = [self._mention(c) for c in self.recognise(next(parsed), known)]
                doc.scratch[TITLE_MENTIONS] = title_mentions
                if self.keep_parse:
                    doc.scratch[SPACY_DOC] = body
                self.stats["mentions"] += len(doc.mentions)
        return list(docs)

    @staticmethod
    def _mention(candidate: Candidate) -> Mention:
        return Mention(
            Span(candidate.start, candidate.end), candidate.label, candidate.source, candidate.entity_id
        )

    def recognise(self, spacy_doc: Any, known_surfaces: frozenset[str] = frozenset()) -> list[Candidate]:
        """Merged candidates of one parsed text."""
        text = spacy_doc.text
        if not text.strip():
            return []
        tokens = read_tokens(spacy_doc)
        model = model_candidates(spacy_doc)
        patterns = find_patterns(tokens, text)
        cue_starts = {c.start for c in patterns if c.source == Source.CUE}

        def has_cue(start: int, end: int) -> bool:
            return start in cue_starts or any(m.start < end and start < m.end for m in model)

        gazetteer = self.matcher.match(tokens, text, has_cue)
        layout = TextLayout(
            text=text,
            blocked=boilerplate_lines(text),
            shouted=shouted_lines(text),
            sentence_starts=sentence_starts(tokens),
            known_surfaces=known_surfaces,
        )
        merged = merge_candidates([*model, *gazetteer, *patterns], layout)
        for note, count in layout.notes.items():
            self.stats[note] += count
        return merged
