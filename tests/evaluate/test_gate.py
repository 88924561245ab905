"""The eval gate on the dev gold: CI fails when a score drops below `eval/floors.json`.

Needs ../shared and the pipeline. It skips (with the reason) while a module the default pipeline
is built from does not exist yet; once they exist, an import error in them fails the test.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from support import REPO

#: What `veille.api.build_pipeline()` and `veille.api.read()` import: (module, attribute).
PIPELINE_PARTS = (
    ("veille.ingest", "read_inputs"),
    ("veille.clean.html", "HtmlCleaner"),
    ("veille.clean.text", "TextCleaner"),
    ("veille.meta.stage", "MetadataStage"),
)


def _require_pipeline() -> None:
    for module_name, attribute in PIPELINE_PARTS:
        if importlib.util.find_spec(module_name) is None:
            pytest.skip(f"pipeline not complete: module {module_name} does not exist yet")
        module = importlib.import_module(module_name)  # exists: an import error is a failure
        if not hasattr(module, attribute):
            pytest.skip(f"pipeline not complete: {module_name}.{attribute} does not exist yet")


def _gate_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("veille_eval_gate", REPO / "eval" / "gate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.gate
def test_dev_gold_reaches_every_floor(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = shared / "eval" / "dev" / "gold.json"
    if not gold.exists():
        pytest.skip(f"no dev gold at {gold}")
    _require_pipeline()
    status = _gate_module().main(["--gold", str(gold), "--misses"])
    out, err = capsys.readouterr()
    assert status == 0, f"eval gate failed:\n{err}\n{out}"
    assert "gate: passed" in out


def test_floors_file_names_only_known_scores() -> None:
    gate = _gate_module()
    from veille.evaluate import check_floors, load_floors, parse_entry, score_records

    floors = load_floors(gate.DEFAULT_FLOORS)
    assert floors, "eval/floors.json pins no floor"
    entry = parse_entry(
        {
            "doc": "a",
            "path": "a",
            "title": None,
            "published": None,
            "body_must_contain": [],
            "body_must_not_contain": [],
            # one gold entity per type, so that per-type floors name scores that exist
            "entities": [{"name": t, "type": t} for t in ("ORG", "PER", "LOC", "PRODUCT")],
        }
    )
    failures = check_floors(score_records([entry], [None]), floors)
    assert not [f for f in failures if "no such score" in f]
