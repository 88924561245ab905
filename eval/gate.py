"""The eval gate: run the pipeline over a gold file, print every score, fail below a floor.

    python eval/gate.py [--gold GOLD] [--floors eval/floors.json] [--misses] [--json OUT]

Exit status: 0 when every floor of the floors file is reached, 1 when one is not, 2 when the
evaluation cannot run (gold or floors unreadable). Floors only move up: raise one when the
product reaches more, never lower one to let a change through.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FLOORS = Path(__file__).resolve().with_name("floors.json")

if str(REPO / "src") not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(REPO / "src"))

from veille.errors import VeilleError  # noqa: E402
from veille.evaluate import check_floors, flat_scores, format_report, load_floors, run_evaluation  # noqa: E402

EXIT_OK, EXIT_BELOW_FLOOR, EXIT_CANNOT_RUN = 0, 1, 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gold", help="gold file (default: ../shared/eval/dev/gold.json)")
    parser.add_argument("--floors", default=str(DEFAULT_FLOORS), help="floors file (JSON)")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    parser.add_argument("--json", dest="json_out", help="also write the full result to this file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        floors = load_floors(args.floors)
        result = run_evaluation(args.gold, pipeline=None)
    except VeilleError as exc:
        print(f"gate: cannot evaluate: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    print(format_report(result, misses=args.misses))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    flat = flat_scores(result)
    print(f"\nfloors ({args.floors}):")
    for name, floor in sorted(floors.items()):
        if not name.startswith("_"):
            value = flat.get(name)
            shown = "-" if value is None else f"{value:.3f}"
            print(f"  {name:<28} {shown:>7} >= {float(floor):.3f}")
    failures = check_floors(result, floors)
    for failure in failures:
        print(f"FLOOR BROKEN: {failure}", file=sys.stderr)
    print("gate: FAILED" if failures else "gate: passed")
    return EXIT_BELOW_FLOOR if failures else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
