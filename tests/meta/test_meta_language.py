"""Language identification reduced to ISO 639-1."""

from __future__ import annotations

import pickle

import pytest

from veille.meta.language import LanguageDetector, normalise_code


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "L'opérateur a annoncé jeudi un accord avec son concurrent pour la fibre dans les zones rurales.",
            "fr",
        ),
        ("The company said on Tuesday it had agreed to buy its rival for about two billion dollars.", "en"),
        ("Das Unternehmen hat am Dienstag mitgeteilt, dass es seinen Konkurrenten übernehmen wird.", "de"),
        ("La empresa anunció el martes que había acordado comprar a su rival por dos mil millones.", "es"),
    ],
)
def test_detect(detector: LanguageDetector, text: str, code: str) -> None:
    guess = detector.detect(text)
    assert guess is not None
    assert guess.code == code
    assert 0.5 < guess.probability <= 1.0


def test_too_little_text(detector: LanguageDetector) -> None:
    assert detector.detect("") is None
    assert detector.detect("12 % - 3") is None


def test_detector_pickles_without_its_model(detector: LanguageDetector) -> None:
    detector.detect("Bonjour à tous, voici un texte en français.")
    copy = pickle.loads(pickle.dumps(detector))
    assert copy._identifier is None
    assert copy.detect("Bonjour à tous, voici un texte en français.").code == "fr"  # type: ignore[union-attr]


def test_normalise_code() -> None:
    assert normalise_code("fr-FR") == "fr"
    assert normalise_code("EN_us") == "en"
    assert normalise_code("nb") == "no"
