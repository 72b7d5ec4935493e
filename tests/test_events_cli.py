"""`kroniek events`: filters, formats (table, jsonl, csv, PLOVER), bad options, an empty database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kroniek import queries
from kroniek.cli import app
from kroniek.document import Document, Event, Metadata, Quote
from kroniek.export import CSV_COLUMNS, QUAD_CODES, plover_record, write_csv, write_plover_jsonl
from kroniek.store import Store

runner = CliRunner()

TEXT_A = (
    "Noord-Korea lanceerde een raket richting Japan. "
    '"We zullen met Washington praten," zegt Kim. '
    "Zuid-Korea zou sancties opleggen."
)
TEXT_B = "Trump en Kim ontmoetten elkaar in Hanoi. Trump wees het voorstel in de zomer van 2018 niet af."
TEXT_C = "Poetin’s woordvoerder 😀 beschuldigde Oekraïne van sabotage."


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _doc(doc_id: str, text: str, published: str | None, events: list[Event], **kw: Any) -> Document:
    precision = {10: "day", 7: "month", 4: "year"}.get(len(published or ""))
    meta = Metadata(
        source=f"{doc_id}.txt",
        title=f"Title {doc_id}",
        published=published,
        published_precision=precision,  # type: ignore[arg-type]
        language="nl",
        url=f"https://example.org/{doc_id}",
    )
    return Document(
        id=doc_id, raw=text, meta=meta, clean=text, content_hash=f"hash-{doc_id}", events=events, **kw
    )


def _build(path: Path) -> Path:
    said = _span(TEXT_A, "We zullen met Washington praten")
    quote = Quote(
        start=said[0],
        end=said[1],
        speaker="Kim",
        speaker_start=TEXT_A.index("Kim"),
        speaker_end=TEXT_A.index("Kim") + 3,
        kind="direct",
        cue="zegt",
        speaker_name="Kim Jong-un",
        speaker_code="PRK",
    )
    doc_a = _doc(
        "a",
        TEXT_A,
        "2023-09-10",
        [
            Event(
                "ASSAULT",
                ["PRK"],
                ["JPN"],
                [_span(TEXT_A, "Noord-Korea lanceerde een raket richting Japan")],
                mode="missile",
                date="2023-09",
                date_source="text",
                score=-9.0,
                quad="material_conflict",
                contexts=["military", "cbrn"],
            ),
            Event(
                "CONSULT",
                ["PRK"],
                ["USA"],
                [said],
                mode="meet",
                date="2023-09-10",
                date_source="publication",
                aux="future",
                score=1.0,
                quad="verbal_cooperation",
                quote=0,
            ),
            Event(
                "SANCTION",
                ["KOR"],
                ["PRK"],
                [_span(TEXT_A, "Zuid-Korea zou sancties opleggen")],
                aux="hypothetical",
                quad="material_conflict",
            ),
        ],
        quotes=[quote],
    )
    doc_b = _doc(
        "b",
        TEXT_B,
        "2019-03-01",
        [
            Event(
                "CONSULT",
                ["USA", "PRK"],
                [],
                [_span(TEXT_B, "Trump en Kim ontmoetten elkaar in Hanoi"), (0, 5)],
                mode="meet",
                date="2019-02-27/2019-02-28",
                date_source="text",
                quad="verbal_cooperation",
            ),
            Event(
                "REJECT",
                ["USA"],
                ["PRK"],
                [_span(TEXT_B, "Trump wees het voorstel in de zomer van 2018 niet af")],
                date="2018-SU",
                date_source="text",
                aux="negation",
                historical=True,
                quad="verbal_conflict",
            ),
        ],
    )
    doc_c = _doc(
        "c",
        TEXT_C,
        None,
        [
            Event(
                "ACCUSE",
                ["RUS"],
                ["UKR"],
                [_span(TEXT_C, "beschuldigde Oekraïne van sabotage")],
                date="2019",
                date_source="text",
                quad="verbal_conflict",
            )
        ],
    )
    with Store(path) as store:
        store.write_batch([doc_a, doc_b, doc_c], [], [])
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("events") / "e.duckdb")


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r['doc']}/{r['n']}" for r in rows]


def _cli(*args: str) -> Any:
    return runner.invoke(app, ["events", *args])


def _jsonl(db: Path, *args: str) -> list[dict[str, Any]]:
    result = _cli("--db", str(db), "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# -- the query ----------------------------------------------------------------------------------


def test_rows_carry_evidence_quote_source_and_document(db: Path) -> None:
    rows = queries.events(db)
    # by publication date (undated documents last), then document and event number
    assert _ids(rows) == ["b/0", "b/1", "a/0", "a/1", "a/2", "c/0"]
    consult = rows[3]
    assert consult["type"] == "CONSULT" and consult["actor"] == ["PRK"] and consult["recipient"] == ["USA"]
    assert consult["quote"] == "We zullen met Washington praten"
    assert consult["source"] == {"name": "Kim Jong-un", "code": "PRK", "kind": "direct", "cue": "zegt"}
    assert consult["title"] == "Title a" and consult["published"] == "2023-09-10"
    assert consult["aux"] == "future" and consult["date_source"] == "publication"
    assert rows[2]["contexts"] == ["military", "cbrn"] and rows[2]["source"] is None
    assert rows[2]["score"] == -9.0 and rows[2]["quad"] == "material_conflict"
    assert rows[0]["evidence"] == [
        {"start": 0, "end": 39, "text": "Trump en Kim ontmoetten elkaar in Hanoi"},
        {"start": 0, "end": 5, "text": "Trump"},
    ]
    assert rows[0]["recipient"] == [] and rows[0]["contexts"] == []
    assert rows[1]["historical"] is True and rows[0]["historical"] is False
    # offsets are characters of the clean text, also past non-ASCII ones (’, emoji, ë)
    assert rows[5]["quote"] == "beschuldigde Oekraïne van sabotage"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "PRK"}, ["b/0", "a/0", "a/1"]),  # one of two actors counts
        ({"actor": "USA"}, ["b/0", "b/1"]),
        ({"recipient": "PRK"}, ["b/1", "a/2"]),
        ({"actor": "USA", "recipient": "PRK"}, ["b/1"]),
        ({"type": "CONSULT"}, ["b/0", "a/1"]),
        ({"quad": "material_conflict"}, ["a/0", "a/2"]),
        ({"aux": "none"}, ["b/0", "a/0", "c/0"]),
        ({"aux": "negation"}, ["b/1"]),
        ({"historical": True}, ["b/1"]),
        ({"historical": False}, ["b/0", "a/0", "a/1", "a/2", "c/0"]),
        ({"doc": "a"}, ["a/0", "a/1", "a/2"]),
        ({"doc": "nope"}, []),
        ({"limit": 2}, ["b/0", "b/1"]),
        ({"actor": "PRK", "type": "CONSULT", "aux": "future"}, ["a/1"]),
    ],
)
def test_filters(db: Path, filters: dict[str, Any], expected: list[str]) -> None:
    assert _ids(queries.events(db, **filters)) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        ("2019-02-28", "2019-02-28", ["b/0", "c/0"]),  # a day inside 2019-02-27/2019-02-28, and 2019
        ("2019-03-01", "2019-03-01", ["c/0"]),  # the day after the range
        ("2019-03", "2019-06", ["c/0"]),  # the year 2019 overlaps March-June
        ("2019", "2019", ["b/0", "c/0"]),
        ("2018-08", "2018-08", ["b/1"]),  # summer 2018 (June-August) overlaps August
        ("2018-09", "2018-12", []),  # ... and not September
        (None, "2018-12", ["b/1"]),
        ("2023-09-10", None, ["a/0", "a/1"]),  # undated events are left out
        ("2023-09-11", "2023-09-30", ["a/0"]),  # the month, not the day the article appeared
    ],
)
def test_date_range_overlaps_intervals(
    db: Path, date_from: str | None, date_to: str | None, expected: list[str]
) -> None:
    assert _ids(queries.events(db, date_from=date_from, date_to=date_to)) == expected


def test_limit_applies_after_the_date_filter(db: Path) -> None:
    assert _ids(queries.events(db, date_from="2019", limit=3)) == ["b/0", "a/0", "a/1"]


def test_bad_date_range_is_a_value_error(db: Path) -> None:
    with pytest.raises(ValueError, match="not a date"):
        queries.events(db, date_from="2019-13")
    with pytest.raises(ValueError, match="before it starts"):
        queries.events(db, date_from="2020", date_to="2019")


# -- the command --------------------------------------------------------------------------------


def test_table_is_the_default(db: Path) -> None:
    result = _cli("--db", str(db), "--actor", "PRK")
    assert result.exit_code == 0, result.output
    for header in ("doc", "date", "type", "mode", "actor", "recipient", "aux", "hist", "quote"):
        assert header in result.stdout
    assert "ASSAULT" in result.stdout and "CONSULT" in result.stdout and "REJECT" not in result.stdout
    assert "3 events" in result.stdout


def test_jsonl_has_one_event_per_line(db: Path) -> None:
    rows = _jsonl(db, "--actor", "prk", "--type", "consult", "--aux", "Future")  # any case
    assert len(rows) == 1
    row = rows[0]
    assert {
        k: row[k] for k in ("doc", "type", "mode", "actor", "recipient", "date", "aux", "historical")
    } == {
        "doc": "a",
        "type": "CONSULT",
        "mode": "meet",
        "actor": ["PRK"],
        "recipient": ["USA"],
        "date": "2023-09-10",
        "aux": "future",
        "historical": False,
    }
    assert row["quote"] == "We zullen met Washington praten"
    assert row["source"]["name"] == "Kim Jong-un"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--recipient", "PRK"], ["b/1", "a/2"]),
        (["--quad", "verbal_conflict"], ["b/1", "c/0"]),
        (["--aux", "none"], ["b/0", "a/0", "c/0"]),
        (["--aux", "hypothetical"], ["a/2"]),
        (["--historical"], ["b/1"]),
        (["--no-historical", "--doc", "b"], ["b/0"]),
        (["--from", "2019-01", "--to", "2019-12"], ["b/0", "c/0"]),
        (["--to", "2018"], ["b/1"]),
        (["--limit", "1"], ["b/0"]),
    ],
)
def test_cli_filters(db: Path, args: list[str], expected: list[str]) -> None:
    assert _ids(_jsonl(db, *args)) == expected


def test_csv_joins_lists(db: Path) -> None:
    result = _cli("--db", str(db), "--format", "csv", "--doc", "b")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["type"] for r in rows] == ["CONSULT", "REJECT"]
    assert rows[0]["actor"] == "USA;PRK" and rows[0]["recipient"] == ""
    assert rows[0]["evidence"] == "0-39;0-5"
    assert rows[0]["quote"] == "Trump en Kim ontmoetten elkaar in Hanoi"
    assert rows[1]["historical"] == "True" and rows[1]["aux"] == "negation"
    assert rows[1]["date"] == "2018-SU" and rows[1]["date_source"] == "text"
    assert rows[0]["title"] == "Title b" and rows[0]["published"] == "2019-03-01"


def test_csv_source_columns(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert write_csv(queries.events(db, doc="a"), path) == 3
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert (rows[1]["source"], rows[1]["source_kind"], rows[1]["source_cue"]) == (
        "Kim Jong-un",
        "direct",
        "zegt",
    )
    assert rows[0]["contexts"] == "military;cbrn" and rows[0]["source"] == ""


def test_plover_records(db: Path) -> None:
    result = _cli("--db", str(db), "--format", "plover")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["b-0", "b-1", "a-0", "a-1", "a-2", "c-0"]
    summit, rejected, launch, talks, sanction, accuse = records
    assert summit["date"] == "2019-02-27" and summit["enddate"] == "2019-02-28"
    assert summit["actor"] == [{"code": "USA"}, {"code": "PRK"}] and summit["recipient"] == []
    assert summit["event"] == ["CONSULT"] and summit["event_type"] == "CONSULT"
    assert summit["mode"] == ["meet"] and summit["context"] is None
    assert summit["quad_code"] == 1 and summit["has_event"] is True
    assert summit["event_text"] == ["Trump en Kim ontmoetten elkaar in Hanoi", "Trump"]
    assert summit["text_info"] == {"start": 0, "end": 39}
    assert summit["cite_info"]["title"] == "Title b"
    assert summit["cite_info"]["url"] == "https://example.org/b"
    assert summit["cite_info"]["language"] == "nl"
    assert summit["coder"].startswith("kroniek")
    assert summit["kroniek"]["evidence"] == [[0, 39], [0, 5]]
    assert rejected["date"] == "2018-06-01" and rejected["enddate"] == "2018-08-31"
    assert rejected["kroniek"] == {
        "doc": "b",
        "n": 1,
        "date": "2018-SU",
        "date_source": "text",
        "published": "2019-03-01",
        "aux": "negation",
        "historical": True,
        "quad": "verbal_conflict",
        "evidence": [list(_span(TEXT_B, "Trump wees het voorstel in de zomer van 2018 niet af"))],
        "source": None,
    }
    assert rejected["quad_code"] == 3 and rejected["mode"] is None
    assert launch["date"] == "2023-09-01" and launch["enddate"] == "2023-09-30"
    assert launch["context"] == ["military", "cbrn"] and launch["event_scale"] == -9.0
    assert launch["quad_code"] == 4
    assert talks["date"] == "2023-09-10" and talks["enddate"] is None
    assert talks["kroniek"]["date_source"] == "publication" and talks["kroniek"]["aux"] == "future"
    assert talks["kroniek"]["source"]["name"] == "Kim Jong-un"
    assert sanction["date"] is None and sanction["enddate"] is None  # not guessed
    assert accuse["date"] == "2019-01-01" and accuse["enddate"] == "2019-12-31"


def test_plover_record_without_optional_fields() -> None:
    row = {"doc": "x", "n": 0, "type": "AID", "actor": ["NLD"], "recipient": ["UKR"], "evidence": []}
    record = plover_record(row, coder="test")
    assert record["id"] == "x-0" and record["date"] is None and record["event_text"] == []
    assert record["text_info"] is None and record["quad_code"] is None and record["coder"] == "test"
    assert set(QUAD_CODES.values()) == {1, 2, 3, 4}


def test_output_file_and_format_from_its_suffix(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "out" / "prk.jsonl"
    result = _cli("--db", str(db), "--actor", "PRK", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert [json.loads(line)["type"] for line in path.read_text("utf-8").splitlines()] == [
        "CONSULT",
        "ASSAULT",
        "CONSULT",
    ]
    plover = tmp_path / "all.plover.jsonl"
    result = _cli("--db", str(db), "--format", "plover", "--output", str(plover))
    assert result.exit_code == 0, result.output
    assert len(plover.read_text("utf-8").splitlines()) == 6
    assert "6 events" in result.output
    buffer = io.StringIO()
    assert write_plover_jsonl(queries.events(db, doc="c"), buffer) == 1
    assert json.loads(buffer.getvalue())["actor"] == [{"code": "RUS"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "HUG"], "unknown type 'HUG'"),
        (["--quad", "verbal"], "unknown quad 'verbal'"),
        (["--aux", "maybe"], "unknown aux 'maybe'"),
        (["--format", "xml"], "unknown format 'xml'"),
        (["--from", "2019-13"], "not a date: '2019-13'"),
        (["--to", "yesterday"], "not a date: 'yesterday'"),
        (["--from", "2020", "--to", "2019"], "before it starts"),
        (["--format", "table", "-o", "x.txt"], "a table goes to the terminal"),
        (["--limit", "0"], ""),
    ],
)
def test_bad_options_exit_2(db: Path, args: list[str], message: str) -> None:
    result = _cli("--db", str(db), *args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())


def test_missing_database_exits_2(tmp_path: Path) -> None:
    result = _cli("--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2
    assert "no database" in result.output


def test_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    assert queries.events(db) == []
    table = _cli("--db", str(db))
    assert table.exit_code == 0, table.output
    assert "0 events" in table.stdout
    assert _jsonl(db) == []
    plover = _cli("--db", str(db), "--format", "plover")
    assert plover.exit_code == 0 and plover.stdout == ""
    csv_out = _cli("--db", str(db), "--format", "csv")
    assert csv_out.exit_code == 0
    assert csv_out.stdout.splitlines() == [",".join(CSV_COLUMNS)]
