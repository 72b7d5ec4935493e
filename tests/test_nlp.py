"""The linguistic backends: alignment to the clean text, tags, entities; Frog where installed."""

from __future__ import annotations

import pytest

from kroniek.document import Token
from kroniek.nlp import align, backend, cgn_upos, entities_from_iob

from .conftest import need_frog


def test_align_finds_words_in_order_and_joins_multiword_units() -> None:
    text = "Eind juli ontving Kim  Jong-un de minister."
    spans = align(text, ["Eind", "juli", "ontving", "Kim_Jong-un", "de", "minister", "."])
    assert [text[a:b] for a, b in spans] == ["Eind", "juli", "ontving", "Kim  Jong-un", "de", "minister", "."]


def test_align_keeps_offsets_monotone_when_a_word_is_normalised() -> None:
    text = "Hij zei: „nee” en ging."
    spans = align(text, ["Hij", "zei", ":", '"', "nee", '"', "en", "ging", "."])
    assert [text[a:b] for a, b in spans] == ["Hij", "zei", ":", "", "nee", "", "en", "ging", "."]
    assert all(a <= b for a, b in spans)


@pytest.mark.parametrize(
    ("tag", "upos"),
    [
        ("N(eigen,ev,basis,zijd,stan)", "PROPN"),
        ("SPEC(deeleigen)", "PROPN"),
        ("N(soort,ev,basis,onz,stan)", "NOUN"),
        ("WW(pv,verl,ev)", "VERB"),
        ("VG(neven)", "CCONJ"),
        ("VG(onder)", "SCONJ"),
        ("LET()", "PUNCT"),
    ],
)
def test_cgn_tags_to_universal_pos(tag: str, upos: str) -> None:
    assert cgn_upos(tag) == upos


def test_entities_from_iob_labels() -> None:
    text = "Remco Breuker en de VN"
    tokens = [
        Token(0, 5, "Remco", "Remco", ""),
        Token(6, 13, "Breuker", "Breuker", ""),
        Token(14, 16, "en", "en", ""),
        Token(17, 19, "de", "de", ""),
        Token(20, 22, "VN", "VN", ""),
    ]
    entities = entities_from_iob(text, tokens, ["B-PER", "I-PER", "O", "O", "B-ORG"])
    assert [(e.text, e.label) for e in entities] == [("Remco Breuker", "PER"), ("VN", "ORG")]
    # an I- tag with nothing open starts an entity (Frog's "zegt Breuker" once the verb is dropped)
    assert [e.text for e in entities_from_iob(text, tokens, ["O", "I-PER", "O", "O", "O"])] == ["Breuker"]


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown backend"):
        backend("turbo")


@pytest.mark.slow
def test_frog_gives_sentences_lemmas_dependencies_and_name_entities() -> None:
    need_frog()
    text = (
        "Eind juli ontving Kim Jong-un de Russische defensieminister in Pyongyang.\n\n"
        "Het verdrag werd door de VS getekend, zegt Marleen Verhoeven."
    )
    result = backend("accurate").analyse(text)
    assert len(result.sentences) == 2
    for token in result.tokens:
        assert text[token.start : token.end] == token.text
    by_text = {t.text: t for t in result.tokens}
    assert by_text["ontving"].lemma == "ontvangen" and by_text["ontving"].pos == "VERB"
    assert by_text["Kim Jong-un"].dep == "nsubj"  # Frog joins the name as one unit; su -> nsubj
    assert result.tokens[by_text["Kim Jong-un"].head].text == "ontving"
    names = {(e.text, e.label) for e in result.entities}
    assert ("Kim Jong-un", "PER") in names and ("Marleen Verhoeven", "PER") in names
    assert not any(
        e.text.startswith(("Russische", "zegt")) for e in result.entities
    )  # no adjectives, no verbs


def test_fast_backend_gives_sentences_tokens_lemmas_and_entities() -> None:
    text = (
        "Volgens Marleen Verhoeven van de Universiteit Utrecht reisde Kim Jong-un per trein naar Moskou.\n\n"
        "Dhr. Jansen zei dat de gesprekken vastliepen. Daarna volgde niets."
    )
    result = backend("fast").analyse(text)
    assert [text[s.start : s.end][:12] for s in result.sentences] == [
        "Volgens Marl",
        "Dhr. Jansen ",
        "Daarna volgd",
    ]
    for token in result.tokens:
        assert text[token.start : token.end] == token.text
    lemmas = {t.text: t.lemma for t in result.tokens}
    assert lemmas["reisde"] == "reizen" and lemmas["gesprekken"] == "gesprek"
    names = {e.text: e.label for e in result.entities}
    assert names.get("Marleen Verhoeven") == "PER"
    assert names.get("Moskou") == "LOC"


def test_english_backend_parses_and_maps_entity_labels() -> None:
    text = "Russian President Vladimir Putin met officials in Vladivostok on Wednesday."
    result = backend("fast", "en").analyse(text)
    by_text = {t.text: t for t in result.tokens}
    assert by_text["met"].pos == "VERB" and by_text["met"].lemma == "meet" and by_text["met"].head == -1
    assert result.tokens[by_text["Putin"].head].text == "met"
    labels = {e.text: e.label for e in result.entities}
    assert (
        labels["Vladimir Putin"] == "PER" and labels["Vladivostok"] == "LOC" and labels["Russian"] == "MISC"
    )
    assert "Wednesday" not in labels  # dates are the time stage's
