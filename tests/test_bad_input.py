"""Bad input: every unreadable input becomes one `failures` row and the batch goes on."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.errors import CATALOGUE
from kroniek.pipeline import RunSummary, run
from kroniek.readers.decode import decode
from kroniek.settings import load_settings
from kroniek.store import Store

from .builders import html_warc, random_page

GOOD_TEXT = (
    " date 2024-03-01 Kim Jong-un heeft donderdag een nieuwe raket gelanceerd vanaf de oostkust van "
    "het land. Zuid-Korea en Japan veroordeelden de lancering.\n\n"
    "De raket vloog ongeveer duizend kilometer voordat hij in zee viel, meldde de generale staf in "
    "Seoul. Het was de derde test in een maand.\n"
)
TEXTY_PARAGRAPH = (
    "Noord-Korea heeft opnieuw een raket gelanceerd, meldt het Zuid-Koreaanse leger. De raket vloog "
    "over zee en kwam neer buiten de exclusieve economische zone van Japan, aldus de kustwacht in Tokio."
)


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    return load_settings()


def query(db: Path, sql: str) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


def failures(db: Path) -> list[dict[str, Any]]:
    return query(db, "SELECT source, stage, error FROM failures ORDER BY source, stage, error")


def doc_ids(db: Path) -> set[str]:
    return {r["id"] for r in query(db, "SELECT id FROM documents")}


def good_file(folder: Path) -> Path:
    path = folder / "goed.txt"
    path.write_text(GOOD_TEXT, "utf-8")
    return path


def run_batch(
    tmp_path: Path, bad: list[Path], settings: dict[str, Any]
) -> tuple[RunSummary, Path, list[dict[str, Any]]]:
    """Run the good file and the bad ones in one batch; the good one must be stored."""
    db = tmp_path / "kroniek.duckdb"
    good = good_file(tmp_path)
    summary = run([str(good), *map(str, bad)], db, settings, workers=1)
    assert "goed" in doc_ids(db)
    assert summary.new >= 1
    return summary, db, failures(db)


def assert_one_failure(
    tmp_path: Path, bad: Path, stage: str, error: str, settings: dict[str, Any]
) -> RunSummary:
    summary, db, rows = run_batch(tmp_path, [bad], settings)
    assert rows == [{"source": str(bad), "stage": stage, "error": error}]
    assert summary.failed == 1
    assert [(f.source, f.stage, f.error) for f in summary.failures] == [(str(bad), stage, error)]
    assert error in CATALOGUE
    assert doc_ids(db) == {"goed"}
    return summary


# -- bytes that are no text ----------------------------------------------------------------------


def test_png_with_txt_suffix_is_binary(tmp_path: Path, settings: dict[str, Any]) -> None:
    rng = random.Random(7)
    bad = tmp_path / "foto.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000)))
    assert_one_failure(tmp_path, bad, "read", "binary", settings)


def test_nul_bytes_are_binary(tmp_path: Path, settings: dict[str, Any]) -> None:
    bad = tmp_path / "nul.txt"
    bad.write_bytes(b" date 2020-01-01 Dit lijkt op tekst\x00\x00 maar bevat NUL-bytes.\n")
    assert_one_failure(tmp_path, bad, "read", "binary", settings)


def test_control_characters_are_binary(tmp_path: Path, settings: dict[str, Any]) -> None:
    bad = tmp_path / "stuurtekens.txt"
    bad.write_bytes(b"Tekst" + bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b" en meer tekst.")
    assert_one_failure(tmp_path, bad, "read", "binary", settings)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n   \n"], ids=["empty", "whitespace"])
def test_empty_file_is_empty(tmp_path: Path, settings: dict[str, Any], content: bytes) -> None:
    bad = tmp_path / "leeg.txt"
    bad.write_bytes(content)
    assert_one_failure(tmp_path, bad, "read", "empty", settings)


def test_cp1252_text_is_decoded_not_failed(tmp_path: Path, settings: dict[str, Any]) -> None:
    sentence = "Zuid-Korea’s president zei: “Dit is één stap” – €5"
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes(f" date 2024-05-01 {sentence}. Het is een stap voor de regio.\n".encode("cp1252"))
    summary, db, rows = run_batch(tmp_path, [cp], settings)
    assert rows == []
    assert summary.failed == 0
    (doc,) = query(db, "SELECT encoding, published, clean_text FROM documents WHERE id = 'cp1252'")
    assert doc["encoding"] == "cp1252"
    assert doc["published"] == "2024-05-01"
    assert sentence in doc["clean_text"]
    for piece in ("“", "”", "’", "één", "€"):
        assert piece in doc["clean_text"]


LATIN1_TEXTS = [
    "geïsoleerd",
    " date 2024-05-02 Het land is geïsoleerd geraakt na de sancties van de VN.\n",
    "De financiële sancties zijn volgens België niet geïsoleerd te beoordelen, zei de woordvoerder.",
]


@pytest.mark.parametrize("sentence", LATIN1_TEXTS, ids=["word", "header", "long"])
def test_latin1_text_is_decoded(sentence: str, settings: dict[str, Any]) -> None:
    text, encoding = decode(sentence.encode("latin-1"), settings["read"]["max_control_ratio"])
    assert text == sentence
    assert encoding in {"cp1252", "latin_1", "iso8859_1", "iso8859_15"}


def test_latin1_file_is_stored_with_correct_text(tmp_path: Path, settings: dict[str, Any]) -> None:
    lat = tmp_path / "latin1.txt"
    lat.write_bytes(LATIN1_TEXTS[1].encode("latin-1"))
    summary, db, rows = run_batch(tmp_path, [lat], settings)
    assert rows == []
    assert summary.failed == 0
    (doc,) = query(db, "SELECT clean_text FROM documents WHERE id = 'latin1'")
    assert doc["clean_text"] == "Het land is geïsoleerd geraakt na de sancties van de VN."


# -- limits --------------------------------------------------------------------------------------


def test_too_large_file(tmp_path: Path) -> None:
    small = load_settings(overrides=["read.max_document_bytes=1000"])
    bad = tmp_path / "groot.txt"
    bad.write_bytes((b"Dit is een zin over Noord-Korea. " * 200)[:5000])
    assert bad.stat().st_size == 5000
    assert_one_failure(tmp_path, bad, "read", "too_large", small)


# -- WARC ----------------------------------------------------------------------------------------


def test_truncated_gzip_warc_keeps_complete_records(tmp_path: Path, settings: dict[str, Any]) -> None:
    data = html_warc([random_page(n) for n in (1, 2, 3)], gz=True)
    members = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    assert len(members) == 3
    cut = int(len(data) * 0.8)
    # the cut lies well inside the third record's (compressed) payload, past its headers
    assert cut - members[2] > 0.3 * (len(data) - members[2])
    bad = tmp_path / "afgebroken.warc.gz"
    bad.write_bytes(data[:cut])
    summary, db, rows = run_batch(tmp_path, [bad], settings)
    assert [(r["stage"], r["error"]) for r in rows] == [("read", "warc_truncated")]
    assert rows[0]["source"].startswith(f"{bad}#")
    assert summary.failed == 1
    assert summary.new == 3
    sources = {r["source"] for r in query(db, "SELECT source FROM documents")}
    assert sources == {
        str(tmp_path / "goed.txt"),
        f"{bad}#https://example.org/a1",
        f"{bad}#https://example.org/a2",
    }


def test_truncated_plain_warc_in_payload(tmp_path: Path, settings: dict[str, Any]) -> None:
    data = html_warc([random_page(n) for n in (1, 2, 3)], gz=False)
    third = data.index(b"https://example.org/a3")
    payload = data.index(b"<!DOCTYPE html>", third)
    bad = tmp_path / "afgebroken.warc"
    bad.write_bytes(data[: payload + 200])
    summary, db, rows = run_batch(tmp_path, [bad], settings)
    assert rows == [{"source": f"{bad}#https://example.org/a3", "stage": "read", "error": "warc_truncated"}]
    assert summary.failed == 1
    assert len(doc_ids(db)) == 3


def test_warc_with_random_bytes_is_invalid(tmp_path: Path, settings: dict[str, Any]) -> None:
    rng = random.Random(3)
    bad = tmp_path / "rommel.warc"
    bad.write_bytes(bytes(rng.randrange(256) for _ in range(2000)))
    summary, _, rows = run_batch(tmp_path, [bad], settings)
    assert rows == [{"source": f"{bad}#1", "stage": "read", "error": "warc_invalid"}]
    assert summary.failed == 1


def test_warc_with_text_garbage_is_invalid(tmp_path: Path, settings: dict[str, Any]) -> None:
    bad = tmp_path / "tekst.warc"
    bad.write_bytes(b"Dit is geen WARC-bestand maar gewone tekst.\n")
    summary, _, rows = run_batch(tmp_path, [bad], settings)
    assert [(r["stage"], r["error"]) for r in rows] == [("read", "warc_invalid")]
    assert summary.failed == 1


def test_warc_truncated_in_warc_headers_does_not_crash(tmp_path: Path, settings: dict[str, Any]) -> None:
    data = html_warc([random_page(n) for n in (1, 2, 3)], gz=False)
    third = data.index(b"WARC/1.", data.index(b"https://example.org/a2"))
    cut = data.index(b"WARC-Target-URI", third)  # after WARC-Type and WARC-Record-ID
    bad = tmp_path / "kop-afgebroken.warc"
    bad.write_bytes(data[:cut])
    summary, db, rows = run_batch(tmp_path, [bad], settings)
    assert [(r["stage"], r["error"]) for r in rows] == [("read", "warc_truncated")]
    assert summary.failed == 1
    assert len(doc_ids(db)) == 3


def test_warc_truncated_before_payload_is_reported(tmp_path: Path, settings: dict[str, Any]) -> None:
    data = html_warc([random_page(n) for n in (1, 2, 3)], gz=False)
    third = data.index(b"https://example.org/a3")
    cut = data.index(b"HTTP/1.1 200", third) + 8
    bad = tmp_path / "http-afgebroken.warc"
    bad.write_bytes(data[:cut])
    summary, db, rows = run_batch(tmp_path, [bad], settings)
    assert len(doc_ids(db)) == 3
    assert [(r["stage"], r["error"]) for r in rows] == [("read", "warc_truncated")]
    assert summary.failed == 1


# -- HTML ----------------------------------------------------------------------------------------


def test_html_without_text_and_broken_html_with_text(tmp_path: Path, settings: dict[str, Any]) -> None:
    empty = tmp_path / "leeg.html"
    empty.write_text(
        "<html><head><script>var x = 1;</script></head><body><script>track();</script></body></html>",
        "utf-8",
    )
    broken = tmp_path / "kapot.html"
    broken.write_text(
        f"<html><body><div><p>{TEXTY_PARAGRAPH}<p>Tweede alinea zonder sluittag over de reactie van "
        "Washington en Tokio op de lancering van donderdagochtend.<div><span>",
        "utf-8",
    )
    summary, db, rows = run_batch(tmp_path, [empty, broken], settings)
    assert rows == [{"source": str(empty), "stage": "read", "error": "no_main_text"}]
    assert summary.failed == 1
    (doc,) = query(db, "SELECT clean_text, format FROM documents WHERE id = 'kapot'")
    assert TEXTY_PARAGRAPH in doc["clean_text"]
    assert "Tweede alinea zonder sluittag" in doc["clean_text"]
    assert doc["format"] == "html"


def test_html_nav_only_page_is_no_main_text(tmp_path: Path, settings: dict[str, Any]) -> None:
    nav = tmp_path / "menu.html"
    nav.write_text(
        "<html><head><script>var x = 1;</script></head><body><nav><a href='/'>Home</a>"
        "<a href='/nieuws'>Nieuws</a></nav></body></html>",
        "utf-8",
    )
    summary, db, rows = run_batch(tmp_path, [nav], settings)
    assert rows == [{"source": str(nav), "stage": "read", "error": "no_main_text"}]
    assert summary.failed == 1
    assert doc_ids(db) == {"goed"}


# -- JSONL ---------------------------------------------------------------------------------------


def test_jsonl_invalid_lines(tmp_path: Path, settings: dict[str, Any]) -> None:
    bad = tmp_path / "gemengd.jsonl"
    bad.write_text(
        '{"id": "j1", "text": "Eerste artikel over de top tussen Noord-Korea en de Verenigde Staten."}\n'
        "{broken\n"
        "[1, 2]\n"
        '{"id": "j3", "title": "Alleen een kop, geen tekst"}\n'
        '{"id": "j2", "text": "Tweede artikel over Rusland, China en de sancties tegen Pyongyang."}\n',
        "utf-8",
    )
    summary, db, rows = run_batch(tmp_path, [bad], settings)
    assert rows == [
        {"source": f"{bad}:2", "stage": "read", "error": "invalid_json"},
        {"source": f"{bad}:3", "stage": "read", "error": "not_an_object"},
        {"source": f"{bad}:4", "stage": "read", "error": "no_text_field"},
    ]
    assert summary.failed == 3
    assert doc_ids(db) == {"goed", "j1", "j2"}
    stored = {r["id"]: r["source"] for r in query(db, "SELECT id, source FROM documents")}
    assert stored["j1"] == f"{bad}:1"
    assert stored["j2"] == f"{bad}:5"


# -- cleaning ------------------------------------------------------------------------------------


def test_text_that_cleans_to_nothing(tmp_path: Path, settings: dict[str, Any]) -> None:
    bad = tmp_path / "sjabloon.txt"
    bad.write_text(
        " date 2024-01-01 {{ title }} {{ subTitle }}\n\n{{ lead }}\n\nDeel dit artikel:\n", "utf-8"
    )
    assert_one_failure(tmp_path, bad, "clean", "no_text_after_cleaning", settings)


# -- re-runs -------------------------------------------------------------------------------------


def test_rerun_adds_no_failure_rows_and_fixed_file_leaves_failures(
    tmp_path: Path, settings: dict[str, Any]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    empty = folder / "leeg.txt"
    empty.write_bytes(b"")
    binary = folder / "nul.txt"
    binary.write_bytes(b"abc\x00def")
    db = tmp_path / "k.duckdb"
    expected = [
        {"source": str(empty), "stage": "read", "error": "empty"},
        {"source": str(binary), "stage": "read", "error": "binary"},
    ]

    first = run([str(folder)], db, settings, workers=1)
    assert (first.new, first.failed) == (1, 2)
    assert failures(db) == expected

    second = run([str(folder)], db, settings, workers=1)
    assert (second.new, second.stored, second.failed) == (0, 1, 2)
    assert failures(db) == expected
    assert query(db, "SELECT count(*) AS n FROM failures") == [{"n": 2}]

    empty.write_text(" date 2024-06-01 Het bestand is nu gerepareerd en bevat een echte zin.\n", "utf-8")
    third = run([str(folder)], db, settings, workers=1)
    assert (third.new, third.failed) == (1, 1)
    assert failures(db) == expected[1:]
    assert doc_ids(db) == {"goed", "leeg"}


# -- the command line ----------------------------------------------------------------------------


def test_cli_exit_code_is_number_of_failures(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "plaatje.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "-q", "--workers", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2
    line = f"read 3 · new 1 · already stored 0 · duplicate 0 · near-duplicate 0 · no text 0 · failed 2 → {db}"
    assert line in result.stdout
    assert "failed 2" in result.output
    assert len(failures(db)) == 2

    again = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "-q", "--workers", "1"])
    assert again.exit_code == 2
    assert "new 0 · already stored 1" in again.stdout


def test_cli_exit_code_zero_when_nothing_fails(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "-q", "--workers", "1"])
    assert result.exit_code == 0
    assert "failed 0" in result.stdout


def test_glob_matching_nothing_is_reported(tmp_path: Path, settings: dict[str, Any]) -> None:
    pattern = str(tmp_path / "nothing-*.txt")
    summary = run([pattern, str(good_file(tmp_path))], tmp_path / "k.duckdb", settings, workers=1)
    assert summary.failed == 1
    assert failures(tmp_path / "k.duckdb") == [{"source": pattern, "stage": "read", "error": "unreadable"}]


def test_a_new_error_for_an_input_replaces_the_old_one(tmp_path: Path, settings: dict[str, Any]) -> None:
    bad = tmp_path / "wisselend.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    db = tmp_path / "k.duckdb"
    run([str(bad)], db, settings, workers=1)
    assert [f["error"] for f in failures(db)] == ["binary"]
    bad.write_bytes(b"   \n")
    run([str(bad)], db, settings, workers=1)
    assert [f["error"] for f in failures(db)] == ["empty"]


def test_a_50_mb_text_file_is_refused_without_reading_it(tmp_path: Path, settings: dict[str, Any]) -> None:
    big = tmp_path / "groot.txt"
    line = b"Noord-Korea lanceerde opnieuw een raket boven de Japanse Zee, meldt het leger.\n"
    with big.open("wb") as out:
        for _ in range(50 * 2**20 // len(line) + 1):
            out.write(line)
    assert big.stat().st_size >= 50 * 2**20
    summary = assert_one_failure(tmp_path, big, "read", "too_large", settings)
    assert summary.failures[0].message.startswith(f"{big.stat().st_size} bytes")


def test_database_held_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    """A kroniek serve (a reader in another process) holds the file: kroniek run says so, exit 2."""
    import subprocess
    import sys

    db = tmp_path / "busy.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}, read_only=True); "
            "print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        (tmp_path / "a.txt").write_text("Een artikel over overleg tussen twee landen.", "utf-8")
        result = CliRunner().invoke(app, ["run", str(tmp_path / "a.txt"), "--db", str(db), "-q"])
        assert result.exit_code == 2, result.output
        said = " ".join(result.output.split())  # the console wraps long paths at its width
        assert "database busy" in said and "open in another process" in said
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
