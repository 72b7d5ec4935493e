"""The web UI and the report in a real headless browser: Debian's chromium, driven by Selenium.

What a person sees: the timeline has points, the network has nodes, the article page highlights
actors, dates and evidence, markup in an article stays text. Screenshots go to out/screenshots/.
Nothing is downloaded: the system chromium and chromedriver are named explicitly.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, in_ci
from .web_db import build

SHOTS = ROOT / "out" / "screenshots"


def _system_browser() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium and driver:
        return chromium, driver
    if in_ci():
        pytest.fail("chromium and chromedriver are missing, and CI installs them (scripts/install-system.sh)")
    pytest.skip("chromium or chromedriver is not installed (make install installs them)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium, driver = _system_browser()
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not look for a browser online
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(arg)
    session = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    session.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield session
    session.quit()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("browser") / "web.duckdb")


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    from kroniek.web.app import serve_in_thread

    with serve_in_thread(db) as address:
        yield address


def _open(browser: Any, url: str, shot: str) -> None:
    browser.get(url)
    browser.save_screenshot(str(SHOTS / f"{shot}.png"))


def _visible(browser: Any, css: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return [e for e in browser.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]


def test_overview_shows_counts_and_dyads(browser: Any, base: str) -> None:
    _open(browser, f"{base}/", "overview")
    cards = _visible(browser, ".card")
    assert "3 articles" in " ".join(c.text for c in cards).replace("\n", " ")
    assert "USA → PRK" in browser.find_element("css selector", "table.dyads").text
    bars = _visible(browser, "table.bars td.bar span")
    assert bars and max(b.size["width"] for b in bars) > 50  # the inline widths are allowed by the CSP


def test_timeline_has_points_and_history_apart(browser: Any, base: str) -> None:
    _open(browser, f"{base}/timeline", "timeline")
    panels = _visible(browser, "svg.timeline")
    assert len(panels) == 2
    new, historical = panels
    assert len(new.find_elements("css selector", ".point")) == 5
    assert len(historical.find_elements("css selector", ".point")) == 1
    assert new.location["y"] < historical.location["y"]
    point = new.find_elements("css selector", "circle.point")[0]
    assert point.size["width"] > 3
    assert "historical" in browser.find_element("css selector", "h2.historical").text.lower()


def test_network_has_nodes_and_edges(browser: Any, base: str) -> None:
    _open(browser, f"{base}/network", "network")
    nodes = _visible(browser, "svg.network g.node")
    assert {n.text for n in nodes} >= {"PRK", "USA", "JPN", "RUS"}
    assert len(_visible(browser, "svg.network line.edge")) == 3


def test_dyad_points_lead_to_their_events(browser: Any, base: str) -> None:
    _open(browser, f"{base}/dyads/PRK-USA", "dyad")
    points = _visible(browser, "svg.series circle.point")
    assert len(points) == 2
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", points[0])
    assert browser.current_url.endswith("#m2019-02")
    assert "dreigden" not in browser.find_element("id", "m2019-02").text
    assert "ontmoetten" in browser.find_element("id", "m2019-02").text


def test_article_highlights_and_links_events_to_evidence(browser: Any, base: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    _open(browser, f"{base}/articles/top", "article")
    assert _visible(browser, "article mark.actor")
    assert _visible(browser, "article mark.timex")
    assert _visible(browser, "article mark.evidence")
    colours = {m.value_of_css_property("background-color") for m in _visible(browser, "article mark.timex")}
    assert colours != {"rgba(0, 0, 0, 0)"}  # the stylesheet loaded and colours them
    row = browser.find_element("id", "e1")
    ActionChains(browser).move_to_element(row).perform()
    active = _visible(browser, "mark.evidence.active")
    assert active and "raket" in " ".join(m.text for m in active)
    browser.save_screenshot(str(SHOTS / "article-hover.png"))


def test_markup_in_an_article_is_text(browser: Any, base: str) -> None:
    _open(browser, f"{base}/articles/hostile", "article-markup")
    text = browser.find_element("css selector", "article.text").text
    assert "<script>window.__kroniek_xss = 1</script>" in text
    assert '<img src="x" onerror=' in text
    assert "<script>" in browser.find_element("tag name", "h1").text
    assert browser.execute_script(
        "return window.__kroniek_xss === undefined && window.__kroniek_img === undefined"
    )


def test_actor_and_search_pages(browser: Any, base: str) -> None:
    _open(browser, f"{base}/actors/USA", "actor")
    assert "Donald Trump" in browser.find_element("css selector", "table.roles").text
    assert len(_visible(browser, "table.events tr.event")) == 4
    assert len(_visible(browser, "svg.series circle.point")) == 3  # relations with PRK (2 months) and RUS
    _open(browser, f"{base}/search?q=Hanoi", "search")
    assert "Trump en Kim in Hanoi" in browser.find_element("css selector", "ol.hits").text


def test_report_loads_nothing_from_the_network(browser: Any, db: Path, tmp_path: Path) -> None:
    from kroniek.web.report import write_report

    report = tmp_path / "report.html"
    write_report(db, report)
    browser.get(report.as_uri())
    browser.save_screenshot(str(SHOTS / "report.png"))
    assert len(_visible(browser, "svg.chart")) >= 3
    assert len(browser.find_elements("css selector", "svg.network g.node")) >= 4
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded == []
    assert browser.execute_script("return window.__kroniek_xss === undefined")
