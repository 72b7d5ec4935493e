"""The quotes stage: reported speech and who the article says said it.

Three kinds, all found with precompiled patterns over the clean text (no parser needed):

* direct: text between quotation marks, attributed to the speaker named next to it ("“...”, zegt
  Breuker", "“...”, aldus Breuker", "Breuker: ‘...’", "Hij zei: “...”"); a quote with no cue of its
  own takes the speaker of the reported speech it stands in or follows (a quote over several
  paragraphs, "zegt Breuker. ... “...”"), and one of at least ``min_unattributed_words`` words that
  reads as a sentence is kept with no speaker.
* indirect: "Kim stelde dat ...", "Eerder verklaarde Kim dat ...": the clause after "dat" to the end
  of the sentence.
* according: "Volgens The New York Times ...", "..., meldt BBC.", "..., aldus X." without marks,
  "Dat meldde KCNA maandag." (for the sentence before), "naar eigen zeggen": the sentence or clause.

The speaker is the subject of the cue verb: the noun phrase before it when the clause starts with
one ("Het Pentagon zegt"), else the one after it ("Eind augustus waarschuwde het IAEA dat").
``speaker_name`` and ``speaker_code`` come from the actor mentions in the speaker's span.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..document import Document, Mention, Quote
from ..settings import Settings
from .lexicon import Lexicon, lexicon
from .marks import Span, quoted_spans

_WORD_AHEAD = re.compile(r"[ \t\u00a0]*([^\W_](?:[\w'’&.-]*[^\W_])?)")
_WORD = re.compile(r"[^\W_](?:[\w'’&.-]*[^\W_])?")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s")
_NEWLINES = re.compile(r"\n")
_DANGLING_OPEN = re.compile(r"\s+[“„\"'‘«]+\s*$")
_LAST_WORD = re.compile(r"(\w+)[ \t]+$")
_NEWLINES_RUN = re.compile(r"\n+")
_KIND_RANK = {"person": 0, "organisation": 1, "country": 2}
_CLOSE_MARKS = "\"'”’»“"


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str
    """fin | part | trail | acc | self"""
    form: str


def find_quotes(doc: Document, settings: Settings) -> Document:
    """Fill ``doc.quotes`` and link the events (if any) to the quotes that carry them."""
    config = settings["quotes"]
    lex = lexicon(doc.meta.language) if doc.meta.language in config["languages"] else None
    doc.quotes = _Finder(doc, lex, config).run() if lex is not None and doc.clean else []
    link_events(doc)
    return doc


def link_events(doc: Document) -> Document:
    """Set ``event.quote`` to the innermost quote whose span holds the event's first evidence span."""
    for event in doc.events:
        event.quote = None
        if not event.evidence:
            continue
        start, end = event.evidence[0]
        best: tuple[int, int] | None = None
        for i, quote in enumerate(doc.quotes):
            if (
                quote.start <= start
                and end <= quote.end
                and (best is None or quote.end - quote.start < best[0])
            ):
                best = (quote.end - quote.start, i)
        if best is not None:
            event.quote = best[1]
    return doc


class _Finder:
    def __init__(self, doc: Document, lex: Lexicon, config: dict[str, object]) -> None:
        self.text = text = doc.clean
        self.lex = lex
        self.min_words = int(str(config["min_unattributed_words"]))
        self.max_gap = int(str(config["max_inherit_gap_chars"]))
        self.max_np = int(str(config["max_speaker_words"]))
        self.window = int(str(config["max_cue_distance_words"]))
        if doc.sentences:
            self.sentences = [(s.start, s.end) for s in doc.sentences]
        else:
            self.sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
        self.sent_starts = [s for s, _ in self.sentences]
        self.breaks = [m.start() for m in _NEWLINES.finditer(text)]
        self.mentions = sorted(doc.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.timex_starts = frozenset(t.start for t in doc.timexes)
        self.cues: list[Cue] = []
        first = lex.cue_at_start.match(text)
        for m in [first, *lex.cue_re.finditer(text)] if first else lex.cue_re.finditer(text):
            pos = m.start(1)
            form = " ".join(m.group(1).lower().split())
            kind = lex.kinds.get(form, "not")
            if kind != "not" and not self._after_marker(pos):
                self.cues.append(Cue(pos, m.end(1), kind, form))
        self.cue_starts = [c.start for c in self.cues]
        comps = "|".join(re.escape(w) for w in sorted(lex.complementisers)) or "(?!x)x"
        self.comp_re = re.compile(
            r"(?:[ \t]+[^\s.,;:!?\"“”„«»]+){0," + str(self.window) + r"}?[ \t]+(" + comps + r")(?![\w-])",
            re.IGNORECASE,
        )

    def _after_marker(self, pos: int) -> bool:
        m = _LAST_WORD.search(self.text, max(0, pos - 12), pos)
        return m is not None and m.group(1).lower() in self.lex.infinitive_markers

    # ------------------------------------------------------------------ layout
    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return self.paragraph_of(pos)

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.breaks, pos)
        start = self.breaks[i - 1] + 1 if i else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.text)
        return start, end

    def cues_between(self, start: int, end: int) -> list[Cue]:
        lo = bisect.bisect_left(self.cue_starts, start)
        hi = bisect.bisect_left(self.cue_starts, end)
        return self.cues[lo:hi]

    # ------------------------------------------------------------------ noun phrases
    def _adjective(self, word: str, upper: bool) -> bool:
        lex = self.lex
        if upper:
            return word.endswith(lex.name_adjective_suffixes) if lex.name_adjective_suffixes else False
        return (
            bool(lex.adjective_suffixes)
            and word.endswith(lex.adjective_suffixes)
            and not word.endswith(lex.noun_suffixes or ("\0",))
        )

    def noun_phrase(self, pos: int, limit: int) -> tuple[int, int] | None:
        """The noun phrase starting at ``pos`` (before ``limit``): "het Pentagon", "defensiespecialist
        Dick Zandee", "schattingen van het SIPRI"; a pronoun alone; None where none starts there."""
        lex, text = self.lex, self.text
        start = end = -1
        have_head = prev_upper = False
        i = pos
        for n in range(self.max_np):
            if prev_upper:  # "Sander de Wit": the particles belong to the name
                particles = lex.name_particles.match(text, i, limit)
                if particles is not None:
                    i = particles.end()
            m = _WORD_AHEAD.match(text, i, limit)
            if m is None:
                break
            ws, we = m.span(1)
            word = m.group(1)
            low = word.lower()
            if n and ws in self.timex_starts:
                break
            if n == 0 and low in lex.pronouns:
                return ws, we
            if low in lex.links and have_head:
                have_head = False
            elif low in lex.determiners and not have_head:
                pass
            elif (low in lex.stop or low in lex.relatives) and not (n and word[0].isupper()):
                break  # inside a phrase a capital makes it a name ("Sandra van de Werd")
            elif word[0].isupper():
                have_head = have_head or not self._adjective(low, True)
                end = we
            else:
                if have_head and lex.lowercase_ends_phrase:
                    break
                have_head = not self._adjective(low, False)
                end = we
            if start < 0:
                start = ws
            prev_upper = word[0].isupper()
            i = we
        if end < 0:
            return None
        # a mention that starts inside the phrase runs to its end ("minister ... Agnès Buzyn")
        j = bisect.bisect_left(self.mention_starts, start)
        while j < len(self.mentions) and self.mentions[j].start < end:
            mention = self.mentions[j]
            if end < mention.end <= limit and not re.search(r"[.,;:!?()]", text[end : mention.end]):
                end = mention.end
            j += 1
        return start, end

    def whole_phrase(self, start: int, end: int) -> tuple[int, int] | None:
        """``[start, end)`` trimmed, where it is one noun phrase (a subject before its verb)."""
        words = list(_WORD.finditer(self.text, start, end))
        if not words or re.search(r"[.;:!?()\"“”„]", self.text[start:end]):
            return None
        np = self.noun_phrase(words[0].start(), end)
        if np is None or np[1] != words[-1].end():
            return None
        return np

    def _strip_openers(self, start: int, end: int) -> int:
        while True:
            m = _WORD_AHEAD.match(self.text, start, end)
            if m is None or m.group(1).lower() not in self.lex.clause_openers:
                return start
            start = m.end(1)

    def _antecedent(self, comma: int) -> tuple[int, int] | None:
        """The mention just before ``comma`` ("zegt Breuker, die ..."): the relative's antecedent."""
        j = bisect.bisect_left(self.mention_starts, comma) - 1
        while j >= 0 and self.mentions[j].end > comma:
            j -= 1
        if (
            j >= 0
            and comma - self.mentions[j].end <= 40
            and "." not in self.text[self.mentions[j].end : comma]
        ):
            return self.mentions[j].start, self.mentions[j].end
        return None

    def subject(self, cue: Cue, clause_start: int, limit: int) -> tuple[int, int] | None:
        """The speaker of ``cue``: the subject before the finite verb, else the phrase after it."""
        lex, text = self.lex, self.text
        finite_start, finite_end = cue.start, cue.end
        if cue.kind == "part" or cue.form in lex.participles:
            aux = next(
                (
                    m
                    for m in _WORD.finditer(text, clause_start, cue.start)
                    if m.group(0).lower() in lex.auxiliaries
                ),
                None,
            )
            if aux is not None:
                finite_start, finite_end = aux.span()
                limit = cue.start
            elif cue.kind == "part":
                return None
        prefix = clause_start
        comma = text.rfind(",", clause_start, finite_start)
        if comma >= 0:
            tail = text[comma + 1 : finite_start]
            if not tail.strip():
                first = text.find(",", clause_start, finite_start)
                return self.whole_phrase(self._strip_openers(clause_start, first), first)
            if tail.strip().lower() in lex.relatives:
                return self._antecedent(comma)
            prefix = comma + 1
        prefix = self._strip_openers(prefix, finite_start)
        if text[prefix:finite_start].strip():
            np = self.whole_phrase(prefix, finite_start)
            if np is not None:
                return np
        return self.noun_phrase(finite_end, limit)

    def particle_end(self, cue: Cue, limit: int) -> int | None:
        """Where the particle of a separable cue ends ("liet ... weten"); the cue's end if it has none."""
        particles = self.lex.particles.get(cue.form)
        if not particles:
            return cue.end
        for m in _WORD.finditer(self.text, cue.end, limit):
            if re.search(r"[.,;:!?]", self.text[cue.end : m.start()]):
                return None
            if m.group(0).lower() in particles:
                return m.end()
        return None

    # ------------------------------------------------------------------ speakers
    def quote(
        self, start: int, end: int, kind: str, cue: Cue | None, speaker: tuple[int, int] | None
    ) -> Quote:
        if speaker is None:
            return Quote(start, end, None, kind=kind, cue=cue.form if cue else None)
        s, e = speaker
        mention = self.best_mention(s, e)
        return Quote(
            start,
            end,
            self.text[s:e],
            s,
            e,
            kind,
            cue.form if cue else None,
            mention.name if mention else None,
            mention.code if mention else None,
        )

    def best_mention(self, start: int, end: int) -> Mention | None:
        best: Mention | None = None
        j = bisect.bisect_left(self.mention_starts, start)
        while j > 0 and self.mentions[j - 1].end > start:
            j -= 1
        for mention in self.mentions[j:]:
            if mention.start >= end:
                break
            if mention.end <= start:
                continue
            if best is None or _KIND_RANK.get(mention.kind, 3) < _KIND_RANK.get(best.kind, 3):
                best = mention
        return best

    # ------------------------------------------------------------------ the kinds
    def run(self) -> list[Quote]:
        spans = quoted_spans(self.text)
        self.direct_spans = [(s.open_at, s.close_end or s.end) for s in spans]
        self.direct_starts = [s for s, _ in self.direct_spans]
        quotes: list[Quote] = []
        for cue in self.cues:
            if self.in_direct(cue.start):
                continue
            found = self.reported(cue)
            if found is not None:
                quotes.append(found)
        direct = [self.direct(span) for span in spans]
        quotes = self.inherit(direct, quotes)
        quotes.sort(key=lambda q: (q.start, q.end))
        return quotes

    def in_direct(self, pos: int) -> bool:
        i = bisect.bisect_right(self.direct_starts, pos) - 1
        return i >= 0 and pos < self.direct_spans[i][1]

    def _claim(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        dangling = _DANGLING_OPEN.search(text, start, end)
        if dangling is not None:
            end = dangling.start()
        while start < end and (text[start].isspace() or text[start] in ",;"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?"):
            end -= 1
        return start, end

    def reported(self, cue: Cue) -> Quote | None:
        """An indirect or according quote for a cue outside quotation marks, or None."""
        text, lex = self.text, self.lex
        s_start, s_end = self.sentence_of(cue.start)
        clause = self.clause_start(s_start, cue.start)
        if cue.kind == "acc":
            np = self.noun_phrase(cue.end, s_end)
            if np is None or text[np[0] : np[1]].lower().split()[-1] in lex.not_sources:
                return None
            start, end = self._claim(s_start, s_end)
            return self.quote(start, end, "according", cue, np)
        if cue.kind == "self":
            np = self.whole_phrase(clause, self.verb_before(clause, cue.start))
            start, end = self._claim(s_start, s_end)
            return self.quote(start, end, "according", cue, np)
        after = self.particle_end(cue, s_end)
        if after is None:
            return None
        if cue.kind != "trail":
            comp = self.comp_re.match(text, after, s_end)
            if comp is not None:
                speaker = self.subject(cue, clause, comp.start(1))
                if speaker is None or self.in_direct(speaker[0]):
                    return None
                colon = text.find(":", comp.end(), s_end)
                start, end = self._claim(comp.end(), colon if colon >= 0 else s_end)
                return self.quote(start, end, "indirect", cue, speaker) if end > start else None
        before = text[clause : cue.start]
        # "Dat meldde het staatspersbureau KCNA maandag." attributes the sentence before
        opener = " ".join(before.split()).lower()
        if clause == s_start and opener in lex.anaphora and cue.kind != "trail":
            speaker = self.noun_phrase(after if after != cue.end else cue.end, s_end)
            if speaker is None or not self.ends_sentence(speaker[1], s_end):
                return None
            i = bisect.bisect_right(self.sent_starts, s_start - 1) - 1
            prev = self.sentences[i] if i >= 0 and self.sentences[i][0] < s_start else None
            if prev is None or prev[1] > s_start or len(_NEWLINES_RUN.findall(text[prev[1] : s_start])) > 1:
                return None
            start, end = self._claim(*prev)
            if self.in_direct(start):
                return None  # the quote before takes this speaker (see direct)
            return self.quote(start, end, "according", cue, speaker)
        # "..., meldt BBC." / "..., aldus X." / "..., officials said."
        comma = text.rfind(",", s_start, cue.start)
        if comma < 0 or (text[comma + 1 : cue.start].strip() and cue.kind == "trail"):
            return None
        if text[s_start:comma].rstrip().endswith(tuple(_CLOSE_MARKS)):
            return None  # a direct quote's attribution
        between = text[comma + 1 : cue.start]
        if between.strip():
            if lex.lowercase_ends_phrase or cue.kind == "part":
                return None
            speaker = self.whole_phrase(comma + 1, cue.start)
        else:
            speaker = self.noun_phrase(cue.end, after if after > cue.end else s_end)
        if speaker is None or not self.ends_sentence(max(speaker[1], after), s_end):
            return None
        start, end = self._claim(self.clause_start(s_start, comma), comma)
        if len(_WORD.findall(text, start, end)) < 3:
            return None
        return self.quote(start, end, "according", cue, speaker)

    def verb_before(self, clause: int, pos: int) -> int:
        """Start of the word before ``pos`` (the finite verb before "naar eigen zeggen")."""
        words = list(_WORD.finditer(self.text, clause, pos))
        return words[-1].start() if len(words) > 1 else clause

    def ends_sentence(self, pos: int, s_end: int) -> bool:
        """Whether little (a time, a place: at most a few words) follows ``pos`` in its sentence."""
        rest = self.text[pos:s_end]
        if re.search(r"[:;]", rest):
            return False
        rest = rest.split(",")[0] if "," in rest else rest
        return len(_WORD.findall(rest)) <= self.window

    def clause_start(self, s_start: int, pos: int) -> int:
        """After the last colon, semicolon or closing quotation mark before ``pos`` in its sentence."""
        text = self.text
        best = s_start
        for ch in ":;":
            i = text.rfind(ch, s_start, pos)
            if i >= 0:
                best = max(best, i + 1)
        return best

    def direct(self, span: Span) -> Quote:
        text = self.text
        para_start, para_end = self.paragraph_of(span.start)
        # after: "“...”, zegt Breuker" / "“...”, aldus Breuker" / '"...," Smith said'
        # a quote that ends a sentence, followed by a capital, is followed by a new sentence
        ends = text[span.end - 1] in ".!?…"
        nxt = _WORD_AHEAD.match(text, span.close_end) if span.close_end is not None else None
        if span.close_end is not None and not (ends and nxt is not None and nxt.group(1)[0].isupper()):
            for cue in self.cues_between(span.close_end, min(para_end, span.close_end + 120)):
                between = text[span.close_end : cue.start]
                if re.search(r"[.;:!?()\"“”„]", between) or between.count(",") > 1:
                    break
                if cue.kind == "self":
                    break
                if cue.kind in ("acc", "trail"):
                    if between.strip(" \t,"):
                        break
                    np = self.noun_phrase(cue.end, para_end)
                    return self.quote(span.start, span.end, "direct", cue, np)
                clause = span.close_end + (between.find(",") + 1 if "," in between else 0)
                head = _WORD_AHEAD.match(text, clause, cue.start)
                if head is not None and not (
                    head.group(1).lower() in self.lex.auxiliaries or self.whole_phrase(clause, cue.start)
                ):
                    break
                if self.particle_end(cue, para_end) is None:
                    break
                s_end = self.sentence_of(cue.start)[1]
                limit = self.particle_end(cue, max(s_end, cue.end)) or cue.end
                limit = max(limit, cue.end)
                speaker = self.subject(cue, clause, min(para_end, max(s_end, limit + 60)))
                if speaker is not None:
                    if limit > cue.end and speaker[0] >= cue.end:
                        speaker = (speaker[0], min(speaker[1], limit))
                    return self.quote(span.start, span.end, "direct", cue, speaker)
                break
        # "“...” Dat zegt Breuker." in the next sentence
        follow = None
        if span.close_end is not None:
            skip = 1 if text[span.close_end : span.close_end + 1] in ".," else 0
            follow = _WORD_AHEAD.match(text, span.close_end + skip)
        if follow is not None and follow.group(1).lower() in self.lex.anaphora:
            s_end = self.sentence_of(follow.start(1))[1]
            for cue in self.cues_between(follow.end(1), s_end):
                if cue.kind in ("fin", "part") and not text[follow.end(1) : cue.start].strip():
                    after = self.particle_end(cue, s_end) or cue.end
                    speaker = self.noun_phrase(cue.end, after if after > cue.end else s_end)
                    if (
                        speaker is not None
                        and self.ends_sentence(speaker[1], s_end)
                        and not self.comp_re.match(text, after, s_end)
                    ):
                        return self.quote(span.start, span.end, "direct", cue, speaker)
                break
        # before: "Breuker: ‘...’" / "Hij zei: “...”" / 'He said, "..."'
        seg_start = self.segment_start(para_start, span.open_at)
        before = text[seg_start : span.open_at].rstrip()
        if not before and seg_start == para_start and para_start > 1:
            prev_start, prev_end = self.paragraph_of(para_start - 2)
            prev = text[prev_start:prev_end].rstrip()
            if prev.endswith(":"):
                seg_start = self.segment_start(prev_start, prev_start + len(prev))
                before = text[seg_start : prev_start + len(prev)]
        if before.endswith(":") or (before.endswith(",") and self.lex.language == "en"):
            colon = seg_start + len(before) - 1
            cues = [c for c in self.cues_between(seg_start, colon) if c.kind in ("fin", "part", "acc")]
            if cues:
                cue = cues[-1]
                if cue.kind == "acc":
                    speaker = self.noun_phrase(cue.end, colon)
                else:
                    speaker = self.subject(cue, self.clause_start(seg_start, cue.start), colon)
                if speaker is not None:
                    return self.quote(span.start, span.end, "direct", cue, speaker)
            elif before.endswith(":"):
                np = self.whole_phrase(seg_start, colon)
                if np is not None and (self.best_mention(*np) or text[np[0]].isupper()):
                    return self.quote(span.start, span.end, "direct", None, np)
        return Quote(span.start, span.end, None, kind="direct")

    def segment_start(self, para_start: int, pos: int) -> int:
        """Start of the sentence before ``pos``: after the last sentence end in the paragraph."""
        start = max(para_start, pos - 400)
        for m in _SENTENCE_END.finditer(self.text, start, pos):
            start = m.end()
        return start

    def sentence_like(self, quote: Quote) -> bool:
        """A quote that is a sentence of its own, not a title or a scare-quoted phrase."""
        text = self.text
        para_start = self.paragraph_of(quote.start)[0]
        before = text[para_start : quote.start - 1].rstrip()
        if not before or before.endswith((".", "!", "?", ":", "…")) or before[-1] in _CLOSE_MARKS:
            return True
        return text[quote.end - 1] in ".!?…"

    def inherit(self, direct: list[Quote], reported: list[Quote]) -> list[Quote]:
        """Give unattributed direct quotes the speaker of the speech they stand in or follow."""
        everything = sorted([*direct, *reported], key=lambda q: (q.start, -q.end))
        out = list(reported)
        spoken = [q for q in everything if q.speaker is not None]
        for n, quote in enumerate(direct):
            if quote.speaker is not None:
                out.append(quote)
                continue
            source = self.enclosing(quote, reported) or self.previous(quote, spoken)
            if source is None and n + 1 < len(direct):
                nxt = direct[n + 1]
                gap = self.text[quote.end : nxt.start]
                if nxt.speaker is not None and len(gap) <= 6 and "\n" in gap:
                    source = nxt
            if source is not None:
                out.append(
                    replace(
                        source,
                        start=quote.start,
                        end=quote.end,
                        kind="direct",
                        cue=None,
                    )
                )
            elif self.words(quote) >= self.min_words and self.sentence_like(quote):
                out.append(quote)
        return out

    def words(self, quote: Quote) -> int:
        """Word count of a quote (spaces between words: cheap on long quotes)."""
        return len(self.text[quote.start : quote.end].split())

    def enclosing(self, quote: Quote, reported: list[Quote]) -> Quote | None:
        words = self.words(quote)
        for q in reported:
            if q.speaker is not None and q.start <= quote.start and quote.end <= q.end and words >= 2:
                return q
        return None

    def previous(self, quote: Quote, spoken: list[Quote]) -> Quote | None:
        """The speech just before ``quote`` (at most one paragraph break and no other actor between)."""
        if not self.sentence_like(quote):
            return None
        before = [q for q in spoken if q.end <= quote.start]
        if not before:
            return None
        source = max(before, key=lambda q: max(q.end, q.speaker_end or 0))
        if source.kind == "according" and source.speaker_name is None:
            return None  # "volgens waarnemers ..." names no one who goes on speaking
        gap_start = max(source.end, source.speaker_end or 0)
        gap = self.text[gap_start : quote.start]
        if len(gap) > self.max_gap or len(_NEWLINES_RUN.findall(gap)) > 1:
            return None
        j = bisect.bisect_left(self.mention_starts, gap_start)
        for mention in self.mentions[j:]:
            if mention.start >= quote.start:
                break
            if mention.kind in ("person", "organisation") and mention.name != source.speaker_name:
                return None
        return source
