"""Verb frames: a trigger verb (by spaCy lemma) or phrase, its subject from the parse, its object.

The subject is the parse's subject of the trigger's clause (climbing from the verb through
`xcomp`/`conj`/`advcl` heads when the verb has none of its own, and from "qui" to its antecedent),
expanded over a coordination ("M6, TF1 ou Altice pourraient ..."). In the passive ("Y a été racheté
par X", "Y, racheté par X") the agent after "par"/"by" is the subject and the patient the object.
The object is read from the masked text after the trigger: the slot list that follows (directly,
or after the preposition the trigger takes in `triggers.tsv`), within a short window.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from veille.ner.spacy_model import lemma as lemma_of
from veille.relate import candidates as strength
from veille.relate.candidates import Candidate
from veille.relate.patterns import COMPANY, Context, compiled_rule, coordinated, make_candidates
from veille.relate.triggers import Lexicon, Trigger, alternation, find_any, lexicon
from veille.relate.views import MAX_CLIMB, RELATIVE_PRONOUNS, SLOT_RE, SUBJECT_DEPS, Slot, View

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Trigger types handled here, and the relation type each one outputs.
OUTPUT_TYPE: dict[str, str] = {
    "acquisition": "acquisition",
    "divestment": "divestment",
    "partnership": "partnership",
    "competition": "competition",
    "merger": "merger",
    "lawsuit": "lawsuit",
    "role": "role",
    "career": "role",
    "appoint": "role",
    "launch": "product",
    "parent_verb": "subsidiary",
}
FRAME_STRENGTH: dict[str, float] = {
    "career": strength.NOUN_FRAME,
    "launch": strength.NOUN_FRAME,
    "parent_verb": strength.LIST_UNITS,
    "appoint": strength.VERB_FRAME,
}
#: Lowercase words allowed between a verb and its direct object ("a piloté les ventes et le
#: marketing d'Audi" has six); more and the object is someone else's.
MAX_OBJECT_WORDS = 6
#: A direct object is never behind a place preposition: "will launch in Belgium", "vend ses
#: parts au fonds X" (the buyer), "markets its offer in Spain", nor behind "from" ("purchased the
#: optical business from X": X is the seller).
_PLACE_PREP = r"(?!(?:à|au|aux|in|into|from)\s)"
_DIRECT = rf"[\s,]*(?:{_PLACE_PREP}(?-i:[a-zà-ÿ0-9-]+)(?:'|[\s,]+)){{0,{MAX_OBJECT_WORDS}}}?(?P<b>§LIST)"
_ROLE_OBJECT = r"[\s,]*(?:(?:§DET|(?:et|de|du|des|d')(?:\s+|(?<=')))|(?:%s)\s+|(?:\"+|'')\s*)*?(?P<b>§LIST)"
_WITH_PREP = r"[^⟨.;]{0,40}?(?<!\w)(?:%s)\s*§DET?§W{0,2}?(?P<b>§LIST)"
_PASSIVE_AGENT = r"[^⟨.;]{0,25}?(?<!\w)(?:par|by)\s+§DET?(?:§F{0,3}?)(?P<b>§LIST)"
_UNITS = r"[^⟨.;,]{0,60}?(?P<b>§LIST)"
#: The buyer after "to": "sold Y to X", or its group in "sold Y to a subsidiary of X" (the unit that
#: buys is unnamed, and X is no part of what is sold).
_BUYER = r"(?<!\w)(?:à|au|aux|to)\s+§DET?§W?(?:§N_subsidiary\s+§OF§DET?§W?)?(?P<c>§S)"
_APPOINTED = (
    r"\s*§W{0,2}?(?P<b>§S)(?:[^⟨.;]{0,30}?(?<!\w)§APPOINTPOST\s*(?P<title>§TITLE§EXT)"
    r"(?:\s*§CONN§DET?§W{0,2}?(?P<o>§S))?)?"
)
#: "depuis"/"since" this close to a past-tense role verb means the post is held still.
SINCE_REACH = 40
_SINCE = re.compile(r"(?<!\w)(?:depuis|since)(?!\w)", re.IGNORECASE)
#: "to buy Alcon stake", "bought Lumen shares": the object names the company a stake is bought in.
_STAKE_AFTER = r"\s+§STAKEW(?!\w)"
_BOARD = r"§BOARD\s*§OF§DET?(?P<o>§S)"
PASSIVE_DEPS = frozenset({"aux:pass", "auxpass"})
#: Transaction verbs that a reflexive clitic turns into a middle voice: "le titre se vend 2 euros",
#: "la marque s'est revendue" say what is sold, never who sells or buys. The reflexive readings
#: that do name a buyer ("s'offrir", "s'emparer de") are phrase triggers and are not affected.
MIDDLE_VOICE_TYPES = frozenset({"acquisition", "divestment"})
#: The pipeline parses without a lemmatiser, so the clitic is read by its surface form.
REFLEXIVE_FORMS = frozenset({"se", "s'", "s’"})
#: Dependencies of a participle used as an adjective (English parse labels).
MODIFIER_DEPS = frozenset({"amod"})
#: English pronouns of the writer or reader: "we purchased X" in a filing is the filer, which no name
#: before the verb stands for ("it", "they" may stand for the name just written: "Castor said it
#: will buy X").
SPEAKER_PRONOUNS = frozenset({"we", "i", "you"})
#: Deals whose party is not looked for before such a pronoun: the name there is most often an earlier
#: deal's ("as part of the Lumen Acquisition, we acquired X"). Product verbs keep it: a report's
#: "we develop X" follows the filer's own name as often as not.
SPEAKER_DEAL_TYPES = frozenset({"acquisition", "divestment", "merger"})
#: Characters allowed between an English antecedent and its relative pronoun ("Y, which").
RELATIVE_GAP = " ,"
#: What an English selling verb trades rather than divests: a named product sold ("Castor sells
#: Lumen to distributors") is the seller's product, not the sale of a business (GUIDELINES: a
#: divestment is of an organisation, a business or a stake).
EN_TRADED_TYPES = frozenset({"PRODUCT"})
ROLE_TITLES: dict[str, str] = {
    "fonder": "fondateur",
    "cofonder": "cofondateur",
    "créer": "créateur",
    "found": "founder",
}


def _triggers(view: View, ctx: Context) -> list[tuple[str, str, int, int, Token | None, tuple[str, ...]]]:
    """(type, form, masked start, masked end, verb token or None, prepositions) of each trigger."""
    found: list[tuple[str, str, int, int, Token | None, tuple[str, ...]]] = []
    # Read each token's attributes once: spaCy builds a new string at every attribute access, and
    # the loop below runs once per relation type.
    pos = [token.pos_ for token in view.tokens]
    verb = [tag in ("VERB", "AUX") for tag in pos]
    words = [
        (
            token,
            verb[i],
            lemma_of(token).lower() if verb[i] else "",
            token.lower_,
            i > 0 and pos[i - 1] in ("DET", "ADP"),
        )
        for i, token in enumerate(view.tokens)
    ]
    for rel_type in OUTPUT_TYPE:
        verbs = ctx.lex.verbs(rel_type)
        surfaces = inflections(tuple(sorted(verbs)), view.language)
        for token, is_verb, verb_lemma, lower, after_article in words:
            lemma = verb_lemma if is_verb else (None if after_article else surfaces.get(lower))
            if lemma not in verbs:
                continue
            start = view.masked_pos(token)
            if start >= len(view.masked) or view.masked[start] == "⟨":
                continue
            found.append((rel_type, lemma, start, start + len(token.text), token, verbs[lemma]))
        for trig, regex in _phrase_rules(ctx.lex, view.language, rel_type):
            for m in regex.finditer(view.masked):
                found.append((rel_type, trig.form, m.start(), m.end(), view.token_at(m.start()), trig.preps))
    return found


_PHRASE_RULES: dict[tuple[str, str, str], list[tuple[Trigger, re.Pattern[str]]]] = {}


def _phrase_rules(lex: Lexicon, language: str, rel_type: str) -> list[tuple[Trigger, re.Pattern[str]]]:
    """The phrase triggers of a type with their compiled rules, built once per lexicon and type."""
    key = (lex.language, language, rel_type)  # lexicons are built once per language (lru_cache)
    if key not in _PHRASE_RULES:
        _PHRASE_RULES[key] = [
            (t, compiled_rule(language, alternation([t.form])))
            for t in lex.triggers
            if t.type == rel_type and t.kind == "phrase"
        ]
    return _PHRASE_RULES[key]


#: Endings of a regular French -er verb (the parse sometimes tags "contrôle" as a noun; the
#: surface form still says it is the verb), and of a regular English verb.
_FR_ER_ENDINGS = (
    "e",
    "es",
    "ent",
    "é",
    "ée",
    "és",
    "ées",
    "ait",
    "aient",
    "a",
    "èrent",
    "era",
    "eront",
    "ant",
)
_EN_ENDINGS = ("s", "ed", "ing", "es", "d")


@lru_cache(maxsize=64)
def inflections(lemmas: tuple[str, ...], language: str) -> dict[str, str]:
    """Surface form -> lemma for the regular verbs among `lemmas` (a fallback to the parse)."""
    forms: dict[str, str] = {}
    for lemma in lemmas:
        if " " in lemma:
            continue
        if language == "fr" and lemma.endswith("er"):
            stem = lemma[:-2]
            stems = {stem, re.sub(r"[eé]([^aeiouyéèê]+)$", r"è\1", stem)}
            for base in stems:
                for ending in _FR_ER_ENDINGS:
                    forms.setdefault(base + ending, lemma)
        elif language == "en":
            for ending in _EN_ENDINGS:
                forms.setdefault(lemma + ending, lemma)
                forms.setdefault(lemma.rstrip("e") + ending, lemma)
    return forms


def _is_passive(view: View, token: Token | None, end: int) -> re.Match[str] | None:
    agent = compiled_rule(view.language, _PASSIVE_AGENT).match(view.masked, end)
    if agent is None or token is None:
        return None
    participle = "Part" in token.morph.get("VerbForm", [])
    if participle or any(child.dep_ in PASSIVE_DEPS for child in token.children):
        return agent
    return None


def is_modifier(view: View, token: Token) -> bool:
    """An English participle that describes a noun ("a wholly owned subsidiary of Y") is no clause
    verb: its owner is not the sentence's subject. (French frames keep their tuned behaviour.)"""
    return view.language == "en" and token.dep_ in MODIFIER_DEPS


def relative_antecedent(view: View, verb: Token | None) -> Slot | None:
    """English "Y, which is sold by X": the slot right before the relative pronoun that is the verb's
    subject. The parse often hangs the relative clause on another word ("competes with Y, which is
    sold by X" on "competes"), and the main clause's subject would be taken instead."""
    if view.language != "en" or verb is None:
        return None
    for child in verb.children:
        if child.dep_ not in SUBJECT_DEPS or child.lower_ not in RELATIVE_PRONOUNS:
            continue
        pronoun = view.masked_pos(child)
        slot = view.slot_before(pronoun)
        if slot is not None and not view.masked[slot.mend : pronoun].strip(RELATIVE_GAP):
            return slot
    return None


def _unnamed_pronoun_subject(view: View, verb: Token | None) -> bool:
    """English "we completed ... and purchased X": the clause's subject is the writer, who is no
    named entity here, so the name written before the verb is not its subject either."""
    steps = 0
    while view.language == "en" and verb is not None and steps < MAX_CLIMB:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.i != verb.i:
                return child.lower_ in SPEAKER_PRONOUNS and view.slot_of_token(child) is None
        if verb.head.i == verb.i:
            break
        verb, steps = verb.head, steps + 1
    return False


def _is_past(token: Token | None) -> bool:
    if token is None:
        return False
    tense = token.morph.get("Tense", [])
    if "Past" not in tense and token.tag_ not in ("VBD", "VBN"):
        return False
    participle = "Part" in token.morph.get("VerbForm", [])
    return not participle or any(c.dep_.startswith("aux") for c in token.children)


def lex_words(language: str, grammar_class: str) -> list[str]:
    return lexicon(language).words(grammar_class)


def _objects(view: View, rel_type: str, end: int, preps: tuple[str, ...]) -> list[Slot]:
    if rel_type == "parent_verb":
        template = _UNITS
    elif rel_type == "role" and not preps:
        template = _ROLE_OBJECT % "|".join(re.escape(w) for w in lex_words(view.language, "role_object"))
    elif preps:
        template = _WITH_PREP % "|".join(re.escape(p) for p in preps)
    else:
        template = _DIRECT
    match = compiled_rule(view.language, template).match(view.masked, end)
    return view.slots_in(match.group("b")) if match else []


def _divested(view: View, end: int) -> tuple[list[Slot], list[Slot]]:
    """Objects and buyers after a selling verb, up to the next verb of another clause."""
    stop = len(view.masked)
    for token in view.tokens:
        pos = view.masked_pos(token)
        if pos > end + 1 and token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "aux:tense", "cop"):
            stop = pos
            break
    region = view.masked[end:stop]
    buyers: list[Slot] = []
    for m in compiled_rule(view.language, _BUYER).finditer(region):
        buyers += view.slots_in(m.group("c"))
    objects = [s for s in view.slots_in(region) if s not in buyers and s.type in COMPANY]
    return objects, buyers


def _subjects(view: View, start: int, rel_type: str) -> list[Slot]:
    verb = view.token_at(start)
    found = relative_antecedent(view, verb)
    if found is None:
        if rel_type in SPEAKER_DEAL_TYPES and _unnamed_pronoun_subject(view, verb):
            return []
        found = view.clause_subject(start)
    wanted = (
        frozenset({"PER"})
        if OUTPUT_TYPE[rel_type] == "role"
        else frozenset({"ORG", "PER", "PRODUCT", "MISC"})
    )
    if found is None or found.type not in wanted:
        before = _outside_brackets(view, view.slot_before(start, wanted), wanted)
        between = re.sub(r"\([^()]*\)", "", view.masked[before.mend : start]) if before is not None else ""
        if before is None or SLOT_RE.search(between) or len(between) > 40 or _in_complement(view, before):
            return []
        found = before
    return coordinated(view, found)


#: French prepositions that make the name after them a complement: "proposer une offre à ses
#: clients du Benelux et de concurrencer Proximus" — Benelux is not who competes.
_COMPLEMENT_BEFORE = {
    "fr": re.compile(
        r"(?<![\w'])(?:de|du|des|d'|à|au|aux|pour|sur|dans|chez|avec)\s*(?:(?:la|le|les)\s+|l')?$", re.I
    )
}


def _in_complement(view: View, slot: Slot) -> bool:
    regex = _COMPLEMENT_BEFORE.get(view.language)
    return regex is not None and regex.search(view.masked, 0, slot.mstart) is not None


def _outside_brackets(view: View, slot: Slot | None, wanted: frozenset[str]) -> Slot | None:
    """Skip a slot in brackets ("le magazine X (groupe Y), un leader, a présenté"): Y is not the subject."""
    while slot is not None:
        opened = view.masked.rfind("(", 0, slot.mstart)
        closed = view.masked.rfind(")", 0, slot.mstart)
        if opened <= closed or ")" not in view.masked[slot.mend :]:
            return slot
        slot = view.slot_before(opened, wanted)
    return None


def frame_candidates(view: View, ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for rel_type, form, start, end, token, preps in _triggers(view, ctx):
        if rel_type == "lawsuit" and not find_any(view.text, ctx.lex.cues.get("legal", [])):
            continue
        out += _frame(view, ctx, rel_type, form, start, end, token, preps)
    return out


def _frame(
    view: View,
    ctx: Context,
    rel_type: str,
    form: str,
    start: int,
    end: int,
    token: Token | None,
    preps: tuple[str, ...],
) -> list[Candidate]:
    if rel_type in MIDDLE_VOICE_TYPES and _is_reflexive(token, form):
        return []
    output = OUTPUT_TYPE[rel_type]
    power = FRAME_STRENGTH.get(rel_type, strength.VERB_FRAME)
    attributes: dict[str, Any] = {"_past": _is_past(token)}
    name = f"frame.{rel_type}"
    agent = _is_passive(view, token, end) if token is not None else None
    if agent is not None:
        patient = relative_antecedent(view, token) or view.clause_subject(start)
        if patient is None or patient.entity_id in {s.entity_id for s in view.slots_in(agent.group("b"))}:
            patient = view.slot_before(start)
        subjects, objects = view.slots_in(agent.group("b")), [patient] if patient is not None else []
        if rel_type == "parent_verb":  # "Y is owned by X": Y is X's unit, or X's holding when X is a person
            return _owned(subjects, objects, view, power, name + ".passive", attributes, start)
        traded = [s for s in objects if s.type in EN_TRADED_TYPES]
        if rel_type == "divestment" and view.language == "en" and traded:
            # "Orbix, which is sold by Helios": a product on sale, not a business sold
            return make_candidates(
                "product", subjects, traded, view, strength.NOUN_FRAME, name + ".trade", {}, start
            )
        return make_candidates(output, subjects, objects, view, power, name + ".passive", attributes, start)
    if token is not None and is_modifier(view, token):
        return []
    if rel_type == "appoint":
        return _appointment(view, ctx, start, end, power, name)
    subjects = _subjects(view, start, rel_type)
    if rel_type == "divestment":
        objects, buyers = _divested(view, end)
        out: list[Candidate] = []
        if view.language == "en":
            traded = [s for s in objects if s.type in EN_TRADED_TYPES]
            objects = [s for s in objects if s.type not in EN_TRADED_TYPES]
            out += make_candidates(
                "product", subjects, traded, view, strength.NOUN_FRAME, name + ".trade", {}, start
            )
        if not buyers:
            return out + make_candidates(output, subjects, objects, view, power, name, attributes, start)
        for buyer in buyers:
            attrs = dict(attributes, buyer=buyer.entity_id)
            out += make_candidates(output, subjects, objects, view, power, name, attrs, start)
        return out
    objects = _objects(view, rel_type, end, preps)
    if rel_type == "acquisition" and view.language == "en":
        stakes = [s for s in objects if compiled_rule(view.language, _STAKE_AFTER).match(view.masked, s.mend)]
        objects = [s for s in objects if s not in stakes]
        out_stakes = make_candidates(
            "stake", subjects, stakes, view, power, name + ".stake", attributes, start
        )
        return out_stakes + make_candidates(output, subjects, objects, view, power, name, attributes, start)
    if output == "role":
        if form in ROLE_TITLES:
            attributes["title"] = ROLE_TITLES[form]
        elif attributes["_past"] and not _SINCE.search(
            view.masked, max(0, start - SINCE_REACH), end + SINCE_REACH
        ):
            attributes["status"] = "former"
    if rel_type == "parent_verb":
        return _owned(subjects, objects, view, power, name, attributes, start)
    if rel_type == "merger" and len(subjects) > 1 and not objects:
        return make_candidates(output, subjects[:1], subjects[1:], view, power, name, attributes, start)
    return make_candidates(output, subjects, objects, view, power, name, attributes, start)


def _owned(
    owners: list[Slot],
    owned: list[Slot],
    view: View,
    power: float,
    name: str,
    attributes: dict[str, Any],
    start: int,
) -> list[Candidate]:
    """What an owning verb says: units of the companies that own them, stakes of the persons."""
    companies = [s for s in owners if s.type != "PER"]
    persons = [s for s in owners if s.type == "PER"]
    return make_candidates(
        "subsidiary", owned, companies, view, power, name, attributes, start
    ) + make_candidates("stake", persons, owned, view, power, name, attributes, start)


def _is_reflexive(token: Token | None, form: str) -> bool:
    """A one-word verb trigger with a reflexive clitic ("se vend", "s'est vendue")."""
    if token is None or " " in form or "'" in form or token.pos_ not in ("VERB", "AUX"):
        return False
    return any(child.lower_ in REFLEXIVE_FORMS for child in token.children)


def _appointment(view: View, ctx: Context, start: int, end: int, power: float, name: str) -> list[Candidate]:
    match = compiled_rule(view.language, _APPOINTED).match(view.masked, end)
    if match is None:
        return []
    persons = [s for s in view.slots_in(match.group("b")) if s.type == "PER"]
    orgs = view.slots_in(match.group("o") or "")
    board = list(compiled_rule(view.language, _BOARD).finditer(view.masked, 0, start))
    if not orgs and board:
        orgs = view.slots_in(board[-1].group("o"))
    if not orgs:
        boss = view.clause_subject(start)
        if boss is not None and boss.type == "ORG":
            orgs = [boss]
        elif "ORG" in ctx.main:
            orgs = [ctx.main["ORG"]]
    attributes: dict[str, Any] = {"status": "incoming"}
    if match.group("title"):
        attributes["title"] = " ".join(match.group("title").split())
    return make_candidates("role", persons, orgs, view, power, name, attributes, start)
