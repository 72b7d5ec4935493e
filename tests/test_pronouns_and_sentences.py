"""Pronouns resolve to the previous sentence's subject; an acronym's full stop ends a sentence."""

from __future__ import annotations

from kroniek.pipeline import process


def _mention(doc, text: str, nth: int = 0):  # type: ignore[no-untyped-def]
    return [m for m in doc.mentions if m.text == text][nth]


def test_a_pronoun_takes_the_subject_not_the_person_after_a_preposition() -> None:
    doc = process(
        "date 2024-05-14\nIn Parijs stond Olaf Scholz naast de Franse president Emmanuel Macron. "
        "Hij sprak over gas.\n"
    )
    assert _mention(doc, "Hij").name == "Olaf Scholz"


def test_a_pronoun_in_the_same_sentence_takes_the_nearest_person() -> None:
    doc = process("date 2024-05-14\nToen Emmanuel Macron aankwam, zei hij niets.\n")
    assert _mention(doc, "hij").name == "Emmanuel Macron"


def test_a_shared_first_name_goes_to_the_person_the_article_names_first() -> None:
    doc = process(
        "date 2024-05-14\nKim Jong-un reisde naar China. Zijn vader Kim Jong-il deed dat ook. "
        "Kim sprak er met Xi Jinping.\n"
    )
    assert _mention(doc, "Kim").name == "Kim Jong-un"


def test_an_acronym_with_a_full_stop_ends_its_sentence() -> None:
    doc = process("date 2024-05-14\nIran dreigde de VS. Daarna sprak Iran met China.\n")
    texts = [doc.clean[s.start : s.end] for s in doc.sentences]
    assert texts == ["Iran dreigde de VS.", "Daarna sprak Iran met China."]


def test_an_ordinary_word_the_tokenizer_lists_as_an_abbreviation_ends_its_sentence() -> None:
    # spaCy's Dutch exceptions hold "hand." and "top."; an abbreviation such as "bijv." stays one
    doc = process(
        "date 2019-06-14\nIran wijst de beschuldigingen van de hand. Rutte sprak na afloop van de top. "
        "Dat gold bijv. voor China.\n"
    )
    texts = [doc.clean[s.start : s.end] for s in doc.sentences]
    assert texts == [
        "Iran wijst de beschuldigingen van de hand.",
        "Rutte sprak na afloop van de top.",
        "Dat gold bijv. voor China.",
    ]
    assert "hand" in [t.text for t in doc.tokens] and "bijv." in [t.text for t in doc.tokens]
