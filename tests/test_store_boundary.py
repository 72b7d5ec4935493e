"""The store boundary: any Document the stages can make, with any Unicode in any text field, is
stored or becomes a failure row, and the rest of its batch is stored all the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kroniek.document import Block, Document, Event, Mention, Quote, Removal, TimeExpression
from kroniek.errors import Failure, Skip
from kroniek.pipeline import STAGES, run
from kroniek.settings import load_settings
from kroniek.store import DuplicateRecord, Store
from kroniek.strings import valid_text

from .builders import document

# Hypothesis leaves out surrogates unless told; they are what breaks a write.
ANY_CHAR = st.characters(exclude_categories=())
NASTY = st.sampled_from(
    [
        "\ud800",  # lone high surrogate (a JSON "\ud800" escape)
        "\udcff",  # a file name byte that is no UTF-8, as os.fsdecode gives it
        "\ud83d\ude00",  # a surrogate pair left unjoined
        "\x00",
        "\x1b[2J",
        "\u202e",  # right-to-left override
        "\u200f",
        "\u2066",
        "\ufeff",
        "\U0010ffff",
        "\u2028",
        "'; DROP TABLE documents; --",
        '"\\',
    ]
)
SHORT = st.lists(st.one_of(NASTY, st.text(ANY_CHAR, max_size=12)), max_size=5).map("".join)
MEGABYTE = st.sampled_from(["x", "é", "\ud800", "\x00", "\u202e"]).map(lambda c: c * 1_000_000)
TEXT = st.one_of(SHORT, SHORT, SHORT, MEGABYTE)
OPTIONAL = st.none() | SHORT
OFFSET = st.integers(0, 10**6)
# Now and then a number no column holds: a stage bug the store must survive, one document at a time.
NUMBER = st.sampled_from([None, None, None, None, None, 2**31, 2**64]).flatmap(
    lambda bug: OFFSET if bug is None else st.just(bug)
)
PUBLISHED = st.dates(dt.date(1000, 1, 1), dt.date(2999, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
)


@st.composite
def documents(draw: st.DrawFn, n: int) -> Document:
    doc = document(
        f"{n}:{draw(SHORT)}",
        draw(TEXT),
        source=f"{n}:{draw(SHORT)}",
        title=draw(OPTIONAL),
        url=draw(OPTIONAL),
        published=draw(st.none() | PUBLISHED),
        language=draw(OPTIONAL),
        encoding=draw(OPTIONAL),
        format=draw(SHORT),
    )
    doc.meta.extra = draw(st.dictionaries(SHORT, SHORT, max_size=2))
    doc.meta.input_hash = draw(OPTIONAL)
    doc.blocks = [Block(0, draw(NUMBER), draw(SHORT))]  # type: ignore[arg-type]
    doc.removed = [Removal(0, draw(NUMBER), draw(SHORT), draw(SHORT))]
    doc.signature = draw(st.none() | st.binary(max_size=32))
    doc.mentions = [
        Mention(draw(NUMBER), 3, draw(TEXT), draw(SHORT), *draw(st.lists(OPTIONAL, min_size=6, max_size=6)))
    ]
    doc.timexes = [TimeExpression(0, 4, draw(SHORT), draw(OPTIONAL), draw(SHORT), draw(OPTIONAL))]
    doc.events = [
        Event(
            draw(SHORT),
            draw(st.lists(SHORT, max_size=2)),
            draw(st.lists(SHORT, max_size=2)),
            [(0, draw(NUMBER))],
            mode=draw(OPTIONAL),
            date=draw(OPTIONAL),
            date_source=draw(OPTIONAL),
            aux=draw(OPTIONAL),
            historical=draw(st.booleans()),
            score=draw(st.none() | st.floats()),
            quad=draw(OPTIONAL),
            contexts=draw(st.lists(SHORT, max_size=2)),
            quote=draw(st.none() | st.just(0)),
        )
    ]
    doc.quotes = [Quote(0, 4, draw(OPTIONAL), None, None, draw(SHORT), draw(OPTIONAL), draw(OPTIONAL))]
    return doc


def plain(doc_id: str) -> Document:
    return document(doc_id, f"Een gewoon artikel, {doc_id}, over overleg tussen twee landen.")


def stored_ids(store: Store) -> set[str]:
    return {r["id"] for r in store.query("SELECT id FROM documents")}


@hsettings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=3, unique=True).flatmap(
        lambda ns: st.tuples(*(documents(n) for n in ns))
    ),
    st.lists(st.tuples(SHORT, SHORT), max_size=2),
    st.lists(st.tuples(SHORT, OPTIONAL), max_size=2),
)
def test_any_document_is_stored_or_a_failure_and_its_batch_is_stored(
    hostile: tuple[Document, ...], failing: list[tuple[str, str]], skipping: list[tuple[str, str | None]]
) -> None:
    before, after = plain("voor"), plain("na")
    copy = document("kopie", "kopie", source="kopie.txt")
    duplicates = [DuplicateRecord(copy, "exact", hostile[0].id, 1.0)]
    failures = [
        Failure(f"f{i}:{source}", "read", "empty", message) for i, (source, message) in enumerate(failing)
    ]
    skipped = [
        Skip(f"s{i}:{source}", f"s{i}", title, None, "empty text field")
        for i, (source, title) in enumerate(skipping)
    ]
    with Store(":memory:") as store:
        refused = store.write_batch([before, *hostile, after], duplicates, failures, 1, skipped)
        event("written one by one" if refused else "written whole")  # both paths are tried
        ids = stored_ids(store)
        assert {"voor", "na"} <= ids
        refused_sources = {f.source for f in refused}
        for doc in hostile:
            assert (valid_text(doc.id) in ids) != (doc.meta.source in refused_sources)
        if valid_text(hostile[0].id) not in ids:
            assert "kopie.txt" in refused_sources  # a copy of a refused document is not left dangling
        rows = store.query("SELECT source, stage, error FROM failures")
        assert {(r["source"], r["stage"], r["error"]) for r in rows} == {
            *((valid_text(f.source), f.stage, f.error) for f in failures),
            *((valid_text(f.source), "store", "store_rejected") for f in refused),
        }
        assert store.counts()["skipped"] == len(skipped)
        for doc in hostile:
            if valid_text(doc.id) in ids:
                (row,) = store.query(
                    "SELECT title, raw_text FROM documents WHERE id = ?", [valid_text(doc.id)]
                )
                assert row["title"] == (valid_text(doc.meta.title) if doc.meta.title is not None else None)
                assert row["raw_text"] == valid_text(doc.raw)  # one character for one: offsets hold


def test_a_batch_the_database_refuses_is_written_one_document_at_a_time(tmp_path: Path) -> None:
    broken = plain("kapot")
    broken.mentions = [Mention(2**40, 2**40 + 3, "Kim", "person")]  # no INTEGER holds it
    copy_of_broken = document("kopie-kapot", "x", source="kopie-kapot.txt")
    copy_of_good = document("kopie-goed", "y", source="kopie-goed.txt")
    with Store(tmp_path / "k.duckdb") as store:
        refused = store.write_batch(
            [plain("a"), broken, plain("b")],
            [
                DuplicateRecord(copy_of_broken, "exact", "kapot", 1.0),
                DuplicateRecord(copy_of_good, "near", "a", 0.9),
            ],
            [Failure("leeg.txt", "read", "empty", "the input is empty")],
        )
        assert [(f.source, f.stage, f.error) for f in refused] == [
            ("kapot.txt", "store", "store_rejected"),
            ("kopie-kapot.txt", "store", "store_rejected"),
        ]
        assert "INT" in refused[0].message and "Traceback" not in refused[0].message
        assert stored_ids(store) == {"a", "b"}
        assert [r["source"] for r in store.query("SELECT source FROM duplicates")] == ["kopie-goed.txt"]
        failed = store.query("SELECT source, error FROM failures ORDER BY source")
        assert [(r["source"], r["error"]) for r in failed] == [
            ("kapot.txt", "store_rejected"),
            ("kopie-kapot.txt", "store_rejected"),
            ("leeg.txt", "empty"),
        ]


def _breaks_one(doc: Document, settings: Any) -> Document:
    """A stage with a bug for one article: an offset no column can hold."""
    if doc.id == "kapot":
        doc.mentions = [Mention(2**40, 2**40 + 3, "Kim", "person")]
    return doc


def test_a_run_counts_a_refused_document_as_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("goed", "kapot", "ook-goed"):
        (folder / f"{name}.txt").write_text(
            f" date 2024-01-0{len(name) % 9 + 1} Het artikel {name} gaat over overleg tussen Japan en Zuid-Korea.\n",
            "utf-8",
        )
    monkeypatch.setattr("kroniek.pipeline.STAGES", (*STAGES, ("bug", _breaks_one)))
    settings = load_settings(overrides=["analyse.backend=none"])
    db = tmp_path / "k.duckdb"
    summary = run([str(folder)], db, settings, workers=1)
    assert (summary.read, summary.new, summary.failed) == (3, 2, 1)
    assert [(f.source, f.stage, f.error) for f in summary.failures] == [
        (str(folder / "kapot.txt"), "store", "store_rejected")
    ]
    with Store(db, read_only=True) as store:
        assert stored_ids(store) == {"goed", "ook-goed"}
        assert store.query("SELECT stage, error FROM failures") == [
            {"stage": "store", "error": "store_rejected"}
        ]
    monkeypatch.undo()
    again = run([str(folder)], db, settings, workers=1)  # the bug fixed: the refused article is stored
    assert (again.new, again.stored, again.failed) == (1, 2, 0)
