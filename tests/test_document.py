"""The offset map: every clean character that was copied points at the same raw character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kroniek.clean import clean
from kroniek.document import Document, Metadata, OffsetMap, Segment
from kroniek.settings import load_settings

SETTINGS = load_settings()


def _doc(raw: str) -> Document:
    return clean(Document(id="t", raw=raw, meta=Metadata(source="t")), SETTINGS)


def test_offset_map_copy_and_replacement_segments() -> None:
    omap = OffsetMap([Segment(0, 5, 10, 15, True), Segment(5, 6, 15, 17, False), Segment(6, 9, 17, 20, True)])
    assert omap.to_raw(0) == 10
    assert omap.to_raw(4) == 14
    assert omap.to_raw(5) == 15  # the replacement maps to its raw start
    assert omap.to_raw(7) == 18
    assert omap.raw_span(0, 9) == (10, 20)
    assert omap.raw_span(6, 8) == (17, 19)
    assert OffsetMap.from_rows(omap.to_rows()) == omap


def test_clean_spans_map_back_to_the_same_raw_words() -> None:
    raw = " date 2021-09 Kop zonder punt\n\nNoord-Korea  testte\n\neen raket.   Dat meldde KCNA.\n"
    doc = _doc(raw)
    for word in ("Noord-Korea", "testte", "raket", "KCNA"):
        start = doc.clean.index(word)
        a, b = doc.offsets.raw_span(start, start + len(word))
        assert raw[a:b] == word


paragraph = st.lists(
    st.sampled_from(["Kim", "Poetin", "ontmoette", "de", "president", "in", "Hanoi.", "zei", "hij,", "2019"]),
    min_size=3,
    max_size=30,
).map(" ".join)


@hsettings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=8), st.sampled_from(["\n\n", "\n", "\n\n\n", "\r\n\r\n"]))
def test_copied_characters_are_identical_in_raw(paragraphs: list[str], sep: str) -> None:
    raw = sep.join(paragraphs) + "."
    doc = _doc(raw)
    for seg in doc.offsets.segments:
        if seg.copy:
            assert doc.clean[seg.clean_start : seg.clean_end] == raw[seg.raw_start : seg.raw_end]
    # Every word of the clean text can be found at its mapped raw position.
    pos = 0
    for word in doc.clean.split():
        start = doc.clean.index(word, pos)
        a, b = doc.offsets.raw_span(start, start + len(word))
        assert raw[a:b] == word
        pos = start + len(word)
