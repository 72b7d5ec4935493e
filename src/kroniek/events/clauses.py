"""Words and clauses of a sentence, as the event coder sees them.

The coder works on the surface: it needs lemmas, not a parse, so it runs on the fast backend (which
has no Dutch parser) as well as on Frog. A sentence is cut into clauses at strong punctuation, at
commas that do not continue a list of actors, and before clause openers ("nadat", "dat", "om").
Separable verbs are put together again: "brak de onderhandelingen af" gives the lemma "afbreken"
on "brak".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..document import Token
from .lexicon import Lexicon

#: Punctuation that always ends a clause (quotation marks included: a quote is its own clause).
HARD_BREAKS = frozenset(";:?!–—") | {"-", "--", "...", "…"}
#: Articles passed over between a comma and the actor that continues a list.
ARTICLES = frozenset({"de", "het", "the"})
#: Quotation marks neither end a clause nor belong to one: "een “mogelijk bezoek” aan Rusland".
QUOTE_MARKS = frozenset('"“”„‘’«»')
#: A bracketed aside is a clause of its own, after which the clause around it goes on:
#: "het Atoomenergieagentschap (IAEA) waarschuwde dat ...".
OPEN_BRACKETS, CLOSE_BRACKETS = frozenset("(["), frozenset(")]")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    lower: str
    lemma: str
    """The backend's lemma, lower case, particle verbs joined ("af_wijzen" -> "afwijzen")."""
    alt: str = ""
    """A second lemma where the lexicon-based lemmatiser (simplemma) gives another one than the
    backend: the trained lemmatiser errs on rare compounds ("kruisraketten"), simplemma on
    strong verbs ("sloten"); the predicates are looked up under both."""
    pos: str = ""
    """The backend's UPOS where it tags ("NOUN", "VERB"), else ""."""
    past: bool = False
    """A finite verb in the past tense, where the backend's tag says so (CGN ``WW(pv,verl,...)``)."""


@dataclass(slots=True)
class Clause:
    words: list[Word]
    opener: str | None = None
    """The word or comma that opened the clause (None for the first one)."""
    extra_lemmas: dict[int, str] = field(default_factory=dict)
    dated: bool = False
    """The clause holds a resolved time expression of its own."""
    markers: frozenset[str] | None = None
    """The marker kinds found in the clause, once computed (``coder.markers``)."""
    """Index of a verb word -> its separable-verb lemma ("breken" + "af" -> "afbreken")."""

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


def words_of(tokens: list[Token], clean: str, start: int, end: int, lemmatize: object = None) -> list[Word]:
    """The words of ``clean[start:end]``, from the backend's tokens where there are any."""
    lo = bisect.bisect_left(tokens, start, key=lambda t: t.start)
    hi = bisect.bisect_left(tokens, end, lo, key=lambda t: t.start)
    inside = tokens[lo:hi]
    if inside:
        out = []
        for t in inside:
            if " " in t.text.strip():  # a multiword unit ("op basis van", "in gebruik"): its words
                for m in re.finditer(r"\S+", t.text):
                    out.append(
                        Word(
                            t.start + m.start(),
                            t.start + m.end(),
                            m.group(0).casefold(),
                            m.group(0).casefold(),
                        )
                    )
                continue
            lemma = (t.lemma or t.text).casefold().replace("_", "")
            alt = str(lemmatize(t.text)).casefold().replace("_", "") if callable(lemmatize) else ""
            past = t.tag.startswith("WW(pv,verl") or t.tag.startswith("WW|pv|verl")
            out.append(
                Word(t.start, t.end, t.text.casefold(), lemma, alt if alt != lemma else "", t.pos, past)
            )
        return out
    words = []
    for m in _WORD.finditer(clean, start, end):
        text = m.group(0)
        lemma = text.casefold()
        if callable(lemmatize):
            lemma = str(lemmatize(text)).casefold().replace("_", "")
        words.append(Word(m.start(), m.end(), text.casefold(), lemma))
    return words


def _hyphen(words: list[Word], i: int) -> bool:
    """Whether ``words[i]`` is a hyphen inside a word the tokenizer split ("test-fired",
    "short-range"): glued to the words on both sides, it ends no clause."""
    return (
        words[i].lower == "-"
        and 0 < i < len(words) - 1
        and words[i - 1].end == words[i].start
        and words[i].end == words[i + 1].start
    )


def split_clauses(words: list[Word], lex: Lexicon, mention_starts: set[int]) -> list[Clause]:
    """Cut a sentence's words into clauses; separable verbs get their joined lemma."""
    clauses: list[Clause] = []
    current: list[Word] = []
    opener: str | None = None
    outer: list[tuple[list[Word], str | None]] = []  # the clauses an open bracket interrupts
    asides: list[Clause] = []  # bracketed clauses, which come after the main line

    def close(next_opener: str | None) -> None:
        nonlocal current, opener
        if current:
            clauses.append(Clause(current, opener))
        current, opener = [], next_opener

    for i, word in enumerate(words):
        if word.lower in QUOTE_MARKS:
            continue
        if word.lower in OPEN_BRACKETS:
            outer.append((current, opener))
            current, opener = [], word.lower
        elif word.lower in CLOSE_BRACKETS:
            if outer:
                if current:
                    asides.append(Clause(current, opener))
                current, opener = outer.pop()
            else:
                close(None)
        elif word.lower in HARD_BREAKS and not _hyphen(words, i):
            close(word.lower)
        elif word.lower == ",":
            # "Xi, Poetin en Kim", "Saudi-Arabië, de Emiraten en Egypte": a comma before an actor
            # (past an article) continues a list, not a clause
            j = i + 1
            while j < len(words) - 1 and words[j].lower in ARTICLES:
                j += 1
            following = words[j] if j < len(words) else None
            if following is None or following.start not in mention_starts:
                close(",")
        elif (
            word.lower in lex.clause_openers
            and current
            and not _bare_preposition(words, i)
            and not _inside_om(current, opener, word)
        ):
            close(word.lower)
            current.append(word)
        else:
            current.append(word)
    close(None)
    while outer:  # an unclosed bracket: what came before it is a clause too
        current, opener = outer.pop()
        close(None)
    clauses.extend(asides)
    for clause in clauses:
        _join_particles(clause, lex)
    return clauses


def _inside_om(current: list[Word], opener: str | None, word: Word) -> bool:
    """ "om" inside an "om ... te" clause whose "te" has not come yet is a preposition: "om
    opnieuw met de EU om tafel te gaan"."""
    return word.lower == "om" and opener == "om" and not any(w.lower == "te" for w in current)


def _bare_preposition(words: list[Word], i: int) -> bool:
    """ "om" that opens no "om ... te" clause is a preposition ("om middernacht", "om tafel")."""
    if words[i].lower not in ("om", "in order"):
        return False
    for w in words[i + 1 :]:
        if w.lower in HARD_BREAKS or w.lower in (".", ","):
            return True
        if w.lower in ("te", "to"):
            return False
    return True


def _join_particles(clause: Clause, lex: Lexicon) -> None:
    """A particle standing last in the clause (or before a verb cluster) joins the verb before it:
    "brak de onderhandelingen af" -> "afbreken" when the lexicon knows that verb. So does one that
    opens the infinitive clause the verb governs: "roept Iran op zich aan het akkoord te houden",
    "roept Turkije op de koop af te blazen"."""
    words = clause.words
    for j, word in enumerate(words):
        if word.lower not in lex.particles or j == 0:
            continue
        following = words[j + 1].lower if j + 1 < len(words) else None
        infinitive_after = following in lex.skip or following in ("zich", "hen", "hun")
        infinitive_after = infinitive_after and any(w.lower == "te" for w in words[j + 2 :])
        if not (
            following is None
            or following == "te"
            or following in lex.prepositions
            or following in HARD_BREAKS
            or following in (".", ",")
            or infinitive_after
        ):
            continue
        if following == "te" and j + 2 < len(words):  # "om het arsenaal uit te breiden"
            joined = word.lower + words[j + 2].lemma
            if joined in lex.lemmas:
                clause.extra_lemmas[j + 2] = joined
                continue
        for i in range(j - 1, -1, -1):
            joined = word.lower + words[i].lemma
            if joined in lex.lemmas:
                clause.extra_lemmas[i] = joined
                break
