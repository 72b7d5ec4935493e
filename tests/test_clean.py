"""Cleaning rules, each on text written for the test."""

from __future__ import annotations

import pytest

from kroniek.clean import clean
from kroniek.document import Document, Metadata
from kroniek.errors import KroniekError
from kroniek.readers.text import text_document
from kroniek.settings import Settings

LONG = (
    "De minister van Buitenlandse Zaken sprak dinsdag in Brussel met zijn ambtgenoten over de "
    "nieuwe sancties tegen het regime, die volgens diplomaten nog voor de zomer van kracht worden."
)
LONG2 = (
    "Volgens de Zuid-Koreaanse inlichtingendienst bereidt het noorden een nieuwe proef voor, al "
    "wil de regering in Seoel niet zeggen op welke gegevens die inschatting precies berust."
)
LONG3 = (
    "Het Witte Huis liet weten dat de president openstaat voor een nieuwe ontmoeting, mits er "
    "vooraf concrete afspraken worden gemaakt over de ontmanteling van het kernprogramma."
)


def _clean(raw: str, settings: Settings) -> Document:
    doc = text_document(raw, "t", Metadata(source="t.txt"))
    return clean(doc, settings)


def _reasons(doc: Document) -> list[str]:
    return [r.reason for r in doc.removed]


def test_template_placeholders_removed_inline_and_whole_line(settings: Settings) -> None:
    raw = f"{LONG}\n\n{{{{ title }}}} {{{{ trans('Vul een geldig e-mailadres in.') }}}}\n\nDe top {{{{ x }}}}begint morgen."
    doc = _clean(raw, settings)
    assert "{{" not in doc.clean and "}}" not in doc.clean
    assert "De top begint morgen." in doc.clean
    assert _reasons(doc).count("template") == 3


def test_photo_credit_removed_caption_sentence_kept_as_caption(settings: Settings) -> None:
    raw = f"{LONG}\n\nDe premier ontving vorige week de Japanse delegatie. Beeld Hollandse Hoogte / Jan Jansen\n\n{LONG2}"
    doc = _clean(raw, settings)
    assert "Hollandse Hoogte" not in doc.clean
    assert "De premier ontving vorige week de Japanse delegatie." in doc.clean
    assert [b.kind for b in doc.blocks] == ["paragraph", "caption", "paragraph"]


def test_caption_fragment_with_credit_removed_whole(settings: Settings) -> None:
    raw = f"{LONG}\n\nDe premier in Tokio. Foto: Reuters\n\nVorige maand bij de top. ANP\n\n{LONG2}"
    doc = _clean(raw, settings)
    assert "Tokio" not in doc.clean and "Reuters" not in doc.clean
    assert "bij de top" not in doc.clean and "ANP" not in doc.clean
    assert _reasons(doc) == ["caption", "credit", "caption", "credit"]
    assert "credit" in _reasons(doc)


def test_lowercase_beeld_inside_a_sentence_is_not_a_credit(settings: Settings) -> None:
    raw = f"{LONG}\n\nHet beeld van de drie leiders naast elkaar had een duidelijke boodschap voor Washington"
    doc = _clean(raw, settings)
    assert "Het beeld van de drie leiders" in doc.clean
    assert "credit" not in _reasons(doc)


def test_caption_glued_to_date_header_removed(settings: Settings) -> None:
    raw = f" date 2024-03-01 De minister en de ambassadeur in 2020\n\n{LONG}"
    doc = _clean(raw, settings)
    assert doc.clean == LONG
    assert _reasons(doc) == ["caption"]


def test_lead_glued_to_date_header_kept(settings: Settings) -> None:
    raw = f" date 2024-03-01 {LONG}\n\n{LONG}"
    doc = _clean(raw, settings)
    assert doc.clean.startswith("De minister van Buitenlandse Zaken")
    assert doc.meta.published == "2024-03-01"


def test_share_and_newsletter_widgets_removed(settings: Settings) -> None:
    raw = f"{LONG}\n\nDeel dit artikel:\n\nLees ook: Kabinet valt over stikstof\n\nSchrijf je in voor onze nieuwsbrief\n\n{LONG2}"
    doc = _clean(raw, settings)
    assert doc.clean == f"{LONG}\n\n{LONG2}"
    assert _reasons(doc) == ["widget", "widget", "widget"]


def test_pull_quote_repeating_a_body_sentence_kept_once(settings: Settings) -> None:
    body = (
        "De minister reageerde fel op de rakettest. 'Dit is een directe bedreiging voor de hele "
        "regio en wij zullen daar samen met onze bondgenoten op antwoorden', zei hij maandag."
    )
    raw = f"{LONG}\n\nDit is een directe bedreiging voor de hele regio. Minister van Defensie\n\n{body}"
    doc = _clean(raw, settings)
    assert doc.clean.count("directe bedreiging") == 1
    assert "Minister van Defensie" not in doc.clean
    assert _reasons(doc) == ["pull_quote"]


def test_repeated_paragraph_kept_once(settings: Settings) -> None:
    para = "Het parlement stemde donderdag met grote meerderheid in met het nieuwe verdrag over de grens."
    doc = _clean(f"{LONG}\n\n{para}\n\n{para}", settings)
    assert doc.clean.count(para) == 1


def test_headings_are_blocks_of_their_own(settings: Settings) -> None:
    raw = f"{LONG}\n\nGesprekken in Genève\n\n{LONG2}\nDe reactie uit Moskou\n\n{LONG3}"
    doc = _clean(raw, settings)
    assert doc.headings == ["Gesprekken in Genève", "De reactie uit Moskou"]
    assert len(doc.paragraphs) == 3


def test_hard_wrapped_lines_with_blank_lines_rejoined(settings: Settings) -> None:
    wrapped = [
        "De Amerikaanse minister van Buitenlandse Zaken heeft woensdag in Seoel gesproken met",
        "zijn Zuid-Koreaanse ambtgenoot over de nieuwe raketproeven van het noorden. Beide",
        "landen willen de sancties aanscherpen, maar China houdt dat in de Veiligheidsraad tegen.",
        "Dat zei een woordvoerder na afloop.",
        "Nieuwe gesprekken",
        "Volgende maand zouden de onderhandelaars elkaar opnieuw ontmoeten in Genève, waar ook",
        "de Japanse minister van Defensie aanwezig zal zijn. Een datum is nog niet bekend",
        "gemaakt, meldt het persbureau Yonhap op basis van bronnen binnen de regering.",
    ]
    doc = _clean(" date 2024-05-02 " + "\n\n".join(wrapped), settings)
    assert doc.headings == ["Nieuwe gesprekken"]
    paragraphs = doc.paragraphs
    assert len(paragraphs) == 2
    assert "gesproken met zijn Zuid-Koreaanse ambtgenoot" in paragraphs[0]
    assert paragraphs[0].endswith("Dat zei een woordvoerder na afloop.")
    assert "ontmoeten in Genève, waar ook de Japanse minister" in paragraphs[1]


def test_single_newline_inside_a_sentence_joined(settings: Settings) -> None:
    doc = _clean("De regering in Den Haag besloot gisteren dat\nde ambassade open blijft.", settings)
    assert doc.clean == "De regering in Den Haag besloot gisteren dat de ambassade open blijft."


def test_mojibake_repaired_and_curly_quotes_kept(settings: Settings) -> None:
    raw = "De minister zei â€œdit is Ã©Ã©n stapâ€\x9d in OekraÃ¯ne. ‘Goed’, zei hij."
    doc = _clean(raw, settings)
    assert "“dit is één stap”" in doc.clean
    assert "Oekraïne" in doc.clean
    assert "‘Goed’" in doc.clean


def test_odd_whitespace_made_one_space(settings: Settings) -> None:
    doc = _clean("De  minister\u00a0sprak\t in   Brussel.", settings)
    assert doc.clean == "De minister sprak in Brussel."


def test_nothing_left_after_cleaning_is_an_error(settings: Settings) -> None:
    with pytest.raises(KroniekError) as info:
        _clean("{{ title }}\n\nDeel dit artikel\n\n", settings)
    assert info.value.code == "no_text_after_cleaning"
    assert info.value.stage == "clean"


def test_language_detected(settings: Settings) -> None:
    assert _clean(LONG, settings).meta.language == "nl"
    english = (
        "The foreign minister said on Tuesday that the sanctions would stay in place until the talks resume."
    )
    assert _clean(english, settings).meta.language == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("German Chancellor Angela Merkel met Vladimir Putin in Moscow on Saturday.", "en"),
        ("Washington expelled two Cuban diplomats.", "en"),
        ("Donald Trump en Kim Jong-un overlegden in Hanoi.", "nl"),
        ("Gaat China Taiwan aanvallen?", "nl"),
    ],
)
def test_a_short_text_is_told_by_the_words_its_dictionaries_know(text: str, language: str) -> None:
    # by stopwords alone "met" and "in" make the first one Dutch, and the last has none at all
    from kroniek.languages import detect_language

    assert detect_language(text, ("nl", "en"), 0.1) == language
