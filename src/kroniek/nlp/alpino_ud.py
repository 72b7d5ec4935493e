"""Frog's Alpino-style dependencies as Universal Dependencies (UD 2, as UD Dutch writes them).

Frog's parser gives the relations of the Alpino treebank's dependency conversion (su, obj1, mod,
vc, body, cnj, ...), in which function words are heads: the preposition heads its object, the
complementizer and "te" head the clause, the finite auxiliary heads the verb cluster, the copula
heads the predicate and the conjunction heads the conjuncts. UD makes the content word the head.

The conversion, in this order (each step moves the function word's other dependents to the new
head, as UD attaches them):

1. coordination: the first conjunct (``cnj``) takes the conjunction's place, the others become
   its ``conj``, the conjunction the ``cc`` of the conjunct after it;
2. prepositions (``VZ``) with an ``obj1``, complementizers (``VG``) and "te"/"om" with a ``body``
   or ``obj1``: the object or body takes the word's place, the word becomes ``case`` or ``mark``;
3. verb clusters: a form of hebben, zijn, worden, zullen, kunnen, moeten, mogen or krijgen with a
   verb as ``vc`` (and no "te") gives way to that verb and becomes ``aux`` (``aux:pass`` for
   worden and krijgen);
4. copula: "zijn" with a ``predc`` gives way to the predicate and becomes ``cop``;
5. labels, from the Alpino relation and the parts of speech of the word and its head (table in
   ``_label``: su -> nsubj, obj1 -> obj, mod -> amod/advmod/nmod/obl/acl/advcl/nummod, ...);
6. a second root (Frog leaves some fragments unattached) becomes ``parataxis`` of the first, or
   ``punct`` for punctuation; sentence-final punctuation attaches to the root.

Measured against the UD Dutch Alpino gold on gold tokens (``kroniek eval parse --backend
accurate``); the figures are in training/parse/README.md. What it cannot recover: UD's subtypes
that need a lexicon (``aux:pass`` of zijn, ``obl:agent``, ``acl:relcl``), ``flat`` versus ``appos``
in names Frog did not join, and Frog's own attachment errors.
"""

from __future__ import annotations

from collections.abc import Sequence

AUX_LEMMAS = frozenset({"hebben", "zijn", "worden", "zullen", "kunnen", "moeten", "mogen", "krijgen"})
PASSIVE_AUX = frozenset({"worden", "krijgen"})
_NOMINAL = ("N(", "SPEC(", "VNW(", "TW(")


def _kind(tag: str) -> str:
    return tag.split("(", 1)[0]


class _Tree:
    def __init__(self, tags: Sequence[str], lemmas: Sequence[str], heads: Sequence[int], rels: Sequence[str]):
        self.tags = list(tags)
        self.lemmas = [lemma.lower() for lemma in lemmas]
        self.heads = list(heads)
        self.rels = [rel.lower() for rel in rels]

    def children(self, i: int, rel: str | None = None) -> list[int]:
        return [j for j, h in enumerate(self.heads) if h == i and (rel is None or self.rels[j] == rel)]

    def promote(self, child: int, parent: int, parent_rel: str, keep: frozenset[str] = frozenset()) -> None:
        """``child`` takes ``parent``'s head and relation; ``parent`` and its other dependents
        (but those with a relation in ``keep``) hang from ``child``."""
        for j in self.children(parent):
            if j != child and self.rels[j] not in keep:
                self.heads[j] = child
        self.heads[child], self.rels[child] = self.heads[parent], self.rels[parent]
        self.heads[parent], self.rels[parent] = child, parent_rel


def alpino_to_ud(
    tags: Sequence[str], lemmas: Sequence[str], heads: Sequence[int], rels: Sequence[str]
) -> tuple[list[int], list[str]]:
    """UD heads (0-based, -1 for the root) and relations for one sentence of Frog output.

    ``tags`` are CGN tags (``VZ(init)``), ``heads`` 0-based indices (-1 for a root), ``rels``
    Frog's relations (``su``, ``ROOT``, ...; ``mwp`` for the second and later parts of a
    multiword unit split back into words).
    """
    t = _Tree(tags, lemmas, heads, rels)
    n = len(t.tags)
    _coordination(t)
    _function_heads(t)
    _verb_clusters(t)
    _copulas(t)
    labels = [_label(t, i) for i in range(n)]
    out_heads = list(t.heads)
    roots = [i for i in range(n) if out_heads[i] < 0]
    main = next((i for i in roots if _kind(t.tags[i]) != "LET"), roots[0] if roots else -1)
    for i in roots:
        if i != main:
            out_heads[i] = main
            labels[i] = "punct" if _kind(t.tags[i]) == "LET" else "parataxis"
    if main >= 0:
        labels[main] = "root"
        _attach_punctuation(out_heads, labels, main)
        _break_cycles(out_heads, labels, main)
    return out_heads, labels


def _break_cycles(heads: list[int], labels: list[str], root: int) -> None:
    """A word whose chain of heads does not reach the root (a cycle Frog's fragments left) hangs
    from the root instead, as ``dep``."""
    for i in range(len(heads)):
        seen = {i}
        j = heads[i]
        while j >= 0 and j not in seen:
            seen.add(j)
            j = heads[j]
        if j >= 0:  # came back to a word already on the chain
            heads[i], labels[i] = root, "dep" if labels[i] != "punct" else "punct"


def _attach_punctuation(heads: list[int], labels: list[str], root: int) -> None:
    """UD Dutch hangs punctuation at the sentence's edges from the root (814 of 835 such marks in
    Alpino dev) and a mark inside the sentence mostly from the top of the phrase that follows it,
    below the words' common ancestor (347 of 547), else from the top of the phrase before it."""
    words = [i for i, label in enumerate(labels) if label != "punct"]

    def path(i: int) -> list[int]:
        out = [i]
        while heads[out[-1]] >= 0 and len(out) <= len(heads):
            out.append(heads[out[-1]])
        return out

    for i, label in enumerate(labels):
        if label != "punct" or i in heads:  # a mark with dependents stays where Frog put it
            continue
        left = [j for j in words if j < i]
        right = [j for j in words if j > i]
        if not left or not right:
            heads[i] = root
            continue
        up_left, up_right = path(left[-1]), path(right[0])
        common = next((x for x in up_left if x in up_right), root)
        below = up_right.index(common) if common in up_right else 0
        if below > 0:
            heads[i] = up_right[below - 1]
        else:
            below = up_left.index(common) if common in up_left else 0
            heads[i] = up_left[below - 1] if below > 0 else common


def _coordination(t: _Tree) -> None:
    for i in range(len(t.tags)):
        conjuncts = t.children(i, "cnj")
        if not conjuncts:
            continue
        first, rest = conjuncts[0], conjuncts[1:]
        if _kind(t.tags[i]) in ("VG", "LET") and first != i:
            t.promote(first, i, "cc")
            coordinator = i
            following = [c for c in rest if c > coordinator]
            t.heads[coordinator] = following[0] if following else first
            if _kind(t.tags[i]) == "LET":
                t.rels[coordinator] = "punct"
        for c in rest:
            t.heads[c], t.rels[c] = first, "conj"
        if _kind(t.tags[i]) not in ("VG", "LET"):
            t.rels[first] = "conj"


def _function_heads(t: _Tree) -> None:
    changed = True
    while changed:
        changed = False
        for i in range(len(t.tags)):
            kind = _kind(t.tags[i])
            if kind == "VZ":
                objects = t.children(i, "obj1") or t.children(i, "body") or t.children(i, "pobj1")
                rel = "mark" if t.lemmas[i] in ("te", "om") or t.children(i, "body") else "case"
            elif kind == "VG" and t.rels[i] != "cc":
                objects = t.children(i, "body") or t.children(i, "obj1")
                rel = "mark"
            else:
                continue
            if objects:
                t.promote(objects[0], i, rel, keep=frozenset({"mwp"}))
                changed = True


def _has_mark(t: _Tree, i: int) -> bool:
    return any(t.rels[j] == "mark" for j in t.children(i))


def _verb_clusters(t: _Tree) -> None:
    changed = True
    while changed:
        changed = False
        for i in range(len(t.tags)):
            if _kind(t.tags[i]) != "WW" or t.lemmas[i] not in AUX_LEMMAS:
                continue
            verbs = [j for j in t.children(i, "vc") if _kind(t.tags[j]) == "WW" and not _has_mark(t, j)]
            if verbs:
                t.promote(verbs[0], i, "aux:pass" if t.lemmas[i] in PASSIVE_AUX else "aux")
                changed = True


def _copulas(t: _Tree) -> None:
    for i in range(len(t.tags)):
        if _kind(t.tags[i]) == "WW" and t.lemmas[i] == "zijn":
            predicates = t.children(i, "predc")
            if predicates:
                t.promote(predicates[0], i, "cop")


def _nominal(tag: str) -> bool:
    return tag.startswith(_NOMINAL)


def _label(t: _Tree, i: int) -> str:
    rel, tag = t.rels[i], t.tags[i]
    kind = _kind(tag)
    head = t.heads[i]
    head_tag = t.tags[head] if head >= 0 else ""
    kids = {t.rels[j] for j in t.children(i)}
    has_case, clause = "case" in kids, kind == "WW"
    if rel in ("root", "case", "mark", "cc", "conj", "aux", "aux:pass", "cop", "punct"):
        return rel
    if kind == "LET":
        return "punct"
    simple = {
        "obj2": "obl" if has_case else "iobj",
        "cnj": "conj",
        "crd": "cc",
        "app": "appos",
        "svp": "compound:prt",
        "se": "expl:pv",
        "sup": "expl",
        "pobj1": "expl",
        "hdf": "case",
        "predc": "xcomp",
        "body": "ccomp",
    }
    if rel in simple:
        return simple[rel]
    if rel == "mwp":
        return "flat" if tag.startswith(("SPEC(deeleigen", "N(eigen")) else "fixed"
    if rel == "su":
        return "csubj" if clause else ("nsubj:pass" if "aux:pass" in _siblings(t, head) else "nsubj")
    if rel == "obj1":
        return "obl" if has_case else ("ccomp" if clause else "obj")
    if rel == "pc":
        return "obl:arg" if has_case else ("ccomp" if clause else "obj")
    if rel == "vc":
        return "xcomp" if "su" not in kids and "nsubj" not in kids else "ccomp"
    if rel == "det":
        if tag.startswith("VNW(bez"):
            return "nmod:poss"
        return "nummod" if kind == "TW" else "det"
    return _modifier(t, i, kind, tag, head_tag, has_case, kids)


def _siblings(t: _Tree, head: int) -> set[str]:
    return {t.rels[j] for j in t.children(head)} if head >= 0 else set()


def _modifier(t: _Tree, i: int, kind: str, tag: str, head_tag: str, has_case: bool, kids: set[str]) -> str:
    """mod, ld, me, predm, obcomp and anything else: by the word's and its head's part of speech."""
    nominal_head = _nominal(head_tag)
    if has_case:
        return "nmod" if nominal_head else "obl"
    if kind == "WW":
        if "prenom" in tag or "nom," in tag:
            return "amod" if nominal_head else "advcl"
        return "acl" if nominal_head else "advcl"
    if kind == "ADJ":
        return "amod" if nominal_head else "advmod"
    if kind == "TW":
        if "rang" in tag:  # "eerste": an ordinal is an adjective in UD
            return "amod" if nominal_head else "advmod"
        return "nummod" if nominal_head else "obl"
    if kind in ("N", "SPEC"):
        return "nmod" if nominal_head else "obl"
    if kind == "VNW":
        if "adv-pron" in tag:  # "er", "daar": the pronoun part of a split pronominal adverb
            return "obl"
        if nominal_head:
            return "det" if "det" in tag else "amod"
        return "advmod"
    if kind == "VG":
        return "mark" if "mark" not in kids else "advmod"
    # UD Dutch writes an adverb that modifies a nominal ("ongeveer één hectare", "alleen de
    # grootste sterren") as amod.
    return "amod" if nominal_head else "advmod"


def ud_upos(coarse: str, tag: str, deprel: str) -> str:
    """UD Dutch's UPOS for a word Frog tagged ``tag`` (CGN), refined from the converted relation:
    auxiliaries and the copula are AUX, ordinals ADJ, determiner pronouns in ``det`` DET, the
    pronoun of a split pronominal adverb ("er", "daar") ADV. ``coarse`` is ``cgn_upos(tag)``."""
    if coarse == "VERB" and deprel in ("aux", "aux:pass", "cop"):
        return "AUX"
    if tag.startswith("TW(rang"):
        return "ADJ"
    if tag.startswith("VNW("):
        if "adv-pron" in tag:
            return "ADV"
        if deprel == "det" and "det" in tag:
            return "DET"
    return coarse
