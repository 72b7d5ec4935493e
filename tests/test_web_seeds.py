"""Every page of the web UI, and its JSON twin, on a real run over ../shared/seeds and the sample."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from kroniek import pipeline
from kroniek.web.app import create_app, json_twin
from kroniek.web.bench import page_urls
from kroniek.web.data import WebData

from .conftest import SAMPLE, shared_path


def every_address(db: Path, twins: bool = True) -> list[str]:
    """Every article, actor and dyad page of ``db``, the sampled pages of the others, and their twins."""
    data = WebData(db)
    try:
        urls = [u for paths in page_urls(data).values() for u in paths]
        urls += [f"/articles/{quote(r['id'], safe='')}" for r in data.query("SELECT id FROM documents")]
        urls += [f"/actors/{quote(c, safe='')}" for c in data.choices()["codes"]]
        urls += [f"/dyads/{quote(d['actor'])}-{quote(d['recipient'])}" for d in data.dyads(limit=1000)]
    finally:
        data.close()
    if not twins:
        return urls
    return urls + [json_twin(*url.split("?", 1)) for url in urls]


def check_every_page(db: Path, twins: bool = True) -> int:
    """Ask for every page of :func:`every_address`; all must answer 200. Returns how many were asked."""
    client = TestClient(create_app(db))
    addresses = every_address(db, twins)
    bad = [(a, r.status_code) for a in addresses if (r := client.get(a)).status_code != 200]
    assert bad == []
    return len(addresses)


@pytest.mark.shared
def test_every_page_works_on_the_seeds(tmp_path: Path) -> None:
    db = tmp_path / "seeds.duckdb"
    summary = pipeline.run([str(shared_path("seeds"))], db, workers=1)
    assert summary.new == 5 and summary.failed == 0
    assert check_every_page(db) > 50


def test_every_page_works_on_the_sample(tmp_path: Path) -> None:
    db = tmp_path / "sample.duckdb"
    pipeline.run([str(SAMPLE)], db, workers=1)
    assert check_every_page(db) > 100
