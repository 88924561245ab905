"""Scoring extraction against a gold file (`../shared/eval/GUIDELINES.md`), and quality floors.

gold.py       read a gold file, find its inputs
match.py      the matching rules: name keys, PRODUCT ~ MISC, symmetric relations, 1% on values
system.py     an output record read into what is compared
entities.py   entities of one document: P/R, misses, false alarms
relations.py  relations of one document, and their title/status/buyer attributes
facts.py      facts of one document
scoring.py    every score of one document (body, title, date, language, the three above)
identity.py   cross-article identity of ORG/PER entities
runner.py     run the pipeline over a gold file, or score existing records; the result dict
report.py     the result as readable tables
floors.py     minimum scores and the check behind the eval gate
"""

from veille.evaluate.floors import check_floors, flat_scores, load_floors
from veille.evaluate.gold import GoldEntry, default_gold, load_gold, parse_entry
from veille.evaluate.report import format_report
from veille.evaluate.runner import records_by_doc, run_evaluation, score_records
from veille.evaluate.scoring import DocScore, score_document

__all__ = [
    "DocScore",
    "GoldEntry",
    "check_floors",
    "default_gold",
    "flat_scores",
    "format_report",
    "load_floors",
    "load_gold",
    "parse_entry",
    "records_by_doc",
    "run_evaluation",
    "score_document",
    "score_records",
]
