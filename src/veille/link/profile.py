"""`veille entity NAME`: what the store knows of one entity.

`entity_profile(db, name)` finds the entity by id ("org:bt-group"), then by the exact alias
norm ("british telecom"), then by a gazetteer name or alias of a stored entity (a form no
article used yet), then by the nearest alias (rapidfuzz `WRatio` over every stored norm,
at least `MIN_PROFILE_SCORE`); among entities sharing a form it takes the one named in most
documents and lists the others under `others`. It returns a plain dict, or None when nothing
is close enough; `format_profile` renders it for the terminal.
"""

from __future__ import annotations

import logging
from typing import Any

import duckdb
from rapidfuzz import fuzz, process

from veille.link.fuzzy import key
from veille.ner.gazetteer import Gazetteer, load_gazetteer
from veille.store import Store, queries
from veille.store.rows import alias_norm

LOGGER = logging.getLogger(__name__)

#: rapidfuzz WRatio (0-100) an alias must reach to answer a name that matches no alias exactly.
#: "Finacial Times" -> "financial times" scores 97, "Canal" -> "canal afrique" 90 (a partial
#: match), a swapped letter in a short name 80 ("apple"/"appel"), unrelated names below 60
#: ("sfr"/"free" 57). Set by hand on those examples.
MIN_PROFILE_SCORE = 85.0
#: How many documents `format_profile` lists before "... and N more".
SHOWN_DOCUMENTS = 20


def _connection(db: Store | duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return db.connection if isinstance(db, Store) else db


def _find(
    con: duckdb.DuckDBPyConnection, name: str, gazetteer: Gazetteer
) -> tuple[str, str, list[str]] | None:
    """(entity id, how it was found, other candidate ids) for `name`; None when nothing is close."""
    query = name.strip()
    if queries.entity_row(con, query) is not None:
        return query, "id", []
    norm = alias_norm(query)
    if not norm:
        return None
    exact = [entity_id for entity_id, _ in queries.entity_ids_by_norm(con, norm)]
    if exact:
        # The norm drops '+': "Canal+" and "Canal" share it; prefer entities written as asked.
        same = [i for i in exact if any(key(a) == key(query) for a in queries.entity_aliases(con, i))]
        ranked = same + [i for i in exact if i not in same]
        return ranked[0], "alias", ranked[1:]
    for entry in gazetteer.lookup(query, include_former=False):
        if queries.entity_row(con, entry.id) is not None:  # a form no article used, known to the gazetteer
            return entry.id, "gazetteer", []
    norms = queries.alias_norms(con)
    choices = sorted({n for n, _ in norms})
    best = process.extractOne(norm, choices, scorer=fuzz.WRatio, score_cutoff=MIN_PROFILE_SCORE)
    if best is None:
        return None
    near = queries.entity_ids_by_norm(con, str(best[0]))
    if not near:
        return None
    return near[0][0], "fuzzy", [entity_id for entity_id, _ in near[1:]]


def entity_profile(
    db: Store | duckdb.DuckDBPyConnection, name: str, *, gazetteer: Gazetteer | None = None
) -> dict[str, Any] | None:
    """Canonical name, type, aliases and the documents mentioning the entity `name` denotes.

    {"query", "id", "name", "type", "matched_by": "id"|"alias"|"gazetteer"|"fuzzy", "aliases": [...],
     "documents": [{"id", "title", "published", "path", "mentions"}], "others": [ids]}
    """
    con = _connection(db)
    found = _find(con, name, gazetteer if gazetteer is not None else load_gazetteer())
    if found is None:
        LOGGER.info("no entity matches %r", name)
        return None
    entity_id, matched_by, others = found
    row = queries.entity_row(con, entity_id)
    if row is None:
        return None
    _, canonical, entity_type = row
    aliases = [alias for alias in queries.entity_aliases(con, entity_id) if alias != canonical]
    return {
        "query": name,
        "id": entity_id,
        "name": canonical,
        "type": entity_type,
        "matched_by": matched_by,
        "aliases": aliases,
        "documents": queries.entity_documents(con, entity_id),
        "others": others,
    }


def format_profile(profile: dict[str, Any]) -> str:
    """The profile as lines of text for the terminal."""
    lines = [
        f"{profile['name']}  ({profile['type']}, {profile['id']})",
        f"  aliases: {', '.join(profile['aliases']) or '-'}",
    ]
    if profile["matched_by"] == "fuzzy":
        lines.append(f"  (closest match for {profile['query']!r})")
    if profile["others"]:
        lines.append(f"  other entities with this name: {', '.join(profile['others'])}")
    documents = profile["documents"]
    lines.append(f"  documents: {len(documents)}")
    for document in documents[:SHOWN_DOCUMENTS]:
        published = document["published"] or "undated"
        title = document["title"] or "(no title)"
        lines.append(f"    {published:<10}  {title}  [{document['path'] or document['id']}]")
    if len(documents) > SHOWN_DOCUMENTS:
        lines.append(f"    ... and {len(documents) - SHOWN_DOCUMENTS} more")
    return "\n".join(lines)
