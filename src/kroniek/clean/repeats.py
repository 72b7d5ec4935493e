"""Pull quotes and repeated paragraphs: text the page shows twice is kept once.

A pull quote is a short paragraph whose word pairs lie mostly inside a longer paragraph of the same
article ("Dit belicht de focus van ..." beside the body's "'Dat belicht de focus van ... ', zei het
Pentagon"). The short copy goes; the body sentence, with its context, stays.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from typing import Any

from ..document import Removal
from ..languages import words
from .paragraphs import Paragraph


def _bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(tokens))


def drop_repeats(
    paragraphs: list[Paragraph], raw: str, settings: dict[str, Any], removed: list[Removal]
) -> list[Paragraph]:
    tokens = [[w.lower() for w in words(" ".join(ln.text(raw) for ln in p.lines))] for p in paragraphs]
    grams = [_bigrams(t) for t in tokens]
    sizes = [len(t) for t in tokens]
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, gram_set in enumerate(grams):
        if paragraphs[j].kind != "heading":
            for gram in gram_set:
                index[gram].append(j)
    keep = [True] * len(paragraphs)
    for i, para in enumerate(paragraphs):
        if para.kind == "heading" or sizes[i] > settings["pull_quote_max_words"]:
            continue
        if len(grams[i]) < settings["pull_quote_min_bigrams"]:
            continue
        shared = Counter(j for gram in grams[i] for j in index[gram] if j != i and keep[j])
        for j, count in shared.most_common():
            # The longer text is the body; of two equal copies the first one stays.
            if sizes[j] < sizes[i] or (sizes[j] == sizes[i] and j > i):
                continue
            if count / len(grams[i]) >= settings["pull_quote_min_containment"]:
                keep[i] = False
                start, end = para.lines[0].kept_start, para.lines[-1].kept_end
                removed.append(Removal(start, end, "pull_quote", raw[start:end]))
            break
    return [p for p, k in zip(paragraphs, keep, strict=True) if k]
