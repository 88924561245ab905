"""Surface patterns over masked sentences: the engine that runs the rules of `rules.py`.

A rule is a regular expression over `View.masked`, where every entity is `⟨i⟩`. Templates are
written with macros (`§S` a slot, `§LIST` a coordination of slots, `§TITLE` a role title,
`§OF` "de/du/d'/of", ...) that `macros()` expands from the language's lexicon, so one template
serves French and English when the grammar words allow. Named groups say what is what:

- `a` subject-side slots, `b` object-side slots, `c` a divestment's buyer;
- `poss` a possessive determiner: the subject is its possessor (`possessor`), and `coord`, when
  present, the entity it is coordinated with ("Proximus et sa plateforme Pickx");
- `t` the trigger (for negation and hedging), `title` the role title, `pre` a status word
  ("ancien", "nouveau"), `cop` a copula (its tense gives a role status), `pct` a percentage.

When a rule has no `a` group its subject comes from `Rule.subject`: the clause subject found by
the parse (`clause`), the nearest earlier slot (`nearest`) or the article's main entity (`main`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from veille.relate.candidates import Candidate
from veille.relate.slot_bound import least_slots, slots_in
from veille.relate.triggers import Lexicon, alternation, lexicon
from veille.relate.views import SLOT_RE, Slot, View

#: Entity types each relation accepts as subject and object (GUIDELINES, Relations table; a
#: product may compete or partner like a company; a person may hold a stake or sue).
COMPANY = frozenset({"ORG", "PRODUCT", "MISC"})
SUBJECT_TYPES: dict[str, frozenset[str]] = {
    "role": frozenset({"PER"}),
    "stake": frozenset({"ORG", "PER"}),
    "lawsuit": frozenset({"ORG", "PER"}),
    "product": frozenset({"ORG"}),
    "subsidiary": COMPANY,
}
OBJECT_TYPES: dict[str, frozenset[str]] = {
    "role": frozenset({"ORG"}),
    "product": frozenset({"PRODUCT", "MISC"}),
    "stake": frozenset({"ORG"}),
    "lawsuit": frozenset({"ORG", "PER"}),
    "subsidiary": frozenset({"ORG"}),
}
_MACRO = re.compile(r"§([A-Za-z_]+)")
LOWER_WORD = r"(?-i:[a-zà-öø-ÿ0-9][a-zà-öø-ÿ0-9'-]*)"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str
    template: str
    strength: float
    subject: str = "a"  # a | clause | nearest | main  (when the template has no `a` group)
    swap: bool = False  # the `a` group is the object side (parents written first)
    languages: tuple[str, ...] = ("fr", "en")
    handler: str | None = None  # name of a special handler in `HANDLERS`


@dataclass(slots=True)
class Context:
    """What the rules may consult beyond the sentence: the article's main entities, the history."""

    lex: Lexicon
    main: dict[str, Slot] = field(default_factory=dict)
    found: list[Candidate] = field(default_factory=list)
    previous: View | None = None  # the sentence before the one being read


def macros(lex: Lexicon) -> dict[str, str]:
    """Macro name -> regex for the templates, built from the lexicon of one language."""
    g = lex.words
    nouns: dict[str, list[str]] = {}
    # nouns whose "de"/"of" complement is the object ("le rachat de X"), unlike those whose
    # genitive names the agent ("l'offre d'Oracle" is Oracle's offer, not an offer for Oracle)
    genitive: dict[str, list[str]] = {}
    of_words = set(g("of"))
    for trig in lex.triggers:
        if trig.kind == "noun":
            nouns.setdefault(trig.type, []).append(trig.form)
            if of_words & set(trig.preps):
                genitive.setdefault(trig.type, []).append(trig.form)
    phrases: dict[str, list[str]] = {t.type: [] for t in lex.triggers}
    for trig in lex.triggers:
        if trig.kind == "phrase":
            phrases[trig.type].append(trig.form)
    sep = alternation(g("sep"))
    table = {
        "S": r"⟨\d+⟩",
        "DET": rf"(?:{alternation(g('det'))}\s*)",
        "POSS": alternation(g("poss")),
        "OF": rf"(?:{alternation(g('of'))}\s*)",
        "CONN": rf"(?:{alternation(g('role_prep'))}\s*)",
        "W": rf"(?:{LOWER_WORD}\s+)",
        "SEP": rf"(?:\s*,\s*(?:{sep}\s+)?|\s+{sep}\s+)",
        "TITLE": alternation(lex.titles),
        "STRONG": alternation(g("strong_title")),
        "STATUS": rf"(?:{alternation(g('former') + g('incoming') + g('current'))}\s*)",
        "COPULA": alternation(g("copula")),
        "POST": alternation(g("post")),
        "GROUP": alternation(g("group")),
        "LEAD": rf"(?:{alternation(g('title_lead'))}\s*)",
        "STAKEW": alternation(g("stake_word")),
        "APPOINTPOST": alternation(g("appoint_post")),
        "BOARD": alternation(g("board")),
        "CONJ": alternation(g("conj")),
        "ORGNOUN": alternation(g("org_noun")),
        "ORGDESC": alternation(lex.descriptions.get("ORG", [])),
        "ORGKIND": alternation(g("org_kind"), plural=True),
        "MEMBERS": alternation(g("member_plural")),
        "BELONGREL": alternation(g("belong_relative")),
    }
    for rel_type, forms in nouns.items():
        table[f"N_{rel_type}"] = alternation(forms, plural=True)
        table[f"NOF_{rel_type}"] = alternation(genitive.get(rel_type, []), plural=True)
    for rel_type, forms in phrases.items():
        table[f"P_{rel_type}"] = alternation(forms)
    table["EXT"] = rf"(?:\s+(?!{table['CONN']}{table['DET']}?⟨)[^\s⟨,;:()\"]+){{0,6}}?"
    # list fillers ("12 Géant Casino et 20 magasins Monoprix") are words, never a preposition:
    # "Equant, filiale de France Télécom" is not a list, nor "président de X, sur France 2"
    filler = rf"(?:(?!{alternation(g('of') + g('role_prep') + g('list_stop'))}){LOWER_WORD}\s+)"
    table["LIST"] = rf"⟨\d+⟩(?:{table['SEP']}{table['DET']}?{filler}{{0,2}}⟨\d+⟩)*"
    table["F"] = filler
    return table


def expand(template: str, table: dict[str, str]) -> str:
    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in table:
            return r"(?!x)x"  # a macro this language lacks: the rule cannot match
        return table[name]

    return _MACRO.sub(sub, template)


@lru_cache(maxsize=512)
def compiled_rule(language: str, template: str) -> re.Pattern[str]:
    return re.compile(expand(template, macros(lexicon(language))), re.IGNORECASE)


def list_slots(view: View, match: re.Match[str], group: str, keep: str) -> list[Slot]:
    """The slots of a list group, cut where a verb stands between two of them.

    `keep` says which end of the list touches the trigger: "head" (list after the trigger) or
    "tail" (list before it); members beyond a verb belong to another clause.
    """
    text = match.group(group)
    if text is None:
        return []
    base = match.start(group)
    found = [(base + m.start(), base + m.end(), view.slots[int(m.group(1))]) for m in SLOT_RE.finditer(text)]
    runs: list[list[Slot]] = [[]]
    for i, (start, _, slot) in enumerate(found):
        previous_end = found[i - 1][1] if i else start
        verb_between = any(t.pos_ in ("VERB", "AUX") for t in view.tokens_between(previous_end, start))
        closed = keep == "head" and _closes_apposition(view, view.masked[previous_end:start])
        if i and (verb_between or closed):
            runs.append([])
        runs[-1].append(slot)
    return runs[0] if keep == "head" else runs[-1]


#: French writes no comma before the last member of a list: "A, la maison mère de B, et C" closes
#: the apposition on B and coordinates C with A. (English lists take a serial comma.)
_APPOSITION_CLOSE = {"fr": re.compile(r"^\s*,\s*(?:et|ou)\s", re.IGNORECASE)}


def _closes_apposition(view: View, separator: str) -> bool:
    regex = _APPOSITION_CLOSE.get(view.language)
    return regex is not None and regex.match(separator) is not None


def possessor(view: View, match: re.Match[str], ctx: Context) -> Slot | None:
    """Whose is "sa"/"son"/"ses": the coordinated entity, else the name a bracket opened on,
    else the clause subject, else the sentence's or the previous sentence's subject — never one
    of the match's own slots."""
    own = {slot.entity_id for slot in view.slots_in(match.group(0))}
    if "coord" in match.re.groupindex and match.group("coord"):
        slots = view.slots_in(match.group("coord"))
        if slots:
            return slots[0]
    bracketed = _bracket_owner(view, match.start("poss"))
    if bracketed is not None and bracketed.entity_id not in own:
        return bracketed
    # "X and its subsidiary Y", "X et sa filiale Y": the name coordinated right before is the owner
    joined = compiled_rule(view.language, _JOINED_OWNER).search(view.masked, 0, match.start("poss"))
    if joined is not None and view.slots_in(joined.group("o")):
        return view.slots_in(joined.group("o"))[0]
    previous = ctx.previous.subject if ctx.previous is not None else None
    for found in (view.clause_subject(match.start("poss")), view.subject, previous):
        if found is not None and (found.entity_id not in own or found.mend <= match.start()):
            return found
    return None


#: A name and a conjunction right before a possessive: "X and [its]", "X et [sa]".
_JOINED_OWNER = r"(?P<o>⟨\d+⟩)\s*,?\s+§CONJ\s+$"
#: "Renault (avec sa marque Dacia)": a bracket opened right after a name, and the words inside
#: it before the possessive (no other name, no closing bracket).
_OPEN_ON_NAME = re.compile(r"⟨(\d+)⟩\s*\(([^()⟨⟩]*)$")


def _bracket_owner(view: View, at: int) -> Slot | None:
    """The name a bracket was opened on, when `at` is inside that bracket: the possessive in
    "Renault (avec sa propre marque, Dacia)" is Renault's, whatever the clause subject is."""
    opened = _OPEN_ON_NAME.search(view.masked, 0, at)
    return view.slots[int(opened.group(1))] if opened is not None else None


def subject_slots(
    view: View, match: re.Match[str], rule: Rule, ctx: Context, types: frozenset[str]
) -> list[Slot]:
    groups = match.re.groupindex
    if "poss" in groups and match.group("poss"):
        found = possessor(view, match, ctx)
        return [found] if found is not None else []
    if "a" in groups and match.group("a") is not None:
        return list_slots(view, match, "a", "tail")
    anchor = match.start("t") if "t" in groups and match.group("t") is not None else match.start()
    if rule.subject == "clause":
        found = view.clause_subject(anchor)
        if found is not None and found.type in types:
            return coordinated(view, found)
        return []
    if rule.subject == "nearest":
        found = view.clause_subject(anchor)
        if found is None or found.type not in types:
            found = view.slot_before(anchor, types)
        return [found] if found is not None else []
    if rule.subject == "main":
        return [s for s in ctx.main.values() if s.type in types][:1]
    return []


def coordinated(view: View, slot: Slot) -> list[Slot]:
    """A subject with the slots coordinated with it ("M6, TF1, NRJ ou Altice pourraient")."""
    after = compiled_rule(view.language, r"(?:\s*,\s*§DET?⟨\d+⟩)*\s*,?\s+§CONJ\s+§DET?⟨\d+⟩").match(
        view.masked, slot.mend
    )
    before = compiled_rule(view.language, r"(?:⟨\d+⟩\s*,\s*)*⟨\d+⟩\s*,?\s+§CONJ\s+§DET?$").search(
        view.masked[: slot.mstart]
    )
    slots = view.slots_in(before.group(0)) if before else []
    slots.append(slot)
    return slots + (view.slots_in(after.group(0)) if after else [])


def make_candidates(
    rel_type: str,
    subjects: Sequence[Slot],
    objects: Sequence[Slot],
    view: View,
    strength: float,
    pattern: str,
    attributes: dict[str, Any] | None = None,
    trigger: int = 0,
) -> list[Candidate]:
    """Candidates for every typed (subject, object) pair that are two different entities."""
    out: list[Candidate] = []
    s_types = SUBJECT_TYPES.get(rel_type, COMPANY)
    o_types = OBJECT_TYPES.get(rel_type, COMPANY)
    for subj in subjects:
        for obj in objects:
            if subj.entity_id == obj.entity_id or subj.type not in s_types or obj.type not in o_types:
                continue
            if "main" in (subj.kind, obj.kind):
                gap = 0  # an argument borrowed from the article, not from this sentence
            else:
                gap = obj.mstart - subj.mend if obj.mstart >= subj.mend else max(0, subj.mstart - obj.mend)
            cand = Candidate(rel_type, subj, obj, view, strength, pattern, dict(attributes or {}), gap=gap)
            cand.attributes.setdefault("_trigger", trigger)
            out.append(cand)
    return out


Handler = Callable[[View, re.Match[str], Rule, Context], list[Candidate]]
HANDLERS: dict[str, Handler] = {}


def handler(name: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        HANDLERS[name] = func
        return func

    return register


def default_handler(view: View, match: re.Match[str], rule: Rule, ctx: Context) -> list[Candidate]:
    rel_type = rule.type
    s_types = SUBJECT_TYPES.get(rel_type, COMPANY)
    o_types = OBJECT_TYPES.get(rel_type, COMPANY)
    if rule.swap:
        subjects = list_slots(view, match, "b", "head")
        objects = subject_slots(view, match, rule, ctx, o_types)
    else:
        subjects = subject_slots(view, match, rule, ctx, s_types)
        objects = list_slots(view, match, "b", "head") if match.group("b") is not None else []
    attributes: dict[str, Any] = {}
    groups = match.re.groupindex
    if "pct" in groups and match.group("pct"):
        attributes["percent"] = float(match.group("pct").replace(",", "."))
    trigger = match.start("t") if "t" in groups and match.group("t") is not None else match.start()
    return make_candidates(rel_type, subjects, objects, view, rule.strength, rule.name, attributes, trigger)


def run_rules(view: View, rules: Sequence[Rule], ctx: Context) -> list[Candidate]:
    """All candidates the rules find in one sentence."""
    out: list[Candidate] = []
    available = slots_in(view.masked)
    for rule in rules:
        if view.language not in rule.languages:
            continue
        regex = compiled_rule(view.language, rule.template)
        if least_slots(regex) > available:  # it cannot match: skip the scan (no result changes)
            continue
        run = HANDLERS[rule.handler] if rule.handler else default_handler
        for match in regex.finditer(view.masked):
            out.extend(run(view, match, rule, ctx))
    return out
