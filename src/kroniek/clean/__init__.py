"""The clean stage: from the raw text of an article to clean paragraphs, keeping offsets.

Order (cheap first, each step recorded as ``Document.removed`` entries with a reason):
1. split lines after the ``date`` header; drop template placeholders, share/newsletter widgets,
   photo credits, and captions that are no sentence (``lines``);
2. drop a caption glued to the ``date`` header line (``_drop_header_caption``);
3. rejoin hard-wrapped lines into paragraphs, tell headings apart (``paragraphs``);
4. drop pull quotes and repeated paragraphs (``repeats``);
5. write the clean text: paragraphs separated by a blank line, mojibake fixed by ftfy, runs of
   whitespace made one space, each piece mapped back to the raw text (``builder``).
"""

from __future__ import annotations

import re

import ftfy
import ftfy.badness

from ..document import Block, Document, Removal
from ..errors import KroniekError
from ..languages import cleaning_rules, detect_language
from ..settings import Settings
from .builder import TextBuilder
from .lines import Line, ends_sentence, split_lines
from .paragraphs import Paragraph, assemble
from .repeats import drop_repeats

__all__ = ["clean"]

# UTF-8 read as Windows-1252 or latin-1: a lead byte (Â Ã â Å Î Ð Ø, à–ï) followed by a
# continuation byte (U+0080–U+00BF, or what cp1252 puts at 0x80–0x9F). A cheap test before ftfy's.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00c5\u00ce\u00d0\u00d8\u00e0-\u00ef]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)


def _drop_header_caption(doc: Document, lines: list[Line], max_words: int) -> None:
    """A short line with no sentence end, glued to the ``date`` header, is a photo caption."""
    if doc.meta.extra.get("header_glued") != "1" or not lines or not lines[0].pieces:
        return
    first = lines[0]
    text = first.text(doc.raw)
    following = next((ln.text(doc.raw) for ln in lines[1:] if ln.pieces), "")
    continued = following[:1].islower()
    if ends_sentence(text) or continued or len(text.split()) > max_words:
        return
    doc.removed.append(Removal(first.kept_start, first.kept_end, "caption", text))
    first.pieces = []


def _write_piece(builder: TextBuilder, raw: str, start: int, end: int, suspect: bool) -> None:
    piece = raw[start:end]
    if suspect and not piece.isascii() and ftfy.badness.is_bad(piece):
        fixed = ftfy.fix_text(piece, _FTFY)
        if fixed != piece:
            builder.replace(fixed, start, end)
            return
    builder.copy(start, end)


def _write_line_break(builder: TextBuilder, raw: str, prev: Line, line: Line) -> None:
    """Join two lines of one paragraph: a space, or nothing after a hyphen ("Noord-" + "Korea")."""
    gap_start, gap_end = prev.kept_end, line.kept_start
    split_word = (
        gap_start > 1
        and raw[gap_start - 1] == "-"
        and raw[gap_start - 2].isalpha()
        and raw[gap_end : gap_end + 1].isalpha()
    )
    if not split_word:
        builder.replace(" ", gap_start, gap_end)


def _write(doc: Document, paragraphs: list[Paragraph]) -> None:
    builder = TextBuilder(doc.raw)
    blocks: list[Block] = []
    suspect = bool(_MOJIBAKE_HINT.search(doc.raw))
    for para in paragraphs:
        if builder.length:
            gap = para.lines[0].kept_start
            builder.replace("\n\n", gap, gap)
        start = builder.length
        prev: Line | None = None
        for line in para.lines:
            if prev is not None:
                _write_line_break(builder, doc.raw, prev, line)
            for k, (a, b) in enumerate(line.pieces):
                if k:
                    builder.replace(" ", line.pieces[k - 1][1], a)
                _write_piece(builder, doc.raw, a, b, suspect)
            prev = line
        blocks.append(Block(start, builder.length, para.kind))
    doc.clean = builder.text()
    doc.offsets = builder.offset_map()
    doc.blocks = blocks


def clean(doc: Document, settings: Settings) -> Document:
    """Clean ``doc.raw`` into ``doc.clean`` with blocks, an offset map and the removals."""
    s = settings["clean"]
    rules = cleaning_rules(tuple(s["languages"]))
    doc.removed = []
    lines = split_lines(doc.raw, doc.body_start, rules, doc.removed, s["caption_min_words"])
    _drop_header_caption(doc, lines, s["header_caption_max_words"])
    paragraphs = drop_repeats(assemble(lines, doc.raw, s), doc.raw, s, doc.removed)
    _write(doc, paragraphs)
    doc.removed.sort(key=lambda r: r.raw_start)
    if not any(b.kind != "heading" for b in doc.blocks):
        raise KroniekError("no_text_after_cleaning", "no paragraph left after cleaning", "clean")
    if doc.meta.language is None:
        doc.meta.language = detect_language(
            doc.clean, tuple(s["languages"]), settings["language"]["min_stopword_share"]
        )
    return doc
