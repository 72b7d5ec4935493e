"""Time expressions: spans, values, precision and anchors, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from kroniek.document import TimeExpression
from kroniek.timex import interval, tag
from kroniek.timex.calendar import easter
from kroniek.timex.stage import time_of


def one(text: str, published: str | None = "2023-09-12", language: str = "nl") -> TimeExpression:
    found = tag(text, language, published)
    assert len(found) == 1, found
    return found[0]


def value(text: str, published: str | None = "2023-09-12", language: str = "nl") -> str | None:
    return one(text, published, language).value


# 2023-09-12 is a Tuesday.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De minister sprak op 4 maart 2019 in Brussel.", "2019-03-04"),
        ("Het verdrag werd op 1 januari 2020 van kracht.", "2020-01-01"),
        ("De top vond plaats op 12-06-2018.", "2018-06-12"),
        ("Hij tekende het op dinsdag 5 september.", "2023-09-05"),
        ("Op 3 mei kwamen de ministers bijeen.", "2023-05-03"),
        ("De stemming is op de 21ste.", "2023-09-21"),
        ("Het gesprek was op de 2e van augustus.", "2023-08-02"),
        ("Het akkoord viel op tweeëntwintig juni 2017.", "2017-06-22"),
    ],
)
def test_calendar_dates(text: str, expected: str) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Gisteren vielen de eerste schoten.", "2023-09-11", "day"),
        ("Vandaag beslist het parlement.", "2023-09-12", "day"),
        ("Eergisteren landde de delegatie.", "2023-09-10", "day"),
        ("Morgen reist de premier af.", "2023-09-13", "day"),
        ("Vorige week waren er protesten.", "2023-W36", "week"),
        ("Deze week praten de landen verder.", "2023-W37", "week"),
        ("Volgende maand volgt een nieuwe ronde.", "2023-10", "month"),
        ("Vorig jaar liep het overleg vast.", "2022", "year"),
        ("Dit jaar groeide de handel.", "2023", "year"),
        ("Afgelopen weekend sneuvelden vier soldaten.", "2023-W36-WE", "weekend"),
    ],
)
def test_relative_to_publication(text: str, expected: str, precision: str) -> None:
    found = one(text)
    assert (found.value, found.precision) == (expected, precision)
    assert found.anchor == "publication:2023-09-12"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare weekday is the nearest one before the publication date ...
        ("Vrijdag vuurde het leger een raket af.", "2023-09-08"),
        ("Afgelopen zondag kwam de regering bijeen.", "2023-09-10"),
        # ... unless the wording or the tense points forward
        ("Komende maandag reist de delegatie naar Seoel.", "2023-09-18"),
        ("Volgende week dinsdag spreekt de Veiligheidsraad.", "2023-09-19"),
        ("De minister zal vrijdag het verdrag tekenen.", "2023-09-15"),
    ],
)
def test_weekdays(text: str, expected: str) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Eind juli sprak hij met de generaals.", "2023-07-16/2023-07-31", "month_end"),
        ("Begin augustus kwam het bericht.", "2023-08-01/2023-08-15", "month_start"),
        ("Half maart begonnen de oefeningen.", "2023-03-10/2023-03-20", "month_mid"),
        ("Begin dit jaar werd het plan bekend.", "2023-01/2023-03", "year_start"),
        ("Eind 2017 was de spanning het hoogst.", "2017-10/2017-12", "year_end"),
    ],
)
def test_parts_of_months_and_years(text: str, expected: str, precision: str) -> None:
    found = one(text)
    assert (found.value, found.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vorige zomer werden de eerste arbeiders gestuurd.", "2022-SU"),
        ("Deze zomer bleef het rustig.", "2023-SU"),
        ("Volgend voorjaar volgen verkiezingen.", "2024-SP"),
        ("In de winter van 2019 vroor het overleg vast.", "2019-WI"),
    ],
)
def test_seasons(text: str, expected: str) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("In 2019 gebeurde dat al eerder.", "2019", "year"),
        ("In maart 2021 zweeg Pyongyang.", "2021-03", "month"),
        ("Het derde kwartaal van 2022 was slecht.", "2022-Q3", "quarter"),
        ("In de jaren negentig was het anders.", "199", "decade"),
        ("In de jaren '80 begon het programma.", "198", "decade"),
        ("In week 12 van 2020 sloten de grenzen.", "2020-W12", "week"),
    ],
)
def test_years_months_quarters_decades(text: str, expected: str, precision: str) -> None:
    found = one(text)
    assert (found.value, found.precision) == (expected, precision)
    assert found.anchor is None  # absolute: no anchor needed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tussen 2006 en 2017 volgden zes kernproeven.", "2006/2017"),
        ("Van 2018 tot 2019 werd er onderhandeld.", "2018/2019"),
        ("De oefening duurt van 4 tot 22 januari 2024.", "2024-01-04/2024-01-22"),
        ("Van mei tot oktober 2020 was de grens dicht.", "2020-05/2020-10"),
        ("Van 1 februari tot 3 maart 2022 liep de missie.", "2022-02-01/2022-03-03"),
    ],
)
def test_intervals(text: str, expected: str) -> None:
    found = one(text)
    assert (found.value, found.precision) == (expected, "interval")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rond de laatste jaarwisseling riep hij op tot uitbreiding.", "2022-12-31/2023-01-01"),
        ("Op Koningsdag 2021 was het stil.", "2021-04-27"),
        ("Met Pasen 2024 kwamen de leiders samen.", "2024-03-31"),
    ],
)
def test_holidays(text: str, expected: str) -> None:
    assert value(text) == expected


def test_a_holiday_without_year_is_the_nearest_one() -> None:
    assert value("Met Kerstmis sprak de paus.", "2024-01-10") == "2023-12-25"
    assert value("Met Kerstmis spreekt de paus.", "2023-12-10") == "2023-12-25"


def test_easter_dates() -> None:
    assert [easter(y) for y in (2019, 2023, 2024)] == [date(2019, 4, 21), date(2023, 4, 9), date(2024, 3, 31)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drie dagen geleden viel de stroom uit.", "2023-09-09"),
        ("Over twee weken stemt het parlement.", "2023-09-26"),
        ("Twee jaar geleden begon de oorlog.", "2021-09-12"),
    ],
)
def test_offsets_from_publication(text: str, expected: str) -> None:
    assert value(text) == expected


def test_anchor_on_an_earlier_mention() -> None:
    found = tag(
        "Op 27 februari 2019 begon de top in Hanoi. Twee dagen later brak Trump die af.", "nl", "2023-09-12"
    )
    assert [(t.text, t.value) for t in found] == [
        ("27 februari 2019", "2019-02-27"),
        ("Twee dagen later", "2019-03-01"),
    ]
    assert found[1].anchor == "mention:2019-02-27"


def test_no_publication_date_keeps_relative_expressions_without_value() -> None:
    found = tag("Vorige week sprak hij, op 3 maart 2019 was er een top.", "nl", None)
    assert [(t.text, t.value, t.precision, t.anchor) for t in found] == [
        ("Vorige week", None, "week", None),
        ("3 maart 2019", "2019-03-03", "day", None),
    ]


def test_a_publication_month_is_as_precise_as_relative_expressions_get() -> None:
    """Published "2021-09": a weekday or "afgelopen weekend" lies somewhere in that month."""
    found = tag(
        "Afgelopen weekend testte het land raketten. Vorige maand niet. Sinds maart is het onrustig.",
        "nl",
        "2021-09",
    )
    assert [(t.text, t.value, t.precision) for t in found] == [
        ("Afgelopen weekend", "2021-09", "month"),
        ("Vorige maand", "2021-08", "month"),
        ("maart", "2021-03", "month"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Er werden 2000 soldaten gestuurd.",
        "Het kostte 2019 euro per persoon.",
        "Jan Peters is de woordvoerder.",
        "Dat is zo, zei hij.",
        "De inflatie was 4.3 procent.",
        "Ajax won met 2-1.",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert tag(text, "nl", "2023-09-12") == []


def test_offsets_point_into_the_text() -> None:
    text = "Na de top van 12 juni 2018 in Singapore en die van februari 2019 in Hanoi brak het overleg af."
    for found in tag(text, "nl", "2023-09-12"):
        assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks collapsed on February 28, 2019 in Hanoi.", "2019-02-28"),
        ("Last week the minister resigned.", "2023-W36"),
        ("Next Monday the council meets.", "2023-09-18"),
        ("Late July the delegation arrived.", "2023-07-16/2023-07-31"),
        ("Between 2006 and 2017 six tests took place.", "2006/2017"),
        ("Three days ago the border closed.", "2023-09-09"),
        ("In the summer of 2022 workers were sent.", "2022-SU"),
    ],
)
def test_english(text: str, expected: str) -> None:
    assert value(text, language="en") == expected


def test_values_are_day_intervals() -> None:
    assert interval("2022-SU") == (date(2022, 6, 1), date(2022, 9, 1))
    assert interval("2022-06/2022-08") == (date(2022, 6, 1), date(2022, 9, 1))
    assert interval("2023-W36-WE") == (date(2023, 9, 9), date(2023, 9, 11))
    assert interval("199") == (date(1990, 1, 1), date(2000, 1, 1))
    assert interval("2019-Q3") == (date(2019, 7, 1), date(2019, 10, 1))
    assert interval("XXXX-07") is None


def test_time_of_a_clause() -> None:
    text = "Vorig jaar sprak hij met Poetin. Hij kondigde een bezoek aan."
    found = tag(text, "nl", "2023-09-12")
    assert time_of(found, 0, 32) == found[0]
    assert time_of(found, 33, len(text)) is None
