"""Surface rules for constructions only English writes: "Y's subsidiary X", title lists ("was
President and Chief Executive Officer of Y"), capitalised titles, "acquired Y from X", headline
mergers ("X, Y agree to merge"). See `patterns.py` for the template language; each rule has a test
on an invented sentence in `tests/relate/test_english_relations.py`."""

from __future__ import annotations

import re
from typing import Any

from veille.relate import candidates as strength
from veille.relate.candidates import Candidate
from veille.relate.patterns import COMPANY, Context, Rule, handler, list_slots, make_candidates
from veille.relate.views import View

EN = ("en",)
#: Penn tags of a verb in the past ("bought", "has acquired"): the sale is done.
PAST_TAGS = frozenset({"VBD", "VBN"})
#: Up to three capitalised words before a title: "Finance Director", "Senior Vice President".
_CAPS = r"(?:(?-i:[A-Z][\w.&-]*)\s+){0,3}?"
_ONE_TITLE = r"§LEAD?" + _CAPS + r"§TITLE§EXT"
#: A title, or a list of them ("Chairman of the Board, President and Chief Executive Officer").
_TITLES = _ONE_TITLE + r"(?:\s*(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)§DET?" + _ONE_TITLE + r")*"
#: The surface forms of the buying verbs ("acquired", "bought"), for the seller after "from".
_BOUGHT = r"(?:acquir(?:e|es|ed|ing)|b(?:uy|uys|ought|uying)|purchas(?:e|es|ed|ing)|reacquir(?:e|es|ed|ing))"
#: A short list of companies ("X, Y and Z"): commas and "and" only, no words between.
_NAMES = r"§S(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+)§S)*"
#: Up to three words of any case, no punctuation: "Finnish energy company", "Bermuda-based".
_WORDS = r"(?:[^\s⟨,;.()\"]+\s+){0,3}?"
#: A possessive "'s", or its remains once text extraction has dropped the apostrophe (filings
#: often read "the Company s report"): a lone "s" after a name.
_POSS_S = r"(?:'s?|’s?|\s+s(?=\s))"
#: Words allowed between two coordinated companies and a merger word ("X, Y set to complete merger").
MERGER_GAP = 30
_GAP = "{0," + str(MERGER_GAP) + "}?"

ENGLISH_RULES = [
    # "Serum Institute's wholly-owned subsidiary Covidshield"; "Castor subsidiary Lumen"
    Rule(
        "subsidiary.en_owner_noun_name",
        "subsidiary",
        r"(?P<b>§S)(?:'s?)?\s+§W{0,2}?(?P<t>§N_subsidiary)\s*,?\s*(?P<a>§S)",
        strength.POSSESSIVE,
        languages=EN,
    ),
    # "Helios Group and its primary bank subsidiary Lumen Bank"
    Rule(
        "subsidiary.en_possessive",
        "subsidiary",
        r"(?P<coord>§S\s+(?:and|&)\s+)?(?P<poss>§POSS)\s+§W{0,3}?(?P<t>§N_subsidiary)\s*,?\s*(?P<b>"
        + _NAMES
        + ")",
        strength.POSSESSIVE,
        swap=True,
        languages=EN,
    ),
    # "Lumen separated from its parent company, Helios"
    Rule(
        "subsidiary.en_possessive_parent",
        "subsidiary",
        r"(?P<poss>§POSS)\s+§W?(?P<t>§N_parent)\s*,?\s*" + _WORDS + r"(?P<b>§S)",
        strength.POSSESSIVE,
        languages=EN,
    ),
    # "Lumen, currently a wholly owned Swedish subsidiary of Helios"; "Lumen, the plant-based unit of Helios"
    Rule(
        "subsidiary.en_apposition",
        "subsidiary",
        r"(?P<a>§S)\s*(?:,|\(|–|-)\s*(?:(?-i:[a-z]+)\s+)?§DET?"
        + _WORDS
        + r"(?P<t>§N_subsidiary)\s+§OF§DET?(?P<b>§S)",
        strength.APPOSITION,
        languages=EN,
    ),
    # "Helios Holdings is the parent company of wholly-owned Lumen"
    Rule(
        "subsidiary.en_parent_predicate",
        "subsidiary",
        r"(?P<a>§S)[^⟨.;]{0,30}?(?<!\w)§COPULA\s+§DET?§W?(?P<t>§N_parent)\s+§OF§DET?§W{0,2}?(?P<b>"
        + _NAMES
        + ")",
        strength.PREDICATE,
        swap=True,
        languages=EN,
    ),
    # "Castor completed its acquisition of Bermuda-based Lumen"; "Castor's first acquisition was Lumen"
    Rule(
        "acquisition.en_possessive",
        "acquisition",
        r"(?P<poss>§POSS)\s+§W?(?P<t>§N_acquisition)\s+§OF§DET?" + _WORDS + r"(?P<b>§S)",
        strength.POSSESSIVE,
        languages=EN,
    ),
    Rule(
        "acquisition.en_owner_noun",
        "acquisition",
        r"(?P<a>§S)'s?\s+§W?(?P<t>§N_acquisition)\s+(?:§OF§DET?" + _WORDS + r"|(?:was|is|were)\s+)(?P<b>§S)",
        strength.POSSESSIVE,
        languages=EN,
    ),
    # "an employment agreement between Castor and Ana Ruiz" (either order)
    Rule(
        "role.en_employment_agreement",
        "role",
        r"(?P<t>employment|appointment|offer|severance|retention)\s+(?:agreement|letter)[^⟨.;]{0,80}?"
        r"(?<!\w)between\s+§DET?(?P<b>§S)\s*,?\s+and\s+(?P<a>§S)",
        strength.NOUN_FRAME,
        languages=EN,
        handler="role",
    ),
    Rule(
        "role.en_employment_agreement_person_first",
        "role",
        r"(?P<t>employment|appointment|offer|severance|retention)\s+(?:agreement|letter)[^⟨.;]{0,80}?"
        r"(?<!\w)between\s+(?P<a>§S)\s*,?\s+and\s+§DET?(?P<b>§S)",
        strength.NOUN_FRAME,
        languages=EN,
        handler="role",
    ),
    # "Dana Reed served as Chairman of the Board, President and Chief Executive Officer of Northwind";
    # "Dana Reed has also been a financial advisor with Northwind" (one adjective after an article)
    Rule(
        "role.en_predicate_titles",
        "role",
        r"(?P<a>§S)[^⟨.;]{0,40}?(?<!\w)(?P<cop>§COPULA)\s+(?:(?-i:[a-z]+)\s+){0,2}?(?:§DET§W??)?(?P<pre>§STATUS)?"
        r"(?P<title>" + _TITLES + r")\s*§CONN§DET?(?P<b>§LIST)",
        strength.PREDICATE,
        languages=EN,
        handler="role",
    ),
    # "Northwind Founder and CEO Dana Reed"
    Rule(
        "role.en_org_titles_name",
        "role",
        r"(?P<b>§S)(?:'s)?\s+(?P<title>§TITLE(?:\s*(?:,|and|&)\s*§TITLE)+)\s*,?\s*(?P<a>§S)",
        strength.TITLE_BEFORE_NAME,
        languages=EN,
        handler="role",
    ),
    # "Dana Reed, Northwind's Chairman of the Board and Chief Executive Officer, signed"
    Rule(
        "role.en_person_owner_titles",
        "role",
        r"(?P<a>§S)\s*,\s*(?P<b>§S)" + _POSS_S + r"\s+(?P<pre>§STATUS)?(?P<title>" + _TITLES + ")",
        strength.APPOSITION,
        languages=EN,
        handler="role",
    ),
    # "Northwind's Dana Reed said": a person named as the company's own
    Rule(
        "role.en_owner_person",
        "role",
        r"(?P<b>§S)(?:'s|’s)\s+(?P<a>§S)",
        strength.POSSESSIVE,
        languages=EN,
        handler="role",
    ),
    # "While at Northwind, Ms. Reed served ..."; "When with Northwind, Dana Reed led ..."
    Rule(
        "role.en_while_at",
        "role",
        r"(?<!\w)(?:while|when)\s+(?:at|with)\s+§DET?(?P<b>§S)\s*,\s*(?P<a>§S)",
        strength.NOUN_FRAME,
        languages=EN,
        handler="role",
    ),
    # "Castor bought Lumen from Helios"; "the acquisition of Lumen from Helios"
    Rule(
        "divestment.en_bought_from",
        "divestment",
        r"(?:(?P<c>§S)\s+(?:(?-i:[a-z]+)\s+){0,2}?)?(?<!\w)(?P<t>"
        + _BOUGHT
        + r"|§N_acquisition)\s+(?:§OF)?§DET?"
        + _WORDS
        + r"(?P<b>§S)[^⟨.;]{0,30}?(?<!\w)from\s+§DET?(?P<a>§S)",
        strength.NOUN_FRAME,
        languages=EN,
        handler="bought_from",
    ),
    # "Castor, Lumen agree to merge"; "Castor and Lumen set to complete merger"
    Rule(
        "merger.en_coordinated",
        "merger",
        r"(?P<a>§S)\s*(?:,|\s(?:and|&))\s*(?P<b>§S)\s+[^⟨.;,]"
        + _GAP
        + r"(?<!\w)(?P<t>§N_merger|merge)(?!\w)",
        strength.NOUN_FRAME,
        languages=EN,
    ),
    # "Merger planned by Castor and Lumen"
    Rule(
        "merger.en_by",
        "merger",
        r"(?P<t>§N_merger)\s+[^⟨.;]" + _GAP + r"(?<!\w)by\s+(?P<a>§S)\s*(?:,|\s(?:and|&))\s*(?P<b>§S)",
        strength.NOUN_FRAME,
        languages=EN,
    ),
    # "Castor Bank, as successor by merger to Lumen Bank"
    Rule(
        "merger.en_successor",
        "merger",
        r"(?P<a>§S)\s*,?\s*(?:as\s+)?successor\s+by\s+(?P<t>§N_merger)\s+(?:to|with)\s+§DET?(?P<b>§S)",
        strength.APPOSITION,
        languages=EN,
    ),
]


@handler("bought_from")
def bought_from_handler(view: View, match: re.Match[str], rule: Rule, ctx: Context) -> list[Candidate]:
    """ "Castor bought Lumen from Helios": Helios sold Lumen (buyer Castor when named before the verb)."""
    sellers = list_slots(view, match, "a", "head")
    sold = [s for s in list_slots(view, match, "b", "head") if s.type == "ORG"]
    buyers = (
        [s for s in list_slots(view, match, "c", "tail") if s.type in COMPANY] if match.group("c") else []
    )
    attributes: dict[str, Any] = {"buyer": buyers[-1].entity_id} if buyers else {}
    # "bought" or "the acquisition of" name a deal made (a planned one has its cue, see hedging.py);
    # "agreed to buy" does not, and the seller still owns what it sells.
    verb = view.token_at(match.start("t"))
    attributes["_past"] = verb is not None and (verb.tag_ in PAST_TAGS or verb.pos_ == "NOUN")
    return make_candidates(
        "divestment", sellers, sold, view, rule.strength, rule.name, attributes, match.start("t")
    )
