"""End to end in a real headless browser: ingest the demo corpus, search, open an entity, see its
graph and an evidence sentence, follow it to the article; hostile pages stay inert.

Needs Debian's chromium and the `playwright` package (scripts/setup-browser installs both);
skips otherwise. Screenshots go to tests/artifacts/browser/ (ignored by git).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk_data import HOSTILE_TITLE
from support import REPO

playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from veille.serve.app import allowed_hosts_for, create_app  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Flags for a root user in a container with no display and no network beyond loopback.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "tests" / "artifacts" / "browser"
#: Longest wait for one page element, in milliseconds.
WAIT_MS = 15_000

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (scripts/setup-browser)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(demo_db: Path) -> Iterator[str]:
    app = create_app(demo_db, allowed_hosts=allowed_hosts_for("127.0.0.1"))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        page.problems = []  # type: ignore[attr-defined]
        page.on(
            "dialog", lambda dialog: (page.problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
        )
        page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda msg: (
                page.problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
            ),
        )
        yield page
        context.close()


def test_search_entity_graph_evidence_article(browser_page: Any, base_url: str) -> None:
    page = browser_page
    page.goto(base_url + "/")
    page.fill(".bigsearch input[name=q]", "Orange")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Orange*")
    page.screenshot(path=str(ARTIFACTS / "1-search.png"), full_page=True)
    page.click(".matches a.chip:has-text('Orange')")
    page.wait_for_url("**/entity/org:orange")

    page.wait_for_selector("#graph[data-ready]")
    assert int(page.get_attribute("#graph", "data-ready") or 0) >= 4
    assert page.locator("#graph canvas").count() >= 1
    assert page.locator("#graph-legend label").count() >= 3
    evidence = page.locator("#s-acquisitions a.evidence").first
    sentence = evidence.inner_text().strip("“”")
    assert sentence == "Orange rachète Armor Fibre pour 320 millions d'euros."
    page.screenshot(path=str(ARTIFACTS / "2-entity.png"), full_page=True)

    evidence.click()
    page.wait_for_url("**/doc/*?ev=*")
    focused = page.locator("mark.ev.focus")
    assert focused.first.is_visible()
    assert "".join(focused.all_inner_texts()) == sentence
    assert page.locator("h1").inner_text() == "Orange s'offre Armor Fibre"
    page.screenshot(path=str(ARTIFACTS / "3-article.png"), full_page=True)
    assert page.problems == [], "\n".join(page.problems)  # type: ignore[attr-defined]


def test_graph_edge_shows_its_evidence(browser_page: Any, base_url: str) -> None:
    page = browser_page
    page.goto(base_url + "/entity/org:orange")
    page.wait_for_selector("#graph[data-ready]")
    page.evaluate(
        "() => { const e = window.veilleGraph.edges(\"[type = 'acquisition']\")[0]; e.emit('tap'); }"
    )
    info = page.locator("#edge-info")
    info.wait_for(state="visible")
    assert "acquisition" in info.inner_text()
    link = info.locator("a.evidence")
    assert link.inner_text().strip("“”") == "Orange rachète Armor Fibre pour 320 millions d'euros."
    link.click()
    page.wait_for_url("**/doc/*?ev=0-53#ev-0-53")
    assert page.locator("mark.ev.focus").count() >= 1
    assert page.problems == [], "\n".join(page.problems)  # type: ignore[attr-defined]


def test_hostile_pages_stay_inert(browser_page: Any, base_url: str) -> None:
    page = browser_page
    page.goto(base_url + "/search?q=Kelvo")
    titles = page.locator("ol.hits a.title").all_inner_texts()
    assert HOSTILE_TITLE in titles  # the hand-built hostile record, shown as text
    demo_hostile = [t for t in titles if "Faille" in t]
    assert demo_hostile and "<script>alert(1)</script>" in demo_hostile[0]  # the demo corpus page
    page.screenshot(path=str(ARTIFACTS / "4-hostile-search.png"), full_page=True)
    page.click(f"ol.hits a.title:has-text('{demo_hostile[0][:20]}')")
    page.wait_for_selector("article.doc h1")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert page.locator("article.doc a[href^='javascript:']").count() == 0
    assert page.locator("article.doc script, article.doc img, article.doc iframe").count() == 0
    page.screenshot(path=str(ARTIFACTS / "5-hostile-article.png"), full_page=True)
    page.goto(base_url + "/entity/org:evil")
    page.wait_for_selector("#graph[data-ready]")
    assert page.locator("h1").inner_text().endswith('<img src=x onerror="alert(2)">')
    time.sleep(0.3)  # give any injected handler the chance to fire
    assert page.problems == [], "\n".join(page.problems)  # type: ignore[attr-defined]


def test_keyboard(browser_page: Any, base_url: str) -> None:
    page = browser_page
    page.goto(base_url + "/relations")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator("[data-nav].sel").count() == 1
    page.keyboard.press("e")
    page.wait_for_url("**/doc/*?ev=*")
    page.keyboard.press("?")
    assert page.locator("#keys").is_visible()
    assert page.problems == [], "\n".join(page.problems)  # type: ignore[attr-defined]
