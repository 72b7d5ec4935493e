"""Arbitrary input never crashes reading or cleaning: it is text, or a KroniekError with a code."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kroniek.clean import clean
from kroniek.document import Metadata
from kroniek.errors import CATALOGUE, Failure, KroniekError, Skip
from kroniek.pipeline import process_item
from kroniek.readers import RawItem, iter_items
from kroniek.readers.decode import decode
from kroniek.readers.text import text_document
from kroniek.settings import load_settings

SETTINGS = load_settings()
PIECES = st.sampled_from(
    [
        " date 2023-09 ",
        "{{ title }}",
        "Beeld ANP",
        "Foto: Reuters",
        "Deel dit artikel",
        "\n",
        "\n\n",
        "Kim Jong-un",
        "zei Poetin.",
        "‘quote’",
        "Ã©",
        "\u00a0",
        "\t",
        "-",
        ".",
        "Lees ook: x",
        "  ",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=40).map("".join)


@hsettings(max_examples=300, deadline=None)
@given(TEXTS)
def test_clean_never_crashes_and_offsets_hold(raw: str) -> None:
    doc = text_document(raw, "f", Metadata(source="f.txt"))
    try:
        clean(doc, SETTINGS)
    except KroniekError as exc:
        assert exc.code in CATALOGUE
        return
    assert doc.clean.strip()
    for seg in doc.offsets.segments:
        assert 0 <= seg.raw_start <= seg.raw_end <= len(raw)
        if seg.copy:
            assert doc.clean[seg.clean_start : seg.clean_end] == raw[seg.raw_start : seg.raw_end]
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.clean)


@hsettings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decode_returns_text_or_a_coded_error(data: bytes) -> None:
    try:
        text, encoding = decode(data, SETTINGS["read"]["max_control_ratio"])
    except KroniekError as exc:
        assert exc.code in {"empty", "binary", "undecodable"}
        return
    assert isinstance(text, str) and text.strip()
    assert encoding


@hsettings(max_examples=120, deadline=None)
@given(
    st.one_of(st.binary(max_size=600), TEXTS.map(lambda t: t.encode("utf-8"))),
    st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz", ""]),
)
def test_any_file_becomes_documents_failures_or_skips(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        for item in iter_items([str(path)], SETTINGS["read"]):
            if isinstance(item, RawItem):
                outcome = process_item(item, SETTINGS)
                if isinstance(outcome, Failure):
                    assert outcome.error != "internal", outcome.message
            else:
                assert isinstance(item, Failure | Skip)
                if isinstance(item, Failure):
                    assert item.error != "internal", item.message
