"""The accurate Dutch backend: Frog (Debian package) through the python-frog binding.

Tokens, sentences, CGN tags and lemmas, NER (PER, LOC, ORG, PRO, EVE, MISC) and, with the parser,
Alpino-style dependencies (su, obj1, app, mod, ...). Frog takes 9 to 14 s to load, so one
instance is kept per process. Install: ``make install-frog`` (see README).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..document import Sentence, Token
from .analysis import Analysis, align, cgn_upos, entities_from_iob

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
            for row, (start, end) in zip(rows, spans, strict=True):
                tag = row[4].split("_")[0]
                head = int(row[9]) - 1 + base if len(row) > 9 and row[9].isdigit() and row[9] != "0" else -1
                result.tokens.append(
                    Token(
                        start=start,
                        end=end,
                        text=text[start:end],
                        lemma=row[2].replace("_", " "),
                        pos=cgn_upos(tag),
                        tag=row[4],
                        head=head,
                        dep=row[10] if len(row) > 10 else "",
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
