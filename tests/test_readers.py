"""Readers: seed-format text, JSONL, HTML, WARC, paths/globs/stdin, and the sample corpus end to end."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from kroniek.document import Document, Metadata
from kroniek.errors import Failure, Skip
from kroniek.pipeline import run
from kroniek.readers import JsonFields, RawItem, iter_items, to_document
from kroniek.settings import load_settings
from kroniek.store import Store

from .builders import random_page, warc_bytes

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample"
SAMPLE_ARTICLE_IDS = {
    "001_top_singapore",
    "002_top_hanoi",
    "003_raketproef_hwasong17",
    "004_poetin_kim_vostotsjny",
    "005_sjojgoe_pyongyang",
    "006_trump_kim_2026",
    "001_hwasong18_vilnius",
    "002_moon_pyongyang",
    "003_iaea_yongbyon_iran",
    "001_choe_moskou",
    "002_troepen_koersk",
    "nl-jsonl-001",
    "nl-jsonl-002",
    "en-jsonl-001",
    "en-jsonl-002",
}


@pytest.fixture(scope="module")
def settings() -> dict[str, Any]:
    return load_settings()


def read_all(paths: list[str], settings: dict[str, Any], fields: JsonFields | None = None) -> list[Any]:
    return list(iter_items(paths, settings["read"], fields))


def text_doc(data: bytes, settings: dict[str, Any], stem: str = "artikel") -> Document:
    item = RawItem(f"{stem}.txt", stem, "text", data, Metadata(source=f"{stem}.txt"))
    return to_document(item, settings["read"])


def query(db: Path, sql: str) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.query(sql)


# -- seed-format text ----------------------------------------------------------------------------


def test_text_header_glued_to_lead(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "006_trump_kim.txt"
    path.write_text(" date 2026-02-26 Lead text van het artikel.\n\nTweede alinea.\n", "utf-8")
    (item,) = read_all([str(path)], settings)
    assert isinstance(item, RawItem)
    assert item.kind == "text"
    doc = to_document(item, settings["read"])
    assert doc.id == "006_trump_kim"
    assert doc.meta.published == "2026-02-26"
    assert doc.meta.published_precision == "day"
    assert doc.body_start == len(" date 2026-02-26 ")
    assert doc.raw[doc.body_start :].startswith("Lead text van het artikel.")
    assert doc.meta.extra["header_glued"] == "1"
    assert doc.meta.encoding == "utf-8"


def test_text_header_on_its_own_line(settings: dict[str, Any]) -> None:
    doc = text_doc(b" date 2024-03-01\nDe lead staat op de volgende regel.", settings)
    assert doc.meta.published == "2024-03-01"
    assert doc.meta.extra["header_glued"] == "0"
    assert doc.raw[doc.body_start :].lstrip() == "De lead staat op de volgende regel."


def test_text_month_header(settings: dict[str, Any]) -> None:
    doc = text_doc(b" date 2023-09 Kim Jong-un reist naar Rusland.", settings)
    assert doc.meta.published == "2023-09"
    assert doc.meta.published_precision == "month"
    assert doc.raw[doc.body_start :] == "Kim Jong-un reist naar Rusland."


def test_text_without_header_has_no_date(settings: dict[str, Any]) -> None:
    doc = text_doc(b"Sergej Sjojgoe woonde donderdag de parade bij.", settings, stem="005_sjojgoe")
    assert doc.id == "005_sjojgoe"
    assert doc.meta.published is None
    assert doc.meta.published_precision is None
    assert doc.meta.published != dt.date.today().isoformat()
    assert doc.body_start == 0
    assert "header_glued" not in doc.meta.extra


def test_text_invalid_header_date(settings: dict[str, Any]) -> None:
    doc = text_doc(b" date 2023-13-45 x en nog wat tekst.", settings)
    assert doc.meta.published is None
    assert doc.meta.published_precision is None
    assert doc.meta.extra["header_invalid"] == "date 2023-13-45"
    # The header is still a header: the text starts after it.
    assert doc.raw[doc.body_start :] == "x en nog wat tekst."


# -- JSONL ---------------------------------------------------------------------------------------


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
    return path


def test_jsonl_fields_detected_doc_published(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {
                "doc": "nl-001",
                "title": "Top in Hanoi mislukt",
                "published": "2019-02-24T11:06:39+01:00",
                "url": "https://example.org/hanoi",
                "text": "Trump en Kim gingen zonder akkoord uiteen.",
            }
        ],
    )
    (item,) = read_all([str(path)], settings)
    assert isinstance(item, RawItem)
    assert (item.doc_id, item.kind, item.source) == ("nl-001", "record", f"{path}:1")
    doc = to_document(item, settings["read"])
    assert doc.id == "nl-001"
    assert doc.raw == "Trump en Kim gingen zonder akkoord uiteen."
    assert doc.meta.title == "Top in Hanoi mislukt"
    assert doc.meta.published == "2019-02-24"
    assert doc.meta.published_precision == "day"
    assert doc.meta.url == "https://example.org/hanoi"
    assert doc.meta.format == "jsonl"


def test_jsonl_fields_detected_id_published_at(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = write_jsonl(
        tmp_path / "b.jsonl",
        [
            {
                "id": 4711,
                "title": "Xi in Pyongyang",
                "published_at": "2019-06-20",
                "text": "Xi Jinping landde in Pyongyang.",
            }
        ],
    )
    (item,) = read_all([str(path)], settings)
    assert isinstance(item, RawItem)
    assert item.doc_id == "4711"
    doc = to_document(item, settings["read"])
    assert doc.meta.title == "Xi in Pyongyang"
    assert (doc.meta.published, doc.meta.published_precision) == ("2019-06-20", "day")
    assert doc.raw == "Xi Jinping landde in Pyongyang."


def test_jsonl_fields_given_explicitly(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl",
        [
            {
                "key": "k-1",
                "kop": "Sancties tegen rederijen",
                "datum": "2019-03",
                "link": "https://example.org/k-1",
                "body": "De VS stelden sancties in.",
                # decoys that the detection would pick without explicit fields
                "id": "decoy-id",
                "text": "decoy text",
                "title": "decoy title",
                "published": "2001-01-01",
            }
        ],
    )
    fields = JsonFields(id="key", text="body", title="kop", date="datum", url="link")
    (item,) = read_all([str(path)], settings, fields)
    assert isinstance(item, RawItem)
    doc = to_document(item, settings["read"])
    assert doc.id == "k-1"
    assert doc.raw == "De VS stelden sancties in."
    assert doc.meta.title == "Sancties tegen rederijen"
    assert (doc.meta.published, doc.meta.published_precision) == ("2019-03", "month")
    assert doc.meta.url == "https://example.org/k-1"


def test_jsonl_record_without_id_gets_stem_and_line(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "nieuws.jsonl"
    path.write_text(
        json.dumps({"doc": "eerste", "text": "Eerste tekst."})
        + "\n\n"
        + json.dumps({"text": "Tekst zonder id."})
        + "\n",
        "utf-8",
    )
    items = read_all([str(path)], settings)
    assert [i.doc_id for i in items] == ["eerste", "nieuws:3"]
    assert items[1].source == f"{path}:3"


def test_jsonl_unparsed_date_is_kept_not_guessed(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", [{"id": "x", "date": "gisteren", "text": "Tekst."}])
    (item,) = read_all([str(path)], settings)
    assert item.meta.published is None
    assert item.meta.extra["published_unparsed"] == "gisteren"


RICE = (
    "Zuid-Korea stuurt via het Wereldvoedselprogramma vijftigduizend ton rijst naar het noorden. "
    "Het is de eerste grote zending sinds jaren, zei de minister van Eenwording in Seoul."
)


def check_empty_text_skipped(path: Path, settings: dict[str, Any], tmp_path: Path) -> None:
    first, second = read_all([str(path)], settings)
    assert isinstance(first, Skip), first
    assert (first.source, first.doc_id, first.title) == (f"{path}:1", "strip-1", "Cartoon van de dag")
    assert first.published == "2020-05-01"
    assert isinstance(second, RawItem)

    db = tmp_path / "k.duckdb"
    summary = run([str(path)], db, settings, workers=1)
    assert (summary.read, summary.new, summary.skipped, summary.failed) == (2, 1, 1, 0)
    skipped = query(db, "SELECT source, doc_id, title, published, reason FROM skipped")
    assert skipped == [
        {
            "source": f"{path}:1",
            "doc_id": "strip-1",
            "title": "Cartoon van de dag",
            "published": "2020-05-01",
            "reason": "empty text field",
        }
    ]
    assert query(db, "SELECT count(*) AS n FROM failures") == [{"n": 0}]
    assert [r["id"] for r in query(db, "SELECT id FROM documents")] == ["art-1"]


@pytest.mark.parametrize("text", ["", " \n "], ids=["empty", "whitespace"])
def test_jsonl_empty_text_is_skip_not_failure(tmp_path: Path, settings: dict[str, Any], text: str) -> None:
    path = write_jsonl(
        tmp_path / "e.jsonl",
        [
            {"id": "strip-1", "title": "Cartoon van de dag", "published": "2020-05-01", "text": text},
            {"id": "art-1", "title": "Rijst", "published": "2019-06-19", "text": RICE},
        ],
    )
    check_empty_text_skipped(path, settings, tmp_path)


def test_jsonl_empty_text_in_explicit_field_is_skip(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = write_jsonl(tmp_path / "f.jsonl", [{"id": "foto-1", "body": ""}])
    (skip,) = read_all([str(path)], settings, JsonFields(text="body"))
    assert isinstance(skip, Skip)
    assert (skip.source, skip.doc_id, skip.reason) == (f"{path}:1", "foto-1", "empty text field")


# -- HTML ----------------------------------------------------------------------------------------

PARAGRAPHS = [
    "Het Zuid-Koreaanse ministerie van Defensie heeft dinsdag bevestigd dat Noord-Korea in de vroege "
    "ochtend twee kruisraketten heeft afgevuurd boven de Gele Zee. Volgens de generale staf vlogen de "
    "raketten enkele honderden kilometers voordat zij in zee terechtkwamen, ver buiten de territoriale "
    "wateren.",
    "De lancering volgde op een week van oplopende spanningen op het schiereiland. Pyongyang had eerder "
    "gedreigd met een krachtig antwoord op de gezamenlijke marine-oefeningen van Zuid-Korea, Japan en de "
    "Verenigde Staten, die volgens het regime een generale repetitie voor een invasie zijn.",
    "In Washington zei een woordvoerder van het ministerie van Buitenlandse Zaken dat de Verenigde Staten "
    "de lancering scherp veroordelen. Hij riep Noord-Korea op af te zien van verdere provocaties en terug "
    "te keren naar de diplomatie, zonder voorwaarden vooraf en op korte termijn.",
    "Analisten in Seoul wijzen erop dat het land dit jaar al vaker kruisraketten testte. Volgens hen wil "
    "Kim Jong-un laten zien dat zijn leger ook doelen op zee kan treffen, terwijl de gesprekken met "
    "Rusland over militaire samenwerking steeds concreter worden.",
]
TITLE = "Noord-Korea vuurt kruisraketten af boven de Gele Zee"
NAV_WORDS = ["Voorpagina", "Binnenland", "Cultuurbijlage", "Puzzels"]
COOKIE_TEXT = "Wij gebruiken cookies om je de beste leeservaring te bieden"
FOOTER_TEXT = "De Ochtendkrant Colofon"


def html_page() -> str:
    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV_WORDS)
    paras = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{TITLE} | De Ochtendkrant</title>
<meta property="article:published_time" content="2024-01-16T18:42:00+01:00">
</head>
<body>
<nav class="main-menu"><ul>{nav}</ul></nav>
<div id="cookie-consent" class="cookie-banner"><p>{COOKIE_TEXT}.</p><button>Akkoord</button></div>
<main>
<article>
<h1>{TITLE}</h1>
{paras}
</article>
</main>
<footer class="site-footer"><p>© 2024 {FOOTER_TEXT} · Privacy · Contact</p></footer>
</body>
</html>
"""


def test_html_page_main_text_title_and_date(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "kruisraketten.html"
    path.write_text(html_page(), "utf-8")
    (item,) = read_all([str(path)], settings)
    assert isinstance(item, RawItem)
    assert (item.kind, item.doc_id) == ("html", "kruisraketten")
    doc = to_document(item, settings["read"])
    assert doc.id == "kruisraketten"
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.raw
    for word in NAV_WORDS:
        assert word not in doc.raw
    assert "cookies" not in doc.raw
    assert FOOTER_TEXT not in doc.raw
    assert doc.meta.title is not None
    assert TITLE in doc.meta.title
    assert doc.meta.published == "2024-01-16"
    assert doc.meta.published_precision == "day"
    assert doc.meta.format == "html"


def test_html_sniffed_without_suffix(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "pagina"
    path.write_text(html_page(), "utf-8")
    (item,) = read_all([str(path)], settings)
    assert item.kind == "html"
    assert PARAGRAPHS[0] in to_document(item, settings["read"]).raw


def test_html_sample_pages(settings: dict[str, Any]) -> None:
    paths = sorted(str(p) for p in (SAMPLE / "html").glob("*.html"))
    assert len(paths) == 2
    items = read_all(paths, settings)
    docs = {d.id: d for d in (to_document(i, settings["read"]) for i in items)}
    assert set(docs) == {"001_choe_moskou", "002_troepen_koersk"}
    choe = docs["001_choe_moskou"]
    assert choe.meta.published == "2024-01-16"
    assert choe.meta.title is not None and "Choe Son-hui op bezoek in Moskou" in choe.meta.title
    assert "ontvangen door haar Russische ambtgenoot Sergej Lavrov" in choe.raw
    assert "Wij gebruiken cookies" not in choe.raw
    assert "Voorpagina" not in choe.raw
    assert "Colofon" not in choe.raw
    koersk = docs["002_troepen_koersk"]
    assert koersk.meta.published == "2024-11-05"
    assert koersk.meta.title is not None and "Koersk" in koersk.meta.title
    assert "Deze site maakt gebruik van cookies" not in koersk.raw


# -- WARC ----------------------------------------------------------------------------------------


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gz: bool) -> Path:
    path.write_bytes(warc_bytes(records, gz))
    return path


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_warc_html_records(tmp_path: Path, settings: dict[str, Any], gz: bool) -> None:
    records = [
        ("https://example.org/nieuws/1", "text/html; charset=utf-8", random_page(1)),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        ("https://example.org/nieuws/2", "text/html", random_page(2)),
    ]
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), records, gz)
    items = read_all([str(path)], settings)
    assert len(items) == 2
    assert all(isinstance(i, RawItem) and i.kind == "html" for i in items)
    assert [i.meta.url for i in items] == ["https://example.org/nieuws/1", "https://example.org/nieuws/2"]
    assert [i.source for i in items] == [
        f"{path}#https://example.org/nieuws/1",
        f"{path}#https://example.org/nieuws/2",
    ]
    assert all("crawled" in i.meta.extra for i in items)
    docs = [to_document(i, settings["read"]) for i in items]
    assert docs[0].id != docs[1].id
    assert [d.meta.url for d in docs] == ["https://example.org/nieuws/1", "https://example.org/nieuws/2"]
    assert "Kop van artikel 1" in (docs[0].meta.title or "") + docs[0].raw
    assert docs[0].raw != docs[1].raw


# -- paths, directories, globs, stdin ------------------------------------------------------------


def test_directory_recurses_and_skips_unknown_suffixes(tmp_path: Path, settings: dict[str, Any]) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(" date 2020-01-01 Eerste.", "utf-8")
    (tmp_path / "sub" / "b.txt").write_text(" date 2020-01-02 Tweede.", "utf-8")
    (tmp_path / "sub" / "deeper" / "c.html").write_text(html_page(), "utf-8")
    (tmp_path / "README").write_text("Dit is geen artikel.", "utf-8")
    (tmp_path / "README.md").write_text("# Over deze map\n\nDit is geen artikel.", "utf-8")
    (tmp_path / "sub" / "LICENSE").write_text("MIT License", "utf-8")
    (tmp_path / ".hidden.txt").write_text("verborgen", "utf-8")
    items = read_all([str(tmp_path)], settings)
    assert all(isinstance(i, RawItem) for i in items)
    assert sorted(i.doc_id for i in items) == ["a", "b", "c"]
    assert {Path(i.source).name for i in items} == {"a.txt", "b.txt", "c.html"}


def test_unknown_suffix_read_when_named_explicitly(tmp_path: Path, settings: dict[str, Any]) -> None:
    readme = tmp_path / "README"
    readme.write_text(" date 2021-08-30 Expliciet genoemd bestand.", "utf-8")
    (item,) = read_all([str(readme)], settings)
    assert isinstance(item, RawItem)
    assert (item.doc_id, item.kind) == ("README", "text")
    assert to_document(item, settings["read"]).meta.published == "2021-08-30"


def test_glob_expands(tmp_path: Path, settings: dict[str, Any]) -> None:
    for name in ("x1.txt", "x2.txt"):
        (tmp_path / name).write_text(f"Tekst van {name}.", "utf-8")
    (tmp_path / "x3.html").write_text(html_page(), "utf-8")
    items = read_all([str(tmp_path / "*.txt")], settings)
    assert [i.doc_id for i in items] == ["x1", "x2"]
    assert all(isinstance(i, RawItem) for i in items)


def test_missing_path_is_unreadable_failure(tmp_path: Path, settings: dict[str, Any]) -> None:
    missing = tmp_path / "bestaat-niet.txt"
    (failure,) = read_all([str(missing)], settings)
    assert isinstance(failure, Failure)
    assert (failure.source, failure.stage, failure.error) == (str(missing), "read", "unreadable")


def test_stdin(monkeypatch: pytest.MonkeyPatch, settings: dict[str, Any]) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b" date 2020-01-02 Tekst van het artikel.")

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    (item,) = read_all(["-"], settings)
    assert isinstance(item, RawItem)
    assert (item.source, item.doc_id, item.kind) == ("-", "stdin", "text")
    doc = to_document(item, settings["read"])
    assert doc.id == "stdin"
    assert doc.meta.published == "2020-01-02"
    assert doc.raw[doc.body_start :] == "Tekst van het artikel."


# -- the sample corpus end to end ----------------------------------------------------------------


def test_sample_corpus_run_and_rerun(tmp_path: Path, settings: dict[str, Any]) -> None:
    db = tmp_path / "sample.duckdb"
    first = run([str(SAMPLE)], db, settings, workers=1)
    assert first.failed == 0
    assert first.failures == []
    assert first.near_duplicate == 1
    ids = {r["id"] for r in query(db, "SELECT id FROM documents")}
    assert ids == SAMPLE_ARTICLE_IDS  # the corpus README.md is no article
    assert "nl-jsonl-003" not in ids
    dates = {
        r["id"]: (r["published"], r["published_precision"])
        for r in query(db, "SELECT id, published, published_precision FROM documents")
    }
    assert dates["003_raketproef_hwasong17"] == ("2022-03", "month")
    assert dates["005_sjojgoe_pyongyang"] == (None, None)
    assert dates["006_trump_kim_2026"] == ("2026-02-26", "day")
    assert dates["001_choe_moskou"] == ("2024-01-16", "day")
    duplicates = query(db, "SELECT source, doc_id, kind, duplicate_of FROM duplicates")
    assert duplicates == [
        {
            "source": f"{SAMPLE}/jsonl/nieuws.jsonl:3",
            "doc_id": "nl-jsonl-003",
            "kind": "near",
            "duplicate_of": "nl-jsonl-001",
        }
    ]
    assert query(db, "SELECT count(*) AS n FROM failures") == [{"n": 0}]
    with Store(db, read_only=True) as store:
        counts = store.counts()

    second = run([str(SAMPLE)], db, settings, workers=1)
    assert second.new == 0
    assert second.failed == 0
    assert second.read == first.read
    with Store(db, read_only=True) as store:
        assert store.counts() == counts


def test_jsonl_with_byte_order_mark_and_cp1252_lines(tmp_path: Path, settings: dict[str, Any]) -> None:
    path = tmp_path / "export.jsonl"
    first = json.dumps({"id": "a", "text": "Poetin ontmoet Kim in Vladivostok."}, ensure_ascii=False)
    second = json.dumps({"id": "b", "text": "Kim bezocht België en Oekraïne niet."}, ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + first.encode("utf-8") + b"\n" + second.encode("cp1252") + b"\n")
    items = read_all([str(path)], settings)
    assert [(i.doc_id, i.data) for i in items if isinstance(i, RawItem)] == [
        ("a", "Poetin ontmoet Kim in Vladivostok."),
        ("b", "Kim bezocht België en Oekraïne niet."),
    ]
