"""Surface rules for `competition`, `partnership`, `merger`, `lawsuit`, `acquisition` and
`divestment`: the noun frames ("un accord avec", "le rachat de ... par", "la cession de ... à")."""

from __future__ import annotations

import re
from typing import Any

from veille.relate import candidates as strength
from veille.relate.candidates import Candidate
from veille.relate.patterns import (
    COMPANY,
    Context,
    Rule,
    handler,
    make_candidates,
    subject_slots,
)
from veille.relate.triggers import find_any
from veille.relate.views import Slot, View

# ---- competition, partnership, merger, lawsuit, acquisition, divestment -----------------------------
EVENT_RULES = [
    # "X, principal concurrent de Y"
    Rule(
        "competition.apposition",
        "competition",
        r"(?P<a>§S)\s*(?:,|\()\s*§DET?§W{0,2}?(?P<t>§N_competition)\s+§OF§DET?(?P<b>§LIST)",
        strength.APPOSITION,
    ),
    # "Twitch et à ses deux rivaux, YouTube Gaming et Facebook Gaming"
    Rule(
        "competition.possessive",
        "competition",
        r"(?P<coord>§S\s+(?:et|and)\s+(?:à\s+|de\s+)?)?(?P<poss>§POSS)\s+§W{0,3}?(?P<t>rivals?|rivaux|rivales?|concurrents?|concurrentes?|competitors?)(?:\s+(?-i:[a-zà-ÿ'-]+)){0,6}?\s*,?\s*(?P<b>§LIST)",
        strength.POSSESSIVE,
    ),
    # "le service concurrent Facebook Gaming"
    Rule(
        "competition.adjective",
        "competition",
        r"(?<!\w)(?-i:[a-zà-ÿ]+)\s+(?P<t>concurrente?s?|rivale?s?|rivaux|competing|rival)\s+(?P<b>§LIST)",
        strength.NOUN_FRAME,
        subject="nearest",
    ),
    # "X est le principal concurrent de Y"
    Rule(
        "competition.of",
        "competition",
        r"(?P<t>§N_competition)\s+(?:direct\w*\s+|principa\w+\s+)?§OF§DET?(?P<b>§LIST)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    # "entrer en concurrence frontale contre Equant"
    Rule(
        "competition.against",
        "competition",
        r"(?P<t>concurrence|competition)\s+(?:§W)?(?:avec|contre|face\s+(?:à|aux?)|with|against)\s*§DET?(?P<b>§LIST)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    Rule(
        "competition.face",
        "competition",
        r"(?<!\w)(?P<t>face\s+(?:à|aux?))\s*§DET?(?P<b>§LIST)",
        strength.NOUN_FRAME,
        subject="clause",
        languages=("fr",),
    ),
    Rule(
        "competition.between",
        "competition",
        r"(?P<t>bataille|guerre|rivalité|concurrence|duel|battle|rivalry|war|competition)\s+§W?(?:entre|between)\s+§DET?(?P<a>§S)\s+(?:et|and)\s+§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
    ),
    Rule(
        "competition.are_rivals",
        "competition",
        r"(?P<a>§S)\s+(?:et|and)\s+(?P<b>§S)\s+(?:sont|are|were|étaient)\s+§DET?§W?(?P<t>concurrents|rivaux|rivals|competitors)",
        strength.PREDICATE,
    ),
    # "un accord avec la RTBF" (the other party: the clause subject)
    Rule(
        "partnership.with",
        "partnership",
        r"(?P<t>§N_partnership)(?:\s+(?-i:[a-zà-ÿ'-]+)){0,4}?\s+(?:avec|with)\s+§DET?§W{0,2}?(?P<b>§LIST)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    Rule(
        "partnership.between",
        "partnership",
        r"(?P<t>§N_partnership)(?:\s+(?-i:[a-zà-ÿ'-]+)){0,3}?\s+(?:entre|between)\s+§DET?(?P<a>§S)\s+(?:et|and)\s+§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
    ),
    Rule(
        "partnership.coordinated",
        "partnership",
        r"(?P<a>§S)\s+(?:et|and)\s+§DET?(?P<b>§S)\s+(?:(?-i:[a-zé]+)\s+){0,3}?(?:signé|conclu|noué|trouvé|annoncé|signent|concluent|nouent|signed|struck|reached|announced|sign)\s+§DET?§W?(?P<t>§N_partnership)",
        strength.VERB_FRAME,
    ),
    # "seront partenaires du groupe californien, notamment le groupe Spiegel"
    Rule(
        "partnership.partners_of",
        "partnership",
        r"(?P<t>partenaires?|partners?)\s+§OF§DET?(?P<b>§S)\s*,\s*(?:notamment|dont|comme|such\s+as|including)\s+§DET?(?:§GROUP\s+)?(?P<a>§LIST)",
        strength.NOUN_FRAME,
    ),
    Rule(
        "partnership.is_partner",
        "partnership",
        r"(?P<a>§S)[^⟨.;]{0,30}?(?:est|sont|sera|seront|devient|deviennent|is|are|becomes)\s+§DET?§W?(?P<t>partenaires?|partners?)\s+§OF§DET?§W{0,2}?(?P<b>§S)",
        strength.PREDICATE,
    ),
    # "un accord pour la diffusion des chaînes de la RTBF"
    Rule(
        "partnership.broadcast",
        "partnership",
        r"(?P<t>§N_partnership)\s+(?:pour|for)\s+(?:la|the)\s+(?:diffusion|distribution|broadcast\w*)\s+§OF?§DET?§W{0,2}?(?:§OF§DET?)?(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    Rule(
        "merger.between",
        "merger",
        r"(?P<t>fusion|merger|rapprochement)\s+(?:§OF|entre\s+|between\s+)§DET?(?P<a>§S)\s+(?:et|and|avec|with)\s+§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
    ),
    Rule(
        "merger.with",
        "merger",
        r"(?P<t>fusion|merger|rapprochement)\s+(?:avec|with)\s+§DET?§W?(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    Rule(
        "lawsuit.against",
        "lawsuit",
        r"(?P<t>§N_lawsuit)(?:\s+(?-i:[a-zà-ÿ'-]+)){0,3}?\s+(?:contre|against)\s+§DET?§W{0,2}?(?P<b>§S)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    # "le rachat de Y par X"; "l'OPA sur Y"; only nouns listed with "de" take their object that
    # way ("l'offre d'Oracle" is Oracle's bid)
    Rule(
        "acquisition.noun",
        "acquisition",
        r"(?P<t>§NOF_acquisition(?=\s+§OF)|§N_acquisition(?=\s+(?:sur|on|for)\s))\s+(?:§OF|sur\s+|on\s+|for\s+)§DET?§W{0,2}?(?P<b>§LIST)(?:[^⟨.;]{0,40}?\s(?:par|by)\s+§DET?§W?(?P<a>§S))?",
        strength.NOUN_FRAME,
        subject="clause",
    ),
    # "la cession des murs de 12 Géant Casino ... au fonds Apollo"; "la vente de sa participation à Vivendi"
    Rule(
        "divestment.noun",
        "divestment",
        r"(?P<t>§N_divestment)\s+§OF(?P<obj>[^.;]{0,160}?)\s(?:à|au|aux|to)\s+§DET?§W?(?P<c>§S)",
        strength.NOUN_FRAME,
        subject="clause",
        handler="divestment",
    ),
    Rule(
        "divestment.noun_no_buyer",
        "divestment",
        r"(?P<t>cession|sale|divestment|disposal)\s+§OF§DET?§W{0,2}?(?P<b>§LIST)",
        strength.NOUN_FRAME,
        subject="clause",
    ),
]


#: Characters before a sold company searched for an asset word ("les murs de", "des actifs de").
PARTIAL_REACH = 25


def _stake_object(ctx: Context, seller: Slot) -> Slot | None:
    """The company a seller was said to hold a stake in, earlier in the article."""
    for cand in reversed(ctx.found):
        if cand.type == "stake" and cand.subject.entity_id == seller.entity_id:
            return cand.object
    return None


@handler("divestment")
def divestment_handler(view: View, match: re.Match[str], rule: Rule, ctx: Context) -> list[Candidate]:
    sellers = subject_slots(view, match, rule, ctx, COMPANY)
    obj_text = match.group("obj")
    objects = [s for s in view.slots_in(obj_text) if s.type in COMPANY]
    attributes: dict[str, Any] = {}
    stake_sale = bool(find_any(obj_text, ctx.lex.words("stake_word")))
    if stake_sale:
        attributes["_stake_sale"] = True
        if not objects and sellers:
            held = _stake_object(ctx, sellers[0])
            objects = [held] if held is not None else []
    first = re.search(r"⟨\d+⟩", obj_text)
    lead = obj_text[: first.start()] if first else obj_text
    if find_any(lead[-PARTIAL_REACH:], ctx.lex.words("asset_word")):
        attributes["_partial"] = True  # "la cession des murs de 12 Géant Casino": assets, not the company
    buyers = [s for s in view.slots_in(match.group("c")) if s.type in COMPANY]
    out: list[Candidate] = []
    for buyer in buyers:
        attributes["buyer"] = buyer.entity_id
        targets = [o for o in objects if o.entity_id != buyer.entity_id]
        out += make_candidates(
            "divestment", sellers, targets, view, rule.strength, rule.name, attributes, match.start("t")
        )
    return out
