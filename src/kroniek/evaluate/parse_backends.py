"""POS, lemmas and UD dependencies of gold-tokenised CoNLL-U sentences from kroniek's backends,
for ``kroniek eval parse``.

Both read the gold words as they are, one sentence at a time:

- ``fast``: the packaged pipeline's components run on ``Doc(vocab, words, spaces)`` with the
  sentence given as one sentence (the tokenizer is skipped); lemmas as the fast backend makes
  them (verbs: lexicon, lemmatizer, simplemma; other words simplemma; particles joined from
  ``compound:prt``), or with ``model_lemmas`` the model's for every word.
- ``accurate``: Frog (python-frog) with its tokenizer off (``tok=False``: the words given,
  one sentence per call) and the parser on; its multiword units ("aan_het", "Van_Alebeek") are
  split back into the gold words, the later parts attached to the first with ``mwp``; its Alpino
  relations are converted by ``kroniek.nlp.alpino_ud``; its CGN tags mapped to UPOS by
  ``kroniek.nlp.cgn_upos``, refined from the converted relation (``alpino_ud.ud_upos``: AUX,
  ordinals, determiners), as the accurate backend does; its lemmas kept, particles joined.

Words per second: the words of the file over the time spent in the backend, loading excluded.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from ..nlp.alpino_ud import alpino_to_ud, ud_upos
from ..nlp.analysis import cgn_upos
from ..nlp.ud import joined_lemmas
from .parse import Predicted, UDSentence


def predict(
    backend_name: str, sentences: Sequence[UDSentence], model_lemmas: bool = False
) -> tuple[list[list[Predicted]], float]:
    """Predictions per sentence (one per gold word) and words per second. ``model_lemmas``: the
    fast model's lemmas for every word, not only for verbs as the fast backend gives them."""
    if backend_name == "fast":
        return _fast(sentences, model_lemmas)
    if backend_name == "accurate":
        return _frog(sentences)
    raise ValueError(f"no parse from backend {backend_name!r} (known: fast, accurate)")


def _fast(sentences: Sequence[UDSentence], model_lemmas: bool) -> tuple[list[list[Predicted]], float]:
    import simplemma
    from spacy.tokens import Doc

    from ..nlp.fast_backend import MODEL_LEMMA_POS, load_lexicon, load_pipeline, parse_docs, parsed_lemmas

    nlp = load_pipeline()
    lexicon = load_lexicon()

    def fallback(word: str) -> str:
        return str(simplemma.lemmatize(word, lang="nl"))

    docs = []
    for s in sentences:
        doc = Doc(nlp.vocab, words=[w.form for w in s.words], spaces=[w.space_after for w in s.words])
        for k, token in enumerate(doc):
            token.is_sent_start = k == 0
        docs.append(doc)
    started = time.perf_counter()
    parsed = list(parse_docs(nlp, docs))
    rate = _rate(sentences, started)
    out = []
    for doc in parsed:
        lemmas = parsed_lemmas(doc, lexicon, fallback, None if model_lemmas else MODEL_LEMMA_POS)
        out.append(
            [
                Predicted(
                    upos=t.pos_,
                    lemma=lemma,
                    head=-1 if t.dep_ == "ROOT" or t.head.i == t.i else t.head.i,
                    deprel="root" if t.dep_ == "ROOT" else t.dep_,
                    xpos=t.tag_,
                )
                for t, lemma in zip(doc, lemmas, strict=True)
            ]
        )
    return out, rate


def frog_rows(raw: str) -> list[list[str]]:
    """Frog's tab-separated output as rows, multiword units split into one row per word: the first
    part keeps the unit's head and relation, each later part hangs from the first with ``mwp``."""
    rows: list[list[str]] = []
    new_index: dict[int, int] = {}
    units: list[tuple[list[str], int]] = []
    for line in raw.split("\n"):
        cols = line.split("\t")
        if len(cols) < 6 or not cols[0].isdigit():
            continue
        new_index[int(cols[0])] = sum(len(u[0][1].split("_")) for u in units) + 1
        units.append((cols, int(cols[0])))
    for cols, _ in units:
        words = cols[1].split("_")
        lemmas = cols[2].split("_") if len(cols[2].split("_")) == len(words) else [cols[2]] * len(words)
        tags = cols[4].split("_") if len(cols[4].split("_")) == len(words) else [cols[4]] * len(words)
        head = cols[-2] if cols[-2].isdigit() else "0"
        first = len(rows) + 1
        for k, word in enumerate(words):
            if k == 0:
                rows.append([word, lemmas[k], tags[k], str(new_index.get(int(head), 0)), cols[-1]])
            else:
                rows.append([word, lemmas[k], tags[k], str(first), "mwp"])
    return rows


def frog_predictions(rows: Sequence[Sequence[str]]) -> list[Predicted]:
    """UD predictions from ``frog_rows``: UPOS from the CGN tag, relations by ``alpino_to_ud``."""
    tags = [r[2] for r in rows]
    lemmas = [r[1] for r in rows]
    heads, rels = alpino_to_ud(tags, lemmas, [int(r[3]) - 1 for r in rows], [r[4] for r in rows])
    upos = [ud_upos(cgn_upos(tag), tag, rel) for tag, rel in zip(tags, rels, strict=True)]
    lemmas = joined_lemmas([r[0] for r in rows], lemmas, heads, rels, upos)
    return [
        Predicted(upos=u, lemma=lemma, head=h, deprel=rel, xpos=tag)
        for u, lemma, tag, h, rel in zip(upos, lemmas, tags, heads, rels, strict=True)
    ]


def _frog(sentences: Sequence[UDSentence]) -> tuple[list[list[Predicted]], float]:
    frog = _load_frog()
    started = time.perf_counter()
    out = []
    for s in sentences:
        rows = frog_rows(frog.process_raw(" ".join(w.form for w in s.words)))
        if len(rows) != len(s.words):  # should not happen with the tokenizer off; scored as wrong
            rows = [[w.form, "", "", "0", "dep"] for w in s.words]
        out.append(frog_predictions(rows))
    return out, _rate(sentences, started)


def _load_frog() -> Any:
    from ..nlp.frog_backend import _quiet_stderr

    try:
        import frog  # type: ignore[import-not-found]
    except ImportError as exc:
        raise RuntimeError("the accurate backend needs Frog: `make install` builds python-frog") from exc
    options = frog.FrogOptions(tok=False, parser=True, morph=False, chunking=False, mwu=True, ner=False)
    with _quiet_stderr():
        return frog.Frog(options)


def _rate(sentences: Sequence[UDSentence], started: float) -> float:
    words = sum(len(s.words) for s in sentences)
    return words / max(time.perf_counter() - started, 1e-9)
