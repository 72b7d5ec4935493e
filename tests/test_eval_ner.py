"""CoNLL NER evaluation: reading files, IOB1/IOB2/IOBES to spans, and the scoring arithmetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek.evaluate.ner import (
    detect_scheme,
    format_scores,
    parse_conll,
    read_conll,
    score_entities,
    spans_to_iob2,
    tags_to_spans,
)

# Written for this test: two articles, POS column as in CoNLL-2002 Dutch, IOB2 tags.
IOB2_SNIPPET = """\
-DOCSTART- -DOCSTART- O
Poetin N B-PER
sprak V O
in Prep O
Moskou N B-LOC
met Prep O
Kim N B-PER
Jong N I-PER
Un N I-PER
. Punc O

De Art O
Verenigde Adj B-ORG
Naties N I-ORG
zwegen V O
. Punc O
-DOCSTART- -DOCSTART- O
Het Art O
Nederlands Adj B-MISC
elftal N O
won V O
. Punc O
"""

# The same sentences in IOB1: entities open with I-, B- only where two of one type touch.
IOB1_SNIPPET = """\
Poetin I-PER
sprak O
in O
Moskou I-LOC
met O
Kim I-PER
Jong I-PER
Un I-PER
. O

Jan I-PER
Piet B-PER
en O
Rusland I-LOC
Oekraïne I-LOC
"""


def test_read_iob2_file_with_pos_column_and_docstart(tmp_path: Path) -> None:
    path = tmp_path / "mini.conll"
    path.write_text(IOB2_SNIPPET, encoding="utf-8")
    sentences = read_conll(path)
    assert len(sentences) == 3
    first = sentences[0]
    assert first.tokens[:2] == ("Poetin", "sprak")
    assert first.columns[0] == ("N",)
    assert first.spans == ((0, 1, "PER"), (3, 4, "LOC"), (5, 8, "PER"))
    assert sentences[1].spans == ((1, 3, "ORG"),)
    assert sentences[2].spans == ((1, 2, "MISC"),)
    assert [s.document for s in sentences] == [0, 0, 1]
    assert detect_scheme(s.tags for s in sentences) == "IOB2"


def test_latin1_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin1.conll"
    path.write_bytes("Oekraïne N B-LOC\nzegt V O\n".encode("latin-1"))
    (sentence,) = read_conll(path)
    assert sentence.tokens == ("Oekraïne", "zegt")
    assert sentence.spans == ((0, 1, "LOC"),)


def test_iob1_reads_like_iob2() -> None:
    iob1 = parse_conll(IOB1_SNIPPET)
    iob2 = parse_conll(IOB2_SNIPPET)
    assert detect_scheme(s.tags for s in iob1) == "IOB1"
    assert iob1[0].spans == iob2[0].spans
    # "Jan I-PER, Piet B-PER": two people; "Rusland I-LOC Oekraïne I-LOC": one span (as conlleval).
    assert iob1[1].spans == ((0, 1, "PER"), (1, 2, "PER"), (3, 5, "LOC"))
    assert iob1[0].columns == ((),) * 9


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O"], [(0, 2, "PER")]),
        (["I-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
        (["O", "I-ORG", "I-ORG"], [(1, 3, "ORG")]),
        (["B-ORG", "I-LOC", "O"], [(0, 1, "ORG"), (1, 2, "LOC")]),
        (["S-PER", "B-LOC", "E-LOC", "I-LOC"], [(0, 1, "PER"), (1, 3, "LOC"), (3, 4, "LOC")]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_tags_to_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert tags_to_spans(tags) == spans


def test_spans_to_iob2_round_trip() -> None:
    spans = [(0, 1, "PER"), (1, 3, "LOC")]
    tags = spans_to_iob2(spans, 4)
    assert tags == ["B-PER", "B-LOC", "I-LOC", "O"]
    assert tags_to_spans(tags) == spans
    with pytest.raises(ValueError):
        spans_to_iob2([(2, 5, "PER")], 4)


def test_malformed_line_is_an_error() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_conll("Poetin B-PER\nzegt\n")


def test_score_arithmetic() -> None:
    gold = [
        [(0, 1, "PER"), (3, 4, "LOC")],
        [(0, 2, "ORG"), (5, 6, "PER")],
    ]
    pred = [
        [(0, 1, "PER"), (3, 4, "ORG")],  # right PER; wrong type for the LOC
        [(0, 1, "ORG"), (5, 6, "PER"), (7, 8, "MISC")],  # span too short; right PER; spurious MISC
    ]
    scores = score_entities(gold, pred)
    # 2 correct of 5 predicted, of 4 gold.
    assert (scores["correct"], scores["predicted"], scores["gold"]) == (2, 5, 4)
    assert scores["precision"] == pytest.approx(2 / 5)
    assert scores["recall"] == pytest.approx(2 / 4)
    assert scores["f1"] == pytest.approx(2 * 0.4 * 0.5 / 0.9)
    per = scores["per_type"]
    assert set(per) == {"LOC", "MISC", "ORG", "PER"}
    assert per["PER"]["precision"] == 1.0 and per["PER"]["recall"] == 1.0 and per["PER"]["f1"] == 1.0
    assert per["LOC"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1, "predicted": 0, "correct": 0}
    assert per["ORG"]["predicted"] == 2 and per["ORG"]["gold"] == 1 and per["ORG"]["f1"] == 0.0
    assert per["MISC"]["precision"] == 0.0 and per["MISC"]["gold"] == 0
    assert "overall" in format_scores(scores)


def test_entities_are_matched_per_sentence() -> None:
    # The same span in another sentence is not a match.
    scores = score_entities([[(0, 1, "PER")], []], [[], [(0, 1, "PER")]])
    assert scores["f1"] == 0.0 and scores["correct"] == 0


def test_perfect_and_empty() -> None:
    gold = [[(0, 2, "LOC")], []]
    assert score_entities(gold, gold)["f1"] == 1.0
    empty = score_entities([[]], [[]])
    assert empty["precision"] == empty["recall"] == empty["f1"] == 0.0
    with pytest.raises(ValueError):
        score_entities([[]], [])
