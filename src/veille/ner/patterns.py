"""Pattern detectors over a parsed text: each returns `Candidate`s with a type and its reason.

- corporate forms: a run of name words ending in a corporate suffix is an ORG ("BT Group",
  "Wedbush Securities", "France Télécom"; list in data/ner/corporate_suffixes.txt);
- given names: a given name followed by surname words is a PER ("Olivier Campenon", "Luca de Meo",
  'Tyler "Ninja" Blevins');
- context cues: a cue noun before a name gives its type ("sa plateforme Pickx" PRODUCT, "le cabinet
  Roundhill" ORG, "M. Plassat" PER); a list after the cue ("les marques Plon, Julliard et Nathan")
  gives every item the same type;
- apposition: a name followed by ", le dirigeant ..." is a PER.

Tokens come from spaCy; every offset is a character offset into the parsed text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from veille.doc import EntityType
from veille.ner import lexicon
from veille.ner.candidate import Candidate, Source
from veille.ner.rules import is_name_word
from veille.ner.tokens import Tok

#: Lowercase words allowed between a cue noun and the name ("la plateforme de streaming de jeux
#: vidéo Mixer" has 5); more and the name is no longer what the cue describes.
MAX_CUE_GAP = 5
#: Words allowed between a name's comma and a person title ("Sundar Pichai, le dirigeant",
#: "Olivier Campenon, nouveau directeur").
MAX_APPOSITION_GAP = 2
#: Longest name run read after a cue or a given name, in tokens.
MAX_NAME_TOKENS = 6
#: Longest item of a list that follows a cue ("Le Livre de poche", "Presses de la Cité").
MAX_LIST_ITEM_TOKENS = 5
#: Words that may sit inside a person name right after the given name ("Luca de Meo").
NAME_PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "d'",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "Le",
        "La",
        "De",
        "Van",
        "Von",
        "bin",
        "ben",
        "al",
        "el",
    }
)
INSTITUTION_LINKS = frozenset({"de", "du", "des", "d'", "de la", "la", "l'", "of", "the"})
#: Words a list item may continue with after its capitalised words ("Le Livre de poche").
ITEM_TAIL_WORDS = frozenset({"de", "du", "des", "d'", "la", "le", "l'"})
LIST_SEPARATORS = frozenset({",", "et", "ou", "and", "or", "&"})
#: Parts of speech a gap word between a cue and its name may have.
GAP_POS = frozenset({"ADP", "DET", "ADJ", "NOUN", "ADV", "NUM"})
#: Gap words of other parts of speech ("150 marques dont notamment Fayard").
GAP_WORDS = frozenset({"dont", "notamment", "comme", "including", "such", "as"})
#: A product cue whose name follows one of these names the owner ("le service de Google").
GENITIVES = frozenset({"de", "d'", "du", "des", "of", "by", "par"})
#: Parts of speech of the words between an apposition's comma and its title.
APPOSITION_POS = frozenset({"DET", "ADJ", "ADV"})
#: A cue word used as a verb ("BT offre une densité...") is no cue.
VERB_POS = frozenset({"VERB", "AUX"})
_QUOTES = frozenset({'"', "«", "»"})

_CUE_FILES: dict[str, EntityType] = {"org_cues": "ORG", "product_cues": "PRODUCT", "person_cues": "PER"}


@cache
def _cues_by_last_word() -> dict[str, list[tuple[str, EntityType]]]:
    """Cue phrases (lower case) keyed by their last word, longest first."""
    index: dict[str, list[tuple[str, EntityType]]] = {}
    for name, label in _CUE_FILES.items():
        for words in lexicon.phrases(name):
            phrase = " ".join(words)
            last = phrase.replace("'", "' ").split()[-1]
            index.setdefault(last, []).append((phrase, label))
    for cues in index.values():
        cues.sort(key=lambda cue: -len(cue[0]))
    return index


def _civilities() -> frozenset[str]:
    return frozenset(cue for cue in lexicon.exact("person_cues") if cue[:1].isupper())


def _is_first_name(text: str) -> bool:
    names = lexicon.exact("first_names")
    if text in names:
        return True
    head = text.split("-")[0]
    return "-" in text and head in names


def _name_run(tokens: Sequence[Tok], index: int, limit: int = MAX_NAME_TOKENS) -> int:
    """The index after the run of name words starting at `index` (== index when none)."""
    end = index
    while end < len(tokens) and end - index < limit:
        token = tokens[end]
        if token.is_space or (token.is_sent_start and end > index):
            break
        if is_name_word(token.text):
            end += 1
        elif token.text in {"-", "&", "+"} and end + 1 < len(tokens) and is_name_word(tokens[end + 1].text):
            end += 2
        else:
            break
    return end


def _span(tokens: Sequence[Tok], start: int, end: int) -> tuple[int, int]:
    return tokens[start].idx, tokens[end - 1].idx + len(tokens[end - 1].text)


def corporate_forms(tokens: Sequence[Tok]) -> Iterator[Candidate]:
    suffixes = lexicon.exact("corporate_suffixes")
    for index, token in enumerate(tokens):
        if token.text not in suffixes or index == 0:
            continue
        start = index
        while start > 0:
            previous = tokens[start - 1]
            if previous.is_space or not is_name_word(previous.text) or previous.text in suffixes:
                break
            if previous.is_sent_start and previous.is_stop:
                break
            start -= 1
            if token.i - start >= MAX_NAME_TOKENS:
                break
        if start < index:
            begin, end = _span(tokens, start, index + 1)
            yield Candidate(begin, end, "ORG", Source.PATTERN, detail=f"corporate:{token.text}")


def person_names(tokens: Sequence[Tok]) -> Iterator[Candidate]:
    """Given name + surname words; a quoted nickname may sit between them."""
    index = 0
    while index < len(tokens) - 1:
        token = tokens[index]
        if not _is_first_name(token.text):
            index += 1
            continue
        end = index + 1
        if tokens[end].text in _QUOTES and end + 3 < len(tokens) and tokens[end + 2].text in _QUOTES:
            end += 3  # Tyler "Ninja" Blevins
        while end < len(tokens) and tokens[end].text in NAME_PARTICLES and end + 1 < len(tokens):
            end += 1
        stop = _name_run(tokens, end, limit=3)
        suffixes = lexicon.exact("corporate_suffixes")
        while stop > end and tokens[stop - 1].text in suffixes:
            stop -= 1
        if stop > end and not tokens[index].is_space:
            begin, finish = _span(tokens, index, stop)
            yield Candidate(begin, finish, "PER", Source.PATTERN, detail="given-name")
            index = stop
        else:
            index += 1


def _cue_before(tokens: Sequence[Tok], index: int, text: str) -> tuple[EntityType, str] | None:
    """The cue (type, phrase) that introduces the name starting at token `index`, if any."""
    index_by_last = _cues_by_last_word()
    gap = 0
    position = index
    while position > 0 and gap <= MAX_CUE_GAP:
        previous = tokens[position - 1]
        if previous.is_space or (previous.is_punct and previous.text != "'"):
            return None
        word = previous.text.casefold()
        for phrase, label in index_by_last.get(word, ()) if previous.pos_ not in VERB_POS else ():
            before = text[: previous.idx + len(previous.text)].casefold()
            cut = len(before) - len(phrase)
            if before.endswith(phrase) and (cut == 0 or not before[cut - 1].isalnum()):
                if label == "PER" and gap > 0:
                    return None  # a title reaches only the name right after it
                if label == "PRODUCT" and gap > 0 and tokens[index - 1].text.casefold() in GENITIVES:
                    return None  # "la plateforme de streaming de Microsoft": the owner, not the product
                return label, phrase
        gap_word = previous.pos_ in GAP_POS or word in GAP_WORDS
        if is_name_word(previous.text) or not gap_word:
            return None
        gap += 1
        position -= 1
    return None


def _list_items(tokens: Sequence[Tok], index: int) -> Iterator[tuple[int, int]]:
    """(start, end) token ranges of the list items that follow the item ending at `index`."""
    position = index
    while position + 1 < len(tokens) and tokens[position].text in LIST_SEPARATORS:
        start = position + 1
        if not is_name_word(tokens[start].text):
            return
        end = _name_run(tokens, start)
        if end == start:
            return
        # a lowercase tail ("Le Livre de poche") belongs to the item only when the item ends there
        tail = end
        while (
            tail < len(tokens)
            and tail - start < MAX_LIST_ITEM_TOKENS
            and not tokens[tail].is_punct
            and tokens[tail].text not in LIST_SEPARATORS
            and (
                tokens[tail].text.casefold() in ITEM_TAIL_WORDS
                or tokens[tail].pos_ == "NOUN"
                or is_name_word(tokens[tail].text)
            )
        ):
            tail += 1
        closed = tail == len(tokens) or tokens[tail].text in LIST_SEPARATORS or tokens[tail].is_punct
        last = tokens[tail - 1]
        if tail > end and closed and (last.pos_ == "NOUN" or is_name_word(last.text)):
            end = tail
        yield start, end
        position = end


def cue_names(tokens: Sequence[Tok], text: str) -> Iterator[Candidate]:
    """Names introduced by a cue noun, and the list items that follow them."""
    civilities = _civilities()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not is_name_word(token.text) or token.text in civilities:
            index += 1
            continue
        end = _name_run(tokens, index)
        cue = _cue_before(tokens, index, text)
        if cue is None:
            index = max(end, index + 1)
            continue
        label, phrase = cue
        if label == "PER" and end - index < 2 and phrase not in {c.casefold() for c in civilities}:
            index = max(end, index + 1)
            continue  # "directeur France": a title before a single word is too weak
        begin, finish = _span(tokens, index, end)
        yield Candidate(begin, finish, label, Source.CUE, detail=f"cue:{phrase}")
        last = end
        if label != "PER":
            for item_start, item_end in _list_items(tokens, end):
                begin, finish = _span(tokens, item_start, item_end)
                yield Candidate(begin, finish, label, Source.CUE, detail=f"list:{phrase}")
                last = item_end
        index = max(last, index + 1)


def institutions(tokens: Sequence[Tok]) -> Iterator[Candidate]:
    """'université de Toulouse-III', "University of Southern California": head noun + of + name."""
    heads = lexicon.folded("institution_heads")
    for index, token in enumerate(tokens):
        if token.text.casefold() not in heads or index + 2 >= len(tokens):
            continue
        position = index + 1
        while position < len(tokens) and tokens[position].text.casefold() in INSTITUTION_LINKS:
            position += 1
        if position == index + 1 or position >= len(tokens):
            continue
        end = _name_run(tokens, position)
        if end == position:
            continue
        # a second part: "de Californie du Sud"
        if end + 1 < len(tokens) and tokens[end].text.casefold() in INSTITUTION_LINKS:
            more = _name_run(tokens, end + 1, limit=2)
            if more > end + 1:
                end = more
        begin, finish = _span(tokens, index, end)
        yield Candidate(begin, finish, "ORG", Source.CUE, detail=f"institution:{token.text.casefold()}")


def appositions(tokens: Sequence[Tok]) -> Iterator[Candidate]:
    """'Name, [det/adj] title' makes the name a person ("Sundar Pichai, le dirigeant d'Alphabet")."""
    titles = lexicon.folded("person_cues")
    for index, token in enumerate(tokens):
        if token.text != "," or index == 0:
            continue
        position = index + 1
        while position < len(tokens) and position - index - 1 < MAX_APPOSITION_GAP:
            if tokens[position].pos_ not in APPOSITION_POS:
                break
            position += 1
        if position >= len(tokens) or tokens[position].text.casefold() not in titles:
            continue
        start = index
        while start > 0 and is_name_word(tokens[start - 1].text) and index - start < 3:
            start -= 1
            if _is_first_name(tokens[start].text):
                break  # "au Figaro Olivier Campenon, nouveau directeur": the person starts here
        if (start < index and not tokens[start].is_sent_start) or index - start >= 2:
            begin, end = _span(tokens, start, index)
            yield Candidate(begin, end, "PER", Source.CUE, detail="apposition")


def find_patterns(tokens: Sequence[Tok], text: str) -> list[Candidate]:
    """Every pattern candidate of a parsed text (`tokens` from `tokens.read_tokens`)."""
    return [
        *corporate_forms(tokens),
        *person_names(tokens),
        *cue_names(tokens, text),
        *appositions(tokens),
        *institutions(tokens),
    ]
