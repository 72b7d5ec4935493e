"""The fast Dutch backend: spaCy's Dutch tokenizer, rule-based sentences, simplemma lemmas and the
NER model the project trains (``training/ner``, packaged in ``kroniek/models/nl_ner_fast``).

No tagger or parser: tokens have lemmas but no POS or dependencies (``pos == ""``, ``head == -1``).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

from ..document import Entity, Sentence, Token
from .analysis import Analysis

_BLOCKS = re.compile(r"[^\n]+")


def packaged_model(name: str = "nl_ner_fast") -> Path | None:
    path = Path(str(resources.files("kroniek").joinpath("models", name)))
    return path if (path / "meta.json").is_file() else None


class FastBackend:
    name = "fast"

    def __init__(self, model: Path | None = None, language: str = "nl") -> None:
        import simplemma
        import spacy

        path = model or packaged_model()
        if path is None:
            raise RuntimeError("the fast backend's NER model is missing (kroniek/models/nl_ner_fast)")
        self._nlp: Any = spacy.load(path)
        if "sentencizer" not in self._nlp.pipe_names and "parser" not in self._nlp.pipe_names:
            self._nlp.add_pipe("sentencizer", first=True)
        self._lemmatize = simplemma.lemmatize
        self._language = language
        self._lemmas: dict[str, str] = {}

    def lemma(self, word: str) -> str:
        found = self._lemmas.get(word)
        if found is None:
            found = self._lemmatize(word, lang=self._language)
            if len(self._lemmas) < 200_000:
                self._lemmas[word] = found
        return found

    def analyse(self, text: str) -> Analysis:
        result = Analysis()
        blocks = [(m.start(), m.group(0)) for m in _BLOCKS.finditer(text) if m.group(0).strip()]
        for (offset, _), doc in zip(blocks, self._nlp.pipe(b for _, b in blocks), strict=True):
            index_of: dict[int, int] = {}
            for sent in doc.sents:
                sentence = len(result.sentences)
                first = len(result.tokens)
                for tok in sent:
                    if tok.is_space:
                        continue
                    index_of[tok.i] = len(result.tokens)
                    start = offset + tok.idx
                    result.tokens.append(
                        Token(
                            start,
                            start + len(tok.text),
                            tok.text,
                            self.lemma(tok.text),
                            "",
                            sentence=sentence,
                        )
                    )
                if len(result.tokens) > first:
                    result.sentences.append(Sentence(result.tokens[first].start, result.tokens[-1].end))
            for ent in doc.ents:
                start, end = offset + ent.start_char, offset + ent.end_char
                result.entities.append(Entity(start, end, text[start:end], ent.label_))
        return result
