"""Surface rules for `subsidiary`, `stake` and `product`: appositions, brackets, parents
and their units, "fait partie de", "contrôlé par", percentages, possessives."""

from __future__ import annotations

import re

from veille.relate import candidates as strength
from veille.relate.candidates import Candidate
from veille.relate.patterns import (
    Context,
    Rule,
    handler,
    list_slots,
    make_candidates,
    subject_slots,
)
from veille.relate.triggers import find_any
from veille.relate.views import View

# ---- subsidiary, parent, stake, product --------------------------------------------------------------
OWNERSHIP_RULES = [
    # "Equant, filiale de France Télécom"; "Hachette Livre, la branche édition du groupe Lagardère"
    Rule(
        "subsidiary.apposition",
        "subsidiary",
        r"(?P<a>§LIST)\s*(?:,|\(|–|-)\s*§DET?§W?(?P<t>§N_subsidiary)(?:\s+§W{0,3}?)?\s*§OF§DET?§W{0,2}?(?P<b>§S)",
        strength.APPOSITION,
    ),
    # "Albert-René (groupe Hachette)"
    Rule(
        "subsidiary.group_parenthesis",
        "subsidiary",
        r"(?P<a>§S)\s*\(\s*§DET?(?P<t>§GROUP)\s+(?P<b>§S)\s*\)",
        strength.PARENTHESIS,
    ),
    # "le groupe M6 (RTL, RTL2, Fun Radio)"
    Rule(
        "subsidiary.units_parenthesis",
        "subsidiary",
        r"(?P<t>§GROUP)\s+(?P<a>§S)\s*\(\s*(?P<b>§LIST)\s*\)",
        strength.PARENTHESIS,
        swap=True,
    ),
    Rule(
        "subsidiary.list_parenthesis",
        "subsidiary",
        r"(?P<a>§S)\s*\(\s*(?P<b>§S(?:§SEP§S)+)\s*\)",
        strength.PARENTHESIS,
        swap=True,
    ),
    # "Alphabet, la maison mère de Google et YouTube"; "Altice (propriétaire de RMC)"
    Rule(
        "subsidiary.parent_apposition",
        "subsidiary",
        r"(?P<a>§S)\s*(?:,|\(|–)\s*§DET?§W?(?P<t>§N_parent)\s*§W?§OF§DET?§W{0,2}?(?P<b>§LIST)",
        strength.APPOSITION,
        swap=True,
    ),
    # "Digitel est une filiale à part entière de Digital Telecommunications"
    Rule(
        "subsidiary.predicate",
        "subsidiary",
        r"(?P<a>§LIST)[^⟨.;]{0,30}?(?<!\w)§COPULA\s+§DET?§W?(?P<t>§N_subsidiary)(?:\s+§W{0,3}?)?\s*§OF§DET?§F{0,2}?(?P<b>§S)",
        strength.PREDICATE,
    ),
    # "Twitch, qui fait partie de l'écurie Amazon"
    Rule(
        "subsidiary.belongs",
        "subsidiary",
        r"(?P<a>§S)[^⟨.;]{0,40}?(?P<t>§P_subsidiary)\s*§DET?§W{0,2}?(?P<b>§S)",
        strength.NOUN_FRAME,
    ),
    # "Editis, la branche édition du groupe Vivendi avec notamment les marques Plon, Julliard ..."
    Rule(
        "subsidiary.with_units",
        "subsidiary",
        r"(?P<a>§S)\s*,\s*§DET?§W?§N_subsidiary[^.;]{0,80}?(?<!\w)(?:avec|dont|with|including)\s+(?:notamment\s+)?§DET?§W?(?P<t>§N_unit)\s+(?P<b>§LIST)",
        strength.LIST_UNITS,
        swap=True,
    ),
    Rule(
        "subsidiary.units_of",
        "subsidiary",
        r"(?<![dD]e\s)(?<![dD]u\s)(?<!d')(?<!des\s)(?<!of\s)(?<!du\sgroupe\s)(?<!de\sgroupe\s)(?<!of\sgroup\s)(?P<a>§S)[^⟨.;]{0,40}?(?<!\w)(?:avec|dont|with|including)\s+(?:notamment\s+)?(?:§DET|§POSS\s+)?§W?(?P<t>§N_unit)\s+(?P<b>§LIST)",
        strength.LIST_UNITS,
        swap=True,
    ),
    # "ses marques Gallimard et Folio"; "sa filiale Keolis" (not "sa maison mère X": see below)
    Rule(
        "subsidiary.possessive",
        "subsidiary",
        r"(?P<poss>§POSS)\s+§W?(?!§N_parent)(?P<t>§N_unit|§N_subsidiary)(?:\s+§W{0,3}?)?\s*,?\s*(?P<b>§LIST)",
        strength.POSSESSIVE,
        swap=True,
    ),
    # "sa maison mère PepsiCo"; "son propriétaire X": the possessor is the subsidiary
    Rule(
        "subsidiary.possessive_parent",
        "subsidiary",
        r"(?P<poss>§POSS)\s+(?P<t>§N_parent)\s*,?\s*(?P<b>§S)",
        strength.POSSESSIVE,
    ),
    # "la filiale de transports publics Keolis" (parent from the clause or the nearest company)
    Rule(
        "subsidiary.described",
        "subsidiary",
        r"(?<![\w'])(?:la|le|les|l'|the)\s*(?P<t>filiales?|subsidiary|subsidiaries)\s+§W{0,3}?(?<![dD]e\s)(?<!du\s)(?<!des\s)(?<!d')(?<!of\s)(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="nearest",
        swap=True,
    ),
    # "Madrigall, le groupe contrôlé par Antoine Gallimard"; "X, owned by Y"
    Rule(
        "subsidiary.controlled_by",
        "subsidiary",
        r"(?P<a>§S)[^⟨.;]{0,40}?(?P<t>§P_stake)\s*§DET?§W{0,2}?(?P<b>§S)",
        strength.NOUN_FRAME,
        handler="controlled",
    ),
    # "RTL Group (l'actionnaire principal de M6)"
    Rule(
        "stake.apposition",
        "stake",
        r"(?P<a>§S)\s*(?:,|\()\s*§DET?§W?(?P<t>actionnaire|shareholder)(?:\s+§W{0,2}?)?\s*(?:de|du|d'|des|of|in)\s*§DET?(?P<b>§S)",
        strength.APPOSITION,
    ),
    # "en tant qu'actionnaire à Cegetel"; "X est actionnaire de Y" (holder from the clause); the
    # words between may not hold a complement of their own: "actionnaire du constructeur au Losange"
    Rule(
        "stake.shareholder",
        "stake",
        r"(?<!\w)(?P<t>actionnaires?|shareholders?)(?:\s+§F{0,2}?)?[\s-]*(?:de|du|d'|des|à|au|dans|of|in)\s*§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    # "une participation de 20 % dans Y"; "a 20% stake in Y"
    Rule(
        "stake.percent",
        "stake",
        r"(?P<t>§STAKEW)\s+(?:de\s+|of\s+)?(?:(?:environ|près de|about|nearly)\s+)?(?P<pct>\d+(?:[.,]\d+)?)"
        r"\s*(?:%|pour\s*cent|per\s*cent)\s+(?:du\s+capital\s+)?(?:dans|de|du|d'|au\s+capital\s+d[eu]|in)\s*§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    Rule(
        "stake.percent_first",
        "stake",
        r"(?P<pct>\d+(?:[.,]\d+)?)\s*(?:%|pour\s*cent|per\s*cent)\s+(?:du\s+capital\s+|des\s+parts\s+|of\s+the\s+shares\s+)?(?:de|du|d'|in|of)\s*§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="clause",
        handler="stake_percent",
    ),
    Rule(
        "stake.percent_stake",
        "stake",
        r"(?P<pct>\d+(?:[.,]\d+)?)\s*(?:%|per\s*cent|pour\s*cent)\s+(?P<t>stake|shareholding|interest|participation)\s+(?:in|dans|de|du)\s*§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    Rule(
        "stake.participation",
        "stake",
        r"(?P<t>participation|stake)(?:\s+§W{0,2}?)?\s*(?:dans|au\s+capital\s+d[eu]|in)\s*§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    # "Proximus et sa plateforme Pickx"; "ferme sa plateforme de streaming Mixer"
    Rule(
        "product.possessive",
        "product",
        r"(?P<coord>§S\s+(?:et|and)\s+(?:à\s+|de\s+)?)?(?P<poss>§POSS)\s+§W?(?P<t>§N_product)(?:\s+(?-i:[a-zà-ÿ'-]+)){0,5}?\s*,?\s*(?P<b>§LIST)",
        strength.POSSESSIVE,
    ),
    # "X, fabricant de l'iPhone"
    Rule(
        "product.maker",
        "product",
        r"(?P<a>§S)\s*,\s*§DET?§W?(?P<t>fabricant|éditeur|créateur|maker|developer|publisher)\s+§OF§DET?(?P<b>§LIST)",
        strength.APPOSITION,
    ),
]


@handler("controlled")
def controlled_handler(view: View, match: re.Match[str], rule: Rule, ctx: Context) -> list[Candidate]:
    owned = list_slots(view, match, "a", "tail")
    owners = list_slots(view, match, "b", "head")
    out: list[Candidate] = []
    for owner in owners:
        rel_type = "stake" if owner.type == "PER" else "subsidiary"
        pair = ([owner], owned) if rel_type == "stake" else (owned, [owner])
        out += make_candidates(
            rel_type, pair[0], pair[1], view, rule.strength, rule.name, {}, match.start("t")
        )
    return out


@handler("stake_percent")
def stake_percent_handler(view: View, match: re.Match[str], rule: Rule, ctx: Context) -> list[Candidate]:
    before = view.masked[max(0, match.start() - 60) : match.start()]
    if not find_any(
        before, [*ctx.lex.words("stake_word"), "détient", "détenait", "possède", "holds", "owns", "acquis"]
    ):
        return []
    holders = subject_slots(view, match, rule, ctx, frozenset({"ORG", "PER"}))
    attributes = {"percent": float(match.group("pct").replace(",", "."))}
    return make_candidates(
        "stake",
        holders,
        list_slots(view, match, "b", "head"),
        view,
        rule.strength,
        rule.name,
        attributes,
        match.start(),
    )
