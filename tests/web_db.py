"""A small database the web tests know by heart: three articles, their actors, dates and events.

Article ``hostile`` carries markup in its title and text (a script, an image with onerror, a
percent sign and an underscore) to prove that pages show text as text.
"""

from __future__ import annotations

from pathlib import Path

from kroniek.document import Block, Document, Event, Mention, Metadata, TimeExpression
from kroniek.store import Store

TEXT_TOP = (
    "Kim Jong-un en Donald Trump ontmoetten elkaar op 27 februari 2019 in Hanoi.\n\n"
    "Noord-Korea lanceerde in maart 2019 een raket richting Japan.\n\n"
    "In 2018 had Trump Kim al in Singapore gesproken."
)
TEXT_THREAT = (
    "De Verenigde Staten dreigden Noord-Korea in april 2019 met nieuwe sancties.\n\n"
    "Noord-Korea zou volgend jaar met Rusland onderhandelen."
)
SCRIPT = "<script>window.__kroniek_xss = 1</script>"
IMG = '<img src="x" onerror="window.__kroniek_img = 1">'
TEXT_HOSTILE = (
    f"Een lezer plakte {SCRIPT} en {IMG} in een reactie. "
    "Rusland beschuldigde de VS van 100% inmenging via account a_b in mei 2019."
)


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _blocks(text: str) -> list[Block]:
    blocks, start = [], 0
    for para in text.split("\n\n"):
        blocks.append(Block(start, start + len(para), "paragraph"))
        start += len(para) + 2
    return blocks


def _mention(text: str, part: str, kind: str, name: str, code: str, role: str | None = None) -> Mention:
    start, end = _at(text, part)
    return Mention(start, end, part, kind, name=name, code=code, role=role)


def _doc(doc_id: str, title: str, published: str, text: str, **kw: object) -> Document:
    meta = Metadata(
        source=f"{doc_id}.txt",
        title=title,
        published=published,
        published_precision="day",
        language="nl",
        url=f"https://example.org/{doc_id}",
    )
    return Document(
        id=doc_id,
        raw=text,
        meta=meta,
        clean=text,
        content_hash=f"hash-{doc_id}",
        blocks=_blocks(text),
        **kw,  # type: ignore[arg-type]
    )


def build(path: Path) -> Path:
    top = _doc(
        "top",
        "Trump en Kim in Hanoi",
        "2019-03-05",
        TEXT_TOP,
        mentions=[
            _mention(TEXT_TOP, "Kim Jong-un", "person", "Kim Jong-un", "PRK", "supreme_leader"),
            _mention(TEXT_TOP, "Donald Trump", "person", "Donald Trump", "USA", "head_of_state"),
            _mention(TEXT_TOP, "Noord-Korea", "country", "North Korea", "PRK"),
            _mention(TEXT_TOP, "Japan", "country", "Japan", "JPN"),
        ],
        timexes=[
            TimeExpression(*_at(TEXT_TOP, "27 februari 2019"), "27 februari 2019", "2019-02-27", "day"),
            TimeExpression(*_at(TEXT_TOP, "maart 2019"), "maart 2019", "2019-03", "month"),
            TimeExpression(*_at(TEXT_TOP, "2018"), "2018", "2018", "year"),
        ],
        events=[
            Event(
                "CONSULT",
                ["USA"],
                ["PRK"],
                [
                    _at(
                        TEXT_TOP,
                        "Kim Jong-un en Donald Trump ontmoetten elkaar op 27 februari 2019 in Hanoi.",
                    )
                ],
                mode="meet",
                date="2019-02-27",
                date_source="text",
                score=2.5,
                quad="verbal_cooperation",
            ),
            Event(
                "ASSAULT",
                ["PRK"],
                ["JPN"],
                [_at(TEXT_TOP, "Noord-Korea lanceerde in maart 2019 een raket richting Japan.")],
                date="2019-03",
                date_source="text",
                score=-9.0,
                quad="material_conflict",
            ),
            Event(
                "CONSULT",
                ["USA"],
                ["PRK"],
                [_at(TEXT_TOP, "In 2018 had Trump Kim al in Singapore gesproken.")],
                date="2018",
                date_source="text",
                historical=True,
                score=2.5,
                quad="verbal_cooperation",
            ),
        ],
    )
    threat = _doc(
        "threat",
        "Sancties gedreigd",
        "2019-04-10",
        TEXT_THREAT,
        mentions=[
            _mention(TEXT_THREAT, "De Verenigde Staten", "country", "United States", "USA"),
            _mention(TEXT_THREAT, "Noord-Korea", "country", "North Korea", "PRK"),
            _mention(TEXT_THREAT, "Rusland", "country", "Russia", "RUS"),
        ],
        timexes=[TimeExpression(*_at(TEXT_THREAT, "april 2019"), "april 2019", "2019-04", "month")],
        events=[
            Event(
                "THREATEN",
                ["USA"],
                ["PRK"],
                [
                    _at(
                        TEXT_THREAT,
                        "De Verenigde Staten dreigden Noord-Korea in april 2019 met nieuwe sancties.",
                    )
                ],
                date="2019-04",
                date_source="text",
                score=-4.0,
                quad="verbal_conflict",
            ),
            Event(
                "CONSULT",
                ["PRK"],
                ["RUS"],
                [_at(TEXT_THREAT, "Noord-Korea zou volgend jaar met Rusland onderhandelen.")],
                date="2020",
                date_source="text",
                aux="future",
                score=2.5,
                quad="verbal_cooperation",
            ),
        ],
    )
    hostile = _doc(
        "hostile",
        f"Lezers en {SCRIPT}",
        "2019-05-20",
        TEXT_HOSTILE,
        mentions=[
            _mention(TEXT_HOSTILE, "Rusland", "country", "Russia", "RUS"),
            _mention(TEXT_HOSTILE, "de VS", "country", "United States", "USA"),
        ],
        timexes=[TimeExpression(*_at(TEXT_HOSTILE, "mei 2019"), "mei 2019", "2019-05", "month")],
        events=[
            Event(
                "ACCUSE",
                ["RUS"],
                ["USA"],
                [
                    _at(
                        TEXT_HOSTILE,
                        "Rusland beschuldigde de VS van 100% inmenging via account a_b in mei 2019.",
                    )
                ],
                date="2019-05",
                date_source="text",
                score=-3.0,
                quad="verbal_conflict",
            )
        ],
    )
    with Store(path) as store:
        store.write_batch([top, threat, hostile], [], [])
    return path
