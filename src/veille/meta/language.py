"""Language identification with py3langid, reduced to ISO 639-1 codes.

The identifier (a ~4 MB model) loads on first use, so a stage holding a `LanguageDetector` can be
pickled to a worker before any model is read.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from itertools import islice
from typing import Any

LOGGER = logging.getLogger(__name__)

#: Languages the later stages (entities, relations) handle; others get a warning.
SUPPORTED_LANGUAGES: frozenset[str] = frozenset({"fr", "en"})
#: Characters of text given to the identifier: its accuracy is flat beyond a few hundred
#: characters of prose while its cost grows linearly (pure Python: ~8 ms for 2,000 characters
#: under cProfile on OrangeSum).
#: 600 = two or three sentences: same labels as with 2,000 characters on 3,000 OrangeSum articles
#: and the 181 scrapinghub-aeb bodies (en, pt, ru, it, ko...).
LANGID_MAX_CHARS = 600
#: Below this many letters a guess is not worth making (a lone "OK" or a date).
LANGID_MIN_LETTERS = 3
#: py3langid labels that are not ISO 639-1 codes, mapped to the code they stand for.
LABEL_TO_ISO: dict[str, str] = {"nb": "no", "nn": "no"}
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(slots=True, frozen=True)
class LanguageGuess:
    """An ISO 639-1 code and the identifier's normalised probability for it."""

    code: str
    probability: float


class LanguageDetector:
    """Wraps one py3langid identifier with probabilities normalised to [0, 1]."""

    def __init__(self) -> None:
        self._identifier: Any = None

    def _model(self) -> Any:
        if self._identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            LOGGER.debug("py3langid model loaded")
        return self._identifier

    def detect(self, text: str) -> LanguageGuess | None:
        """The language of `text`, or None when it has too few letters to tell."""
        sample = text[:LANGID_MAX_CHARS]
        if len(list(islice(_LETTER.finditer(sample), LANGID_MIN_LETTERS))) < LANGID_MIN_LETTERS:
            return None
        label, probability = self._model().classify(sample)
        return LanguageGuess(normalise_code(str(label)), float(probability))

    def __getstate__(self) -> dict[str, Any]:
        return {}  # the model is reloaded lazily in the worker

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._identifier = None


def normalise_code(label: str) -> str:
    """An ISO 639-1 code for a language label ("fr", "fr-FR", "FR_fr", "nb" -> "fr", "fr", "fr", "no")."""
    code = label.strip().replace("_", "-").split("-")[0].lower()
    return LABEL_TO_ISO.get(code, code)
