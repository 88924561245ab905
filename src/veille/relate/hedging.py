"""Negation, denial, hedging and status cues (word lists in `data/relations/cues.tsv`).

- a trigger under negation ("n'a pas racheté", "did not acquire") yields no relation;
- a sentence that denies ("dément", "denied") yields no event relation (partnership, merger,
  acquisition, divestment, lawsuit): what it talks about is what is denied;
- a hedged sentence ("pourrait", "selon des rumeurs", "reportedly") keeps its event relations
  with a lower confidence, and an acquisition in it is "rumoured"; other relations (a role, a
  subsidiary stated in passing) are hedged only by a cue within `HEDGE_REACH` of their trigger;
- an acquisition's status is, by priority: abandoned, rumoured, offer, completed (a past-tense
  trigger or a completion cue), announced.
"""

from __future__ import annotations

import re

from veille.relate.candidates import Candidate
from veille.relate.triggers import Lexicon, find_any
from veille.relate.views import View

#: Confidence factor of a relation stated in a hedged sentence (set so that a hedged apposition,
#: 0.9 x 0.6, still passes while a hedged fallback, 0.5 x 0.6, does not).
HEDGE_FACTOR = 0.6
#: Characters around a non-event trigger searched for a hedge cue ("pourrait devenir le patron").
HEDGE_REACH = 40
EVENT_TYPES = frozenset({"partnership", "merger", "acquisition", "divestment", "lawsuit"})
#: Characters before a trigger searched for the French "ne"/"n'" of a negation.
NEGATION_REACH = 25
#: A trigger governed by a negated word is negated: "n'a pas voulu vendre" (xcomp), "n'a pas
#: l'intention de vendre" (the verb complements a noun, acl, itself the object of the negated
#: verb). Climbing stops after `NEGATION_CLIMB` heads: further up is another clause's negation.
_GOVERNED = frozenset({"xcomp", "obj", "dobj", "nmod", "acl"})
NEGATION_CLIMB = 2
_NE = re.compile(r"(?<!\w)(?:ne|n')\s*\S*\s*$", re.IGNORECASE)


def cues_in(text: str, lex: Lexicon) -> set[str]:
    """The cue classes (hedge, denial, completed, ...) whose words occur in `text`."""
    return {cue for cue, forms in lex.cues.items() if cue != "negation" and find_any(text, forms)}


def negated(view: View, mpos: int, lex: Lexicon) -> bool:
    """True when the trigger at a masked position is under a negation."""
    words = {w.lower() for w in lex.cues.get("negation", [])}
    token = view.token_at(mpos)
    steps = 0
    while token is not None:
        if any(child.lower_ in words for child in token.children):
            return True
        if token.dep_ not in _GOVERNED or token.head.i == token.i or steps >= NEGATION_CLIMB:
            break
        token, steps = token.head, steps + 1
    before = view.masked[max(0, mpos - NEGATION_REACH) : mpos]
    after = view.masked[mpos : mpos + NEGATION_REACH]
    return bool(_NE.search(before)) and bool(find_any(after, words))


def _hedged_near(view: View, mpos: int, lex: Lexicon) -> bool:
    window = view.masked[max(0, mpos - HEDGE_REACH) : mpos + HEDGE_REACH]
    return bool(find_any(window, lex.cues.get("hedge", [])))


def acquisition_status(cues: set[str], past: bool) -> str:
    for cue, status in (("abandoned", "abandoned"), ("hedge", "rumoured"), ("offer", "offer")):
        if cue in cues:
            return status
    if past or "completed" in cues:
        return "completed"
    return "announced"


def qualify(cand: Candidate, lex: Lexicon) -> bool:
    """Apply negation, denial, hedging and status to a candidate; False when it must be dropped."""
    trigger = int(cand.attributes.get("_trigger", 0))
    if negated(cand.view, trigger, lex):
        return False
    cues = cues_in(cand.view.text, lex)
    if cand.type in EVENT_TYPES and "denial" in cues:
        return False
    if "hedge" in cues and (cand.type in EVENT_TYPES or _hedged_near(cand.view, trigger, lex)):
        cand.hedge = HEDGE_FACTOR
    past = bool(cand.attributes.get("_past"))
    if cand.type == "acquisition":
        cand.attributes.setdefault("status", acquisition_status(cues, past))
    if cand.type == "divestment":
        planned = "planned" in cues or "hedge" in cues
        cand.attributes["_stage"] = (
            "completed" if past and not planned else "planned" if planned else "announced"
        )
    return True
