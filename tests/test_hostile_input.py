"""Hostile input through ``kroniek run``: strings the store cannot hold, names that are not UTF-8,
dates out of range, archives cut short, lines of gigabytes. The good article beside each is stored,
each bad one is a failure row with a clear code, and nothing ends in a traceback."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.errors import CATALOGUE, Failure
from kroniek.pipeline import process
from kroniek.readers import iter_items
from kroniek.readers.lines import Replayed, bounded_lines
from kroniek.settings import load_settings
from kroniek.store import Store
from kroniek.strings import path_from_text, path_text, valid_text

from .builders import html_warc, random_page
from .test_bad_input import GOOD_TEXT

ARTICLE = "Noord-Korea lanceerde een raket boven zee, meldde het Zuid-Koreaanse leger vandaag in Seoel."
BAD_NAME = b"caf\xc3\xa9\xff"  # "café" and a byte that is no UTF-8


def rows(db: Path, sql: str) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


def folder_with_good_article(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "goed.txt").write_text(GOOD_TEXT, "utf-8")
    return folder


def kroniek_run(folder: Path, db: Path) -> Any:
    result = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "-q", "--workers", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_lone_surrogates_in_jsonl_are_replaced_and_stored(tmp_path: Path) -> None:
    folder = folder_with_good_article(tmp_path)
    # valid JSON that Python decodes to strings UTF-8 cannot encode: id, title and text
    line = '{"id": "s\\udc80", "title": "Kop \\ud800", "url": "https://x.nl/\\udfff", "text": "TEXT \\ud800"}'
    (folder / "s.jsonl").write_text(line.replace("TEXT", ARTICLE) + "\n", "utf-8")
    db = tmp_path / "k.duckdb"
    result = kroniek_run(folder, db)
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT * FROM failures") == []
    stored = {r["id"]: r for r in rows(db, "SELECT id, title, url, raw_text, clean_text FROM documents")}
    assert set(stored) == {"goed", "s\ufffd"}
    doc = stored["s\ufffd"]
    assert doc["title"] == "Kop \ufffd"
    assert doc["url"] == "https://x.nl/\ufffd"
    assert doc["raw_text"] == f"{ARTICLE} \ufffd"
    assert ARTICLE in doc["clean_text"]


def test_file_name_that_is_not_utf8_is_stored_under_a_name_that_round_trips(tmp_path: Path) -> None:
    folder = folder_with_good_article(tmp_path)
    bad = os.path.join(os.fsencode(folder), BAD_NAME + b".txt")
    with open(bad, "wb") as out:
        out.write(f" date 2024-03-02 {ARTICLE}\n".encode())
    db = tmp_path / "k.duckdb"
    result = kroniek_run(folder, db)
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT * FROM failures") == []
    stored = {r["id"]: r["source"] for r in rows(db, "SELECT id, source FROM documents")}
    assert stored.keys() == {"goed", "caf\u00e9\\xff"}
    source = stored["caf\u00e9\\xff"]
    assert source == f"{folder}/caf\u00e9\\xff.txt"
    assert os.fsencode(path_from_text(source)) == bad  # the name in the store leads back to the file
    again = kroniek_run(folder, db)  # the rerun knows the file by that name: stored, not read again
    assert "new 0 · already stored 2" in again.stdout


def test_date_header_out_of_range_is_a_clear_failure(tmp_path: Path) -> None:
    folder = folder_with_good_article(tmp_path)
    (folder / "ver.txt").write_text(f" date 9999-12-31 Vorige week {ARTICLE}\n", "utf-8")
    (folder / "vroeg.txt").write_text(f" date 0001-01-01 Vorige week {ARTICLE}\n", "utf-8")
    (folder / "ver.jsonl").write_text(json.dumps({"date": "9999-12-31", "text": ARTICLE}) + "\n", "utf-8")
    db = tmp_path / "k.duckdb"
    result = kroniek_run(folder, db)
    assert result.exit_code == 3, result.output
    failed = rows(db, "SELECT source, stage, error, message FROM failures ORDER BY source")
    assert [(Path(r["source"]).name, r["stage"], r["error"]) for r in failed] == [
        ("ver.jsonl:1", "read", "date_out_of_range"),
        ("ver.txt", "read", "date_out_of_range"),
        ("vroeg.txt", "read", "date_out_of_range"),
    ]
    assert "9999-12-31" in failed[1]["message"] and "1000" in failed[1]["message"]
    assert "Error" not in " ".join(r["message"] for r in failed)
    assert [r["id"] for r in rows(db, "SELECT id FROM documents")] == ["goed"]


def test_warc_cut_inside_a_gzip_member_has_a_readable_message(tmp_path: Path) -> None:
    folder = folder_with_good_article(tmp_path)
    data = html_warc([random_page(n) for n in (1, 2)], gz=True)
    second = data.index(b"\x1f\x8b\x08", 1)
    (folder / "kort.warc.gz").write_bytes(data[: second + 111])  # inside the second record's headers
    db = tmp_path / "k.duckdb"
    result = kroniek_run(folder, db)
    assert result.exit_code == 1, result.output
    (failed,) = rows(db, "SELECT source, stage, error, message FROM failures")
    assert (failed["stage"], failed["error"]) == ("read", "warc_truncated")
    assert "NoneType" not in failed["message"] and "Error" not in failed["message"]
    assert len(rows(db, "SELECT id FROM documents")) == 2


# The peak memory of this process since it started: VmHWM, not ru_maxrss, which on Linux keeps the
# peak of the process that started it (here pytest, with its models loaded) across exec.
READ_SPARSE_LINE = """
import re, sys
from pathlib import Path
from kroniek.readers import iter_items
from kroniek.settings import load_settings
def peak():
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)) * 1024
settings = load_settings()["read"]
before = peak()
items = [(type(i).__name__, getattr(i, "error", ""), getattr(i, "message", ""))
         for i in iter_items([sys.argv[1]], settings)]
print(items, before, peak())
"""


def sparse_jsonl(folder: Path) -> Path:
    """A 2 GiB JSONL file of one line that never ends (a sparse file: no disk used), then nothing."""
    big = folder / "groot.jsonl"
    with big.open("wb") as out:
        out.write(b'{"text": "')
        out.truncate(2**31)
    return big


def test_a_2_gib_line_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = sparse_jsonl(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", READ_SPARSE_LINE, str(big)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    items, before, peak = done.stdout.rsplit(" ", 2)
    assert items == str([("Failure", "too_large", f"line of {2**31} bytes > 5000000")])
    assert int(peak) < 2**30  # kroniek and its imports, with the line: its 2 GiB are never held
    assert int(peak) - int(before) < 64 * 2**20  # the limit (5 MB) and a buffer, not the line


@pytest.mark.slow
def test_every_kind_together_through_the_command(tmp_path: Path) -> None:
    """The four cases of issue 16 in one run of the real command, in its own process."""
    folder = folder_with_good_article(tmp_path)
    (folder / "s.jsonl").write_text('{"id": "s", "text": "' + ARTICLE + ' \\ud800"}\n', "utf-8")
    with open(os.path.join(os.fsencode(folder), BAD_NAME + b".txt"), "wb") as out:
        out.write(f"{ARTICLE} Tweede zin over de sancties.\n".encode())
    (folder / "ver.txt").write_text(f" date 9999-12-31 {ARTICLE}\n", "utf-8")
    sparse_jsonl(folder)
    db = tmp_path / "k.duckdb"
    command = [
        sys.executable,
        "-m",
        "kroniek.cli",
        "run",
        str(folder),
        "--db",
        str(db),
        "-q",
        "--workers",
        "2",
    ]
    measure = "import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
    measure += (
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, file=sys.stderr); sys.exit(rc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", measure, *command], capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stderr
    assert int(done.stderr.split()[-1]) < 2**30, done.stderr  # the run as a whole, workers included
    failed = rows(db, "SELECT source, stage, error FROM failures ORDER BY source")
    assert [(Path(r["source"]).name, r["stage"], r["error"]) for r in failed] == [
        ("groot.jsonl:1", "read", "too_large"),
        ("ver.txt", "read", "date_out_of_range"),
    ]
    assert {r["id"] for r in rows(db, "SELECT id FROM documents")} == {"goed", "s", "caf\u00e9\\xff"}
    assert all(code in CATALOGUE for code in ("too_large", "date_out_of_range"))


# -- the pieces behind them ------------------------------------------------------------------------


@hsettings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(st.characters(exclude_categories=())))
def test_every_file_name_has_one_text_name_that_leads_back(name: str) -> None:
    text = path_text(name)
    assert path_from_text(text) == name
    assert text.encode("utf-8").decode("utf-8") == text and "\n" not in text
    if name.isprintable() and "\\" not in name and name == valid_text(name):
        assert text == name  # an ordinary name is kept as it is


@hsettings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(st.characters(exclude_categories=())))
def test_valid_text_replaces_surrogates_one_for_one(text: str) -> None:
    clean = valid_text(text)
    assert len(clean) == len(text)
    assert clean.encode("utf-8").decode("utf-8") == clean
    assert all(a == b or b == "\ufffd" for a, b in zip(text, clean, strict=True))


def test_a_time_expression_off_the_calendar_stays_unresolved() -> None:
    doc = process(f" date 2024-01-01 Over 99 eeuwen is er van deze raket niets meer over. {ARTICLE}")
    (far,) = [t for t in doc.timexes if t.text == "Over 99 eeuwen"]
    assert far.value is None


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deep"),
        (b'{"id": ' + b"9" * 5000 + b', "text": "tekst"}', "too many digits"),
        (b'{"text": "tekst"', "not valid JSON: Expecting ',' delimiter at character"),
    ],
    ids=["nesting", "digits", "unfinished"],
)
def test_json_that_python_cannot_read_is_invalid_json(tmp_path: Path, line: bytes, message: str) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_bytes(line + b"\n" + json.dumps({"id": "ok", "text": ARTICLE}).encode() + b"\n")
    items = list(iter_items([str(bad)], load_settings()["read"]))
    assert [(type(i).__name__, getattr(i, "error", None)) for i in items] == [
        ("Failure", "invalid_json"),
        ("RawItem", None),
    ]
    assert isinstance(items[0], Failure) and message in items[0].message


def test_lines_are_cut_at_the_limit_while_read() -> None:
    data = b"a" * 9 + b"\n" + b"b" * 10 + b"\n" + b"c" * 25 + b"\nd\n" + b"e" * 30
    for stream in (io.BytesIO(data), io.BufferedReader(Replayed(data[:7], io.BytesIO(data[7:])))):
        got = [(n, line, size) for n, line, size in bounded_lines(stream, 10)]
        assert got == [(1, b"a" * 9 + b"\n", 10), (2, None, 11), (3, None, 26), (4, b"d\n", 2), (5, None, 30)]


def test_stdin_is_streamed_not_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": ARTICLE}).encode() for i in range(3)]
    data = b"\n".join([lines[0], b'{"text": "' + b"x" * 400, *lines[1:]]) + b"\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    items = list(iter_items(["-"], load_settings(overrides=["read.max_document_bytes=300"])["read"]))
    assert [getattr(i, "doc_id", getattr(i, "error", None)) for i in items] == ["r0", "too_large", "r1", "r2"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"tekst " * 100))))
    (item,) = iter_items(["-"], load_settings(overrides=["read.max_document_bytes=300"])["read"])
    assert isinstance(item, Failure) and (item.error, item.message) == ("too_large", "more than 300 bytes")


def test_an_unexpected_error_is_reported_readably() -> None:
    try:
        datetime.date(2024, 1, 1) + datetime.timedelta(days=10**7)
    except OverflowError as exc:
        failure = Failure.from_exception("x.txt", "time", exc)
    assert failure.error == "internal"
    assert failure.message.startswith("unexpected error in the time stage (OverflowError")
    assert failure.message.endswith("a bug in kroniek, please report it")


def test_every_error_code_is_in_the_readme_table() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    section = readme[readme.index("### Bad input") : readme.index("## Quality and speed")]
    assert [code for code in CATALOGUE if f"/{code}`" not in section and f"`{code}`" not in section] == []


def test_the_run_records_its_inputs_as_the_sources_name_them(tmp_path: Path) -> None:
    folder = folder_with_good_article(tmp_path)
    bad = os.fsdecode(os.path.join(os.fsencode(folder), BAD_NAME + b".txt"))
    with open(bad, "w", encoding="utf-8") as out:
        out.write(ARTICLE)
    db = tmp_path / "k.duckdb"
    result = CliRunner().invoke(app, ["run", bad, "--db", str(db), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    (inputs,) = rows(db, "SELECT inputs FROM runs")
    assert [path_from_text(name) for name in json.loads(inputs["inputs"])] == [bad]
