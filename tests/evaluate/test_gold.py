"""Gold loading and input resolution; the real dev gold read and scored (no pipeline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from veille.errors import EvalError
from veille.evaluate import format_report, load_gold, score_records
from veille.evaluate.gold import default_gold, resolve_input
from veille.evaluate.match import name_key

MINIMAL = {
    "doc": "a.txt",
    "path": "samples/a.txt",
    "title": "T",
    "published": None,
    "body_must_contain": ["x"],
    "body_must_not_contain": [],
}


def test_inputs_are_found_under_the_nearest_ancestor_holding_them(tmp_path: Path) -> None:
    gold_file = tmp_path / "shared" / "eval" / "dev" / "gold.json"
    gold_file.parent.mkdir(parents=True)
    gold_file.write_text(json.dumps([MINIMAL]), "utf-8")
    assert resolve_input(gold_file, "samples/a.txt") is None
    (tmp_path / "shared" / "samples").mkdir()
    (tmp_path / "shared" / "samples" / "a.txt").write_text("x", "utf-8")
    assert resolve_input(gold_file, "samples/a.txt") == tmp_path / "shared" / "samples" / "a.txt"
    (gold_file.parent / "samples").mkdir()
    (gold_file.parent / "samples" / "a.txt").write_text("nearer", "utf-8")
    assert resolve_input(gold_file, "samples/a.txt") == gold_file.parent / "samples" / "a.txt"


def test_malformed_gold_raises_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    with pytest.raises(EvalError, match="not found"):
        load_gold(path)
    path.write_text("{}", "utf-8")
    with pytest.raises(EvalError, match="not a JSON list"):
        load_gold(path)
    path.write_text(json.dumps([{"doc": "a.txt"}]), "utf-8")
    with pytest.raises(EvalError, match="lacks"):
        load_gold(path)
    path.write_text(json.dumps([{**MINIMAL, "entities": [{"name": "BT"}]}]), "utf-8")
    with pytest.raises(EvalError, match="malformed"):
        load_gold(path)


def test_default_gold_follows_veille_shared(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VEILLE_SHARED", str(tmp_path))
    assert default_gold() == tmp_path / "eval" / "dev" / "gold.json"


def _perfect_record(item: dict[str, Any]) -> dict[str, Any]:
    """What a flawless system would output for a gold entry (ids from the gold names)."""

    def entity_id(name: str) -> str:
        for entity in item["entities"]:
            if name_key(name) in {name_key(n) for n in [entity["name"], *entity.get("aliases", [])]}:
                return "id:" + name_key(entity["name"])
        return "id:" + name_key(name)

    entities = [
        {"id": entity_id(e["name"]), "name": e["name"], "type": e["type"], "aliases": e.get("aliases", [])}
        for e in item["entities"]
    ]
    for relation in item["relations"]:  # arguments the annotator did not list as entities
        for name in (relation["subject"], relation["object"]):
            if entity_id(name) not in {e["id"] for e in entities}:
                entities.append({"id": entity_id(name), "name": name, "type": "ORG", "aliases": []})
    relations = [
        {
            "type": r["type"],
            "subject": entity_id(r["subject"]),
            "object": entity_id(r["object"]),
            "attributes": {
                k: entity_id(v) if k == "buyer" else v
                for k, v in r.items()
                if k in ("title", "status", "buyer")
            },
        }
        for r in item["relations"]
    ]
    facts = [{**f, "subject": entity_id(f["subject"])} for f in item["facts"]]
    return {
        "text": "\n\n".join(item["body_must_contain"]),
        "title": item["title"],
        "published": item["published"],
        "language": item["language"],
        "entities": entities,
        "relations": relations,
        "facts": facts,
    }


def test_dev_gold_scores_one_for_a_perfect_system_and_zero_for_an_empty_one(shared: Path) -> None:
    gold_path = shared / "eval" / "dev" / "gold.json"
    if not gold_path.exists():
        pytest.skip(f"no dev gold at {gold_path}")
    path, entries = load_gold(gold_path)
    raw = json.loads(path.read_text("utf-8"))
    perfect = score_records(entries, [_perfect_record(item) for item in raw])["scores"]
    for name in ("body_keep", "body_drop", "title", "date", "language"):
        assert perfect[name] == 1.0, name
    assert perfect["identity"]["score"] == 1.0 and perfect["identity"]["total"] > 0
    for kind in ("entities", "relations", "facts"):
        assert perfect[kind]["f1"] == 1.0, kind
    assert all(share["score"] == 1.0 for share in perfect["relations"]["attributes"].values())
    # Gold facts of new types are not scored: fewer scored gold facts than listed ones.
    assert perfect["facts"]["gold"] < sum(len(item["facts"]) for item in raw)

    empty = score_records(entries, [{"text": ""} for _ in raw])
    scores = empty["scores"]
    assert scores["body_keep"] == 0.0 and scores["body_drop"] == 1.0
    assert scores["entities"]["recall"] == 0.0 and scores["identity"]["score"] == 0.0
    report = format_report(empty, misses=True)
    assert "miss entities: ORG Proximus" in report


def test_run_evaluation_reads_each_input_and_rejects_missing_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import veille.api
    from veille.evaluate import run_evaluation
    from veille.pipeline import Pipeline

    gold_file = tmp_path / "shared" / "eval" / "dev" / "gold.json"
    gold_file.parent.mkdir(parents=True)
    (tmp_path / "shared" / "samples").mkdir()
    (tmp_path / "shared" / "samples" / "a.txt").write_text("x et y", "utf-8")
    absent = {**MINIMAL, "doc": "b.txt", "path": "samples/b.txt"}
    gold_file.write_text(json.dumps([MINIMAL, absent]), "utf-8")
    seen: list[Path] = []

    def fake_extract_one(path: str | Path, *, pipeline: Pipeline | None = None) -> dict[str, Any]:
        seen.append(Path(path))
        return {"text": Path(path).read_text("utf-8"), "title": "T"}

    monkeypatch.setattr(veille.api, "extract_one", fake_extract_one)
    result = run_evaluation(gold_file, pipeline=Pipeline([]))
    assert seen == [tmp_path / "shared" / "samples" / "a.txt"]
    assert result["rejected"] == [
        {"doc": "b.txt", "reason": f"not_found: not found above {gold_file.parent}"}
    ]
    assert result["scores"]["shares"]["body_keep"] == {"score": 0.5, "hits": 1, "total": 2}
    assert result["scores"]["title"] == 0.5
