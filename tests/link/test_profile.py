"""`veille entity NAME`: the profile of an entity read from the store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from link_support import article, small_gazetteer

from veille.link.kb import KnowledgeBase
from veille.link.linker import EntityLinker
from veille.link.profile import entity_profile, format_profile
from veille.record import to_record
from veille.store import Store


@pytest.fixture()
def store() -> Iterator[Store]:
    gazetteer = small_gazetteer()
    linker = EntityLinker(KnowledgeBase(gazetteer))
    docs = [
        article(
            "BT Group (ex British Telecom) revient.",
            [("BT Group", "ORG", ["British Telecom"])],
            path="bt1.txt",
            gazetteer=gazetteer,
        ),
        article("BT cuts jobs. BT said so.", [("BT", "ORG", [])], path="bt2.txt", gazetteer=gazetteer),
        article(
            "Canal+ et Canal+ Afrique.",
            [("Canal+", "ORG", []), ("Canal+ Afrique", "ORG", [])],
            path="c.txt",
            gazetteer=gazetteer,
        ),
        # "Canal" shares the store norm "canal" with "Canal+", and is named in more documents.
        article("Canal ouvre.", [("Canal", "ORG", [])], path="k1.txt"),
        article("Canal ferme.", [("Canal", "ORG", [])], path="k2.txt"),
    ]
    docs[0].title, docs[0].published = "BT revient en France", "2004-01-15"
    docs[1].title, docs[1].published = "BT cuts jobs", "2020-05-18"
    with Store(":memory:") as opened:
        opened.add_documents([(doc, to_record(linker.process(doc))) for doc in docs])
        yield opened


def test_profile_by_alias(store: Store) -> None:
    profile = entity_profile(store, "british telecom")
    assert profile is not None
    assert (profile["id"], profile["name"], profile["type"], profile["matched_by"]) == (
        "org:bt-group",
        "BT Group",
        "ORG",
        "alias",
    )
    assert set(profile["aliases"]) == {"BT", "British Telecom"}
    documents = profile["documents"]
    assert [(d["path"], d["published"], d["mentions"]) for d in documents] == [
        ("bt2.txt", "2020-05-18", 2),
        ("bt1.txt", "2004-01-15", 2),
    ]
    text = format_profile(profile)
    assert "BT Group  (ORG, org:bt-group)" in text and "BT cuts jobs" in text


def test_profile_by_id_and_fuzzy(store: Store) -> None:
    by_id = entity_profile(store.connection, "org:canal-plus-afrique")
    assert by_id is not None and by_id["matched_by"] == "id" and by_id["name"] == "Canal+ Afrique"
    near = entity_profile(store, "Britsh Telecom")
    assert near is not None and (near["id"], near["matched_by"]) == ("org:bt-group", "fuzzy")
    assert entity_profile(store, "Zorglub Industries") is None


def test_plus_sign_decides_between_names_sharing_a_norm(store: Store) -> None:
    """The store's norm drops '+': 'Canal+' asks for Canal+, not a 'Canal' sharing its norm."""
    profile = entity_profile(store, "Canal+")
    assert profile is not None and (profile["id"], profile["others"]) == ("org:canal-plus", ["org:canal"])
    plain = entity_profile(store, "canal")
    assert plain is not None and plain["id"] == "org:canal"


def test_gazetteer_form_no_article_used(store: Store) -> None:
    """ "Canal Plus" is in the gazetteer, not in any stored article: the stored Canal+ answers."""
    profile = entity_profile(store, "Canal Plus", gazetteer=small_gazetteer())
    assert profile is not None and (profile["id"], profile["matched_by"]) == ("org:canal-plus", "gazetteer")
