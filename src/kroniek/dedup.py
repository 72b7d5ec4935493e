"""Duplicate detection: exact (hash of the normalised clean text) and near (MinHash LSH).

``fingerprint`` is a stage (pure, runs in the workers); ``Deduplicator`` keeps the index of what
is stored and decides, in input order, whether a document is new, already stored (the same
source read again), an exact duplicate or a near-duplicate (a syndicated copy with another
headline) of a stored document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .document import Document
from .languages import words

#: datasketch's 32-bit hashing scheme: signatures are stored as 32-bit values.
SCHEME: Literal["affine32"] = "affine32"
Verdict = Literal["new", "stored", "exact", "near"]


def normalise(text: str) -> str:
    """Lower-cased words only: copies that differ in quotes, spacing or punctuation hash alike."""
    return " ".join(w.lower() for w in words(text))


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@cache
def _template(num_perm: int) -> MinHash:
    """One MinHash per process whose permutations are reused (they are costly to draw)."""
    return MinHash(num_perm=num_perm, scheme=SCHEME)


def _minhash(tokens: list[str], shingle: int, num_perm: int) -> MinHash:
    shingles = {" ".join(tokens[i : i + shingle]) for i in range(max(1, len(tokens) - shingle + 1))}
    mh = MinHash(num_perm=num_perm, scheme=SCHEME, permutations=_template(num_perm).permutations)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def fingerprint(doc: Document, settings: dict[str, Any]) -> Document:
    """Set ``content_hash`` and, for documents long enough, the MinHash ``signature``."""
    s = settings["dedup"]
    doc.content_hash = content_hash(doc.clean)
    tokens = normalise(doc.clean).split()
    doc.signature = None
    if len(tokens) >= s["min_words"]:
        mh = _minhash(tokens, s["shingle_words"], s["num_perm"])
        doc.signature = mh.hashvalues.astype(np.uint32).tobytes()
    return doc


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    of: str | None = None
    similarity: float = 1.0


class Deduplicator:
    """In-memory index of stored documents: content hash, source and MinHash signature."""

    def __init__(self, settings: dict[str, Any]) -> None:
        s = settings["dedup"]
        self.num_perm: int = s["num_perm"]
        self.threshold: float = s["near_threshold"]
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._by_hash: dict[str, tuple[str, str]] = {}
        self._signatures: dict[str, bytes] = {}
        self.ids: set[str] = set()
        self.duplicate_sources: set[str] = set()

    def _as_minhash(self, signature: bytes) -> LeanMinHash:
        values = np.frombuffer(signature, dtype=np.uint32)
        return LeanMinHash(seed=1, hashvalues=values, scheme=SCHEME)

    def add(self, doc_id: str, chash: str, source: str, signature: bytes | None) -> None:
        self.ids.add(doc_id)
        self._by_hash.setdefault(chash, (doc_id, source))
        if signature is not None and doc_id not in self._signatures:
            self._signatures[doc_id] = signature
            self._lsh.insert(doc_id, self._as_minhash(signature))

    def forget(self, doc_id: str, chash: str) -> None:
        """Undo ``add`` for a document the store refused."""
        self.ids.discard(doc_id)
        if self._by_hash.get(chash, ("",))[0] == doc_id:
            del self._by_hash[chash]
        if self._signatures.pop(doc_id, None) is not None:
            self._lsh.remove(doc_id)

    def load(self, rows: Iterable[tuple[str, str, str, bytes | None]]) -> None:
        for doc_id, chash, source, signature in rows:
            self.add(doc_id, chash, source, signature)

    def decide(self, doc: Document) -> Decision:
        assert doc.content_hash is not None, "fingerprint runs before dedup"
        return self.decide_key(doc.meta.source, doc.content_hash, doc.signature)

    def decide_key(self, source: str, chash: str, signature: bytes | None) -> Decision:
        """``decide`` from a document's source, content hash and signature alone (what an engine
        that codes elsewhere writes), so the verdicts are the same wherever the coding ran."""
        if source in self.duplicate_sources:
            return Decision("stored")
        known = self._by_hash.get(chash)
        if known is not None:
            return Decision("stored" if known[1] == source else "exact", known[0])
        if signature is None:
            return Decision("new")
        mh = self._as_minhash(signature)
        best: tuple[float, str] | None = None
        values = np.frombuffer(signature, dtype=np.uint32)
        for key in self._lsh.query(mh):
            other = np.frombuffer(self._signatures[key], dtype=np.uint32)
            similarity = float(np.count_nonzero(values == other)) / len(values)
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, key)
        if best is None:
            return Decision("new")
        return Decision("near", best[1], round(best[0], 4))

    def unique_id(self, doc_id: str, chash: str) -> str:
        """``doc_id``, or ``doc_id~hash8`` when another document already holds that id."""
        return doc_id if doc_id not in self.ids else f"{doc_id}~{chash[:8]}"
