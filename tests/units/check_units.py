#!/usr/bin/env python3
"""Validate kroniek's event unit records (tests/units/*.yaml) and print their coverage.

Standalone: the standard library and PyYAML only. Run from the repository root:

    python tests/units/check_units.py              # check both files, print the coverage table
    python tests/units/check_units.py --markdown   # the same table as Markdown (for README.md)

Exit status 0 when every check passes, 1 otherwise (each problem is printed).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
COUNTRIES = ROOT / "src" / "kroniek" / "kb" / "data" / "countries.yaml"
FILES = {"nl": HERE / "nl_events.yaml", "en": HERE / "en_events.yaml"}

TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
# PLOVER manual's modes per type (REQUEST and REJECT share theirs).
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone", "meet"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    },
    "ASSAULT": {
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    },
}
AUX = {"future", "hypothetical", "negation"}
# Organisation codes the codebook allows in expected codings.
ORGS = {
    "UN",
    "EU",
    "NATO",
    "IAEA",
    "ECHR",
    "WTO",
    "IMF",
    "ICC",
    "OPCW",
    "OPEC",
    "AU",
    "ASEAN",
    "IGO",
    "NGO",
    "IMG",
    "MNC",
}
# Types whose recipient may be empty (codebook: one-sided MOBILIZE/PROTEST, tests, denials).
EMPTY_RECIPIENT_OK = {"MOBILIZE", "PROTEST", "REJECT"}

# Construction tags: each must be used by at least MIN_TAG Dutch records.
CONSTRUCTIONS = {
    "separable_split": "separable verb with its particle split off (roept ... op, wees ... af)",
    "separable_joined": "separable verb joined (subclause, participle, infinitive: afwees, opgelegd, terug te trekken)",
    "strong_past": "strong or irregular verb in the past tense (sloot, bood, viel aan, verbood, hief op)",
    "passive": "passive voice (werd door ... aangevallen, worden opgelegd)",
    "noun_predicate": "the event is a noun (de aanval van X op Y, sancties tegen, het bezoek aan)",
    "light_verb": "light-verb construction (kritiek uiten op, een bezoek brengen aan, een akkoord bereiken met)",
    "coordination_actor": "coordinated actors (X en Y veroordeelden ...)",
    "coordination_recipient": "coordinated recipients (... China en Rusland)",
    "role_phrase": "actor named by a role phrase (de Franse president, het Iraanse leger)",
    "metonym": "capital or building for a state or the EU (Moskou, het Kremlin, het Witte Huis, Brussel)",
    "anaphora": "pronoun or definite description referring back (hij, het land, de regering)",
    "quote_direct": "direct quotation ('...', zei X)",
    "reported_indirect": "indirect speech (X zegt dat ...; ..., zei X)",
    "volgens": "'volgens X' attribution",
    "source_not_actor": "a medium, expert or think tank is a source, not an actor",
    "negation": "negated event (niet, geen, nooit): aux negation",
    "future": "planned or announced event: aux future",
    "hypothetical": "possible, conditional or rumoured event: aux hypothetical",
    "historical_date": "dated in the past by the text (in 2015, vorig jaar) or undated history (null)",
    "day_anchor": "a day fixed by an explicit anchor (gisteren, maandag, op 3 mei)",
    "embedded_clause": "event in a dat-, om-te- or relative clause",
    "group": "a group resolved to members or to an organisation (de G7, de Golfstaten, EU-landen)",
    "domestic": "purely domestic event: not coded",
    "generic_relation": "generic description of a relationship: not coded",
    "question": "a question (not coded), possibly followed by a coded sentence",
    "headline": "a headline repeating the body: one event",
    "dated_role": "a person whose dated role gives the code",
    "inverted_order": "actor after the verb, or object/recipient first",
    "multi_event": "more than one event in the record",
    "org_actor": "an international organisation as actor or recipient",
    "cross_sentence": "a passage whose coding needs more than one sentence",
}
MIN_TYPE = 12  # records per PLOVER type (Dutch)
MIN_TAG = 10  # records per construction tag (Dutch)
MIN_NO_EVENT = 25  # Dutch records with events: []
MIN_RECORDS = {"nl": 330, "en": 35}

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-\d{2}$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def load_codes() -> set[str]:
    data = yaml.safe_load(COUNTRIES.read_text(encoding="utf-8"))
    return {c["code"] for c in data["countries"]}


def parse_point(text: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None when malformed."""
    m = DATE_RE.match(text)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            day = dt.date(int(y), int(mo), int(d))
            return day, day
        if mo:
            last = calendar.monthrange(int(y), int(mo))[1]
            return dt.date(int(y), int(mo), 1), dt.date(int(y), int(mo), last)
        return dt.date(int(y), 1, 1), dt.date(int(y), 12, 31)
    except ValueError:
        return None


def parse_date(value) -> tuple[dt.date, dt.date] | None:
    if not isinstance(value, str):
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        pa, pb = parse_point(a), parse_point(b)
        if not pa or not pb or pa[0] > pb[1]:
            return None
        return pa[0], pb[1]
    return parse_point(value)


def check_file(lang: str, records, codes: set[str], seen_ids: set[str], errors: list[str]) -> None:
    if not isinstance(records, list):
        errors.append(f"{lang}: the file must hold a YAML list")
        return
    valid = codes | ORGS
    for i, rec in enumerate(records):
        where = f"{lang}[{i}]"
        if not isinstance(rec, dict):
            errors.append(f"{where}: not a mapping")
            continue
        rid = rec.get("id")
        where = f"{lang}:{rid}"
        for key in ("id", "text", "published", "tags", "events"):
            if key not in rec:
                errors.append(f"{where}: missing field {key!r}")
        unknown = set(rec) - {"id", "text", "published", "tags", "events", "note"}
        if unknown:
            errors.append(f"{where}: unknown fields {sorted(unknown)}")
        if not isinstance(rid, str) or not ID_RE.match(rid):
            errors.append(f"{where}: id must look like <type-or-construction>-<short>-NN")
        elif rid in seen_ids:
            errors.append(f"{where}: duplicate id")
        else:
            seen_ids.add(rid)
        if not isinstance(rec.get("text"), str) or not rec.get("text", "").strip():
            errors.append(f"{where}: empty text")
        pub = rec.get("published")
        pub_span = parse_point(pub) if isinstance(pub, str) and len(pub) == 10 else None
        if not pub_span:
            errors.append(f"{where}: published must be YYYY-MM-DD, got {pub!r}")
        tags = rec.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            errors.append(f"{where}: tags must be a list of strings")
            tags = []
        if len(set(tags)) != len(tags):
            errors.append(f"{where}: repeated tag")
        for t in tags:
            if t not in TYPES and t not in CONSTRUCTIONS:
                errors.append(f"{where}: unknown tag {t!r}")
        events = rec.get("events")
        if not isinstance(events, list):
            errors.append(f"{where}: events must be a list ([] for none)")
            continue
        auxes, types, day_dated, past_dated = set(), set(), False, False
        for j, ev in enumerate(events):
            ew = f"{where} event {j}"
            if not isinstance(ev, dict):
                errors.append(f"{ew}: not a mapping")
                continue
            unknown = set(ev) - {"type", "mode", "actor", "recipient", "aux", "date", "note"}
            if unknown:
                errors.append(f"{ew}: unknown fields {sorted(unknown)}")
            typ = ev.get("type")
            if typ not in TYPES:
                errors.append(f"{ew}: unknown type {typ!r}")
                continue
            types.add(typ)
            mode = ev.get("mode")
            if mode is not None and mode not in MODES.get(typ, set()):
                errors.append(f"{ew}: mode {mode!r} is not a PLOVER mode of {typ}")
            for side in ("actor", "recipient"):
                val = ev.get(side)
                if not isinstance(val, list):
                    errors.append(f"{ew}: {side} must be a list of codes")
                    continue
                if len(set(val)) != len(val):
                    errors.append(f"{ew}: repeated code in {side}")
                for code in val:
                    if code not in valid:
                        errors.append(f"{ew}: unknown {side} code {code!r}")
            if not ev.get("actor"):
                errors.append(f"{ew}: empty actor")
            if ev.get("recipient") == [] and typ not in EMPTY_RECIPIENT_OK:
                errors.append(f"{ew}: empty recipient not allowed for {typ}")
            if set(ev.get("actor") or []) & set(ev.get("recipient") or []):
                errors.append(f"{ew}: the same code on both sides")
            aux = ev.get("aux")
            if aux is not None:
                if aux not in AUX:
                    errors.append(f"{ew}: aux must be one of {sorted(AUX)}, got {aux!r}")
                auxes.add(aux)
            if "date" not in ev:
                errors.append(f"{ew}: date missing (write date: null for an undated event)")
                continue
            date = ev["date"]
            if date is None:
                past_dated = True
                continue
            span = parse_date(date)
            if not span:
                errors.append(f"{ew}: malformed date {date!r}")
                continue
            if isinstance(date, str) and len(date) == 10:
                day_dated = True
            if pub_span:
                month_start = pub_span[0].replace(day=1)
                if span[1] < month_start:
                    past_dated = True
                if aux not in ("future", "hypothetical") and span[0] > pub_span[0]:
                    errors.append(
                        f"{ew}: date {date} after publication but aux is neither future nor hypothetical"
                    )
                if aux == "future" and span[1] < pub_span[0]:
                    errors.append(f"{ew}: future event dated before publication")
        # tags must agree with the coding
        for typ in TYPES:
            if (typ in tags) != (typ in types):
                errors.append(f"{where}: type tag {typ} and the events disagree")
        for aux in AUX:
            if (aux in tags) != (aux in auxes):
                errors.append(f"{where}: tag {aux!r} and the events' aux disagree")
        if ("day_anchor" in tags) != day_dated:
            errors.append(f"{where}: tag 'day_anchor' and the events' day dates disagree")
        if "historical_date" in tags and not past_dated:
            errors.append(f"{where}: tag 'historical_date' but no event dated before the publication month")
        if ("multi_event" in tags) != (len(events) > 1):
            errors.append(f"{where}: tag 'multi_event' and the number of events disagree")
        if "cross_sentence" in tags and not re.search(r"[.!?]['’]?\s+\S", rec.get("text", "").strip()):
            errors.append(f"{where}: tag 'cross_sentence' but the text is one sentence")


def coverage(records) -> tuple[Counter, Counter, Counter, int]:
    by_type_records, by_type_events, by_tag = Counter(), Counter(), Counter()
    no_event = 0
    for rec in records:
        evs = rec.get("events") or []
        if not evs:
            no_event += 1
        for t in {e.get("type") for e in evs}:
            by_type_records[t] += 1
        for e in evs:
            by_type_events[e.get("type")] += 1
        for t in rec.get("tags") or []:
            if t in CONSTRUCTIONS:
                by_tag[t] += 1
    return by_type_records, by_type_events, by_tag, no_event


def table(data: dict, markdown: bool) -> str:
    out = []
    cov = {lang: coverage(recs) for lang, recs in data.items()}
    langs = list(data)
    if markdown:
        out.append(
            "| PLOVER type | " + " | ".join(f"{lang} records | {lang} events" for lang in langs) + " |"
        )
        out.append("|---|" + "---:|---:|" * len(langs))
        for typ in TYPES:
            cells = " | ".join(f"{cov[lang][0][typ]} | {cov[lang][1][typ]}" for lang in langs)
            out.append(f"| {typ} | {cells} |")
        cells = " | ".join(f"{cov[lang][3]} | 0" for lang in langs)
        out.append(f"| (no event) | {cells} |")
        cells = " | ".join(f"{len(data[lang])} | {sum(cov[lang][1].values())}" for lang in langs)
        out.append(f"| **total** | {cells} |")
        out.append("")
        out.append("| construction tag | " + " | ".join(f"{lang} records" for lang in langs) + " | meaning |")
        out.append("|---|" + "---:|" * len(langs) + "---|")
        for tag, meaning in CONSTRUCTIONS.items():
            cells = " | ".join(str(cov[lang][2][tag]) for lang in langs)
            out.append(f"| `{tag}` | {cells} | {meaning} |")
    else:
        head = f"{'type':<12}" + "".join(f"{lang + ' rec':>9}{lang + ' ev':>8}" for lang in langs)
        out.append(head)
        for typ in TYPES:
            out.append(
                f"{typ:<12}" + "".join(f"{cov[lang][0][typ]:>9}{cov[lang][1][typ]:>8}" for lang in langs)
            )
        out.append(f"{'(no event)':<12}" + "".join(f"{cov[lang][3]:>9}{'':>8}" for lang in langs))
        out.append(
            f"{'total':<12}"
            + "".join(f"{len(data[lang]):>9}{sum(cov[lang][1].values()):>8}" for lang in langs)
        )
        out.append("")
        out.append(f"{'construction':<22}" + "".join(f"{lang:>6}" for lang in langs))
        for tag in CONSTRUCTIONS:
            out.append(f"{tag:<22}" + "".join(f"{cov[lang][2][tag]:>6}" for lang in langs))
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", action="store_true", help="print the coverage table as Markdown")
    args = ap.parse_args(argv)
    codes = load_codes()
    errors: list[str] = []
    seen: set[str] = set()
    data = {}
    for lang, path in FILES.items():
        if not path.exists():
            errors.append(f"{path}: missing")
            data[lang] = []
            continue
        recs = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        check_file(lang, recs, codes, seen, errors)
        data[lang] = recs if isinstance(recs, list) else []
    for lang, minimum in MIN_RECORDS.items():
        if len(data[lang]) < minimum:
            errors.append(f"{lang}: {len(data[lang])} records, want at least {minimum}")
    by_type, _, by_tag, no_event = coverage(data["nl"])
    for typ in TYPES:
        if by_type[typ] < MIN_TYPE:
            errors.append(f"nl: type {typ} in {by_type[typ]} records, want at least {MIN_TYPE}")
    for tag in CONSTRUCTIONS:
        if by_tag[tag] < MIN_TAG:
            errors.append(f"nl: construction {tag!r} in {by_tag[tag]} records, want at least {MIN_TAG}")
    if no_event < MIN_NO_EVENT:
        errors.append(f"nl: {no_event} records without events, want at least {MIN_NO_EVENT}")
    print(table(data, args.markdown))
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("\nall checks passed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
