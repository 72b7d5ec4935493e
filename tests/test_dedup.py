"""Exact and near-duplicate detection."""

from __future__ import annotations

from kroniek.dedup import Deduplicator, content_hash, fingerprint
from kroniek.document import Document, Metadata
from kroniek.settings import Settings

BODY = (
    "De Verenigde Staten hebben vrijdag nieuwe sancties aangekondigd tegen twee Chinese "
    "rederijen die volgens het ministerie van Financiën hielpen bij het omzeilen van de "
    "strafmaatregelen tegen Noord-Korea. De schepen zouden op volle zee olie hebben overgeslagen "
    "naar Noord-Koreaanse tankers. Peking noemde de maatregel onaanvaardbaar en eiste dat "
    "Washington de sancties intrekt. Het is de eerste nieuwe strafmaatregel sinds de mislukte top."
)


def _doc(doc_id: str, text: str, settings: Settings, source: str | None = None) -> Document:
    doc = Document(id=doc_id, raw=text, meta=Metadata(source=source or f"{doc_id}.txt"))
    doc.clean = text
    return fingerprint(doc, settings)


def test_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("Kim  ontmoet Trump!") == content_hash("kim ontmoet trump")
    assert content_hash("Kim ontmoet Trump") != content_hash("Kim ontmoet Poetin")


def test_exact_near_and_new(settings: Settings) -> None:
    dedup = Deduplicator(settings)
    first = _doc("a", BODY, settings)
    assert dedup.decide(first).verdict == "new"
    dedup.add(first.id, first.content_hash or "", first.meta.source, first.signature)

    same_other_source = _doc("b", BODY.upper(), settings)
    decision = dedup.decide(same_other_source)
    assert (decision.verdict, decision.of) == ("exact", "a")

    syndicated = _doc("c", BODY.replace("noemde de maatregel", "vond de maatregel"), settings)
    decision = dedup.decide(syndicated)
    assert decision.verdict == "near" and decision.of == "a"
    assert 0.8 <= decision.similarity < 1.0

    other = _doc("d", "Japan en Zuid-Korea hielden een gezamenlijke oefening. " * 10, settings)
    assert dedup.decide(other).verdict == "new"


def test_same_source_read_again_is_stored_not_duplicate(settings: Settings) -> None:
    dedup = Deduplicator(settings)
    first = _doc("a", BODY, settings, source="x/a.txt")
    dedup.add(first.id, first.content_hash or "", first.meta.source, first.signature)
    assert dedup.decide(_doc("a", BODY, settings, source="x/a.txt")).verdict == "stored"


def test_short_texts_only_checked_exactly(settings: Settings) -> None:
    dedup = Deduplicator(settings)
    short = _doc("a", "Kim reist naar Moskou.", settings)
    assert short.signature is None
    dedup.add(short.id, short.content_hash or "", short.meta.source, None)
    assert dedup.decide(_doc("b", "Kim reist naar Vladivostok.", settings)).verdict == "new"


def test_id_collision_gets_a_hash_suffix(settings: Settings) -> None:
    dedup = Deduplicator(settings)
    dedup.add("001", "f" * 64, "a/001.txt", None)
    assert dedup.unique_id("001", "abcdef0123" + "0" * 54) == "001~abcdef01"
    assert dedup.unique_id("002", "abcdef0123" + "0" * 54) == "002"
