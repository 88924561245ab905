"""Surface rules for `role` (PER -> ORG): appositions, titles before names, possessives,
predicates, fronted adjuncts, posts and brackets. See `patterns.py` for the template language."""

from __future__ import annotations

import re
from typing import Any

from veille.relate import candidates as strength
from veille.relate.candidates import Candidate
from veille.relate.patterns import (
    Context,
    Rule,
    compiled_rule,
    handler,
    list_slots,
    make_candidates,
    possessor,
)
from veille.relate.triggers import find_any
from veille.relate.views import Slot, View

# ---- role (PER -> ORG) ----------------------------------------------------------------------------
#: The organisation after its title, past a describing noun (lowercase, one written in capitals such
#: as "ONG", or a capitalised kind: "la Fondation X") and the quotes a name may be in (guillemets and
#: curly quotes are normalised to '"', a pair of typographic single quotes to "''"): "présidente de
#: l'ONG "Une Chance Pour Tous"".
_TO_ORG = r"\s*§CONN§DET?§F{0,2}?(?:(?:§ORGNOUN|§ORGKIND)\s+)?(?:(?:\"+|'')\s*)?(?P<b>§LIST)"
#: An opening or closing quote around a name (normalised guillemets, curly or paired single quotes).
_QUOTED = r"(?:(?:\"+|'')\s*)?"
_QUOTED_CLOSE = r"(?:\s*(?:\"+|''))?"
_TITLE = r"§DET?§LEAD?(?P<pre>§STATUS)?(?P<title>§TITLE§EXT)"
ROLE_RULES = [
    # "Jean-Yves Charlier, directeur de BT Global Services"; "X (PDG de Y)"
    Rule(
        "role.apposition",
        "role",
        r"(?P<a>§S)\s*(?:,|\(|–|-)?\s*" + _TITLE + _TO_ORG,
        strength.APPOSITION,
        handler="role",
    ),
    # "le patron de Canal+ Maxime Saada"; "l'ex-PDG de Carrefour, Georges Plassat"
    Rule(
        "role.title_before_name",
        "role",
        r"(?<![\w⟩])"
        + _TITLE
        + r"\s*§CONN§DET?§F{0,2}?(?P<b>§S)"
        + r"(?:\s+(?:en|chargée?|pour|in|for)\s[^⟨.;:,]{0,60})?\s*,?\s*(?P<a>§S)",
        strength.TITLE_BEFORE_NAME,
        handler="role",
    ),
    # "l'analyste Neil Saunders de GlobalData Retail"
    Rule(
        "role.title_name_org",
        "role",
        r"§DET(?P<pre>§STATUS)?(?P<title>§TITLE)\s+(?P<a>§S)\s*,?\s*§CONN(?P<b>§S)",
        strength.TITLE_BEFORE_NAME,
        handler="role",
    ),
    # "son président du directoire Nicolas de Tavernost"; "its chief executive, Tim Cook"
    Rule(
        "role.possessive",
        "role",
        r"(?P<poss>§POSS)\s+(?P<pre>§STATUS)?(?P<title>§TITLE§EXT)\s*,?\s*(?P<a>§S)",
        strength.POSSESSIVE,
        handler="role",
    ),
    # "Apple CEO Tim Cook"; "Apple's chief executive Tim Cook"
    Rule(
        "role.org_title_name",
        "role",
        r"(?P<b>§S)(?:'s)?\s+(?P<pre>§STATUS)?(?P<title>§TITLE)\s*,?\s*(?P<a>§S)",
        strength.TITLE_BEFORE_NAME,
        handler="role",
    ),
    # "Il y fut successivement directeur ... de VW, membre du conseil d'Audi AG, puis président de Seat"
    Rule(
        "role.predicate",
        "role",
        r"(?P<a>§S)(?:\s*,\s*qui)?[^⟨.;]{0,40}?(?<!\w)(?P<cop>§COPULA)\s+(?:(?-i:[a-zà-ÿ]+)\s+){0,2}?"
        + _TITLE
        + _TO_ORG,
        strength.PREDICATE,
        handler="role",
    ),
    # "Encore discret depuis sa nomination à la tête de Proximus, Guillaume Boutin a ..."
    Rule(
        "role.fronted",
        "role",
        r"^[^⟨.;]{0,100}?(?:"
        + _TITLE
        + r"\s*§CONN|(?P<t>§P_role))\s*§DET?§W{0,2}?(?P<b>§S)\s*,\s*§DET?(?P<a>§S)",
        strength.PREDICATE,
        handler="role",
    ),
    # "X, à la tête de Y depuis 2015"; "X prend la tête de Y"
    Rule(
        "role.head_of",
        "role",
        r"(?P<a>§S)[^⟨.;]{0,60}?(?P<t>§P_role)\s*§DET?§W{0,2}?(?P<b>§S)",
        strength.NOUN_FRAME,
        handler="role",
    ),
    # "sous la direction du nouveau PDG Alexandre Bompard" (organisation from the clause)
    Rule(
        "role.title_name",
        "role",
        r"(?<!\w)(?:§DET|du\s+|des\s+|au\s+|aux\s+)(?P<pre>§STATUS)?(?P<title>§STRONG)\s+(?P<a>§S)(?!\s*,?\s*§CONN)",
        strength.MAIN_ENTITY,
        subject="nearest",
        handler="role",
    ),
    # "Thierry Bolloré occupait le poste de directeur général" (organisation: the article's main one)
    Rule(
        "role.post",
        "role",
        r"(?P<a>§S)(?:\s*,\s*qui)?[^⟨.;]{0,40}?(?<!\w)(?P<cop>§POST)\s*(?P<title>§STRONG)(?!\s*§CONN§DET?§W{0,2}?⟨)",
        strength.MAIN_ENTITY,
        subject="main",
        handler="role",
    ),
    # "Paul Roux de la société Kelvo"; "Léa Fabre, de l'association nationale "Lire Ensemble""
    Rule(
        "role.of_kind",
        "role",
        r"(?P<a>§S)\s*,?\s+(?:de|d')\s*§DET?(?P<t>§ORGKIND)(?:\s+§W{0,2}?)?\s*" + _QUOTED + r"(?P<b>§S)",
        strength.ADJACENT,
        handler="role",
        languages=("fr",),
    ),
    # "Paul Roux et deux membres de l'association Kelvo": he is one of them
    Rule(
        "role.with_members",
        "role",
        r"(?P<a>§S)\s+(?:et|ainsi\s+que)\s+§W{0,2}?(?P<t>§MEMBERS)\s+(?:de|du|d')\s*(?:§DET|§POSS\s+)?"
        r"(?:§ORGKIND(?:\s+§W{0,2}?)?\s*)?" + _QUOTED + r"(?P<b>§S)",
        strength.NOUN_FRAME,
        handler="role",
        languages=("fr",),
    ),
    # "la Cellule des Bûcherons, à laquelle appartenait Paul Roux"
    Rule(
        "role.belongs_relative",
        "role",
        r"(?P<b>§S)" + _QUOTED_CLOSE + r"\s*,?\s*(?P<t>§BELONGREL)\s+(?P<a>§S)",
        strength.NOUN_FRAME,
        handler="role",
        languages=("fr",),
    ),
    # "Bernard Arnault (LVMH)"; "Daniel Ives de Wedbush Securities."
    Rule("role.parenthesis", "role", r"(?P<a>§S)\s*\(\s*(?P<b>§S)\s*\)", strength.ADJACENT, handler="role"),
    Rule(
        "role.name_of_org",
        "role",
        r"(?P<a>§S)\s+(?:de|d'|of|from|chez|at)\s*(?P<b>§S)(?=\s*(?:[,.;:)\"]|$))",
        strength.ADJACENT,
        handler="role",
    ),
]

_CONTINUE = (
    r"(?P<fill>\s+[^.;]{0,60}?)??\s*(?:,\s*(?:(?:et|puis|and)\s+)?|;\s*|(?:et|puis|and)\s+)"
    + _TITLE
    + _TO_ORG
)


def _status(lex_words: Any, text: str | None, kind: str) -> str | None:
    if not text:
        return None
    if kind == "cop":
        if find_any(text, lex_words("copula_future")):
            return "incoming"
        return "former" if find_any(text, lex_words("copula_past")) else None
    if find_any(text, lex_words("former")):
        return "former"
    return "incoming" if find_any(text, lex_words("incoming")) else None


def _role_attributes(match: re.Match[str], ctx: Context, cop_status: str | None) -> dict[str, Any]:
    groups = match.re.groupindex
    attributes: dict[str, Any] = {}
    if "title" in groups and match.group("title"):
        attributes["title"] = " ".join(match.group("title").split())
    status = _status(ctx.lex.words, match.group("pre"), "pre") if "pre" in groups else None
    status = status or cop_status
    if status:
        attributes["status"] = status
    return attributes


_AFTER_PERSON = re.compile(r"⟨(\d+)⟩\s*,\s*$")


def _not_apposed(view: View, match: re.Match[str]) -> bool:
    """ "X, ancien directeur chez TF1, il ..." : the title is X's, and "il" opens the clause."""
    if any(slot.kind == "pron" for slot in view.slots_in(match.group("a"))):
        return True
    before = _AFTER_PERSON.search(view.masked, 0, match.start())
    return before is not None and view.slots[int(before.group(1))].type == "PER"


def _counsel_of_client(view: View, match: re.Match[str], ctx: Context) -> bool:
    """ "Me Durand, avocat de l'association X": X is the lawyer's client, not an employer.

    Only a counsel title (`counsel` in grammar.tsv) joined to the organisation by a bare "de"
    reads that way; "avocat chez X" or "avocat au sein de X" names the firm the lawyer works at.
    """
    groups = match.re.groupindex
    if "title" not in groups or not match.group("title") or "b" not in groups or match.group("b") is None:
        return False
    head = match.group("title").split()[0].lower()
    if head not in {w.lower() for w in ctx.lex.words("counsel")}:
        return False
    link = view.masked[match.end("title") : match.start("b")]
    of = compiled_rule(view.language, r"^\s*§OF")
    return of.match(link) is not None


def _unresolved_organisation(view: View, org: Slot, title_at: int) -> bool:
    """ "le cabinet X s'est basé sur ... une vacance à la tête du groupe due au départ de l'ex-PDG Y":
    a company description the article left unresolved ("du groupe") stands between the borrowed
    organisation and the title, so the title is that other company's, not X's."""
    between = view.masked[org.mend : title_at]
    return compiled_rule(view.language, _UNRESOLVED_ORG).search(between) is not None


#: An organisation description after a determiner ("du groupe", "de l'entreprise"), not a slot.
_UNRESOLVED_ORG = r"(?<![\w'])(?:du|des|de\s+la|de\s+l'|au|à\s+la|à\s+l')\s*§ORGDESC(?![\w-])"


@handler("role")
def role_handler(view: View, match: re.Match[str], rule: Rule, ctx: Context) -> list[Candidate]:
    persons = list_slots(view, match, "a", "tail")
    if rule.name == "role.title_before_name" and _not_apposed(view, match):
        return []
    if "poss" in match.re.groupindex and match.group("poss"):
        found = possessor(view, match, ctx)
        orgs = [found] if found is not None else []
    elif "b" in match.re.groupindex and match.group("b") is not None:
        orgs = list_slots(view, match, "b", "head")
    elif rule.subject == "main":
        orgs = [slot for slot in ctx.main.values() if slot.type == "ORG"]
    else:
        found = view.clause_subject(match.start())
        if found is None or found.type != "ORG":
            found = view.slot_before(match.start("a"), frozenset({"ORG"}))
        if found is not None and found.kind != "main" and found.mend <= match.start():
            nearer = view.slot_before(match.start(), frozenset({"ORG"}))
            if nearer is not None and nearer.mstart >= found.mend:
                found = nearer  # "le cabinet X ... une vacance à la tête du groupe (Y) ... l'ex-PDG Z"
            if _unresolved_organisation(view, found, match.start()):
                found = None
        orgs = [found] if found is not None else []
    if _counsel_of_client(view, match, ctx):
        return []
    cop_status = _status(ctx.lex.words, match.group("cop"), "cop") if "cop" in match.re.groupindex else None
    attributes = _role_attributes(match, ctx, cop_status)
    out = make_candidates("role", persons, orgs, view, rule.strength, rule.name, attributes, match.start())
    if "b" not in match.re.groupindex or not persons:
        return out
    regex, end = compiled_rule(view.language, _CONTINUE), match.end()
    while (more := regex.match(view.masked, end)) is not None:
        if any(slot.type == "PER" for slot in view.slots_in(more.group("fill") or "")):
            break
        attributes = _role_attributes(more, ctx, cop_status)
        orgs = list_slots(view, more, "b", "head")
        out += make_candidates(
            "role", persons, orgs, view, rule.strength, rule.name + "+", attributes, more.start()
        )
        end = more.end()
    return out
