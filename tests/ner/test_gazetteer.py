"""The curated gazetteer: data files well formed, ids canonical, lookups guarded, dev-gold coverage."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections import defaultdict
from pathlib import Path

import pytest

from veille.errors import ConfigError
from veille.ner.gazetteer import (
    AMBIGUOUS_COLUMNS,
    AMBIGUOUS_FILE,
    COLUMNS,
    DATA_DIR,
    RULE_CASE,
    RULE_CONTEXT,
    RULE_DISTINCT,
    TYPE_PREFIX,
    Gazetteer,
    entity_files,
    fix_file,
    load_gazetteer,
    make_id,
    normalise,
    read_ambiguous,
    read_entries,
    read_gazetteer,
    slugify,
    sort_key,
)

MIN_ENTRIES = 2500
# Load time budget of the brief; measured ~0.09 s for ~3,400 entries on the dev machine.
MAX_LOAD_SECONDS = 0.3
# Dev-gold ORG/PRODUCT coverage measured 176/176 = 100%. The gold entity list was read while curating,
# so this is a regression guard, not an estimate of coverage on unseen articles.
MIN_GOLD_COVERAGE = 0.95
# Forms of at most this many characters ('BT', 'M6', 'X') collide with abbreviations: each needs a guard row.
SHORT_FORM = 2
COUNTRY = re.compile(r"^([A-Z]{2})?$")
KIND = re.compile(r"^[a-z][a-z_]*$")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return read_gazetteer()


def test_slug_rule() -> None:
    assert slugify("BT Group") == "bt-group"
    assert slugify("Télécom  Paris") == "telecom-paris"
    assert slugify("L’Oréal") == "l-oreal"
    assert slugify("Canal+") == "canal-plus"
    assert slugify("Œuvre & Co.") == "oeuvre-co"
    assert make_id("ORG", "Bouygues Telecom") == "org:bouygues-telecom"
    assert make_id("PRODUCT", "Disney+") == "product:disney-plus"
    assert make_id("PRODUCT", "Pickx") == "product:pickx"
    with pytest.raises(ConfigError):
        make_id("COMPANY", "X")
    with pytest.raises(ConfigError):
        make_id("ORG", "--")


def test_normalise_folds_case_accents_punctuation() -> None:
    assert normalise("France Télécom") == normalise("FRANCE TELECOM") == "france telecom"
    assert normalise("Canal+") == normalise("Canal Plus") == "canal plus"
    assert normalise("T-Mobile") == "t mobile"
    assert normalise("AT&T") == "at & t"


def test_headers_and_rows_parse() -> None:
    files = entity_files()
    assert len(files) >= 5
    for path in files:
        assert path.read_text(encoding="utf-8").splitlines()[0].split("\t") == list(COLUMNS)
        assert read_entries(path), path.name
    ambiguous = DATA_DIR / AMBIGUOUS_FILE
    assert ambiguous.read_text(encoding="utf-8").splitlines()[0].split("\t") == list(AMBIGUOUS_COLUMNS)
    assert read_ambiguous(ambiguous)


def test_files_sorted_without_duplicate_lines() -> None:
    for path in [*entity_files(), DATA_DIR / AMBIGUOUS_FILE]:
        rows = [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()[1:]]
        assert len(rows) == len(set(rows)), path.name
        expected = sorted(rows, key=sort_key) if path.name == AMBIGUOUS_FILE else sorted(rows)
        assert rows == expected, f"{path.name} is not sorted: run python -m veille.ner.gazetteer --fix"


def test_ids_are_canonical_and_unique(gazetteer: Gazetteer) -> None:
    seen: set[str] = set()
    for entry in gazetteer.entries:
        assert entry.id == make_id(entry.type, entry.name), (entry.source, entry.name)
        assert entry.id not in seen
        seen.add(entry.id)


def test_fields_are_well_formed(gazetteer: Gazetteer) -> None:
    for entry in gazetteer.entries:
        assert entry.type in TYPE_PREFIX
        assert COUNTRY.match(entry.country), (entry.id, entry.country)
        assert KIND.match(entry.kind), (entry.id, entry.kind)
        forms = entry.forms()
        assert all(form == form.strip() and form for form in forms), entry.id
        # spelling variants that fold to one key are kept on purpose (PhraseMatcher, case guards)
        assert len(set(forms)) == len(forms), f"repeated form in {entry.id}"


def test_short_forms_are_guarded(gazetteer: Gazetteer) -> None:
    declared = {(normalise(form.name), form.id) for form in gazetteer.ambiguous}
    short = {
        (normalise(form), entry.id)
        for entry in gazetteer.entries
        for form in entry.forms()
        if len(form) <= SHORT_FORM
    }
    assert short and short <= declared, sorted(short - declared)


def test_parents_exist_without_cycles(gazetteer: Gazetteer) -> None:
    for entry in gazetteer.entries:
        if entry.parent:
            assert entry.parent in gazetteer.by_id, (entry.id, entry.parent)
            assert entry.parent != entry.id
            assert entry.id not in {parent.id for parent in gazetteer.ancestors(entry.id)}
    assert [e.id for e in gazetteer.ancestors("org:tf1")] == ["org:groupe-tf1", "org:bouygues"]


def test_shared_surfaces_are_declared_ambiguous(gazetteer: Gazetteer) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in gazetteer.entries:
        for form in entry.forms():
            owners[normalise(form)].add(entry.id)
    declared = {(normalise(form.name), form.id) for form in gazetteer.ambiguous}
    undeclared = {
        key: ids
        for key, ids in owners.items()
        if len(ids) > 1 and any((key, entity_id) not in declared for entity_id in ids)
    }
    assert not undeclared


def test_ambiguous_rows_point_at_real_forms(gazetteer: Gazetteer) -> None:
    for form in gazetteer.ambiguous:
        assert form.id in gazetteer.by_id, form
        assert form.note, form
        if form.rule in (RULE_CASE, RULE_CONTEXT, RULE_DISTINCT):
            forms = {normalise(f) for f in gazetteer.by_id[form.id].forms()}
            assert normalise(form.name) in forms, form


def _ids(gazetteer: Gazetteer, surface: str, **kwargs: bool) -> list[str]:
    return [entry.id for entry in gazetteer.lookup(surface, **kwargs)]


def test_lookup_is_case_and_accent_insensitive(gazetteer: Gazetteer) -> None:
    assert (
        _ids(gazetteer, "Deutsche Telekom") == _ids(gazetteer, "DEUTSCHE TELEKOM") == ["org:deutsche-telekom"]
    )
    assert _ids(gazetteer, "Arcep") == _ids(gazetteer, "ARCEP") == ["org:arcep"]
    assert _ids(gazetteer, "Telefonica")[0] == "org:telefonica"
    assert _ids(gazetteer, "BFM TV") == _ids(gazetteer, "BFMTV") == ["org:bfmtv"]
    assert _ids(gazetteer, "British Telecom") == ["org:bt-group"]
    assert _ids(gazetteer, "l'ONU") == ["org:onu"]
    assert _ids(gazetteer, "Compagnie imaginaire des ondes") == []


def test_case_guard_on_common_words(gazetteer: Gazetteer) -> None:
    assert _ids(gazetteer, "Orange") == ["org:orange"]
    assert _ids(gazetteer, "orange") == []
    assert _ids(gazetteer, "orange", case_sensitive=False) == ["org:orange"]
    assert _ids(gazetteer, "CES") == ["misc:ces"]
    assert _ids(gazetteer, "ces") == []
    assert _ids(gazetteer, "free") == []
    assert _ids(gazetteer, "le monde") == []
    assert _ids(gazetteer, "Le Monde") == ["org:le-monde"]
    assert gazetteer.needs_context("Amazon", "org:amazon")
    assert not gazetteer.needs_context("Netflix", "org:netflix")


def test_shared_and_preferred_forms(gazetteer: Gazetteer) -> None:
    rtl = _ids(gazetteer, "RTL")
    assert rtl[0] == "org:rtl" and {"org:rtl-group", "org:rtl-belgium"} <= set(rtl)
    assert _ids(gazetteer, "Bouygues")[0] == "org:bouygues"
    assert _ids(gazetteer, "Facebook")[0] == "org:facebook"
    assert _ids(gazetteer, "Canal+") == ["org:canal-plus", "org:groupe-canal-plus"]
    assert _ids(gazetteer, "Canal+ Afrique") == ["org:canal-plus-afrique"]
    assert _ids(gazetteer, "Disney+") == ["product:disney-plus"]
    assert _ids(gazetteer, "Disney") == ["org:the-walt-disney-company"]


def test_former_names_link_to_the_current_entity(gazetteer: Gazetteer) -> None:
    assert _ids(gazetteer, "France Télécom") == ["org:orange"]
    assert _ids(gazetteer, "France Télécom", include_former=False) == []
    assert _ids(gazetteer, "Twitter") == ["org:x"]
    assert _ids(gazetteer, "Belgacom") == ["org:proximus"]
    assert gazetteer.by_id["org:google"].parent == "org:alphabet"


def test_surface_forms_cover_names_and_aliases(gazetteer: Gazetteer) -> None:
    forms = list(gazetteer.surface_forms())
    assert len(forms) > len(gazetteer.entries)
    assert ("British Telecom", gazetteer.by_id["org:bt-group"]) in forms
    without_former = {form for form, _ in gazetteer.surface_forms(include_former=False)}
    assert "France Télécom" not in without_former and "Orange" in without_former


def test_counts(gazetteer: Gazetteer) -> None:
    counts: dict[str, int] = defaultdict(int)
    for entry in gazetteer.entries:
        counts[entry.type] += 1
    ambiguous = len(gazetteer.ambiguous)
    print(f"gazetteer: {len(gazetteer.entries)} entries {dict(counts)}, {ambiguous} ambiguous rows")
    assert len(gazetteer.entries) >= MIN_ENTRIES
    assert counts["ORG"] >= 2000 and counts["PRODUCT"] >= 200


def test_load_time() -> None:
    best = min(_timed_read() for _ in range(3))
    print(f"gazetteer read in {best:.3f} s")
    assert best < MAX_LOAD_SECONDS
    assert load_gazetteer() is load_gazetteer()


def _timed_read() -> float:
    start = time.perf_counter()
    read_gazetteer()
    return time.perf_counter() - start


def test_fix_fills_ids_and_sorts(tmp_path: Path) -> None:
    path = tmp_path / "extra.tsv"
    path.write_text(
        "\t".join(COLUMNS)
        + "\n"
        + "\tZeta Télécom\tORG\t\toperator\tFR\t\t\n"
        + "org:alpha\tAlpha\tORG\tA1|Alpha SA\ttech\t\t\t\n",
        encoding="utf-8",
    )
    assert fix_file(path) == 2
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    assert [row.split("\t")[0] for row in rows] == ["org:alpha", "org:zeta-telecom"]
    shutil.copy(DATA_DIR / AMBIGUOUS_FILE, tmp_path / AMBIGUOUS_FILE)
    assert read_gazetteer(tmp_path).lookup("Zeta Telecom")[0].id == "org:zeta-telecom"


def test_malformed_rows_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("\t".join(COLUMNS) + "\norg:x\tX\tORG\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:2"):
        read_entries(path)
    path.write_text("id\tname\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="header"):
        read_entries(path)
    folder = tmp_path / "dup"
    folder.mkdir()
    row = "\t".join(COLUMNS) + "\norg:x\tX\tORG\t\ttech\t\t\t\n"
    (folder / "a.tsv").write_text(row, encoding="utf-8")
    (folder / "b.tsv").write_text(row, encoding="utf-8")
    with pytest.raises(ConfigError, match="duplicate id org:x"):
        read_gazetteer(folder)


def test_dev_gold_coverage(shared: Path, gazetteer: Gazetteer) -> None:
    gold_path = shared / "eval" / "dev" / "gold.json"
    if not gold_path.exists():
        pytest.skip(f"{gold_path} not found")
    wanted = [
        entity
        for article in json.loads(gold_path.read_text(encoding="utf-8"))
        for entity in article["entities"]
        if entity["type"] in ("ORG", "PRODUCT")
    ]
    covered = [
        entity
        for entity in wanted
        if any(gazetteer.lookup(form) for form in [entity["name"], *(entity.get("aliases") or [])])
    ]
    share = len(covered) / len(wanted)
    print(f"dev gold ORG/PRODUCT covered: {len(covered)}/{len(wanted)} = {share:.1%}")
    assert share >= MIN_GOLD_COVERAGE
