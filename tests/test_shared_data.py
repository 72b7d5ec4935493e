"""The pipeline on ../shared data: seeds, corpora and real HTML pages (runs in CI)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kroniek.pipeline import RunSummary, process, run
from kroniek.settings import Settings
from kroniek.store import Store

from .conftest import shared_path
from .test_web_seeds import check_every_page

_SPACE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@pytest.fixture(scope="module")
def seeds() -> dict[str, object]:
    folder = shared_path("seeds")
    return {p.stem: process(p) for p in sorted(folder.glob("*.txt"))}


def test_seed_texts_come_out_clean(seeds: dict[str, object]) -> None:
    docs = {k[:3]: v for k, v in seeds.items()}
    for doc in docs.values():
        assert "{{" not in doc.clean and "}}" not in doc.clean  # type: ignore[attr-defined]
    # 004 is hard-wrapped with blank lines: its lines are rejoined into paragraphs.
    d004 = docs["004"]
    assert "bijeenkomst van wereldleiders in Beijing" in d004.clean  # type: ignore[attr-defined]
    assert d004.headings == ["Van paria naar gesprekspartner", "Symboliek in Beijing", "De open vraag"]  # type: ignore[attr-defined]
    assert len(d004.paragraphs) == 7  # type: ignore[attr-defined]
    # 002: the photo credit is gone, the caption sentence (it reports a visit) stays.
    assert "Getty" not in docs["002"].clean and "Gamma-Rapho" not in docs["002"].clean  # type: ignore[attr-defined]
    assert "Eind juli ontving Kim al de Russische defensieminister Sjojgoe." in docs["002"].clean  # type: ignore[attr-defined]
    # 003: the pull quote appears once.
    assert docs["003"].clean.count("belicht de aanhoudende focus van Pyongyang") == 1  # type: ignore[attr-defined]
    assert docs["003"].clean.count("happig om met Biden te praten") == 1  # type: ignore[attr-defined]
    # 001: the caption glued to the date header is not text.
    assert "en en Donald Trump in 2019" not in docs["001"].clean  # type: ignore[attr-defined]


def test_seed_publication_dates_with_precision(seeds: dict[str, object]) -> None:
    dates = {k[:3]: (v.meta.published, v.meta.published_precision) for k, v in seeds.items()}  # type: ignore[attr-defined]
    assert dates == {
        "000": (None, None),
        "001": ("2026-02-26", "day"),
        "002": ("2023-09", "month"),
        "003": ("2021-09", "month"),
        "004": ("2025-09-07", "day"),
    }


def test_every_gold_quote_survives_cleaning(seeds: dict[str, object]) -> None:
    gold = shared_path("gold", "seeds.jsonl")
    missing = []
    for line in gold.read_text("utf-8").splitlines():
        record = json.loads(line)
        clean = _collapse(seeds[record["doc"]].clean)  # type: ignore[attr-defined]
        for event in record["events"]:
            if _collapse(event["quote"]) not in clean:
                missing.append((record["doc"], event["quote"]))
    assert missing == []


def test_clean_offsets_point_at_the_raw_words(seeds: dict[str, object]) -> None:
    for doc in seeds.values():
        for match in re.finditer(r"[A-Z][\w-]{3,}", doc.clean):  # type: ignore[attr-defined]
            a, b = doc.offsets.raw_span(match.start(), match.end())  # type: ignore[attr-defined]
            assert doc.raw[a:b] == match.group(), (a, b)  # type: ignore[attr-defined]


@pytest.mark.slow
def test_corpora_and_seeds_stored_once_and_rerun_adds_nothing(
    corpora_run: tuple[list[str], Path, RunSummary], settings: Settings
) -> None:
    inputs, db, first = corpora_run
    assert first.failed == 0, first.failures[:5]
    assert first.read == 5 + 481 + 1438
    # Every record is accounted for: stored, a duplicate of a stored one, or an empty record.
    assert first.new + first.duplicate + first.near_duplicate + first.skipped == first.read
    assert first.near_duplicate > 0  # NOS republished some articles with a new headline
    with Store(db, read_only=True) as store:
        counts = store.counts()
        assert counts["documents"] == first.new
        assert counts["duplicates"] == first.duplicate + first.near_duplicate
        assert store.query("SELECT count(*) AS n FROM documents WHERE published IS NULL")[0]["n"] == 1
        precisions = store.query(
            "SELECT published_precision AS p, count(*) AS n FROM documents GROUP BY 1 ORDER BY 1"
        )
    assert {r["p"] for r in precisions} == {"day", "month", None}
    second = run(inputs, db, settings, workers=2)
    assert (second.new, second.failed) == (0, 0)
    assert second.stored == first.read - first.skipped
    with Store(db, read_only=True) as store:
        assert store.counts() == counts
    # The web UI answers every article, actor and dyad page of the corpora (#6).
    assert check_every_page(db, twins=False) > first.new


def test_dutch_html_pages_text_title_and_date() -> None:
    folder = shared_path("data", "html", "htmldate_nl")
    alarm = process(folder / "alarmeringen.nl_1733850206.html")
    assert alarm.meta.published == "2020-10-09"  # "Vrijdag 9 oktober" on the page
    assert alarm.meta.title == "Ambulance met spoed naar Hoge Zand in Den Haag"
    assert "P2000 netwerk" in alarm.clean
    nu = process(folder / "nu.nl_1721884119.html")
    assert nu.meta.published == "2020-09-26"
    assert nu.meta.language == "nl"
    assert "derde en laatste vrije training" in nu.clean


def test_time_expressions_in_gold_quotes_resolve_inside_the_gold_date(seeds: dict[str, object]) -> None:
    """Each time expression inside a dated gold quote resolves to a period within the gold date."""
    from kroniek.timex import interval

    gold = shared_path("gold", "seeds.jsonl")
    checked, wrong = [], []
    for line in gold.read_text("utf-8").splitlines():
        record = json.loads(line)
        doc = seeds[record["doc"]]
        # positions of the collapsed text in the clean text
        positions = [
            i for i, ch in enumerate(doc.clean) if not ch.isspace() or (i and not doc.clean[i - 1].isspace())
        ]  # type: ignore[attr-defined]
        collapsed = "".join(" " if doc.clean[i].isspace() else doc.clean[i] for i in positions)  # type: ignore[attr-defined]
        periods: dict[str, list[tuple[object, object]]] = {}
        for event in record["events"]:  # one quote may carry events of several dates ("in 2018 en 2019")
            if event["date"] is not None:
                periods.setdefault(_collapse(event["quote"]), []).append(interval(event["date"]))  # type: ignore[arg-type]
        for quote, dated in periods.items():
            at = collapsed.find(quote)
            assert at >= 0
            start, end = positions[at], positions[at + len(quote) - 1] + 1
            for timex in doc.timexes:  # type: ignore[attr-defined]
                if start <= timex.start and timex.end <= end:
                    found = interval(timex.value)
                    checked.append(timex.text)
                    if found is None or not any(p[0] <= found[0] and found[1] <= p[1] for p in dated):  # type: ignore[operator]
                        wrong.append((record["doc"], timex.text, timex.value, quote[:40]))
    assert wrong == []
    assert len(checked) >= 15, checked
    assert {"vorige zomer", "afgelopen weekend", "de laatste jaarwisseling", "Eind juli"} <= set(checked)
