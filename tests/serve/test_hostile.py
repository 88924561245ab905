"""Hostile content stays inert: scripts in titles, `javascript:` links, HTML in names and evidence."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from desk_data import HOSTILE_ENTITY, HOSTILE_EVIDENCE, HOSTILE_TITLE, assert_inert, scan
from veille.doc import Doc
from veille.serve.render import number
from veille.serve.security import safe_url


@pytest.fixture(scope="module")
def hostile_doc(docs: list[Doc]) -> Doc:
    return docs[2]


def test_article_page_shows_the_script_title_as_text(client: TestClient, hostile_doc: Doc) -> None:
    html = client.get(f"/doc/{hostile_doc.id}").text
    assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kelvo Mobile" in html
    assert HOSTILE_TITLE not in html


def test_article_page_drops_the_javascript_source_link(client: TestClient, hostile_doc: Doc) -> None:
    html = client.get(f"/doc/{hostile_doc.id}").text
    assert 'href="javascript:' not in html
    assert "javascript:alert(document.cookie)" in html  # shown as text, not as a link
    assert scan(html).links.count("javascript:alert(document.cookie)") == 0


def test_html_in_text_and_evidence_is_escaped(client: TestClient, hostile_doc: Doc) -> None:
    html = client.get(f"/doc/{hostile_doc.id}").text
    assert "&lt;img src=x onerror=alert(&#39;xss&#39;)&gt;" in html
    assert "&lt;b&gt;s&#39;allie&lt;/b&gt;" in html
    assert "<b>s'allie</b>" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=kelvo",
        "/search?q=alert&kind=evidence",
        "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/entity/org:orange",
        "/entity/org:evil",
        "/entity/org:orange/timeline",
        "/entities?q=img",
        "/relations",
        "/docs",
    ],
)
def test_every_page_is_inert(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert_inert(response.text)
    assert "<script>alert" not in response.text
    assert HOSTILE_ENTITY not in response.text
    assert HOSTILE_EVIDENCE not in response.text


def test_search_echo_is_escaped(client: TestClient) -> None:
    html = client.get("/search", params={"q": '"><script>alert(3)</script>'}).text
    assert "<script>alert(3)" not in html
    assert "&#34;&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in html or "&quot;&gt;&lt;script&gt;" in html


def test_hostile_entity_id_in_urls_is_encoded(client: TestClient) -> None:
    html = client.get("/entity/org:orange").text
    assert 'href="/entity/org:evil"' in html
    response = client.get('/entity/x"><script>alert(1)</script>')
    assert response.status_code == 404
    assert "<script>alert(1)" not in response.text


def test_json_api_returns_the_raw_text(client: TestClient, hostile_doc: Doc) -> None:
    body = client.get(f"/api/documents/{hostile_doc.id}").json()
    assert body["document"]["title"] == HOSTILE_TITLE  # data stays data; escaping is the page's job
    assert (
        client.get(f"/api/documents/{hostile_doc.id}").headers["content-type"].startswith("application/json")
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("/relative", None),
        ("https:///nohost", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (320000000, "EUR", "320 M€"),
        (4.2e9, "EUR", "4.2 bn€"),
        (-12500000, "EUR", "-12.5 M€"),
        (15, "%", "15 %"),
        (12000, "km", "12\u202f000 km"),
        (None, "EUR", ""),
    ],
)
def test_numbers_are_readable(value: float | None, unit: str, text: str) -> None:
    assert number(value, unit) == text
