"""The accurate Dutch backend: Frog (Debian package) through the python-frog binding.

Tokens, sentences, CGN tags and lemmas, NER (PER, LOC, ORG, PRO, EVE, MISC) and, with the parser,
dependencies. Frog's parser gives Alpino-style relations (su, obj1, mod, ...) with function words
as heads; they are converted to Universal Dependencies (``kroniek.nlp.alpino_ud``), so
``Token.head`` and ``Token.dep`` follow the scheme of the fast backend (nsubj, obj, obl, ...), and a
verb's lemma gets its separated particle (``compound:prt``) as there ("oproepen"). Frog's
multiword units ("Kim Jong-un", "aan het") stay one token. Frog takes 9 to 14 s to load, so one
instance is kept per process. Install: ``make install-frog`` (see README).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..document import Sentence, Token
from .alpino_ud import alpino_to_ud, ud_upos
from .analysis import Analysis, align, cgn_upos, entities_from_iob
from .ud import joined_lemmas

#: Entity tokens must be proper names: Frog tags adjectives ("Russische") and verbs ("zegt
#: Breuker") as parts of entities; the actor stage decides on the rest.
_NAME_TAGS = ("SPEC(deeleigen", "N(eigen", "SPEC(afk", "SPEC(vreemd")


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def available() -> bool:
    try:
        import frog  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


class FrogBackend:
    name = "accurate"

    def __init__(self, parser: bool = True) -> None:
        try:
            import frog
        except ImportError as exc:
            raise RuntimeError(
                "the accurate backend needs Frog: `make install-frog` (Debian frog packages and python-frog)"
            ) from exc
        options = frog.FrogOptions(parser=parser, morph=False, chunking=False, mwu=True)
        with _quiet_stderr():  # Frog logs every file it loads
            self._frog: Any = frog.Frog(options)
        self.parser = parser

    def analyse(self, text: str) -> Analysis:
        raw: str = self._frog.process_raw(text)
        result = Analysis()
        labels: list[str] = []
        pos = 0
        for block in raw.split("\n\n"):
            rows = [line.split("\t") for line in block.split("\n") if line.strip()]
            if not rows:
                continue
            spans = align(text, [r[1] for r in rows], pos)
            base = len(result.tokens)
            sentence_index = len(result.sentences)
            heads, deps = self._dependencies(rows)
            upos = [
                ud_upos(cgn_upos(row[4].split("_")[0]), row[4], dep)
                if self.parser
                else cgn_upos(row[4].split("_")[0])
                for row, dep in zip(rows, deps, strict=True)
            ]
            lemmas = [row[2].replace("_", " ") for row in rows]
            if self.parser:
                lemmas = joined_lemmas([r[1] for r in rows], lemmas, heads, deps, upos)
            for k, (row, (start, end)) in enumerate(zip(rows, spans, strict=True)):
                result.tokens.append(
                    Token(
                        start=start,
                        end=end,
                        text=text[start:end],
                        lemma=lemmas[k],
                        pos=upos[k],
                        tag=row[4],
                        head=heads[k] + base if heads[k] >= 0 else -1,
                        dep=deps[k],
                        sentence=sentence_index,
                    )
                )
                ner = row[6].split("_")[0]
                labels.append(ner if row[4].startswith(_NAME_TAGS) or ner == "O" else "O")
            if spans:
                pos = max(pos, spans[-1][1])
                result.sentences.append(Sentence(spans[0][0], pos))
        result.entities = entities_from_iob(text, result.tokens, labels)
        return result

    def _dependencies(self, rows: list[list[str]]) -> tuple[list[int], list[str]]:
        """UD heads (0-based in the sentence, -1 for the root) and relations of one sentence."""
        if not self.parser or not rows or len(rows[0]) <= 10:
            return [-1] * len(rows), [""] * len(rows)
        heads = [int(r[9]) - 1 if r[9].isdigit() else -1 for r in rows]
        return alpino_to_ud([r[4] for r in rows], [r[2] for r in rows], heads, [r[10] for r in rows])
