"""The one document object that flows through every stage.

Every annotation layer points into ``Document.clean`` by character offset (end exclusive), so a
mention, a date or an event can always be shown highlighted in its sentence. ``Document.offsets``
maps any clean offset back to ``Document.raw``, the decoded input the cleaner started from.

Example::

    >>> from kroniek.document import Document, Metadata
    >>> doc = Document(id="demo", raw="Kim reisde af.", meta=Metadata(source="demo.txt"))
    >>> doc.meta.published is None
    True
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
BlockKind = Literal["paragraph", "heading", "caption"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of clean text and the raw span it came from.

    A segment is a *copy* when ``clean_end - clean_start == raw_end - raw_start`` and the text is
    the same; otherwise it *replaces* the raw span (a rejoined line break, a fixed mojibake run).
    """

    clean_start: int
    clean_end: int
    raw_start: int
    raw_end: int
    copy: bool


@dataclass(slots=True)
class OffsetMap:
    """Maps offsets in the clean text back to offsets in the raw text."""

    segments: list[Segment] = field(default_factory=list)

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of the character at ``clean_offset`` (or of the end, for the text length)."""
        if not self.segments:
            return clean_offset
        starts = [s.clean_start for s in self.segments]
        i = max(0, bisect.bisect_right(starts, clean_offset) - 1)
        seg = self.segments[i]
        if clean_offset >= seg.clean_end:
            return seg.raw_end
        if seg.copy:
            return seg.raw_start + (clean_offset - seg.clean_start)
        return seg.raw_start

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the clean span ``[start, end)``."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self._raw_end(end)

    def _raw_end(self, clean_end: int) -> int:
        starts = [s.clean_start for s in self.segments]
        i = max(0, bisect.bisect_left(starts, clean_end) - 1)
        seg = self.segments[i]
        if seg.copy:
            return seg.raw_start + min(clean_end, seg.clean_end) - seg.clean_start
        return seg.raw_end

    def to_rows(self) -> list[list[int]]:
        """Compact form for storage: ``[clean_start, clean_end, raw_start, raw_end, copy]``."""
        return [[s.clean_start, s.clean_end, s.raw_start, s.raw_end, int(s.copy)] for s in self.segments]

    @classmethod
    def from_rows(cls, rows: list[list[int]]) -> OffsetMap:
        return cls([Segment(a, b, c, d, bool(e)) for a, b, c, d, e in rows])


@dataclass(slots=True)
class Metadata:
    """What is known about a document besides its text."""

    source: str
    """Where it came from: a path, ``path:LINE`` for a JSONL line, or a WARC record's URI."""
    format: str = "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    """Publication date at its precision: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; never guessed."""
    published_precision: Precision | None = None
    language: str | None = None
    encoding: str | None = None
    input_hash: str | None = None
    """SHA-256 of the input as read (before decoding): lets a rerun skip unchanged inputs."""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading or caption of the clean text."""

    start: int
    end: int
    kind: BlockKind = "paragraph"


@dataclass(frozen=True, slots=True)
class Removal:
    """A raw span the cleaner left out, and why (so nothing is dropped without a trace)."""

    raw_start: int
    raw_end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the clean text, from the linguistic backend."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    """Universal POS tag (NOUN, PROPN, VERB, ...); "" when the backend does not tag."""
    tag: str = ""
    """The backend's own tag (CGN for Frog: ``WW(pv,verl,ev)``)."""
    head: int = -1
    """Index in ``Document.tokens`` of the syntactic head; -1 for a root or without a parser."""
    dep: str = ""
    """Dependency relation to the head (Frog/Alpino: su, obj1, app, mod, ...)."""
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span found by the backend's NER, before actor resolution."""

    start: int
    end: int
    text: str
    label: str
    """PER, ORG, LOC, MISC (Frog adds PRO and EVE)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention, resolved to a canonical actor where the knowledge base knows it."""

    start: int
    end: int
    text: str
    kind: str
    """person | organisation | country"""
    name: str | None = None
    """Canonical name: the usual English name for actors the knowledge base knows."""
    code: str | None = None
    """ISO 3166-1 alpha-3 country code, or the organisation's code (IAEA, KCNA)."""
    qid: str | None = None
    sector: str | None = None
    """CAMEO-style sector: GOV, MIL, SPY, MED, ..."""
    role: str | None = None
    """The role the text gives (head_of_state, defence_minister) where a role word names it."""
    affiliation: str | None = None
    """The organisation the text ties a person to ("aan de Universiteit Leiden")."""


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None
    """ISO 8601 / TIMEX3-style value, or None where it cannot be resolved."""
    precision: str
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech: what was said (``start``-``end``) and who the article says said it."""

    start: int
    end: int
    speaker: str | None
    """The speaker as the text names it ("Breuker", "Zuid-Koreaanse inlichtingendiensten")."""
    speaker_start: int | None = None
    speaker_end: int | None = None
    kind: str = "direct"
    """direct (between quotation marks) | indirect ("zegt dat ...", "stelde dat ...") | according
    ("volgens X", "aldus X", "meldt X" without quotation marks)."""
    cue: str | None = None
    """The word that attributes it: zegt, aldus, meldt, volgens, ..."""
    speaker_name: str | None = None
    """Canonical name of the speaker where the actor stage resolved it."""
    speaker_code: str | None = None
    """Country or organisation code of the speaker where known."""


@dataclass(slots=True)
class Event:
    type: str
    actor: list[str]
    recipient: list[str]
    evidence: list[tuple[int, int]]
    mode: str | None = None
    date: str | None = None
    date_source: str | None = None
    aux: str | None = None
    historical: bool = False
    score: float | None = None
    quad: str | None = None
    contexts: list[str] = field(default_factory=list)
    """PLOVER contexts the text shows (military, diplomatic, cbrn, ...)."""
    quote: int | None = None
    """Index in ``Document.quotes`` of the reported speech that carries the event, if any."""


@dataclass(slots=True)
class Document:
    """One article: raw input, clean text, offset map, metadata and annotation layers."""

    id: str
    raw: str
    meta: Metadata
    body_start: int = 0
    """Raw offset where the article text starts (after a ``date`` header line)."""
    clean: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    content_hash: str | None = None
    """SHA-256 of the normalised clean text: a document's identity for deduplication."""
    signature: bytes | None = None
    """MinHash signature of the clean text (near-duplicate detection); None for short texts."""
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def block_text(self, block: Block) -> str:
        return self.clean[block.start : block.end]

    @property
    def paragraphs(self) -> list[str]:
        return [self.block_text(b) for b in self.blocks if b.kind != "heading"]

    @property
    def headings(self) -> list[str]:
        return [self.block_text(b) for b in self.blocks if b.kind == "heading"]
