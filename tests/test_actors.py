"""Actor resolution on sentences written for these tests; entities are given as a NER would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kroniek.actors import gazetteer, resolve_actors
from kroniek.document import Document, Entity, Mention, Metadata
from kroniek.store import Store
from kroniek.timex import tag

from .conftest import ROOT, SAMPLE


def doc_for(
    text: str, published: str | None = "2023-09-12", people: tuple[str, ...] = (), orgs: tuple[str, ...] = ()
) -> Document:
    """A Dutch document with time expressions and the named entities a NER would give."""
    entities = [
        Entity(m.start(), m.end(), m.group(0), "PER") for p in people for m in re.finditer(re.escape(p), text)
    ]
    entities += [
        Entity(m.start(), m.end(), m.group(0), "ORG") for o in orgs for m in re.finditer(re.escape(o), text)
    ]
    doc = Document(
        id="t",
        raw=text,
        meta=Metadata(source="t", format="text", published=published, language="nl"),
        clean=text,
    )
    doc.entities = sorted(entities, key=lambda e: e.start)
    doc.timexes = tag(text, "nl", published)
    return doc


def actors(text: str, **kw: object) -> list[Mention]:
    return resolve_actors(doc_for(text, **kw), gazetteer("nl"))  # type: ignore[arg-type]


def by_text(mentions: list[Mention], text: str) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert found, [m.text for m in mentions]
    return found[0]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2019-05-02", "Donald Trump"), ("2022-03-01", "Joe Biden"), ("2026-03-01", "Donald Trump")],
)
def test_the_american_president_depends_on_the_date(published: str, expected: str) -> None:
    m = by_text(
        actors("De Amerikaanse president reageerde woedend.", published=published), "Amerikaanse president"
    )
    assert (m.kind, m.name, m.code, m.sector, m.role) == ("person", expected, "USA", "GOV", "head_of_state")


def test_a_date_in_the_sentence_wins_over_the_publication_date() -> None:
    m = by_text(
        actors("In 2019 ontmoette de Amerikaanse president Kim in Hanoi.", published="2023-09-12"),
        "Amerikaanse president",
    )
    assert m.name == "Donald Trump"


def test_role_of_a_country_named_after_it() -> None:
    m = by_text(
        actors("De president van Rusland sprak twee uur.", published="2023-09-12"), "president van Rusland"
    )
    assert (m.name, m.code) == ("Vladimir Putin", "RUS")


@pytest.mark.parametrize(
    ("text", "phrase", "code", "sector"),
    [
        (
            "Zuid-Koreaanse inlichtingendiensten melden een nieuwe test.",
            "Zuid-Koreaanse inlichtingendiensten",
            "KOR",
            "SPY",
        ),
        ("Het Noord-Koreaanse leger vuurde twee raketten af.", "Noord-Koreaanse leger", "PRK", "MIL"),
        ("De Russische delegatie vertrok gisteren.", "Russische delegatie", "RUS", "GOV"),
    ],
)
def test_nationality_and_role_word_give_country_and_sector(
    text: str, phrase: str, code: str, sector: str
) -> None:
    m = by_text(actors(text), phrase)
    if m.kind == "organisation":  # the KB may know the body itself ("Noord-Koreaanse leger": KPA)
        org = gazetteer("nl").kb.organisation(m.code or "")
        assert org is not None and (org.country, org.sector) == (code, sector)
    else:
        assert (m.kind, m.code, m.sector) == ("country", code, sector)


@pytest.mark.parametrize(
    ("text", "word", "code", "sector"),
    [
        ("Het Kremlin ontkende elke betrokkenheid.", "Kremlin", "RUS", "GOV"),
        ("Seoel reageerde terughoudend.", "Seoel", "KOR", "GOV"),
        ("Volgens het Witte Huis is er geen akkoord.", "Witte Huis", "USA", "GOV"),
        ("Moskou en Peking tekenden een verdrag.", "Peking", "CHN", "GOV"),
    ],
)
def test_capitals_and_metonyms_stand_for_governments(text: str, word: str, code: str, sector: str) -> None:
    m = by_text(actors(text), word)
    assert (m.code, m.sector) == (code, sector)


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("Poetin ontving de gasten in het Kremlin.", "Poetin", "Vladimir Putin"),
        ("Poetins woordvoerder weigerde commentaar.", "Poetins", "Vladimir Putin"),
        ("De Russische defensieminister Sjojgoe bezocht de fabriek.", "Sjojgoe", "Sergei Shoigu"),
        ("Dat meldde het staatspersbureau KCNA.", "KCNA", "Korean Central News Agency"),
    ],
)
def test_names_aliases_and_possessives(text: str, word: str, name: str) -> None:
    assert by_text(actors(text), word).name == name


def test_an_adjective_alone_is_the_country() -> None:
    m = by_text(actors("Een Iraans schip voer de haven binnen."), "Iraans")
    assert (m.kind, m.code) == ("country", "IRN")


def test_a_nationality_inside_a_role_phrase_is_not_counted_again() -> None:
    found = actors("De Russische defensieminister Sjojgoe bezocht Pyongyang.")
    assert [m.text for m in found] == ["Sjojgoe", "Pyongyang"]
    assert (found[0].code, found[0].sector) == ("RUS", "MIL")


def test_pronouns_refer_to_the_last_person() -> None:
    found = actors("Poetin sprak lang met de generaals. Daarna vertrok hij naar Minsk.")
    hij = by_text(found, "hij")
    assert (hij.kind, hij.name) == ("person", "Vladimir Putin")


def test_an_unknown_expert_is_kept_with_role_and_affiliation() -> None:
    text = (
        "Volgens Marleen Verhoeven, hoogleraar Oost-Aziatische studies aan de Universiteit Utrecht, "
        "is de toon veranderd. Verhoeven verwacht geen doorbraak."
    )
    found = actors(text, people=("Marleen Verhoeven", "Verhoeven"), orgs=("Universiteit Utrecht",))
    expert = by_text(found, "Marleen Verhoeven")
    assert (expert.kind, expert.name, expert.sector) == ("person", "Marleen Verhoeven", "EDU")
    assert expert.affiliation is not None and "Utrecht" in expert.affiliation
    assert by_text(found, "Verhoeven").name == "Marleen Verhoeven"


def test_a_first_name_refers_to_the_person_named_in_full() -> None:
    found = actors("Kim Jong-un bezocht de fabriek. Kim toonde zich tevreden.")
    assert by_text(found, "Kim").name == "Kim Jong-un"


def test_lone_words_the_ner_calls_names_are_not_actors() -> None:
    found = actors(
        "Hij reisde naar Donetsk en sprak met Koreastudies.", people=("Koreastudies",), orgs=("Donetsk",)
    )
    assert found == []


def test_no_date_keeps_the_role_phrase_as_country_and_sector() -> None:
    m = by_text(
        actors("De Amerikaanse president reageerde woedend.", published=None), "Amerikaanse president"
    )
    assert (m.kind, m.code, m.sector) == ("country", "USA", "GOV")


def test_a_broken_kb_file_stops_the_run_before_any_document(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kroniek.cli import app

    bad = tmp_path / "extra.yaml"
    bad.write_text("people:\n- name: Nobody\n  roles:\n  - {country: XXQ, role: head_of_state}\n", "utf-8")
    db = tmp_path / "x.duckdb"
    result = CliRunner().invoke(
        app, ["run", str(SAMPLE / "nl"), "--db", str(db), "--set", f'actors.kb_files=["{bad}"]']
    )
    assert result.exit_code == 2
    assert "actors.kb_files" in result.output and "XXQ" in result.output
    assert not db.exists() or Store(db, read_only=True).counts()["documents"] == 0


def test_a_user_kb_file_adds_an_actor(tmp_path: Path) -> None:
    from kroniek.actors.gazetteer import gazetteer as build

    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "people:\n- name: Marleen Verhoeven\n  aliases: {nl: [Verhoeven]}\n  country: NLD\n  sector: EDU\n",
        "utf-8",
    )
    gaz = build("nl", (str(extra),))
    found = resolve_actors(doc_for("Verhoeven verwacht geen doorbraak."), gaz)
    assert [(m.name, m.code, m.sector) for m in found] == [("Marleen Verhoeven", "NLD", "EDU")]


def test_phoenix_dictionary_becomes_a_kb_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kroniek.cli import app

    out = tmp_path / "phoenix.yaml"
    result = CliRunner().invoke(
        app, ["kb", "import-phoenix", str(ROOT / "tests" / "data" / "phoenix_sample.txt"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Donald Trump" in out.read_text("utf-8")


def test_english_role_phrases_and_unknown_experts() -> None:
    from kroniek.pipeline import process

    doc = process(
        " date 2022-03-01 The American president spoke with Professor Jane Doe of Leiden University. "
        "Doe said the Kremlin was isolated."
    )
    found = {m.text: m for m in doc.mentions}
    assert found["American president"].name == "Joe Biden"
    assert (found["Jane Doe"].sector, found["Jane Doe"].affiliation) == ("EDU", "Leiden University")
    assert found["Doe"].name == "Jane Doe"
    assert (found["Kremlin"].code, found["Kremlin"].sector) == ("RUS", "GOV")


def test_an_acronym_written_as_a_word_is_found_as_well() -> None:
    # the KB lists "NAVO" (matched only as written) and "Navo"; both forms must survive
    found = actors("De Navo en de NAVO-top: Rusland bedreigt de NAVO.")
    assert [m.code for m in found if m.text in ("Navo", "NAVO")] == ["NATO", "NATO"]


def test_a_name_after_a_placed_role_is_that_office_holder_or_an_official_of_the_country() -> None:
    found = actors(
        "De Australische premier Morrison belde Ardern.", published="2019-03-20", people=("Morrison",)
    )
    assert (by_text(found, "Morrison").name, by_text(found, "Morrison").code) == ("Scott Morrison", "AUS")
    found = actors("De Chileense minister Pedro Soto sprak.", published="2019-03-20", people=("Pedro Soto",))
    assert (by_text(found, "Pedro Soto").code, by_text(found, "Pedro Soto").kind) == ("CHL", "person")


def test_armed_groups_named_by_what_they_are_are_img() -> None:
    found = actors("De rebellen vielen de stad aan; Syrische rebellen trokken zich terug.")
    assert [(m.text, m.code) for m in found] == [("rebellen", "IMG"), ("Syrische rebellen", "SYR")]
