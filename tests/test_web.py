"""The web UI's JSON twins, its HTML escaping and security headers, the report and the exports."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from kroniek.cli import app as cli
from kroniek.web import charts
from kroniek.web.app import create_app
from kroniek.web.data import QueryTimeout, WebData, month_of
from kroniek.web.highlight import annotated_blocks
from kroniek.web.report import build_report

from . import web_db

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_db.build(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def _json(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _keys(events: list[dict[str, Any]]) -> list[str]:
    return [f"{e['doc']}/{e['n']}" for e in events]


# -- JSON twins ---------------------------------------------------------------------------------


def test_overview(client: TestClient) -> None:
    page = _json(client, "/index.json")
    assert _json(client, "/.json") == page
    assert page["counts"]["documents"] == 3
    assert page["counts"]["events"] == 6
    assert page["counts"]["historical"] == 1
    assert page["counts"]["not_factual"] == 1
    assert {q["quad"]: q["events"] for q in page["quads"]} == {
        "verbal_cooperation": 3,
        "material_cooperation": 0,
        "verbal_conflict": 2,
        "material_conflict": 1,
    }
    top = page["dyads"][0]
    assert (top["actor"], top["recipient"], top["events"]) == ("USA", "PRK", 3)
    assert top["mean_score"] == pytest.approx((2.5 + 2.5 - 4.0) / 3, abs=0.01)
    # Latest first by event date; not the historical mention, nor the talks planned for 2020.
    assert _keys(page["latest"]) == ["hostile/0", "threat/0", "top/1", "top/0"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["top/0", "top/1", "top/2", "threat/0", "threat/1", "hostile/0"]),
        ("actor=usa", ["top/0", "top/2", "threat/0"]),
        ("recipient=PRK&type=threaten", ["threat/0"]),
        ("quad=verbal_cooperation", ["top/0", "top/2", "threat/1"]),
        ("aux=none&actor=PRK", ["top/1"]),
        ("aux=future", ["threat/1"]),
        ("historical=yes", ["top/2"]),
        ("historical=no&actor=USA", ["top/0", "threat/0"]),
        ("from=2019-03&to=2019-04", ["top/1", "threat/0"]),
        ("from=2018&to=2018", ["top/2"]),
    ],
)
def test_timeline_filters(client: TestClient, query: str, expected: list[str]) -> None:
    page = _json(client, f"/timeline.json?{query}")
    assert sorted(_keys(page["events"] + page["historical"])) == sorted(expected)
    assert page["total"] == len(expected)
    assert all(e["historical"] for e in page["historical"])
    assert not any(e["historical"] for e in page["events"])


def test_timeline_points_carry_their_position(client: TestClient) -> None:
    page = _json(client, "/timeline.json?actor=PRK")
    at = {f"{e['doc']}/{e['n']}": e["at"] for e in page["events"]}
    assert at["top/1"] == "2019-03-16"  # the middle of March
    assert at["threat/1"] == "2020-07-02"  # the middle of 2020


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("type=FOO", "unknown event type"),
        ("quad=hostile", "unknown quad"),
        ("aux=maybe", "unknown aux"),
        ("historical=perhaps", "historical is yes or no"),
        ("from=yesterday", "not a date"),
        ("from=2020&to=2019", "before it starts"),
    ],
)
def test_bad_filters_are_400_with_a_reason(client: TestClient, query: str, message: str) -> None:
    error = _json(client, f"/timeline.json?{query}", status=400)
    assert message in error["error"]
    html = client.get(f"/timeline?{query}")
    assert html.status_code == 400
    assert message in html.text


def test_dyad_series_per_direction_and_month(client: TestClient) -> None:
    page = _json(client, "/dyads/PRK-USA.json")
    assert (page["a"], page["b"], page["events"]) == ("PRK", "USA", 3)
    assert page["series"]["USA-PRK"] == [
        {"month": "2019-02", "events": 1, "mean_score": 2.5},
        {"month": "2019-04", "events": 1, "mean_score": -4.0},
    ]
    assert page["series"]["PRK-USA"] == []
    assert [m["month"] for m in page["months"]] == ["2019-02", "2019-04"]
    # Dated to a year only: listed, not put on a month.
    assert _keys(page["unplaced"]) == ["top/2"]
    assert all(e["direction"] == "USA-PRK" for m in page["months"] for e in m["events"])


def test_dyad_leaves_events_not_stated_as_facts_off_the_series(client: TestClient) -> None:
    page = _json(client, "/dyads/prk-rus.json")
    assert page["series"] == {"PRK-RUS": [], "RUS-PRK": []}
    assert _keys(page["unplaced"]) == ["threat/1"]


@pytest.mark.parametrize("path", ["/dyads/PRK-FRA.json", "/dyads/PRK.json", "/dyads/-USA.json"])
def test_unknown_or_malformed_dyad_is_404(client: TestClient, path: str) -> None:
    assert "error" in _json(client, path, status=404)


def test_network_nodes_and_edges(client: TestClient) -> None:
    page = _json(client, "/network.json")
    edges = {(e["source"], e["target"]): e for e in page["edges"]}
    # The future PRK-RUS talks are not stated as a fact: no edge.
    assert set(edges) == {("PRK", "USA"), ("JPN", "PRK"), ("RUS", "USA")}
    assert edges[("PRK", "USA")]["events"] == 3
    assert edges[("PRK", "USA")]["mean_score"] == pytest.approx(0.33, abs=0.01)
    assert [n["id"] for n in page["nodes"]][:2] == ["PRK", "USA"]
    period = _json(client, "/network.json?from=2019-04&to=2019-05")
    assert {(e["source"], e["target"]) for e in period["edges"]} == {("PRK", "USA"), ("RUS", "USA")}
    assert period["events"] == 2


def test_articles_list_and_paging(client: TestClient) -> None:
    page = _json(client, "/articles.json")
    assert [r["id"] for r in page["rows"]] == ["hostile", "threat", "top"]  # newest first
    assert page["rows"][2]["title"] == "Trump en Kim in Hanoi"
    assert page["rows"][2]["events"] == 3
    assert page["total"] == 3
    second = _json(client, "/articles.json?page=2&per_page=2")
    assert [r["id"] for r in second["rows"]] == ["top"]
    assert [r["id"] for r in _json(client, "/articles.json?q=hanoi")["rows"]] == ["top"]
    assert "not a number" in _json(client, "/articles.json?page=two", status=400)["error"]


def test_article_with_everything_in_it(client: TestClient) -> None:
    page = _json(client, "/articles/top.json")
    assert page["document"]["text"] == web_db.TEXT_TOP
    assert [m["name"] for m in page["mentions"]] == ["Kim Jong-un", "Donald Trump", "North Korea", "Japan"]
    assert [t["value"] for t in page["timexes"]] == ["2019-02-27", "2019-03", "2018"]
    assert [e["type"] for e in page["events"]] == ["CONSULT", "ASSAULT", "CONSULT"]
    assert page["events"][1]["evidence"][0]["text"].startswith("Noord-Korea lanceerde")
    assert "no article" in _json(client, "/articles/nope.json", status=404)["error"]


def test_actor_by_code_and_by_name(client: TestClient) -> None:
    usa = _json(client, "/actors/usa.json")
    assert (usa["name"], usa["as_actor_total"], usa["as_recipient_total"]) == ("United States", 3, 1)
    assert [(r["name"], r["role"]) for r in usa["roles"]] == [("Donald Trump", "head_of_state")]
    assert usa["partners"][0] == {"code": "PRK", "to": 3, "from": 0}
    assert [m["month"] for m in usa["monthly"]] == ["2019-02", "2019-04", "2019-05"]
    # Partners, busiest first: the monthly mean score of the events between them, either way.
    assert usa["relations"] == {
        "USA-PRK": [
            {"month": "2019-02", "events": 1, "mean_score": 2.5},
            {"month": "2019-04", "events": 1, "mean_score": -4.0},
        ],
        "USA-RUS": [{"month": "2019-05", "events": 1, "mean_score": -3.0}],
    }
    kim = _json(client, "/actors/Kim%20Jong-un.json")
    assert kim["code"] == "PRK"
    assert kim["roles"][0]["role"] == "supreme_leader"
    assert _keys(kim["as_recipient"]) == ["top/0"]  # the evidence holds his name
    assert "no actor" in _json(client, "/actors/Nobody.json", status=404)["error"]


def test_actor_index(client: TestClient) -> None:
    page = _json(client, "/actors.json")
    assert [(c["code"], c["as_actor"], c["as_recipient"]) for c in page["codes"]][:2] == [
        ("PRK", 2, 3),
        ("USA", 3, 1),
    ]
    assert page["codes"][0]["name"] == "North Korea"
    assert {p["name"] for p in page["people"]} == {"Kim Jong-un", "Donald Trump"}
    assert [c["code"] for c in _json(client, "/actors.json?q=russ")["codes"]] == ["RUS"]
    assert [p["name"] for p in _json(client, "/actors.json?q=trump")["people"]] == ["Donald Trump"]


def test_search_articles_and_events(client: TestClient) -> None:
    page = _json(client, "/search.json?q=Hanoi%20Trump")
    assert [a["id"] for a in page["articles"]] == ["top"]
    assert page["articles"][0]["hits"] == 3  # Hanoi once, Trump twice
    assert _keys(page["events"]) == ["top/0"]
    by_type = _json(client, "/search.json?q=threaten")
    assert _keys(by_type["events"]) == ["threat/0"]
    empty = _json(client, "/search.json?q=")
    assert empty["articles"] == [] and empty["events"] == []


@pytest.mark.parametrize(
    ("q", "expected"), [("100%", ["hostile"]), ("%", ["hostile"]), ("a_b", ["hostile"]), ("_", ["hostile"])]
)
def test_search_takes_wildcards_literally(client: TestClient, q: str, expected: list[str]) -> None:
    page = _json(client, f"/search.json?q={q.replace('%', '%25')}")
    assert [a["id"] for a in page["articles"]] == expected


def test_row_limit_caps_lists(db: Path) -> None:
    small = TestClient(create_app(db, max_rows=1))
    page = small.get("/search.json?q=noord").json()
    assert len(page["articles"]) == 1 and page["truncated"]
    assert len(small.get("/articles.json?per_page=50").json()["rows"]) == 1
    assert len(small.get("/actors/USA.json").json()["as_actor"]) == 1


def test_query_time_limit(db: Path) -> None:
    data = WebData(db, timeout_s=0.2)
    with pytest.raises(QueryTimeout, match="ran past"):
        data.query("SELECT count(*) FROM range(100000000000) a")
    assert data.query("SELECT 1 AS one") == [{"one": 1}]  # the connection still works


# -- HTML, escaping, security ---------------------------------------------------------------------

PAGES = [
    "/",
    "/timeline",
    "/timeline?actor=PRK&historical=no",
    "/dyads/PRK-USA",
    "/network",
    "/network?from=2019",
    "/articles",
    "/articles/top",
    "/articles/hostile",
    "/actors",
    "/actors/PRK",
    "/actors/Donald%20Trump",
    "/search?q=Noord-Korea",
    "/search?q=script",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_their_json_link(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/static/kroniek.css"' in response.text
    assert 'class="json"' in response.text


def test_markup_in_articles_is_shown_as_text(client: TestClient) -> None:
    for path in (
        "/articles/hostile",
        "/articles",
        "/search?q=lezer",
        "/search?q=script",
        "/actors/RUS",
        "/actors",
    ):
        html = client.get(path).text
        assert "<script>window" not in html, path
        assert "<img" not in html, path
    html = client.get("/articles/hostile").text
    assert "&lt;script&gt;window.__kroniek_xss = 1&lt;/script&gt;" in html
    assert "&lt;img src=" in html


def test_article_text_is_marked(client: TestClient) -> None:
    html = client.get("/articles/top").text
    assert re.search(r'<mark class="actor evidence"[^>]*>Kim Jong-un</mark>', html)
    assert re.search(r'<mark class="evidence timex"[^>]*data-events="0">27 februari 2019</mark>', html)
    assert 'id="e1"' in html


def test_security_headers_and_no_writes(client: TestClient, db: Path) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/timeline").status_code == 405
    for path in PAGES:
        client.get(path)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    data = WebData(db)
    with pytest.raises(Exception, match="read-only"):
        data.query("CREATE TABLE x (a INTEGER)")


def test_static_files_are_served_by_the_app(client: TestClient) -> None:
    assert client.get("/static/kroniek.css").status_code == 200
    js = client.get("/static/kroniek.js")
    assert js.status_code == 200 and "addEventListener" in js.text
    for path in PAGES:
        assert not re.search(r'(src|href)="(https?:)?//', client.get(path).text), path


def test_unknown_page_is_404(client: TestClient) -> None:
    assert client.get("/nothing").status_code == 404
    assert client.get("/nothing.json").json()["status"] == 404


def test_old_or_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        create_app(tmp_path / "none.duckdb")
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(RuntimeError, match="cannot open"):
        create_app(junk)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (a INTEGER)").close()
    with pytest.raises(RuntimeError, match="not a kroniek database"):
        create_app(other)
    result = runner.invoke(cli, ["report", "--db", str(junk), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "cannot open" in result.output
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no database" in result.output


# -- pieces ---------------------------------------------------------------------------------------


def test_month_of() -> None:
    assert month_of("2019-02-27") == "2019-02"
    assert month_of("2019-02") == "2019-02"
    assert month_of("2019-W07") == "2019-02"
    assert month_of("2019-W09") is None  # 25 February to 3 March
    assert month_of("2019-02-27/2019-03-02") is None
    assert month_of("2019") is None
    assert month_of(None) is None


def test_overlapping_spans_are_cut_and_escaped() -> None:
    text = "A <b> & Kim"
    article = {
        "document": {"text": text, "blocks": [[0, len(text), "paragraph"]]},
        "mentions": [{"start": 8, "end": 11, "name": "Kim Jong-un", "code": "PRK", "role": None}],
        "timexes": [],
        "events": [
            {
                "n": 0,
                "type": "CONSULT",
                "actor": ["PRK"],
                "recipient": [],
                "date": None,
                "evidence": [{"start": 2, "end": 11}],
            }
        ],
    }
    html = str(annotated_blocks(article)[0]["html"])
    assert html.startswith('A <mark class="evidence"')
    assert "&lt;b&gt; &amp; " in html
    assert '<mark class="actor evidence" title="Kim Jong-un · PRK&#10;CONSULT PRK → –"' in html.replace(
        "\n", "&#10;"
    )


def test_timeline_axis_leaves_outliers_at_the_edge() -> None:
    events = [
        {
            "doc": "d",
            "n": i,
            "date": f"2019-{1 + i % 12:02d}-10",
            "type": "CONSULT",
            "actor": ["A"],
            "recipient": ["B"],
            "quad": "verbal_cooperation",
            "score": 1.0,
        }
        for i in range(100)
    ]
    events.append({**events[0], "n": 100, "date": "2035"})
    svg = str(charts.timeline_svg(events, lambda e: None, "t"))
    assert 'data-points="101"' in svg
    assert svg.count('class="point outside"') == 1
    assert ">2019-01<" in svg and "2035" not in re.sub(r"<title>.*?</title>", "", svg)


def test_score_colours() -> None:
    assert charts.score_colour(0) == "#969696"
    assert charts.score_colour(-10) == "#c0262d"
    assert charts.score_colour(10) == "#1f7a3a"


# -- report and exports ---------------------------------------------------------------------------


def test_report_is_self_contained(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "<script" not in html.replace("&lt;script", "")
    assert not re.search(r'(src|href|url)\s*[=(]\s*["\']?(https?:)?//', html)
    assert "<link" not in html
    assert 'content="default-src &#39;none&#39;' in html
    assert html.count("<svg") >= 4  # two timelines, a dyad, the network
    assert "&lt;script&gt;window.__kroniek_xss" in html
    assert 'id="dyad-PRK-USA"' in html


def test_report_lists_every_event(db: Path) -> None:
    html = build_report(WebData(db))
    assert html.count('<tr class="event') >= 6


def test_export_formats(db: Path, tmp_path: Path) -> None:
    for fmt, name in (("plover-jsonl", "e.jsonl"), ("csv", "e.csv"), ("parquet", "e.parquet")):
        result = runner.invoke(cli, ["export", "--db", str(db), "--format", fmt, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert "6 events" in result.output
    plover = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert plover[0]["event"] == ["CONSULT"] and plover[0]["date"] == "2019-02-27"
    with (tmp_path / "e.csv").open() as fh:
        assert len(list(csv.DictReader(fh))) == 6
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    assert len(table) == 6
    assault = next(r for r in table if r["type"] == "ASSAULT")
    assert assault["actor"] == ["PRK"] and assault["quad_code"] == 4
    assert str(assault["date_start"]) == "2019-03-01" and str(assault["date_end"]) == "2019-03-31"
    assert assault["evidence"][0]["text"].startswith("Noord-Korea lanceerde")


def test_export_refuses_unknown_format_and_missing_db(db: Path, tmp_path: Path) -> None:
    bad = runner.invoke(cli, ["export", "--db", str(db), "--format", "xml", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "format" in bad.output
    missing = runner.invoke(
        cli, ["export", "--db", str(tmp_path / "no.duckdb"), "--format", "csv", "-o", "x.csv"]
    )
    assert missing.exit_code == 2 and "no database" in missing.output
