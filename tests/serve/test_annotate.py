"""Cutting an article into highlighted segments: the text survives whole, spans land where they should."""

from __future__ import annotations

from veille.serve.annotate import Marked, paragraphs, parse_evidence_key

TEXT = "Orange rachète Armor Fibre.\n\nSFR proteste. Le marché bouge."


def _joined(result: list[list[dict[str, object]]]) -> list[str]:
    return ["".join(str(seg["text"]) for seg in para) for para in result]


def test_text_is_rebuilt_exactly() -> None:
    result = paragraphs(TEXT, [Marked(0, 6, "org:orange", "ORG")], [Marked(0, 27)])
    assert _joined(result) == ["Orange rachète Armor Fibre.", "SFR proteste. Le marché bouge."]


def test_mentions_inside_evidence() -> None:
    result = paragraphs(
        TEXT,
        [Marked(0, 6, "org:orange", "ORG"), Marked(15, 26, "org:armor", "ORG")],
        [Marked(0, 27)],
        focus=(0, 27),
    )
    first = result[0]
    assert [(s["text"], s["entity"]) for s in first] == [
        ("Orange", "org:orange"),
        (" rachète ", None),
        ("Armor Fibre", "org:armor"),
        (".", None),
    ]
    assert all(s["evidence"] == ["0-27"] and s["focus"] for s in first)
    assert first[0]["anchors"] == ["0-27"] and all(s["anchors"] == [] for s in first[1:])
    assert not any(s["focus"] or s["evidence"] for s in result[1])


def test_overlapping_evidence_spans() -> None:
    start = TEXT.index("SFR")
    middle = TEXT.index("Le marché")
    result = paragraphs(TEXT, [], [Marked(start, middle - 1), Marked(start, len(TEXT))])
    second = result[1]
    assert second[0]["anchors"] == [f"{start}-{len(TEXT)}", f"{start}-{middle - 1}"]
    assert second[-1]["evidence"] == [f"{start}-{len(TEXT)}"]


def test_evidence_across_paragraphs_is_cut_at_the_break() -> None:
    result = paragraphs(TEXT, [], [Marked(7, 40)])
    assert result[0][-1]["evidence"] == ["7-40"] and result[1][0]["evidence"] == ["7-40"]
    assert result[1][0]["anchors"] == []


def test_spans_outside_the_text_are_ignored() -> None:
    result = paragraphs("abc", [Marked(1, 99, "x", "ORG"), Marked(-1, 2, "y", "ORG")], [Marked(2, 2)])
    assert result == [
        [{"text": "abc", "entity": None, "label": None, "evidence": [], "anchors": [], "focus": False}]
    ]


def test_empty_text() -> None:
    assert paragraphs("", [], []) == []


def test_evidence_key_parsing() -> None:
    assert parse_evidence_key("12-80") == (12, 80)
    assert parse_evidence_key("12-80'") is None
    assert parse_evidence_key(None) is None
