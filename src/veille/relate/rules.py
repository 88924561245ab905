"""The surface rules, by relation type: the constructions news uses, as masked-text templates.

Macros are those of `patterns.macros`; see `patterns.py` for what each named group means. Each
rule has a test on an invented sentence in `tests/relate/`. Importing this module registers the
rules' special handlers with `patterns.HANDLERS`.
"""

from __future__ import annotations

from veille.relate.patterns import Rule
from veille.relate.rules_english import ENGLISH_RULES
from veille.relate.rules_events import EVENT_RULES
from veille.relate.rules_ownership import OWNERSHIP_RULES
from veille.relate.rules_role import ROLE_RULES

SURFACE_RULES: list[Rule] = [*ROLE_RULES, *OWNERSHIP_RULES, *EVENT_RULES, *ENGLISH_RULES]
