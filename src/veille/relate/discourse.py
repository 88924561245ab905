"""Relations that need more than one sentence or more than one relation.

- quotes: a competitor or partner named inside a quote is the speaker's organisation's
  ("... leur principal concurrent, la réponse est: les GAFA", explique le patron de Proximus);
- succession: "X succède à Y", "Y, son prédécesseur" give Y the role X was just said to hold,
  as "former";
- naming: a product named after a company ("Apple Music") is that company's product, and a
  company named after another plus a unit word ("Casino Supermarchés", "BT Global Services") is
  its subsidiary;
- derived: a sale with a buyer is also the buyer's acquisition; a unit put up for sale (not yet
  sold, and not a mere stake) is still the seller's subsidiary; a sold unit is the buyer's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from veille.ner.spacy_model import lemma as lemma_of
from veille.relate import candidates as strength
from veille.relate.candidates import Candidate
from veille.relate.patterns import Context, compiled_rule, make_candidates, possessor
from veille.relate.triggers import alternation, lexicon
from veille.relate.views import Slot, View

if TYPE_CHECKING:
    from veille.doc import Entity

_ATTRIBUTION = r"\"\s*,?\s*(?:-t-\w+\s+)?(?:(?-i:[a-zà-ÿ'-]+)\s+){0,3}?(?P<rest>[^\"]{0,80})"
_SPEAKER_TITLE = r"^[^⟨\"]{0,40}?§DET(?:§STATUS)?§TITLE\s*§CONN§DET?(?P<o>§S)"
_SPEAKER_NAME = r"^[^⟨\"]{0,40}?(?P<p>§S)"
_SUCCEEDS = r"(?P<a>§S)[^⟨.;]{0,25}?(?P<t>§P_succession)\s*§DET?(?P<b>§S)"
_PREDECESSOR = r"(?P<b>§S)\s*,\s*(?P<poss>§POSS)\s+(?P<t>§N_succession)"
#: Sentences back in which a successor's role is looked for.
SUCCESSION_REACH = 2


def _speech_after(view: View, start: int, ctx: Context) -> bool:
    verbs = ctx.lex.cue_verbs.get("speech", set())
    return any(
        lemma_of(t).lower() in verbs for t in view.tokens_between(start, min(len(view.masked), start + 60))
    )


def _speaker_org(view: View, start: int, ctx: Context) -> Slot | None:
    rest = view.masked[start:]
    titled = compiled_rule(view.language, _SPEAKER_TITLE).match(rest)
    if titled:
        return view.slots_in(titled.group("o"))[0]
    named = compiled_rule(view.language, _SPEAKER_NAME).match(rest)
    if not named:
        return None
    speaker = view.slots_in(named.group("p"))[0]
    if speaker.type == "ORG":
        return speaker
    for cand in reversed(ctx.found):
        if cand.type == "role" and cand.subject.entity_id == speaker.entity_id:
            return cand.object
    return None


def quote_candidates(views: Sequence[View], ctx: Context) -> list[Candidate]:
    """Competitors and partners named in quotes, tied to the speaker's organisation."""
    out: list[Candidate] = []
    if not views:
        return out
    lex = ctx.lex
    triggers = (
        (
            compiled_rule(views[0].language, alternation(lex.words("quote_competitor"), plural=True)),
            "competition",
        ),
        (
            compiled_rule(views[0].language, alternation(lex.words("quote_partner"), plural=True)),
            "partnership",
        ),
    )
    inside, quoted = False, list[View]()
    for index, view in enumerate(views):
        if index and views[index - 1].sentence.paragraph != view.sentence.paragraph:
            inside, quoted = False, []
        marks = view.text.count('"')
        if inside or marks:
            quoted.append(view)
        if marks % 2 == 1:
            inside = not inside
        if inside or not quoted:
            continue
        org = _attributed_org(view, ctx)
        if org is None:
            quoted = []
            continue
        for quote in quoted:
            for regex, rel_type in triggers:
                if regex.search(quote.masked):
                    others = [
                        s for s in quote.slots if s.type in ("ORG", "PRODUCT", "MISC") and s.kind == "name"
                    ]
                    out += make_candidates(rel_type, [org], others, quote, strength.QUOTE, "quote", {}, 0)
        quoted = []
    return out


def _attributed_org(view: View, ctx: Context) -> Slot | None:
    """The organisation of whoever the sentence's last closing quote is attributed to."""
    last = view.masked.rfind('"')
    closing = compiled_rule(view.language, _ATTRIBUTION).match(view.masked, last) if last >= 0 else None
    if closing is None or not _speech_after(view, closing.start(), ctx):
        return None
    return _speaker_org(view, closing.start("rest"), ctx)


def succession_candidates(view: View, history: Sequence[View], ctx: Context) -> list[Candidate]:
    """The predecessor's role, copied from the successor's as "former"."""
    out: list[Candidate] = []
    pairs: list[tuple[Slot, Slot]] = []
    for m in compiled_rule(view.language, _SUCCEEDS).finditer(view.masked):
        pairs.append((view.slots_in(m.group("a"))[0], view.slots_in(m.group("b"))[0]))
    for m in compiled_rule(view.language, _PREDECESSOR).finditer(view.masked):
        successor = possessor(view, m, ctx)
        if successor is not None:
            pairs.append((successor, view.slots_in(m.group("b"))[0]))
    recent = {v.sentence.index for v in [*history[-SUCCESSION_REACH:], view]}
    for successor, predecessor in pairs:
        if predecessor.type != "PER":
            continue
        roles = [
            c
            for c in ctx.found
            if c.type == "role"
            and c.subject.entity_id == successor.entity_id
            and c.view.sentence.index in recent
        ]
        roles.sort(
            key=lambda c: (c.view.sentence.index == view.sentence.index, "title" in c.attributes),
            reverse=True,
        )
        for role in roles[:1]:
            attributes = {"status": "former"}
            if "title" in role.attributes:
                attributes["title"] = role.attributes["title"]
            out += make_candidates(
                "role", [predecessor], [role.object], view, strength.DERIVED, "succession", attributes
            )
    return out


def naming_candidates(
    views: Sequence[View], entities: Sequence[Entity], unit_suffixes: Sequence[str]
) -> list[Candidate]:
    """Products named after their company; units named after their parent plus a unit word."""
    out: list[Candidate] = []
    companies = [e for e in entities if e.type == "ORG"]
    suffixes = {s.casefold() for s in unit_suffixes}
    for entity in entities:
        view, slot = _first_slot(views, entity.id)
        if view is None or slot is None:
            continue
        for company in companies:
            if company.id == entity.id:
                continue
            for prefix in [company.name, *company.aliases]:
                if len(prefix) < 2 or not entity.name.startswith(prefix + " "):
                    continue
                rest = entity.name[len(prefix) + 1 :]
                owner = Slot(
                    slot.start,
                    slot.start + len(prefix),
                    company.id,
                    "ORG",
                    "name",
                    1.0,
                    -1,
                    slot.mstart,
                    slot.mstart,
                )
                if entity.type in ("PRODUCT", "MISC") and _named_after(company, rest, views):
                    out += make_candidates(
                        "product", [owner], [slot], view, strength.NAMING, "naming.product"
                    )
                elif entity.type == "ORG" and rest.casefold() in suffixes:
                    out += make_candidates(
                        "subsidiary", [slot], [owner], view, strength.NAMING, "naming.unit"
                    )
                break
    return out


def _named_after(company: Entity, rest: str, views: Sequence[View]) -> bool:
    """Whether "<company> <rest>" reads as a product named after a company found on its own.

    The rest must not open with a function word ("Ligue des champions" is not a product of "la
    Ligue", while "Apple Music" and "Molotov extended" are named after their maker); and the
    company needs one mention that is not just the start of the product's name: a "Knowledge"
    found only in "Knowledge graph" is a piece of that name, not a company.
    """
    lex = lexicon(views[0].language) if views else None
    function_words = (
        {w.casefold() for c in ("of", "det", "role_prep") for w in lex.words(c)} if lex else set()
    )
    first = rest.split()[0].casefold() if rest.split() else ""
    if not first or first in function_words or first.endswith("'"):
        return False
    tail = " " + rest.casefold()
    for view in views:
        for slot in view.slots:
            if slot.entity_id != company.id or slot.kind != "name":
                continue
            after = view.text[slot.end - view.sentence.start :]
            if not after.casefold().startswith(tail):
                return True
    return False


def _first_slot(views: Sequence[View], entity_id: str) -> tuple[View | None, Slot | None]:
    for view in views:
        for slot in view.slots:
            if slot.entity_id == entity_id and slot.kind == "name":
                return view, slot
    return None, None


def derived_candidates(found: Sequence[Candidate], slots_by_id: dict[str, Slot]) -> list[Candidate]:
    """Acquisitions and subsidiaries that a divestment implies."""
    out: list[Candidate] = []
    for cand in found:
        if cand.type != "divestment":
            continue
        stage = cand.attributes.get("_stage")
        buyer = slots_by_id.get(str(cand.attributes.get("buyer")))
        if buyer is not None and not cand.attributes.get("_partial"):
            status = "completed" if stage == "completed" else "announced"
            out += make_candidates(
                "acquisition",
                [buyer],
                [cand.object],
                cand.view,
                strength.DERIVED,
                "derived.acquisition",
                {"status": status},
            )
        if cand.attributes.get("_stake_sale"):
            continue
        if stage != "completed":
            out += make_candidates(
                "subsidiary", [cand.object], [cand.subject], cand.view, strength.DERIVED, "derived.unit"
            )
        elif buyer is not None:
            out += make_candidates(
                "subsidiary", [cand.object], [buyer], cand.view, strength.DERIVED, "derived.unit"
            )
    return out
