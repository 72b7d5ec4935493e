"""Universal Dependencies conventions shared by the backends: particle verbs' lemmas, and the
lemma lexicon the fast backend's lemmatizer is checked against.

A separated particle ("roept ... op", "zegt ... op") is a ``compound:prt`` dependent of its verb;
the verb's lemma gets the particle in front, joined without ``_`` as kroniek writes lemmas
("roepen" -> "oproepen"; UD Dutch itself writes "op_roepen", which ``kroniek.evaluate.parse``
counts as the same lemma).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: The parts of speech a particle is joined to (a particle the parser hangs from a noun is left alone).
VERBAL = frozenset({"VERB", "AUX", ""})
#: The parts of speech a particle can have (not a verb, a name or punctuation the parser mislabels).
PARTICLE = frozenset({"ADP", "ADV", "ADJ", "NOUN", ""})


def joined_lemmas(
    words: Sequence[str],
    lemmas: Sequence[str],
    heads: Sequence[int],
    deps: Sequence[str],
    pos: Sequence[str] | None = None,
) -> list[str]:
    """``lemmas`` with each ``compound:prt`` particle put before its verb's lemma.

    >>> words = ["roept", "Iran", "op"]
    >>> joined_lemmas(words, ["roepen", "Iran", "op"], [0, 0, 0], ["ROOT", "obj", "compound:prt"])
    ['oproepen', 'Iran', 'op']
    """
    out = list(lemmas)
    for i, dep in enumerate(deps):
        head = heads[i]
        if dep != "compound:prt" or not 0 <= head < len(out) or head == i:
            continue
        if pos is not None and (pos[head] not in VERBAL or pos[i] not in PARTICLE):
            continue
        if pos is not None and i + 1 < len(pos) and pos[i + 1] == "NOUN":
            continue  # "in gebruik nemen", "op gang brengen": a preposition before a bare noun
        particle = words[i].lower()
        if particle.isalpha() and not out[head].lower().startswith(particle):
            out[head] = particle + out[head]
    return out


#: Sentence-initial words of these parts of speech have a lower-case lemma ("Misschien" -> "misschien",
#: "Basistakenpakket" -> "basistakenpakket").
_LOWER_AT_START = frozenset(
    {"ADV", "ADP", "DET", "PRON", "VERB", "AUX", "CCONJ", "SCONJ", "NUM", "PART", "INTJ", "NOUN", "ADJ"}
)


def cased_lemma(word: str, lemma: str, upos: str, sentence_start: bool) -> str:
    """UD Dutch's case of lemmas: a proper noun's lemma is capitalised as the word is ("Ulster"),
    a sentence-initial function word or verb is lower case."""
    if not lemma or not word:
        return lemma
    if upos == "PROPN" and word[0].isupper() and lemma[0].islower():
        return lemma[0].upper() + lemma[1:]
    if sentence_start and upos in _LOWER_AT_START and lemma[0].isupper() and not word.isupper():
        return lemma[0].lower() + lemma[1:]
    return lemma


#: Separable particles and inseparable prefixes a verb form may carry before a form of its base
#: verb, tried longest first.
VERB_PREFIXES = tuple(
    sorted(
        [
            "aan", "af", "bij", "binnen", "buiten", "door", "her", "in", "los", "mee", "na", "neer",
            "om", "onder", "ont", "op", "over", "samen", "tegen", "terug", "toe", "uit", "ver",
            "vast", "voor", "weg", "be",
        ],
        key=lambda p: (-len(p), p),
    )
)  # fmt: skip

#: UPOS -> the lexicon's word class.
_LEXICON_CLASS = {"VERB": "verb", "AUX": "verb", "NOUN": "noun"}


class LemmaLexicon:
    """Lemmas of verb and noun forms, looked up by the lower-cased form and the predicted UPOS.

    A tab-separated file, ``form<TAB>class<TAB>lemma`` (class ``verb`` or ``noun``), built by
    ``training/parse/lexicon.py`` from the gold training lemmas and Frog's lemmas on the project's
    news; it puts right what the trainable lemmatizer gets wrong for irregular forms ("sloten"
    as a verb -> "sluiten"; as a noun it stays the lemmatizer's).
    """

    def __init__(self, entries: dict[tuple[str, str], str] | None = None) -> None:
        self.entries = entries or {}
        #: (lemma, class) pairs the lexicon gives some form.
        self.known = {(lemma.lower(), kind) for (_, kind), lemma in self.entries.items()}

    @classmethod
    def load(cls, path: Path) -> LemmaLexicon:
        entries = {}
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                form, kind, lemma = line.split("\t")
                entries[(form, kind)] = lemma
        return cls(entries)

    def lemma(self, form: str, upos: str, predicted: str, other: str | None = None) -> str:
        """The lexicon's lemma of ``form``; else ``predicted``, unless the lexicon knows ``other``
        (simplemma's) as a lemma and not ``predicted`` ("overlegden": "overlegen" -> "overleggen")."""
        kind = _LEXICON_CLASS.get(upos)
        if kind is None:
            return predicted
        found = self.entries.get((form.lower(), kind))
        if found is not None:
            return found
        if other and (predicted.lower(), kind) not in self.known and (other.lower(), kind) in self.known:
            return other
        if kind == "verb" and (predicted.lower(), kind) not in self.known:
            return self._prefixed(form.lower()) or predicted
        return predicted

    def _prefixed(self, form: str) -> str | None:
        """A verb form the lexicon lacks that is a prefix and a form it has: its lemma with the
        prefix ("innamen" -> "innemen", "ontnamen" -> "ontnemen", "afgewezen" -> "afwijzen")."""
        for prefix in VERB_PREFIXES:
            rest = form[len(prefix) :]
            if not form.startswith(prefix) or len(rest) < 3:
                continue
            lemma = self.entries.get((rest, "verb"))  # a participle too: "af" + "gewezen"
            if lemma is not None and not lemma.startswith(prefix):
                return prefix + lemma
        return None

    def __len__(self) -> int:
        return len(self.entries)
