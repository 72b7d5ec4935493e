"""The reader boundary: a folder of arbitrary bytes under arbitrary file names goes through
``kroniek.run`` without an exception; every input is a document, a skip or a coded failure, under a
name that leads back to its file, and the good article beside them is stored."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kroniek.pipeline import run
from kroniek.settings import load_settings
from kroniek.store import Store
from kroniek.strings import path_from_text, path_text

from .builders import html_warc, random_page
from .test_bad_input import GOOD_TEXT

SETTINGS = load_settings()
ANY_CHAR = st.characters(exclude_categories=())  # surrogates too
# Any bytes POSIX allows in a name: all but "/" and NUL; "." and ".." name no file.
NAME = (
    st.lists(st.integers(1, 255).filter(lambda b: b != ord("/")), min_size=1, max_size=30)
    .map(bytes)
    .filter(lambda b: b.strip(b".") != b"")
)
SUFFIX = st.sampled_from([b".txt", b".jsonl", b".html", b".warc", b".warc.gz"])
ARTICLE = "Japan en Zuid-Korea spraken in Tokio over de raketten van Noord-Korea, meldde de regering."
JSONL = st.lists(
    st.fixed_dictionaries(
        {"id": st.text(ANY_CHAR, max_size=8), "title": st.text(ANY_CHAR, max_size=8)},
        optional={
            "text": st.text(ANY_CHAR, max_size=40).map(lambda t: ARTICLE + t),
            "date": st.text(max_size=12),
        },
    ).map(json.dumps),  # ASCII JSON: a lone surrogate becomes a "\ud800" escape
    min_size=1,
    max_size=3,
).map(lambda lines: "\n".join(lines).encode())
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.text(ANY_CHAR, max_size=200).map(lambda t: (ARTICLE + t).encode("utf-8", "surrogatepass")),
    JSONL,
    st.sampled_from([1, 2]).map(lambda n: html_warc([random_page(n)], gz=n == 2)[: 300 * n]),
)
FILES = st.lists(st.tuples(NAME, SUFFIX, CONTENT), max_size=4, unique_by=lambda f: f[0] + f[1])


@hsettings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(FILES)
def test_any_folder_is_read_stored_and_named_so_it_leads_back(
    files: list[tuple[bytes, bytes, bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "goed.txt").write_text(GOOD_TEXT, "utf-8")
        paths = [str(folder / "goed.txt")]
        for name, suffix, content in files:
            path = os.path.join(os.fsencode(folder), name + suffix)
            with open(path, "wb") as out:
                out.write(content)
            if not name.startswith(b"."):  # hidden files are left out of a folder
                paths.append(os.fsdecode(path))
        summary = run([str(folder)], Path(tmp) / "k.duckdb", SETTINGS, workers=1)
        with Store(Path(tmp) / "k.duckdb", read_only=True) as store:
            rows = store.query(
                "SELECT source, 'document' AS kind, id FROM documents UNION ALL "
                "SELECT source, 'duplicate', doc_id FROM duplicates UNION ALL "
                "SELECT source, 'skipped', doc_id FROM skipped UNION ALL "
                "SELECT source, stage || '/' || error, message FROM failures"
            )
    assert "goed" in {r["id"] for r in rows if r["kind"] == "document"}
    assert summary.read == len(rows)
    named = [path_text(p) for p in paths]
    for row in rows:
        assert row["kind"] not in {"read/internal", "time/internal"}, row
        # each row names its file: the name itself, or with ":LINE" (JSONL) or "#URI" (WARC) after it
        assert any(row["source"] == n or row["source"][: len(n) + 1] in (f"{n}:", f"{n}#") for n in named), (
            row
        )
    for path, name in zip(paths, named, strict=True):
        assert path_from_text(name) == path  # ... and that name leads back to it
        assert "\n" not in name and name.encode("utf-8").decode("utf-8") == name
