"""The JSON API: every endpoint over a hand-built store, its limits, and the served OpenAPI schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from desk_data import build_store
from veille.doc import Doc
from veille.serve.app import allowed_hosts_for, create_app


def test_index_lists_the_endpoints(client: TestClient) -> None:
    body = client.get("/api").json()
    assert body["ingest"] is False
    for path in ("/api/search", "/api/entities", "/api/relations", "/api/documents", "/api/stats"):
        assert path in body["endpoints"]


def test_openapi_schema_is_served_and_valid(client: TestClient) -> None:
    from openapi_spec_validator import validate

    response = client.get("/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert "/api/entities/{entity_id}" in schema["paths"]
    assert "/api/search" in schema["paths"]
    assert not any(path.startswith("/entity") for path in schema["paths"]), "pages stay out of the API schema"


def test_no_docs_page_loading_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200  # our article list, not Swagger UI
    assert "swagger" not in client.get("/docs").text.lower()
    assert client.get("/redoc").status_code == 404


def test_stats(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 4
    assert stats["relations"] == 6
    assert stats["facts"] == 2


def test_search_articles_folds_accents_and_stems(client: TestClient, docs: list[Doc]) -> None:
    body = client.get("/api/search", params={"q": "resultats annuel"}).json()
    assert body["hits"]["total"] >= 1
    first = body["hits"]["items"][0]
    assert first["doc_id"] == docs[1].id
    assert first["document"]["title"] == "Résultats annuels d'Orange"
    assert body["counts"]["articles"] == body["hits"]["total"]


def test_search_snippet_marks_the_words(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "mutualiser"}).json()["hits"]["items"][0]
    marked = [seg["text"] for seg in hit["snippet"] if seg["hit"]]
    assert marked == ["mutualiser"]
    assert "".join(seg["text"] for seg in hit["snippet"]).count("mutualiser") == 1


def test_search_evidence_returns_the_claims(client: TestClient, docs: list[Doc]) -> None:
    body = client.get("/api/search", params={"q": "concurrent", "kind": "evidence"}).json()
    hit = body["hits"]["items"][0]
    assert hit["kind"] == "evidence" and hit["doc_id"] == docs[0].id
    text = docs[0].text[hit["start"] : hit["end"]]
    assert text.startswith("SFR reste le principal concurrent")
    assert hit["evidence_key"] == f"{hit['start']}-{hit['end']}"
    assert [(c["type"], c["subject"], c["object"]) for c in hit["claims"]] == [
        ("competition", "org:sfr", "org:orange")
    ]


def test_search_finds_entities_by_alias_prefix(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "bouyg"}).json()
    assert [e["id"] for e in body["entities"]] == ["org:bouygues-telecom"]


def test_empty_search_is_empty(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "  "}).json()
    assert body["hits"]["total"] == 0 and body["entities"] == []


def test_entities_rank_exact_then_prefix_then_by_documents(client: TestClient) -> None:
    ids = [e["id"] for e in client.get("/api/entities", params={"q": "orange"}).json()["items"]]
    assert ids[0] == "org:orange"
    listing = client.get("/api/entities", params={"limit": 2}).json()
    assert listing["total"] == 7 and len(listing["items"]) == 2
    assert listing["items"][0]["id"] == "org:orange" and listing["items"][0]["documents"] == 3
    people = client.get("/api/entities", params={"type": "PER"}).json()["items"]
    assert [e["id"] for e in people] == ["per:christel-heydemann"]


def test_entity_profile_sections(client: TestClient, docs: list[Doc]) -> None:
    body = client.get("/api/entities/org:orange").json()
    entity = body["entity"]
    assert entity["name"] == "Orange" and entity["documents"] == 3
    assert entity["first_date"] == "2024-02-01" and entity["last_date"] == "2024-03-12"
    sections = body["sections"]
    assert [r["id"] for r in sections["acquisitions"]] == ["org:armor-fibre"]
    assert sections["acquisitions"][0]["attributes"]["amount"] == 320000000
    people = sections["people"]
    assert people[0]["id"] == "per:christel-heydemann"
    assert people[0]["attributes"]["title"] == "directrice générale"
    assert sorted(r["id"] for r in sections["partners"]) == ["org:bouygues-telecom", "org:kelvo-mobile"]
    assert sorted(r["id"] for r in sections["competitors"]) == ["org:evil", "org:sfr"]
    evidence = sections["acquisitions"][0]["evidence"]
    assert docs[0].text[evidence["start"] : evidence["end"]] == evidence["text"]
    figures = {s["type"]: s for s in body["figures"]}
    assert figures["revenue"]["points"][0]["value"] == 43.5e9
    assert figures["revenue"]["points"][0]["period"] == "2023"
    assert body["documents"]["total"] == 3
    assert [a["month"] for a in body["activity"]] == ["2024-02", "2024-03"]


def test_entity_profile_min_confidence_filters(client: TestClient) -> None:
    sections = client.get("/api/entities/org:orange", params={"min_confidence": 0.85}).json()["sections"]
    assert set(sections) == {"acquisitions", "people"}


def test_person_profile_shows_roles(client: TestClient) -> None:
    sections = client.get("/api/entities/per:christel-heydemann").json()["sections"]
    assert [r["id"] for r in sections["roles"]] == ["org:orange"]


def test_unknown_entity_is_404(client: TestClient) -> None:
    response = client.get("/api/entities/org:nobody")
    assert response.status_code == 404
    assert "org:nobody" in response.json()["detail"]


def test_graph_merges_symmetric_pairs_and_keeps_evidence(client: TestClient) -> None:
    body = client.get("/api/entities/org:orange/graph").json()
    assert body["center"] == "org:orange"
    ids = {n["id"] for n in body["nodes"]}
    assert {"org:orange", "org:armor-fibre", "org:sfr", "org:bouygues-telecom"} <= ids
    edges = {(e["source"], e["target"], e["type"]): e for e in body["edges"]}
    assert ("org:orange", "org:sfr", "competition") in edges  # symmetric: ids in order
    assert edges[("org:orange", "org:sfr", "competition")]["symmetric"] is True
    acquisition = edges[("org:orange", "org:armor-fibre", "acquisition")]
    assert acquisition["symmetric"] is False and acquisition["evidence_key"].count("-") == 1
    small = client.get("/api/entities/org:orange/graph", params={"max_nodes": 2}).json()
    assert len(small["nodes"]) == 2
    typed = client.get("/api/entities/org:orange/graph", params={"type": "partnership"}).json()
    assert {e["type"] for e in typed["edges"]} == {"partnership"}


def test_timeline_latest_first_with_facts(client: TestClient) -> None:
    body = client.get("/api/entities/org:orange/timeline").json()
    dates = [e["published"] for e in body["items"]]
    assert dates == sorted(dates, reverse=True)
    kinds = {(e["kind"], e["type"]) for e in body["items"]}
    assert ("fact", "revenue") in kinds and ("relation", "acquisition") in kinds
    page = client.get("/api/entities/org:orange/timeline", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == body["total"] and page["items"] == body["items"][2:4]


def test_entity_documents(client: TestClient) -> None:
    body = client.get("/api/entities/org:kelvo-mobile/documents").json()
    assert body["total"] == 1 and body["items"][0]["mentions"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "partnership"}, 2),
        ({"type": ["partnership", "acquisition"]}, 3),
        ({"entity": "org:orange"}, 6),
        ({"entity": "org:orange", "other": "org:sfr"}, 1),
        ({"since": "2024-03"}, 3),  # 2024-03-12 only
        ({"until": "2024-02-08"}, 3),  # "2024-02" may be any day of February: kept
        ({"since": "2024-02-09", "until": "2024-02-29"}, 1),  # only the month-dated article
        ({"min_confidence": 0.8}, 3),
    ],
)
def test_relation_filters(client: TestClient, params: dict[str, object], expected: int) -> None:
    body = client.get("/api/relations", params=params).json()
    assert body["total"] == expected, body["items"]


def test_relations_by_document(client: TestClient, docs: list[Doc]) -> None:
    body = client.get("/api/relations", params={"doc": docs[0].id}).json()
    assert body["total"] == 3
    assert all(r["doc_id"] == docs[0].id for r in body["items"])


def test_documents_list_and_paging(client: TestClient) -> None:
    body = client.get("/api/documents", params={"limit": 3}).json()
    assert body["total"] == 4 and len(body["items"]) == 3
    assert body["items"][0]["published"] == "2024-03-12"
    rest = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()
    assert rest["items"][0]["published"] is None


def test_document_segments_rebuild_the_text(client: TestClient, docs: list[Doc]) -> None:
    doc = docs[0]
    body = client.get(f"/api/documents/{doc.id}", params={"ev": "0-53"}).json()
    assert body["document"]["title"] == doc.title
    paragraphs = ["".join(seg["text"] for seg in para) for para in body["paragraphs"]]
    assert "\n\n".join(paragraphs) == doc.text
    focused = "".join(seg["text"] for para in body["paragraphs"] for seg in para if seg["focus"])
    assert focused == doc.text[0:53]
    linked = {seg["entity"] for para in body["paragraphs"] for seg in para if seg["entity"]}
    assert linked == {"org:orange", "org:armor-fibre", "per:christel-heydemann", "org:sfr"}
    assert {r["evidence_key"] for r in body["relations"]} >= {"0-53"}


def test_document_validation_and_404(client: TestClient) -> None:
    assert client.get("/api/documents/../../etc/passwd").status_code == 404
    assert client.get("/api/documents/not-a-hash").status_code == 422
    assert client.get("/api/documents/" + "0" * 64).status_code == 404
    assert client.get("/api/documents/" + "0" * 64, params={"ev": "1-2'"}).status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "/api/documents?limit=501",
        "/api/documents?limit=0",
        "/api/documents?offset=-1",
        "/api/relations?min_confidence=2",
        "/api/relations?since=yesterday",
        "/api/entities?type=ALIEN",
        "/api/search?kind=everything",
        "/api/entities/org:orange/graph?max_nodes=100000",
    ],
)
def test_page_and_parameter_limits(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 422


def test_long_query_refused(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "x" * 501}).status_code == 422
    assert client.get("/api/search", params={"q": "x" * 5000}).status_code == 414


def test_static_files_do_not_escape_their_folder(client: TestClient) -> None:
    assert client.get("/static/desk.css").status_code == 200
    for url in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/vendor/../../desk.py",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "create_app" not in response.text


def test_security_headers(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert client.get("/api/stats").headers["x-frame-options"] == "DENY"


def test_read_only_by_default(client: TestClient) -> None:
    response = client.post(
        "/api/ingest", content=b'{"text": "x"}\n', headers={"content-type": "application/x-ndjson"}
    )
    assert response.status_code == 403


def test_body_size_limit(client: TestClient) -> None:
    big = b"x" * (8 * 1024 * 1024 + 1)
    response = client.post("/api/ingest", content=big, headers={"content-type": "application/x-ndjson"})
    assert response.status_code == 413


def test_host_check_on_loopback(desk_store: tuple[Path, list[Doc]]) -> None:
    hosts = allowed_hosts_for("127.0.0.1")
    assert hosts is not None and "localhost" in hosts
    app = create_app(desk_store[0], allowed_hosts=hosts)
    try:
        local = TestClient(app, base_url="http://127.0.0.1:8000")
        assert local.get("/api/stats").status_code == 200
        rebound = TestClient(app, base_url="http://evil.example:8000")
        assert rebound.get("/api/stats").status_code == 400
    finally:
        app.state.desk.close()
    assert allowed_hosts_for("0.0.0.0") is None


def test_ingest_when_allowed(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    build_store(db)
    app = create_app(db, allow_ingest=True)
    try:
        client = TestClient(app)
        assert client.get("/api").json()["ingest"] is True
        pages = [
            {
                "url": "https://example.org/a",
                "text": "Nouvel article sur la téléphonie quantique.\n\nIl parle de satellites.",
            }
        ]
        body = "\n".join(json.dumps(p, ensure_ascii=False) for p in pages).encode()
        refused = client.post("/api/ingest", content=body, headers={"content-type": "text/plain"})
        assert refused.status_code == 415
        report = client.post(
            "/api/ingest", content=body, headers={"content-type": "application/x-ndjson"}
        ).json()
        assert report["added"] == 1 and report["indexed"] == 1
        assert client.get("/api/search", params={"q": "quantique"}).json()["hits"]["total"] == 1
        again = client.post(
            "/api/ingest", content=body, headers={"content-type": "application/x-ndjson"}
        ).json()
        assert again["added"] == 0 and again["skipped"] == 1
    finally:
        app.state.desk.close()


def test_profile_sections_are_capped_with_their_totals(tmp_path: Path) -> None:
    from desk_data import orange_deal
    from veille.doc import Entity, Relation, Span
    from veille.record import to_record
    from veille.serve import desk as desk_module
    from veille.store import Store

    doc = orange_deal()
    sentence = Span(0, 53)
    for index in range(desk_module.SECTION_ROWS + 3):
        doc.entities.append(Entity(f"org:partner-{index}", f"Partner {index}", "ORG"))
        doc.relations.append(Relation("partnership", "org:orange", f"org:partner-{index}", sentence, 0.5))
    with Store(tmp_path / "cap.duckdb") as store:
        store.add_documents([(doc, to_record(doc))])
    app = create_app(tmp_path / "cap.duckdb")
    try:
        body = TestClient(app).get("/api/entities/org:orange").json()
        assert len(body["sections"]["partners"]) == desk_module.SECTION_ROWS
        assert body["section_totals"]["partners"] == desk_module.SECTION_ROWS + 3
        html = TestClient(app).get("/entity/org:orange").text
        assert f"all {desk_module.SECTION_ROWS + 3} →" in html
    finally:
        app.state.desk.close()
