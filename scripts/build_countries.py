"""Build ``src/kroniek/kb/data/countries.yaml`` from CLDR (through Babel) and ``countries_extra.yaml``.

CLDR gives every territory's name in Dutch and English; everything else (Dutch adjectives in
all inflections, demonyms, exonyms, capitals, metonyms) comes from the hand-written
``countries_extra.yaml`` beside the output. Run after editing that file::

    .venv/bin/python scripts/build_countries.py          # rewrite countries.yaml
    .venv/bin/python scripts/build_countries.py --check  # exit 1 if countries.yaml is stale

Rules applied here, so that the extra file stays short:
- Dutch adjectives are given in their base form; the inflected form is added
  (Amerikaans -> Amerikaanse, Russisch -> Russische, Chinees -> Chinese).
- CLDR names are tidied into extra aliases: "St." -> "Saint", "&" -> "and"/"en",
  "Myanmar (Burma)" -> "Myanmar" and "Burma", curly apostrophes -> straight ones,
  "Hong Kong SAR China" -> "Hong Kong".
- The canonical English name is the tidied CLDR name unless the extra file gives ``name``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import babel
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "kroniek" / "kb" / "data"
EXTRA = DATA / "countries_extra.yaml"
OUTPUT = DATA / "countries.yaml"
LANGS = ("nl", "en")

#: ISO 3166-1 alpha-2 -> alpha-3 (all 249 assigned codes), plus Kosovo (user-assigned XK -> XKX,
#: the code the EU and IMF use; CAMEO/Phoenix dictionaries write KSV).
_ALPHA3_TABLE = """
AD:AND AE:ARE AF:AFG AG:ATG AI:AIA AL:ALB AM:ARM AO:AGO AQ:ATA AR:ARG AS:ASM AT:AUT AU:AUS AW:ABW
AX:ALA AZ:AZE BA:BIH BB:BRB BD:BGD BE:BEL BF:BFA BG:BGR BH:BHR BI:BDI BJ:BEN BL:BLM BM:BMU BN:BRN
BO:BOL BQ:BES BR:BRA BS:BHS BT:BTN BV:BVT BW:BWA BY:BLR BZ:BLZ CA:CAN CC:CCK CD:COD CF:CAF CG:COG
CH:CHE CI:CIV CK:COK CL:CHL CM:CMR CN:CHN CO:COL CR:CRI CU:CUB CV:CPV CW:CUW CX:CXR CY:CYP CZ:CZE
DE:DEU DJ:DJI DK:DNK DM:DMA DO:DOM DZ:DZA EC:ECU EE:EST EG:EGY EH:ESH ER:ERI ES:ESP ET:ETH FI:FIN
FJ:FJI FK:FLK FM:FSM FO:FRO FR:FRA GA:GAB GB:GBR GD:GRD GE:GEO GF:GUF GG:GGY GH:GHA GI:GIB GL:GRL
GM:GMB GN:GIN GP:GLP GQ:GNQ GR:GRC GS:SGS GT:GTM GU:GUM GW:GNB GY:GUY HK:HKG HM:HMD HN:HND HR:HRV
HT:HTI HU:HUN ID:IDN IE:IRL IL:ISR IM:IMN IN:IND IO:IOT IQ:IRQ IR:IRN IS:ISL IT:ITA JE:JEY JM:JAM
JO:JOR JP:JPN KE:KEN KG:KGZ KH:KHM KI:KIR KM:COM KN:KNA KP:PRK KR:KOR KW:KWT KY:CYM KZ:KAZ LA:LAO
LB:LBN LC:LCA LI:LIE LK:LKA LR:LBR LS:LSO LT:LTU LU:LUX LV:LVA LY:LBY MA:MAR MC:MCO MD:MDA ME:MNE
MF:MAF MG:MDG MH:MHL MK:MKD ML:MLI MM:MMR MN:MNG MO:MAC MP:MNP MQ:MTQ MR:MRT MS:MSR MT:MLT MU:MUS
MV:MDV MW:MWI MX:MEX MY:MYS MZ:MOZ NA:NAM NC:NCL NE:NER NF:NFK NG:NGA NI:NIC NL:NLD NO:NOR NP:NPL
NR:NRU NU:NIU NZ:NZL OM:OMN PA:PAN PE:PER PF:PYF PG:PNG PH:PHL PK:PAK PL:POL PM:SPM PN:PCN PR:PRI
PS:PSE PT:PRT PW:PLW PY:PRY QA:QAT RE:REU RO:ROU RS:SRB RU:RUS RW:RWA SA:SAU SB:SLB SC:SYC SD:SDN
SE:SWE SG:SGP SH:SHN SI:SVN SJ:SJM SK:SVK SL:SLE SM:SMR SN:SEN SO:SOM SR:SUR SS:SSD ST:STP SV:SLV
SX:SXM SY:SYR SZ:SWZ TC:TCA TD:TCD TF:ATF TG:TGO TH:THA TJ:TJK TK:TKL TL:TLS TM:TKM TN:TUN TO:TON
TR:TUR TT:TTO TV:TUV TW:TWN TZ:TZA UA:UKR UG:UGA UM:UMI US:USA UY:URY UZ:UZB VA:VAT VC:VCT VE:VEN
VG:VGB VI:VIR VN:VNM VU:VUT WF:WLF WS:WSM YE:YEM YT:MYT ZA:ZAF ZM:ZMB ZW:ZWE XK:XKX
"""
ALPHA3: dict[str, str] = dict(re.findall(r"([A-Z]{2}):([A-Z]{3})", _ALPHA3_TABLE))

#: CLDR territory codes that are not countries: regions, groupings, pseudo-locales, and
#: exceptionally reserved codes (Ascension, Clipperton, Sark, Diego Garcia, Ceuta & Melilla,
#: Canary Islands, Tristan da Cunha), which belong to a country that is already listed.
NOT_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
)

#: Dependencies and uninhabited territories (ISO codes, not UN member or observer states).
#: Taiwan, Kosovo and Palestine are listed as states; Western Sahara as a territory.
TERRITORIES = frozenset(
    re.findall(
        r"[A-Z]{3}",
        """ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL GUF GUM
    HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM SPM SXM TCA
    TKL UMI VGB VIR WLF""",
    )
)

LIST_FIELDS = ("names", "adjectives", "demonyms", "capitals")
EXTRA_KEYS = frozenset({"code", "name", "leader", "ambiguous", "metonyms", "note", *LIST_FIELDS})


def inflect_nl(adjective: str) -> str:
    """The attributive (-e) form of a Dutch adjective of nationality.

    >>> [inflect_nl(a) for a in ("Amerikaans", "Russisch", "Chinees", "Indiaas", "Brits", "Noord-Koreaanse")]
    ['Amerikaanse', 'Russische', 'Chinese', 'Indiase', 'Britse', 'Noord-Koreaanse']
    """
    if adjective.endswith("e"):
        return adjective
    if re.search(r"(aa|ee|oo|uu)s$", adjective):  # open syllable: Chinees -> Chinese, Indiaas -> Indiase
        return adjective[:-3] + adjective[-2] + "se"
    return adjective + "e"


def tidy_variants(name: str, lang: str) -> list[str]:
    """The CLDR name plus the forms a newspaper writes (see the module docstring)."""
    forms = [name]
    straight = name.replace("\u2019", "'")
    forms.append(straight)
    match = re.fullmatch(r"(.+?) \((.+)\)", straight)
    if match:
        forms += [match.group(1), match.group(2)]
    for suffix in (" SAR China", " SAR van China"):
        if straight.endswith(suffix):
            forms.append(straight.removesuffix(suffix))
    if lang == "en":
        forms.append(straight.replace(" & ", " and "))
        if straight.startswith("St. "):
            forms.append("Saint " + straight[4:].replace(" & ", " and "))
    else:
        forms.append(straight.replace(" & ", " en "))
    return unique(forms)


def canonical_en(name: str) -> str:
    """The usual English name derived from CLDR's (overridden by ``name`` in the extra file).

    >>> canonical_en("St. Kitts & Nevis"), canonical_en("Myanmar (Burma)"), canonical_en("Côte d’Ivoire")
    ('Saint Kitts and Nevis', 'Myanmar', "Côte d'Ivoire")
    """
    tidy = re.sub(r" \(.+\)$", "", name.replace("\u2019", "'")).removesuffix(" SAR China")
    if tidy.startswith("St. "):
        tidy = "Saint " + tidy[4:]
    return tidy.replace(" & ", " and ")


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def by_lang(value: Any, where: str) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise SystemExit(f"{where}: expected {{lang: [forms]}}, got {value!r}")
    return {str(k): [str(x) for x in v] for k, v in value.items()}


def load_extra(path: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    entries = data.get("countries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SystemExit(f"{path}: expected a top-level 'countries:' list")
    extra: dict[str, dict[str, Any]] = {}
    for entry in entries:
        code = entry.get("code")
        unknown = set(entry) - EXTRA_KEYS
        if unknown:
            raise SystemExit(f"{path}: {code}: unknown keys {sorted(unknown)}")
        if code in extra:
            raise SystemExit(f"{path}: {code} appears twice")
        extra[code] = entry
    return extra


def build(extra: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    names = {lang: babel.Locale(lang).territories for lang in LANGS}
    cldr_codes = {c for c in names["en"] if len(c) == 2 and c.isalpha()} - NOT_COUNTRIES
    missing = cldr_codes - set(ALPHA3)
    if missing:
        raise SystemExit(f"CLDR territories without an alpha-3 code in the table: {sorted(missing)}")
    alpha2_of = {a3: a2 for a2, a3 in ALPHA3.items() if a2 in cldr_codes}
    unknown = set(extra) - set(alpha2_of)
    if unknown:
        raise SystemExit(f"countries_extra.yaml has codes that are not CLDR countries: {sorted(unknown)}")
    countries = []
    for code in sorted(alpha2_of):
        alpha2 = alpha2_of[code]
        more = extra.get(code, {})
        extra_names = by_lang(more.get("names"), code)
        entry: dict[str, Any] = {
            "code": code,
            "alpha2": alpha2,
            "name": more.get("name") or canonical_en(names["en"][alpha2]),
            "sovereign": code not in TERRITORIES,
        }
        if more.get("leader"):
            entry["leader"] = more["leader"]
        entry["names"] = {
            lang: unique(tidy_variants(names[lang][alpha2], lang) + extra_names.get(lang, []))
            for lang in LANGS
        }
        if entry["name"] not in entry["names"]["en"]:
            entry["names"]["en"].insert(0, entry["name"])
        for field in ("adjectives", "demonyms", "capitals"):
            forms = by_lang(more.get(field), f"{code}.{field}")
            if field == "adjectives" and "nl" in forms:
                forms["nl"] = unique(x for a in forms["nl"] for x in (a, inflect_nl(a)))
            forms = {lang: unique(v) for lang, v in forms.items() if v}
            if forms:
                entry[field] = forms
        if more.get("metonyms"):
            entry["metonyms"] = [dict(m) for m in more["metonyms"]]
        if more.get("ambiguous"):
            entry["ambiguous"] = unique(more["ambiguous"])
        if more.get("note"):
            entry["note"] = more["note"]
        countries.append(entry)
    return countries


HEADER = """\
# GENERATED by scripts/build_countries.py from CLDR (Babel {version}) and countries_extra.yaml.
# Do not edit by hand: edit countries_extra.yaml and re-run the script. Format: docs/kb.md.
"""


def render(countries: list[dict[str, Any]]) -> str:
    body = yaml.safe_dump(
        {"countries": countries},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=110,
    )
    return HEADER.format(version=babel.__version__) + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if countries.yaml is not up to date")
    args = parser.parse_args(argv)
    text = render(build(load_extra(EXTRA)))
    if args.check:
        current = OUTPUT.read_text("utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is stale: run scripts/build_countries.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, "utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {text.count(chr(10) + '- code: ')} countries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
