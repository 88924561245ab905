"""The demo corpus through the desk: what the default pipeline stored is searchable and shown inert."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from desk_data import assert_inert
from veille.serve.app import create_app


@pytest.fixture(scope="module")
def demo_client(demo_db: Path) -> Iterator[TestClient]:
    app = create_app(demo_db)
    with TestClient(app) as client:
        yield client


def test_every_demo_article_is_listed_and_opens(demo_client: TestClient) -> None:
    listing = demo_client.get("/api/documents", params={"limit": 100}).json()
    assert listing["total"] >= 19
    for item in listing["items"]:
        page = demo_client.get(f"/doc/{item['id']}")
        assert page.status_code == 200
        assert_inert(page.text)


def test_hostile_demo_page_is_found_and_inert(demo_client: TestClient) -> None:
    hits = demo_client.get("/api/search", params={"q": "Kelvo faille"}).json()["hits"]["items"]
    hostile = next(h for h in hits if "Faille" in (h["document"]["title"] or ""))
    assert "<script>alert(1)</script>" in hostile["document"]["title"]
    html = demo_client.get(f"/doc/{hostile['doc_id']}").text
    found = assert_inert(html)
    assert "Faille &lt;script&gt;alert(1)&lt;/script&gt; : Kelvo Mobile" in html
    assert not any("collecte.exemple-pixel" in link for link in found.links)
    assert "cliquez ici pour voir la démonstration" in html  # the link's text survives, not the link
    search_html = demo_client.get("/search", params={"q": "Kelvo"}).text
    assert_inert(search_html)


def test_demo_entities_have_pages(demo_client: TestClient) -> None:
    entities = demo_client.get("/api/entities", params={"limit": 30}).json()["items"]
    assert entities, "the default pipeline stored no entity"
    for entity in entities[:10]:
        response = demo_client.get("/entity/" + entity["id"])
        assert response.status_code == 200, entity
        assert_inert(response.text)
