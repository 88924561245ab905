"""What a number in a sentence measures: fact type, target, period and scope, from the cues.

The lexicons are the files of `veille/data/facts/` (README.txt there says what each holds),
loaded by `veille.relate.fact_lexicon`. All functions here read a sentence of the normalised text
(`veille.ner.normalise.normalise_text`, one character for one, so offsets are those of `doc.text`)
and the quantities of
`veille.ner.numbers.find_quantities`; none of them knows about entities (`veille.relate.facts` and
`veille.relate.fact_subjects` attach the subject).

Type decision (`decide`), for a quantity of one of four classes (`quantity_class`):
- money (a currency, or a bare scaled number such as "4 milliards" that takes the currency said
  before it), percent, count, measure;
- the quantity takes the nearest cue of the sentence, before or after it, that reads its class
  (and unit, for counts and measures), within `CUE_WINDOW` characters, with no other quantity of
  the same class in between ("une perte de 801 millions d'euros, contre un bénéfice de 141
  millions": each number has its own cue);
- a percent: market share or stake by cue; growth by cue or by a trend word the number module saw,
  `growth_target` when it is a target, `revenue_growth` when a revenue cue is in the sentence;
- a count or measure with no cue: the default type of its unit (`units.tsv`), if any;
- money with no cue: a price when said per month/day/week ("9,99 euros par mois").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from veille.ner.number_rules import parse_number
from veille.ner.numbers import Quantity
from veille.relate.fact_lexicon import COUNT, MONEY, PERCENT, CueEntry, CueHit, FactLexicon

LOGGER = logging.getLogger(__name__)

#: A cue counts only within this many characters of the number (same sentence). Set by hand on the
#: dev texts: the farthest right cue seen is ~45 characters away ("Le chiffre d'affaires du groupe a
#: progressé de 5,1% à 35,1 milliards"); 100 leaves room without reaching across long sentences.
CUE_WINDOW = 100
#: A cue after the number counts within this many characters ("5,2 milliards de dollars de bénéfice
#: net" is 4; "60% de parts de marché" 4); farther, it usually belongs to another clause.
AFTER_CUE_WINDOW = 30
#: A cue after the number not joined to it by "de" counts as this many times farther than one before
#: ("Le prix du m2 atteint 80.000 euros pour cette transaction": the price).
AFTER_CUE_PENALTY = 2
#: Characters that end a clause: a cue after one of them belongs to the next clause.
CLAUSE_MARKS = frozenset(",;:.()")
#: A target word counts within this many characters before the number ("Objectif: un chiffre
#: d'affaires annuel en progression de 30%" is 50 characters).
TARGET_WINDOW = 60
#: A year, quarter or "par an" counts within this many characters of the number.
PERIOD_WINDOW = 60
#: A place word counts within this many characters of the number ("un chiffre d'affaires français
#: « symbolique »: moins de 100 millions" is 30).
SCOPE_WINDOW = 40
#: "dont" / "contre" must come at most this many characters before the number ("contre un bénéfice").
CONSTRUCTION_WINDOW = 16
#: A comparative ("de plus qu'attendu") must start at most this many characters after the number.
COMPARATIVE_WINDOW = 3
#: A number whose value is at least this many times the number as written had a scale word
#: ("4 milliards" = 4e9 for "4"): a bare scaled number may be an amount whose currency was said before.
SCALED_RATIO = 1000.0
#: Per-periods of the number module that make an amount with no cue a price.
PRICE_PERIODS = frozenset({"month"})
#: Fact types of a one-off sum: said per month, the amount is what a customer pays (a price).
ONE_OFF_TYPES = frozenset({"deal_value"})
#: Period words of the number module ("par mois" -> "month") written as fact periods.
PER_PERIODS = {"month": "per month", "year": "per year", "day": "per day", "week": "per week"}
#: Money cue types whose percents are called "<type>_growth" (else "growth").
GROWTH_METRICS = frozenset({"revenue", "net_income"})

#: Words that join a number to the noun after it ("614 millions de marge", "$3bn of revenue").
OF_WORDS = frozenset({"de", "d'", "of", ""})
GROWTH, GROWTH_TARGET = "growth", "growth_target"
#: Decision source of a percent typed by a trend word alone ("a grimpé de 7%"): no word says what grew,
#: so only the subject of its clause may be what grew.
TREND = "trend"
#: The "de" complement after a number and its determiner, up to the noun it names ("de 80% des
#: accidents", "de 5% de son chiffre d'affaires").
COMPLEMENT = re.compile(
    r"(?:\s+(?:des|du|de|of)\s+|\s+d')"
    r"(?:(?:la|le|les|son|sa|ses|leur|leurs|ce|cette|ces|the|its|their)\s+|l')?(?=\w)",
    re.IGNORECASE,
)
SIGNED = re.compile(r"[+\-\u2212]\s?\d")
YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w.,]\d)")
QUARTERS = frozenset({"Q1", "Q2", "Q3", "Q4"})
LAST_YEAR = "last_year"
NOT_A_PERIOD = "-"  # periods.tsv: a year right after this phrase is no period ("depuis 2018")


def is_scaled(q: Quantity) -> bool:
    """True when a scale word multiplied the written number ("4 milliards", "deux milliards")."""
    written = parse_number(q.number_text)
    return bool(written) and abs(q.value) >= SCALED_RATIO * abs(written or 1.0)


def is_delta(q: Quantity, text: str) -> bool:
    """A change rather than a level: a trend word leads in ("a baissé de 10 milliards") and the
    number carries no sign of its own (a signed "-301 millions" is a level below zero)."""
    if q.change is None or q.kind == "percent":
        return False
    return SIGNED.search(text, q.span.start, q.span.end) is None


def quantity_class(
    q: Quantity,
    text: str,
    money_nouns: frozenset[str] = frozenset(),
    count_nouns: frozenset[str] = frozenset(),
) -> str | None:
    """money, percent, count or quantity; None when no fact can be read from it. A bare scaled number
    is money (its currency comes later) unless it counts a noun that is no amount ("100 millions de
    doses"); a number of a noun some count cue reads ("2,8 millions de sociétaires") is a count; a
    change ("a baissé de 10 milliards") is no level."""
    if is_delta(q, text):
        return None
    if q.kind == "money":
        return MONEY
    if q.kind == "percent":
        return PERCENT if q.unit == "%" else None
    if q.kind in (COUNT, "quantity") and q.unit:
        return q.kind
    if q.kind == COUNT and not q.unit and q.noun is not None and q.noun.lower() in count_nouns:
        return COUNT
    if q.kind == COUNT and not q.unit and is_scaled(q) and (q.noun is None or q.noun.lower() in money_nouns):
        return MONEY
    return None


def block_class(qclass: str | None) -> str | None:
    """Counts and measures block each other's cues; money and percents only their own kind."""
    return "other" if qclass in (COUNT, "quantity") else qclass


def nearest_cue(
    q: Quantity,
    qclass: str,
    hits: Sequence[CueHit],
    blockers: Sequence[Quantity],
    text: str | None = None,
    others: Sequence[Quantity] = (),
) -> tuple[CueHit, CueEntry] | None:
    """The closest cue reading this quantity, with no other quantity of its class in between (of
    any class, for a verb); a cue after the number only when joined to it ("de") or close by and in
    the same clause."""
    best: tuple[int, CueHit, CueEntry] | None = None
    for hit in hits:
        entry = next((e for e in hit.entries if e.reads(qclass, q.unit)), None)
        if entry is None:
            continue
        if hit.end <= q.span.start:
            distance, low, high = q.span.start - hit.end, hit.end, q.span.start
        elif hit.start >= q.span.end:
            distance, low, high = hit.start - q.span.end, q.span.end, hit.start
            gap = text[q.span.end : hit.start] if text is not None else ""
            if gap.strip().lower() in OF_WORDS:
                distance = 0  # "614 millions de marge opérationnelle": the noun the number measures
            elif distance > AFTER_CUE_WINDOW or any(ch in CLAUSE_MARKS for ch in gap):
                continue  # "25,8 milliards d'euros, le bénéfice net ...": another clause's cue
            else:
                distance *= AFTER_CUE_PENALTY
        else:
            continue  # a cue inside the number's own span ("d'abonnés") is its unit, read already
        if distance > CUE_WINDOW or any(low <= b.span.start < high for b in blockers if b is not q):
            continue
        if entry.verb and any(low <= o.span.start < high for o in others if o is not q):
            continue  # "a touché 73.500 personnes ..., un coût de 40 millions": the verb has its object
        if best is None or distance < best[0]:
            best = (distance, hit, entry)
    return None if best is None else (best[1], best[2])


@dataclass(slots=True, frozen=True)
class Decision:
    """What a number is: its fact type, the sign its cue gives, and where the type came from."""

    type: str
    negative: bool = False
    source: str = "cue"  # "cue", "trend", "unit", "per", "previous", "inherited"


def decide(
    lex: FactLexicon,
    text: str,
    q: Quantity,
    qclass: str,
    hits: Sequence[CueHit],
    blockers: Sequence[Quantity],
    target: bool,
    others: Sequence[Quantity] = (),
) -> Decision | None:
    """The fact type of one quantity from the cues of its sentence (module docstring); None: no fact.
    `blockers` are the sentence's quantities of the same class, `others` all of them."""
    if qclass == PERCENT:
        return _percent(q, hits, blockers, target, text, others)
    found = nearest_cue(q, qclass, hits, blockers, text, others)
    if found is not None and found[1].type in ONE_OFF_TYPES and q.per in PRICE_PERIODS and q.unit:
        return Decision("price", source="per")  # "un accord ...: pour 29,90 euros par mois"
    if found is not None:
        return Decision(found[1].type, found[1].negative)
    if qclass == MONEY:
        if q.per in PRICE_PERIODS and q.unit:
            return Decision("price", source="per")
        return None
    fact_type, _factor = lex.unit_types.get(q.unit, (None, 1.0))
    return Decision(fact_type, source="unit") if fact_type else None


def _percent(
    q: Quantity,
    hits: Sequence[CueHit],
    blockers: Sequence[Quantity],
    target: bool,
    text: str,
    others: Sequence[Quantity],
) -> Decision | None:
    found = nearest_cue(q, PERCENT, hits, blockers, text, others)
    negative = q.change == "down"
    if found is not None and found[1].type != GROWTH:
        return Decision(found[1].type)
    if found is None and q.change is None:
        return None
    if found is not None:
        negative = negative or found[1].negative
    if _counts_something_else(q, hits, text):
        return None  # "une hausse de 43% des contenus haineux": not the entity's growth
    if target:
        return Decision(GROWTH_TARGET, negative)
    metric = next(
        (e.type for h in hits for e in h.entries if MONEY in e.kinds and e.type in GROWTH_METRICS), None
    )
    return Decision(f"{metric}_growth", negative) if metric else Decision(GROWTH, negative, TREND)


def _counts_something_else(q: Quantity, hits: Sequence[CueHit], text: str) -> bool:
    """A change said of a noun right after it that no cue names ("une baisse de 80% des accidents");
    "une hausse de 5% de son chiffre d'affaires" measures a cue, and "a grimpé de 7%" nothing."""
    found = COMPLEMENT.match(text, q.span.end)
    if found is None:
        return False
    return not any(h.start == found.end() for h in hits)


def fact_unit(
    lex: FactLexicon, fact_type: str, q: Quantity, currency: str | None
) -> tuple[str, float] | None:
    """(unit, factor) of the fact: the currency for amounts, the type's unit for counts (types.tsv)."""
    info = lex.type_info(fact_type)
    if info.unit == "money":
        code = q.unit if q.kind == MONEY else currency
        return (code, 1.0) if code else None
    if info.unit == "%":
        return ("%", 1.0) if q.unit == "%" else None
    if q.kind == MONEY:
        return None  # an amount read by a count cue: no fact
    _type, factor = lex.unit_types.get(q.unit, (None, 1.0))
    return (info.unit or q.unit, factor)


def construction_before(lex: FactLexicon, text: str, q: Quantity, lang: str, cls: str, floor: int) -> bool:
    """True when a `cls` construction word ("dont", "contre") comes right before the number."""
    start = max(floor, q.span.start - CONSTRUCTION_WINDOW)
    return any(
        end <= q.span.start
        for _s, end, _v in lex.constructions[(lang, cls)].finditer(text, start, q.span.start)
    )


def stock_move(lex: FactLexicon, text: str, lang: str, bounds: tuple[int, int]) -> bool:
    """True when the sentence speaks of the stock market ("l'action a reculé de 2,38% à la Bourse"): a
    change there with no word saying what grew is a share price move, not the entity's growth."""
    return next(iter(lex.constructions[(lang, "stock")].finditer(text, *bounds)), None) is not None


def comparative_after(lex: FactLexicon, text: str, q: Quantity, lang: str) -> bool:
    """True when the number is a difference ("deux milliards de plus qu'attendu")."""
    phrases = lex.constructions[(lang, "comparative")]
    end = min(len(text), q.span.end + COMPARATIVE_WINDOW + 30)
    return any(s - q.span.end <= COMPARATIVE_WINDOW for s, _e, _v in phrases.finditer(text, q.span.end, end))


def is_target(lex: FactLexicon, text: str, q: Quantity, lang: str, floor: int) -> bool:
    """A goal or forecast word before the number in its sentence, no colon in between unless the
    colon follows the word itself ("Objectif: 30% de croissance")."""
    start = max(floor, q.span.start - TARGET_WINDOW)
    for _s, end, _v in lex.targets[lang].finditer(text, start, q.span.start):
        between = text[end : q.span.start]
        colon = between.find(":")
        if colon < 0 or not between[:colon].strip():
            return True
    return False


def find_period(
    lex: FactLexicon,
    text: str,
    q: Quantity,
    lang: str,
    sentence: tuple[int, int],
    others: Sequence[Quantity],
    published: str | None,
) -> str | None:
    """ "per month" from the number itself; else a period phrase or a year near it in the sentence,
    with no other number in between ("depuis 2018" is no period)."""
    if q.per in PER_PERIODS:
        return PER_PERIODS[q.per]
    low, high = _window(q, sentence, others, PERIOD_WINDOW)
    phrases = list(lex.periods[lang].finditer(text, low, high))
    since = [end for _s, end, value in phrases if value == NOT_A_PERIOD]
    years = ((m.start(), m.end(), m.group()) for m in YEAR.finditer(text, low, high))
    year = _nearest(q, (y for y in years if not any(0 <= y[0] - end <= 2 for end in since)), after=True)
    phrase = _nearest(q, ((s, e, v) for s, e, v in phrases if v != NOT_A_PERIOD))
    published_year = published[:4] if published and published[:4].isdigit() else None
    if phrase in QUARTERS:
        base = year or published_year
        return f"{phrase} {base}" if base else phrase
    if phrase == LAST_YEAR:
        return str(int(published_year) - 1) if published_year else None
    return year or phrase


def _nearest(q: Quantity, found: Iterable[tuple[int, int, str]], after: bool = False) -> str | None:
    """The value found nearest the number; `after`: one after it wins a tie ("1,5 milliard en 2021
    et 500 millions en 2022": the year before 500 millions is the previous number's)."""
    best: tuple[int, str] | None = None
    for start, end, value in found:
        if start < q.span.end and end > q.span.start:
            continue  # inside the number's own span
        distance = q.span.start - end if end <= q.span.start else start - q.span.end
        if best is None or distance < best[0] or (after and distance == best[0] and start >= q.span.end):
            best = (distance, value)
    return None if best is None else best[1]


def find_scope(
    lex: FactLexicon, text: str, q: Quantity, lang: str, sentence: tuple[int, int], others: Sequence[Quantity]
) -> str | None:
    """A place word next to the number ("chiffre d'affaires français", "pour le marché français"),
    with no other number in between."""
    low, high = _window(q, sentence, others, SCOPE_WINDOW)
    return _nearest(q, lex.scopes[lang].finditer(text, low, high))


def _window(
    q: Quantity, sentence: tuple[int, int], others: Sequence[Quantity], width: int
) -> tuple[int, int]:
    """`width` characters each side of the number, inside its sentence, up to the next numbers."""
    low, high = max(sentence[0], q.span.start - width), min(sentence[1], q.span.end + width)
    for o in others:
        if o is q:
            continue
        if o.span.end <= q.span.start:
            low = max(low, o.span.end)
        elif o.span.start >= q.span.end:
            high = min(high, o.span.start)
    return low, high
