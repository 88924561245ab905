"""The curated gazetteer: known organisations, products and people, with ids, aliases and parents.

Data lives in `veille/data/gazetteer/*.tsv` (one entity a line, see `COLUMNS`) and
`veille/data/gazetteer/ambiguous.tsv` (surface forms that are common words or shared by several
entities, with the guard to apply). `load_gazetteer()` reads them once and indexes every name,
alias and former name by a normalised key (case-, accent- and punctuation-insensitive).

Ids follow one rule, `make_id(type, name)`: a type prefix, ":", then `slugify(name)`.
`python -m veille.ner.gazetteer --fix` fills blank ids and sorts the data files in place.
"""

from __future__ import annotations

import logging
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from veille.data.tables import read_rows
from veille.errors import ConfigError

LOGGER = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
AMBIGUOUS_FILE = "ambiguous.tsv"
COLUMNS = ("id", "name", "type", "aliases", "kind", "country", "parent", "former")
AMBIGUOUS_COLUMNS = ("name", "id", "rule", "note")
LIST_SEP = "|"

TYPE_PREFIX = {"ORG": "org", "PER": "per", "LOC": "loc", "PRODUCT": "product", "MISC": "misc"}

# Guard rules of ambiguous.tsv, as machine-readable codes.
RULE_CASE = "case"  # the form is a common word: match it only with the exact capitalisation listed
RULE_CONTEXT = "context"  # needs a business cue (an ORG span, a sector word) next to it; the form matches
RULE_SHARED = "shared"  # several entities use this form; the linker picks one by context
RULE_PREFER = "prefer"  # several entities use this form; alone, it means this id (listed first)
RULE_DISTINCT = "distinct"  # looks like a variant of another entity's name but is a different entity
RULES = frozenset({RULE_CASE, RULE_CONTEXT, RULE_SHARED, RULE_PREFER, RULE_DISTINCT})

# Letters that NFKD does not decompose into ASCII.
_FOLD = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "’": "'",
        "‘": "'",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_KEY = re.compile(r"[^a-z0-9&]+")
# 'l'ONU', 'le JDD', 'the Guardian': retried without the article when the whole form is unknown.
_LEADING_ARTICLE = re.compile(r"^(?:le|la|les|the)\s+|^l['’]\s*", re.IGNORECASE)


def ascii_fold(text: str) -> str:
    """`text` without accents: 'Télécom' -> 'Telecom', 'Œuvre' -> 'OEuvre'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(name: str) -> str:
    """Lowercase ASCII, '+' spelled 'plus' (Canal+ vs Canal), other non-alphanumerics -> '-', collapsed."""
    folded = ascii_fold(name).lower().replace("+", " plus ")
    return _NON_ALNUM.sub("-", folded).strip("-")


def make_id(entity_type: str, name: str) -> str:
    """The canonical id of an entity: 'org:bt-group' for ('ORG', 'BT Group')."""
    prefix = TYPE_PREFIX.get(entity_type)
    if prefix is None:
        raise ConfigError(f"unknown entity type {entity_type!r}, expected one of {sorted(TYPE_PREFIX)}")
    slug = slugify(name)
    if not slug:
        raise ConfigError(f"name {name!r} has no letter or digit to build an id from")
    return f"{prefix}:{slug}"


def normalise(surface: str) -> str:
    """The lookup key of a surface form: case, accents and punctuation dropped, '+' read 'plus'.

    'L’Oréal' -> 'l oreal', 'Canal+' -> 'canal plus', 'AT&T' -> 'at & t', 'BFM TV' -> 'bfm tv'.
    """
    folded = ascii_fold(surface).lower().replace("+", " plus ").replace("&", " & ")
    return " ".join(_NON_KEY.sub(" ", folded).split())


def compact(key: str) -> str:
    """A key with its spaces removed, so that 'BFMTV' finds 'BFM TV'."""
    return key.replace(" ", "")


@dataclass(frozen=True, slots=True)
class Entry:
    """One entity of the gazetteer."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    parent: str
    former: tuple[str, ...]
    source: str  # data file name, for messages

    def forms(self, include_former: bool = True) -> tuple[str, ...]:
        """Name first, then aliases, then (optionally) former names."""
        extra = self.former if include_former else ()
        return (self.name, *self.aliases, *extra)


@dataclass(frozen=True, slots=True)
class AmbiguousForm:
    """A row of ambiguous.tsv: a risky surface form, the entity it may denote and the guard."""

    name: str
    id: str
    rule: str
    note: str


@dataclass(frozen=True, slots=True)
class _Hit:
    entry: Entry
    form: str
    key: str
    rank: int  # RANK_*: lower sorts first
    former: bool


RANK_PREFERRED, RANK_NAME, RANK_ALIAS, RANK_FORMER = range(4)


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(LIST_SEP) if part.strip())


def _read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of a gazetteer file whose first row names `columns`."""
    return read_rows(path, len(columns), header=columns)


def read_entries(path: Path) -> list[Entry]:
    """Parse one entity file; raises ConfigError naming the file and line when a row is malformed."""
    entries = []
    for number, cells in _read_rows(path, COLUMNS):
        entity_id, name, entity_type, aliases, kind, country, parent, former = cells
        if entity_type not in TYPE_PREFIX:
            raise ConfigError(f"{path.name}:{number}: unknown type {entity_type!r}")
        entries.append(
            Entry(
                entity_id,
                name,
                entity_type,
                _split_list(aliases),
                kind,
                country,
                parent,
                _split_list(former),
                path.name,
            )
        )
    return entries


def read_ambiguous(path: Path) -> list[AmbiguousForm]:
    """Parse ambiguous.tsv; raises ConfigError on an unknown rule."""
    rows = []
    for number, (name, entity_id, rule, note) in _read_rows(path, AMBIGUOUS_COLUMNS):
        if rule not in RULES:
            raise ConfigError(f"{path.name}:{number}: unknown rule {rule!r}, expected one of {sorted(RULES)}")
        rows.append(AmbiguousForm(name, entity_id, rule, note))
    return rows


class Gazetteer:
    """Entries indexed by normalised surface form; `lookup` returns the candidates for a mention."""

    def __init__(self, entries: list[Entry], ambiguous: list[AmbiguousForm]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.by_id: dict[str, Entry] = {entry.id: entry for entry in entries}
        self.ambiguous: tuple[AmbiguousForm, ...] = tuple(ambiguous)
        self._index: dict[str, list[_Hit]] = {}
        self._compact: dict[str, list[_Hit]] = {}
        self._context_guard = {(normalise(row.name), row.id) for row in ambiguous if row.rule == RULE_CONTEXT}
        # A guarded key matches only when written exactly like one of its listed spellings.
        self._case_guard: dict[str, set[str]] = {}
        for row in ambiguous:
            if row.rule == RULE_CASE:
                self._case_guard.setdefault(normalise(row.name), set()).add(row.name)
        self._index_entries(entries, ambiguous)

    def _index_entries(self, entries: list[Entry], ambiguous: list[AmbiguousForm]) -> None:
        preferred = {(normalise(row.name), row.id) for row in ambiguous if row.rule == RULE_PREFER}
        for entry in entries:
            for rank, forms in (
                (RANK_NAME, (entry.name,)),
                (RANK_ALIAS, entry.aliases),
                (RANK_FORMER, entry.former),
            ):
                for form in forms:
                    key = normalise(form)
                    best = RANK_PREFERRED if (key, entry.id) in preferred else rank
                    self._add_form(_Hit(entry, form, key, best, rank == RANK_FORMER))
        for row in ambiguous:  # a shared form may name an entity that does not list it (RTL -> RTL Group)
            if row.rule in (RULE_SHARED, RULE_PREFER) and row.id in self.by_id:
                rank = RANK_PREFERRED if row.rule == RULE_PREFER else RANK_ALIAS
                self._add_form(_Hit(self.by_id[row.id], row.name, normalise(row.name), rank, False))

    def _add_form(self, hit: _Hit) -> None:
        self._add(self._index, hit.key, hit)
        self._add(self._compact, compact(hit.key), hit)
        spellings = self._case_guard.get(hit.key)
        if spellings is not None:
            spellings.add(hit.form)

    @staticmethod
    def _add(index: dict[str, list[_Hit]], key: str, hit: _Hit) -> None:
        hits = index.setdefault(key, [])
        same = next((i for i, old in enumerate(hits) if old.entry.id == hit.entry.id), None)
        if same is None:
            hits.append(hit)
        elif (hit.rank, hit.former) < (hits[same].rank, hits[same].former):
            hits[same] = hit

    def lookup(
        self, surface: str, *, case_sensitive: bool = True, include_former: bool = True
    ) -> list[Entry]:
        """Candidate entries for a mention, best first (preferred, then by name, alias, former name).

        With `case_sensitive` (the default), forms that ambiguous.tsv marks `case` match only when
        written exactly as listed ('Orange' finds the operator, 'orange' finds nothing).
        """
        return [hit.entry for hit in self._hits(surface, case_sensitive, include_former)]

    def needs_context(self, surface: str, entity_id: str) -> bool:
        """True when ambiguous.tsv says this form denotes `entity_id` only with a business cue nearby."""
        return (normalise(surface), entity_id) in self._context_guard

    def _find(self, surface: str) -> tuple[str, list[_Hit]]:
        """Hits for the surface as written, then without spaces, then without a leading article."""
        key = normalise(surface)
        hits = self._index.get(key) or self._compact.get(compact(key))
        if hits:
            return surface, hits
        bare = _LEADING_ARTICLE.sub("", surface.strip())
        if bare != surface.strip():
            key = normalise(bare)
            return bare, self._index.get(key) or self._compact.get(compact(key), [])
        return surface, []

    def _hits(self, surface: str, case_sensitive: bool, include_former: bool) -> list[_Hit]:
        surface, hits = self._find(surface)
        kept = []
        for hit in hits:
            if hit.former and not include_former:
                continue
            spellings = self._case_guard.get(hit.key)
            if case_sensitive and spellings is not None and surface.strip() not in spellings:
                continue
            kept.append(hit)
        return sorted(kept, key=lambda hit: hit.rank)

    def surface_forms(self, include_former: bool = True) -> Iterator[tuple[str, Entry]]:
        """Every (form, entry) pair: names, aliases and former names, for a PhraseMatcher."""
        for entry in self.entries:
            for form in entry.forms(include_former):
                yield form, entry

    def ancestors(self, entity_id: str) -> list[Entry]:
        """Parent, grandparent... of an entity, nearest first (stops on a cycle)."""
        chain: list[Entry] = []
        seen = {entity_id}
        parent = self.by_id[entity_id].parent if entity_id in self.by_id else ""
        while parent and parent not in seen and parent in self.by_id:
            seen.add(parent)
            chain.append(self.by_id[parent])
            parent = self.by_id[parent].parent
        return chain


def entity_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """The entity TSV files (every *.tsv but ambiguous.tsv), sorted by name."""
    return sorted(path for path in data_dir.glob("*.tsv") if path.name != AMBIGUOUS_FILE)


def read_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Read the data files of `data_dir` (uncached); raises ConfigError on a duplicate id."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for path in entity_files(data_dir):
        for entry in read_entries(path):
            if entry.id in seen:
                raise ConfigError(f"duplicate id {entry.id} in {path.name} and {seen[entry.id]}")
            seen[entry.id] = path.name
            entries.append(entry)
    ambiguous_path = data_dir / AMBIGUOUS_FILE
    ambiguous = read_ambiguous(ambiguous_path) if ambiguous_path.exists() else []
    LOGGER.debug("gazetteer: %d entries, %d ambiguous forms from %s", len(entries), len(ambiguous), data_dir)
    return Gazetteer(entries, ambiguous)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    return read_gazetteer(DATA_DIR)


def sort_key(cells: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Order of ambiguous.tsv rows: by normalised form, then by cells (entity files sort by id)."""
    return normalise(cells[0]), cells


def fix_file(path: Path) -> int:
    """Fill blank ids with make_id(type, name), drop duplicate lines, sort rows; returns the row count."""
    columns = AMBIGUOUS_COLUMNS if path.name == AMBIGUOUS_FILE else COLUMNS
    rows = {tuple(cells) for _, cells in _read_rows(path, columns)}
    if columns == COLUMNS:
        rows = {(cells[0] or make_id(cells[2], cells[1]), *cells[1:]) for cells in rows}
    ordered = sorted(rows, key=sort_key if columns == AMBIGUOUS_COLUMNS else None)
    text = "\n".join("\t".join(cells) for cells in [columns, *ordered]) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(ordered)


def main(argv: list[str]) -> int:
    """`python -m veille.ner.gazetteer --fix`: normalise every data file in place."""
    if argv != ["--fix"]:
        sys.stderr.write("usage: python -m veille.ner.gazetteer --fix\n")
        return 2
    for path in [*entity_files(), DATA_DIR / AMBIGUOUS_FILE]:
        if path.exists():
            sys.stderr.write(f"{path.name}: {fix_file(path)} rows\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
