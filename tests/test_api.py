"""The public Python API: what ``kroniek`` exports exists, and process/open work as documented."""

from __future__ import annotations

from pathlib import Path

import kroniek


def test_all_names_exist() -> None:
    for name in kroniek.__all__:
        assert hasattr(kroniek, name), name


def test_process_text_and_open_database(tmp_path: Path) -> None:
    doc = kroniek.process(" date 2019-02-28 Trump en Kim troffen elkaar in Hanoi.\n\nDe top mislukte.")
    assert (doc.meta.published, doc.meta.published_precision) == ("2019-02-28", "day")
    assert doc.paragraphs == ["Trump en Kim troffen elkaar in Hanoi.", "De top mislukte."]
    source = tmp_path / "a.txt"
    source.write_text(" date 2019-02-28 Trump en Kim troffen elkaar in Hanoi.", "utf-8")
    kroniek.run([str(source)], tmp_path / "k.duckdb", workers=1)
    with kroniek.open(tmp_path / "k.duckdb") as db:
        assert db.query("SELECT id, published FROM documents") == [{"id": "a", "published": "2019-02-28"}]
