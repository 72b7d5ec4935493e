"""The quotes stage: direct, indirect and according-to speech, and who said it."""

from __future__ import annotations

import json
import time

import pytest

from kroniek.document import Document, Event, Metadata, Quote
from kroniek.pipeline import process
from kroniek.quotes import find_quotes, link_events, quoted_spans
from kroniek.settings import Settings, load_settings

from .conftest import shared_path


def run(text: str, settings: Settings | None = None) -> tuple[Document, list[Quote]]:
    settings = settings or load_settings()
    doc = find_quotes(process(text, settings), settings)
    return doc, doc.quotes


def said(doc: Document, quote: Quote) -> str:
    return doc.clean[quote.start : quote.end]


def by_kind(quotes: list[Quote], kind: str) -> list[Quote]:
    return [q for q in quotes if q.kind == kind]


# ---------------------------------------------------------------------- direct


def test_direct_quote_with_trailing_cue() -> None:
    doc, quotes = run(
        "De spanning loopt op. “De onderhandelingen liggen voorlopig volledig stil”, zegt Jan Pieters, "
        "die als diplomaat in Genève werkt."
    )
    (quote,) = by_kind(quotes, "direct")
    assert said(doc, quote) == "De onderhandelingen liggen voorlopig volledig stil"
    assert quote.speaker == "Jan Pieters"
    assert quote.cue == "zegt"
    assert doc.clean[quote.speaker_start or 0 : quote.speaker_end or 0] == "Jan Pieters"


def test_direct_quote_aldus_and_role_word_and_parenthesis() -> None:
    _doc, quotes = run(
        "Het leger trekt zich terug. 'Dat is een verstandige stap van beide partijen', aldus Marieke Smit. "
        "“Niemand heeft baat bij een langdurig conflict”, stelt defensiespecialist Karel Bos (Instituut X)."
    )
    direct = by_kind(quotes, "direct")
    assert [q.speaker for q in direct] == ["Marieke Smit", "defensiespecialist Karel Bos"]
    assert [q.cue for q in direct] == ["aldus", "stelt"]
    assert direct[1].speaker_name == "Karel Bos"


def test_direct_quote_after_colon() -> None:
    doc, quotes = run("Over de begroting was de minister stellig. Pieters: 'Er komt geen extra geld bij.'")
    (quote,) = by_kind(quotes, "direct")
    assert quote.speaker == "Pieters"
    assert said(doc, quote) == "Er komt geen extra geld bij."

    doc, quotes = run("Na afloop zei de burgemeester: „We gaan de wijk volledig opnieuw inrichten.”")
    (quote,) = by_kind(quotes, "direct")
    assert quote.speaker == "de burgemeester"
    assert quote.cue == "zei"


def test_typed_dutch_marks_and_apostrophes() -> None:
    doc, quotes = run(",,Zo'n storm hebben we in jaren niet gezien'', zegt boswachter Erik de Groot.")
    (quote,) = quotes
    assert said(doc, quote) == "Zo'n storm hebben we in jaren niet gezien"
    assert quote.speaker_name == "Erik de Groot"


def test_multi_paragraph_quote_attributed_at_the_start() -> None:
    text = (
        "Ingrid Bakker legt uit waarom het bedrijf stopt.\n\n"
        "Bakker zei: “De vraag is al jaren aan het dalen.\n\n"
        "“We hebben geen andere keuze dan de fabriek te sluiten.”\n\nDe vakbond reageert boos."
    )
    doc, quotes = run(text)
    (quote,) = by_kind(quotes, "direct")
    assert said(doc, quote).startswith("De vraag is al jaren")
    assert said(doc, quote).endswith("de fabriek te sluiten.")
    assert quote.speaker_name == "Ingrid Bakker"


def test_quote_paragraphs_attributed_at_the_end_and_continued() -> None:
    text = (
        "Het kabinet is verdeeld over de plannen.\n\n"
        "“Dit voorstel gaat veel te ver voor de boeren.”\n\n"
        "“Wij zullen er in de Kamer tegen stemmen”, zegt Kamerlid Sander de Wit. "
        "“Ook de coalitiepartners hebben hun twijfels over de uitvoering.”"
    )
    _doc, quotes = run(text)
    direct = by_kind(quotes, "direct")
    assert len(direct) == 3
    assert "de Wit" in (direct[1].speaker or "")
    assert all(q.speaker == direct[1].speaker and q.speaker_name == direct[1].speaker_name for q in direct)
    assert direct[1].cue == "zegt" and direct[0].cue is None and direct[2].cue is None


def test_unattributed_quote_needs_four_words_and_a_sentence() -> None:
    doc, quotes = run(
        "“Het einde van deze crisis is nog lang niet in zicht.”\n\n"
        "De partij sprak van een 'historische' overwinning in de 'nieuwe ronde'."
    )
    (quote,) = quotes
    assert quote.speaker is None and quote.cue is None
    assert said(doc, quote) == "Het einde van deze crisis is nog lang niet in zicht."


def test_unclosed_quote_stops_at_paragraph_end() -> None:
    text = (
        "“Dit gaat nooit goed aflopen met de haven, zegt havenmeester Tom Visser.\n\n"
        "De gemeente wil nog niet reageren op de plannen voor de haven.\n\n"
        "Later volgt een nieuw overleg."
    )
    doc, quotes = run(text)
    first_paragraph_end = doc.clean.index("\n")
    assert all(q.end <= first_paragraph_end for q in by_kind(quotes, "direct"))
    spans = quoted_spans(doc.clean)
    assert spans[0].close_end is None


def test_nested_and_odd_marks() -> None:
    doc, quotes = run(
        "“Ze noemde het plan ‘volstrekt onuitvoerbaar’ en vertrok”, zegt Anna de Jong. "
        "Het plan heet »Nieuw Begin« en kost veel."
    )
    direct = by_kind(quotes, "direct")
    assert said(doc, direct[0]) == "Ze noemde het plan ‘volstrekt onuitvoerbaar’ en vertrok"
    assert direct[0].speaker_name == "Anna de Jong"
    assert all(q.speaker is not None for q in direct)  # the two-word title is no quote


def test_quoted_spans_directly() -> None:
    text = "Hij zei 'ja' en „nee”. Auto's en zo'n 's avonds \"open\nrest"
    spans = [text[s.start : s.end] for s in quoted_spans(text)]
    assert spans == ["ja", "nee", "open"]


# ---------------------------------------------------------------------- indirect


def test_indirect_speech_subject_first_and_inverted() -> None:
    doc, quotes = run(
        "Het Pentagon zegt dat de raketten in zee zijn neergekomen. "
        "Eerder verklaarde president Vladimir Poetin dat Rusland de oefening zou uitbreiden. "
        "Amerikaanse inlichtingendiensten stelden vorig jaar al dat Noord-Korea munitie had geleverd."
    )
    indirect = by_kind(quotes, "indirect")
    assert [q.speaker for q in indirect] == [
        "Het Pentagon",
        "president Vladimir Poetin",
        "Amerikaanse inlichtingendiensten",
    ]
    assert said(doc, indirect[0]) == "de raketten in zee zijn neergekomen"
    assert indirect[1].speaker_name == "Vladimir Putin" and indirect[1].speaker_code == "RUS"
    assert indirect[2].speaker_code == "USA"


def test_indirect_with_auxiliary_and_relative_clause() -> None:
    doc, quotes = run(
        "Tijdens het congres heeft Kim Jong-un verklaard dat het land meer kernwapens bouwt. "
        "“Dit is zorgwekkend”, zegt Remco Breuker, die meent dat de sancties niet werken."
    )
    indirect = by_kind(quotes, "indirect")
    assert [q.speaker_name for q in indirect] == ["Kim Jong-un", "Remco Breuker"]
    assert said(doc, indirect[1]) == "de sancties niet werken"


def test_no_quote_without_cue() -> None:
    _doc, quotes = run("Het kabinet besloot dat de regeling doorgaat. Dat wil zeggen dat niemand iets merkt.")
    assert quotes == []


# ---------------------------------------------------------------------- according


def test_according_volgens_and_trailing_cues() -> None:
    doc, quotes = run(
        "Volgens The New York Times is de kans groot dat de top in september plaatsvindt. "
        "Een nieuwe kernproef is volgens waarnemers niet uitgesloten. "
        "De raket vloog verder dan ooit tevoren, meldt BBC."
    )
    according = by_kind(quotes, "according")
    assert [q.speaker for q in according] == ["The New York Times", "waarnemers", "BBC"]
    assert according[0].speaker_name == "The New York Times"
    assert according[1].speaker_name is None
    assert said(doc, according[2]) == "De raket vloog verder dan ooit tevoren"


def test_according_anaphoric_and_own_account() -> None:
    doc, quotes = run(
        "Noord-Korea heeft naar eigen zeggen met succes een nieuwe kruisraket getest. "
        "Dat meldde het staatspersbureau KCNA maandag."
    )
    according = by_kind(quotes, "according")
    assert [q.cue for q in according] == ["naar eigen zeggen", "meldde"]
    assert according[0].speaker_code == "PRK"
    assert according[1].speaker_code == "KCNA"
    assert said(doc, according[1]).startswith("Noord-Korea heeft naar eigen zeggen")


def test_volgens_plan_is_no_source() -> None:
    _, quotes = run("De bouw verloopt volgens plan en is in mei klaar.")
    assert quotes == []


# ---------------------------------------------------------------------- English


def test_english_kinds() -> None:
    doc, quotes = run(
        'The talks collapsed on Friday. "We will not accept these terms under any circumstances," said '
        "Foreign Minister Sergei Lavrov. The Pentagon said that the missiles landed in the sea. "
        "According to The New York Times, the summit could take place in September."
    )
    assert doc.meta.language == "en"
    kinds = {q.kind: q for q in quotes}
    assert kinds["direct"].speaker_name == "Sergey Lavrov" or kinds["direct"].speaker == (
        "Foreign Minister Sergei Lavrov"
    )
    assert kinds["indirect"].speaker == "The Pentagon"
    assert said(doc, kinds["indirect"]) == "the missiles landed in the sea"
    assert kinds["according"].speaker == "The New York Times"


def test_english_subject_before_verb_after_quote() -> None:
    _doc, quotes = run(
        '"The sanctions are working exactly as we planned," the spokesman told reporters on Monday.'
    )
    (quote,) = quotes
    assert quote.speaker == "the spokesman"
    assert quote.cue == "told"


# ---------------------------------------------------------------------- events, settings, edge cases


def test_link_events() -> None:
    doc, quotes = run("Het Pentagon zegt dat Noord-Korea twee raketten heeft afgevuurd. Kim reisde af.")
    (_quote,) = quotes
    inside = doc.clean.index("twee raketten")
    outside = doc.clean.index("Kim reisde")
    doc.events = [
        Event("fight", ["PRK"], [], [(inside, inside + 13)]),
        Event("travel", ["PRK"], [], [(outside, outside + 10)]),
        Event("other", [], [], []),
    ]
    link_events(doc)
    assert [e.quote for e in doc.events] == [0, None, None]
    assert doc.events[0].type == "fight" and doc.events[0].evidence == [(inside, inside + 13)]
    # find_quotes links the events it finds in the document
    find_quotes(doc, load_settings())
    assert doc.events[0].quote == 0


def test_empty_and_unanalysed_documents() -> None:
    settings = load_settings()
    empty = Document(id="e", raw="", meta=Metadata(source="x", language="nl"))
    assert find_quotes(empty, settings).quotes == []
    bare = Document(id="b", raw="", meta=Metadata(source="x", language="nl"))
    bare.clean = "“We gaan door met de staking tot er een akkoord ligt”, zegt vakbondsman Henk Jansen."
    (quote,) = find_quotes(bare, settings).quotes  # no sentences, tokens or mentions
    assert quote.speaker == "vakbondsman Henk Jansen" and quote.speaker_name is None
    other = Document(id="o", raw="", meta=Metadata(source="x", language="de"))
    other.clean = "„Wir machen weiter“, sagt er."
    assert find_quotes(other, settings).quotes == []


def test_backend_none_and_language_setting() -> None:
    text = "“De onderhandelingen liggen voorlopig volledig stil”, zegt Jan Pieters."
    doc, quotes = run(text, load_settings(overrides=["analyse.backend=none"]))
    assert doc.sentences == [] or doc.sentences
    assert [q.speaker for q in quotes] == ["Jan Pieters"]
    _, quotes = run(text, load_settings(overrides=['quotes.languages=["en"]']))
    assert quotes == []


# ---------------------------------------------------------------------- shared data


def test_seed_articles() -> None:
    seeds = shared_path("seeds")
    settings = load_settings()
    docs = {
        p.name[:3]: find_quotes(process(p.read_text("utf-8"), settings), settings)
        for p in sorted(seeds.glob("*.txt"))
    }
    seed = docs["002"]
    names = {q.speaker_name for q in seed.quotes if q.kind == "direct"}
    assert {"Remco Breuker", "Dick Zandee"} <= names
    nyt = [q for q in seed.quotes if q.cue == "volgens" and q.speaker_name == "The New York Times"]
    assert len(nyt) == 1 and nyt[0].kind == "according"
    zandee = next(q for q in seed.quotes if q.speaker_name == "Dick Zandee")
    assert zandee.speaker == "defensiespecialist Dick Zandee"
    assert any(q.kind == "according" and q.speaker_code == "CNN" for q in docs["000"].quotes)
    assert any(q.kind == "according" and q.speaker_code == "BBC" for q in docs["001"].quotes)
    assert any(q.kind == "indirect" and q.speaker_name == "Kim Jong-un" for q in docs["001"].quotes)
    assert any(q.kind == "according" and q.speaker_code == "KCNA" for q in docs["003"].quotes)
    for doc in docs.values():
        for quote in doc.quotes:
            assert 0 <= quote.start < quote.end <= len(doc.clean)
            if quote.speaker is not None and quote.speaker_start is not None:
                assert doc.clean[quote.speaker_start : quote.speaker_end] == quote.speaker


@pytest.mark.slow
def test_corpus_speed_and_sanity() -> None:
    corpus = shared_path("corpora", "nos_2019.jsonl")
    settings = load_settings()
    docs = []
    with corpus.open(encoding="utf-8") as handle:
        for line in list(handle)[:60]:
            docs.append(process(json.loads(line)["text"], settings))
    words = sum(len(d.clean.split()) for d in docs)
    start = time.perf_counter()
    for doc in docs:
        find_quotes(doc, settings)
    elapsed = time.perf_counter() - start
    assert sum(len(d.quotes) for d in docs) > 30
    assert elapsed / words * 1000 < 0.02  # generous bound: 20 ms per 1,000 words
