"""Dutch POS, lemmas and dependencies: the CoNLL-U scorer, Frog's relations as UD, particle verbs,
and the fast backend's parse of the sentences the event coder needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.evaluate.parse import Predicted, base_lemma, parse_conllu, score, universal
from kroniek.evaluate.parse_backends import frog_predictions, frog_rows
from kroniek.nlp import backend
from kroniek.nlp.alpino_ud import alpino_to_ud
from kroniek.nlp.fast_backend import packaged_model
from kroniek.nlp.ud import LemmaLexicon, cased_lemma, joined_lemmas

CONLLU = """\
# sent_id = 1
# text = Moeder spoorde haar aan.
1\tMoeder\tmoeder\tNOUN\tN|soort|ev|basis|zijd|stan\tNumber=Sing\t2\tnsubj\t2:nsubj\t_
2\tspoorde\taan_sporen\tVERB\tWW|pv|verl|ev\tTense=Past\t0\troot\t0:root\t_
3\thaar\thaar\tPRON\tVNW|pers|pron|obl|vol|3|getal|fem\t_\t2\tobj\t2:obj\t_
4\taan\taan\tADP\tVZ|fin\t_\t2\tcompound:prt\t2:compound:prt\tSpaceAfter=No
5\t.\t.\tPUNCT\tLET\t_\t2\tpunct\t2:punct\t_
5.1\tweg\tweg\tADV\tBW\t_\t_\t_\t2:advmod\tCopiedFrom=2

# sent_id = 2
# text = Het is gezegd.
1-2\tHet is\t_\t_\t_\t_\t_\t_\t_\t_
1\tHet\thet\tPRON\tVNW\t_\t3\tnsubj:pass\t3:nsubj:pass\t_
2\tis\tzijn\tAUX\tWW|pv|tgw|ev\t_\t3\taux:pass\t3:aux:pass\t_
3\tgezegd\tzeggen\tVERB\tWW|vd|vrij|zonder\t_\t0\troot\t0:root\tSpaceAfter=No
4\t.\t.\tPUNCT\tLET\t_\t3\tpunct\t3:punct\t_
"""


def test_conllu_reader_skips_ranges_and_empty_nodes_and_reads_heads_from_zero() -> None:
    sentences = parse_conllu(CONLLU)
    assert [len(s.words) for s in sentences] == [5, 4]
    first = sentences[0]
    assert first.sent_id == "1" and first.text == "Moeder spoorde haar aan."
    assert [w.head for w in first.words] == [1, -1, 1, 1, 1]
    assert not first.words[3].space_after and first.words[0].space_after
    assert base_lemma(first, 1) == "sporen"  # the particle is joined from the parse at run time
    assert universal("nsubj:pass") == "nsubj" and universal("ROOT") == "root"


def test_scorer_counts_punctuation_compares_universal_relations_and_lemmas_without_underscores() -> None:
    gold = parse_conllu(CONLLU)
    predicted = [
        [
            Predicted("NOUN", "moeder", 1, "nsubj"),
            Predicted("VERB", "aansporen", -1, "root"),  # = aan_sporen
            Predicted("PRON", "haar", 1, "iobj"),  # right head, wrong label
            Predicted("ADP", "aan", 1, "compound:prt"),
            Predicted("PUNCT", ".", 2, "punct"),  # wrong head
        ],
        [
            Predicted("PRON", "het", 2, "nsubj"),  # subtype left off: LAS right, full label wrong
            Predicted("VERB", "zijn", 2, "aux:pass"),  # wrong UPOS
            Predicted("VERB", "zeggen", -1, "root"),
            Predicted("PUNCT", ".", 2, "punct"),
        ],
    ]
    scores = score(gold, predicted)
    assert scores["words"] == 9 and scores["sentences"] == 2
    assert scores["upos"] == round(8 / 9, 4)
    assert scores["lemma"] == 1.0 and scores["lemma_exact"] == round(8 / 9, 4)
    assert scores["uas"] == round(8 / 9, 4)
    assert scores["las"] == round(7 / 9, 4) and scores["las_full"] == round(6 / 9, 4)
    with pytest.raises(ValueError, match="words"):
        score(gold, [predicted[0][:4], predicted[1]])


def test_particle_is_joined_to_its_verb_lemma_only() -> None:
    words = ["De", "EU", "roept", "Iran", "op", "."]
    lemmas = ["de", "EU", "roepen", "Iran", "op", "."]
    heads = [1, 2, 2, 2, 2, 2]
    deps = ["det", "nsubj", "ROOT", "obj", "compound:prt", "punct"]
    pos = ["DET", "PROPN", "VERB", "PROPN", "ADP", "PUNCT"]
    assert joined_lemmas(words, lemmas, heads, deps, pos)[2] == "oproepen"
    on_noun = joined_lemmas(words, lemmas, [1, 2, 2, 2, 3, 2], deps, pos)
    assert on_noun[3] == "Iran"  # a particle hung from a noun is not joined
    already = joined_lemmas(["opgeroepen", "op"], ["oproepen", "op"], [0, 0], ["ROOT", "compound:prt"])
    assert already[0] == "oproepen"


def test_a_prefixed_verb_form_the_lexicon_lacks_takes_its_base_verbs_lemma() -> None:
    lex = LemmaLexicon({("namen", "verb"): "nemen", ("namen", "noun"): "naam", ("gewezen", "verb"): "wijzen"})
    assert lex.lemma("innamen", "VERB", "innamen") == "innemen"
    assert lex.lemma("afgewezen", "VERB", "afgewezen") == "afwijzen"
    assert lex.lemma("namen", "NOUN", "naam") == "naam"  # nouns are left alone
    assert lex.lemma("ingenomen", "VERB", "innemen") == "innemen"  # no such form: the prediction
    lex = LemmaLexicon({("nemen", "verb"): "nemen", ("innemen", "verb"): "innemen"})
    assert lex.lemma("innemen", "VERB", "innemen") == "innemen"


def test_a_sentence_initial_common_noun_has_a_lower_case_lemma_a_name_keeps_its_capital() -> None:
    assert cased_lemma("Basistakenpakket", "Basistakenpakket", "NOUN", True) == "basistakenpakket"
    assert cased_lemma("Jeugdzorg", "Jeugdzorg", "NOUN", False) == "Jeugdzorg"
    assert cased_lemma("Ulster", "ulster", "PROPN", True) == "Ulster"


def test_frog_coordination_and_object_become_ud() -> None:
    # Frog: "en" heads the conjuncts and is the subject; the final stop hangs from "akkoord".
    tags = [
        "SPEC(deeleigen)",
        "VG(neven)",
        "SPEC(deeleigen)",
        "WW(pv,verl,mv)",
        "LID(onbep)",
        "N(soort)",
        "LET()",
    ]
    lemmas = ["Rusland", "en", "China", "sluiten", "een", "akkoord", "."]
    heads, deps = alpino_to_ud(
        tags, lemmas, [1, 3, 1, -1, 5, 3, 5], ["cnj", "su", "cnj", "ROOT", "det", "obj1", "punct"]
    )
    assert heads == [3, 2, 0, -1, 5, 3, 3]
    assert deps == ["nsubj", "cc", "conj", "root", "det", "obj", "punct"]


def test_frog_auxiliary_complementizer_and_preposition_give_way_to_content_words() -> None:
    # Hij heeft gezegd dat de aanval van Rusland faalde .
    tags = [
        "VNW(pers)",
        "WW(pv,tgw,met-t)",
        "WW(vd,vrij,zonder)",
        "VG(onder)",
        "LID(bep)",
        "N(soort)",
        "VZ(init)",
        "SPEC(deeleigen)",
        "WW(pv,verl,ev)",
        "LET()",
    ]
    lemmas = ["hij", "hebben", "zeggen", "dat", "de", "aanval", "van", "Rusland", "falen", "."]
    frog_heads = [1, -1, 1, 2, 5, 8, 5, 6, 3, 8]
    rels = ["su", "ROOT", "vc", "vc", "det", "su", "mod", "obj1", "body", "punct"]
    heads, deps = alpino_to_ud(tags, lemmas, frog_heads, rels)
    by_word = {
        lemmas[i]: (lemmas[h] if h >= 0 else None, d)
        for i, (h, d) in enumerate(zip(heads, deps, strict=True))
    }
    assert by_word["zeggen"] == (None, "root")
    assert by_word["hij"] == ("zeggen", "nsubj") and by_word["hebben"] == ("zeggen", "aux")
    assert by_word["falen"] == ("zeggen", "ccomp") and by_word["dat"] == ("falen", "mark")
    assert by_word["aanval"] == ("falen", "nsubj")
    assert by_word["Rusland"] == ("aanval", "nmod") and by_word["van"] == ("Rusland", "case")
    assert by_word["."] == ("zeggen", "punct")


def test_frog_copula_passive_and_multiword_units() -> None:
    raw = (
        "1\tHet\thet\t\tVNW(pers)\t1.0\t\t\t\t2\tsu\n"
        "2\tis\tzijn\t\tWW(pv,tgw,ev)\t1.0\t\t\t\t0\tROOT\n"
        "3\tVan_Alebeek\tVan_Alebeek\t\tSPEC(deeleigen)_SPEC(deeleigen)\t1.0\t\t\t\t2\tpredc\n"
        "4\t.\t.\t\tLET()\t1.0\t\t\t\t3\tpunct\n"
    )
    rows = frog_rows(raw)
    assert [r[0] for r in rows] == ["Het", "is", "Van", "Alebeek", "."]
    preds = frog_predictions(rows)
    assert [(p.head, p.deprel) for p in preds] == [
        (2, "nsubj"),
        (2, "cop"),
        (-1, "root"),
        (2, "flat"),
        (2, "punct"),
    ]
    assert preds[2].upos == "PROPN"
    tags = ["VNW(pers)", "WW(pv,tgw,ev)", "WW(vd,vrij,zonder)", "LET()"]
    heads, deps = alpino_to_ud(
        tags, ["het", "worden", "maken", "."], [1, -1, 1, 2], ["su", "ROOT", "vc", "punct"]
    )
    assert heads == [2, 2, -1, 2] and deps == ["nsubj:pass", "aux:pass", "root", "punct"]


needs_parse_model = pytest.mark.skipif(
    packaged_model("nl_parse_fast") is None,
    reason="the parse model (kroniek/models/nl_parse_fast) is missing",
)


def _index(tokens: list, text: str, n: int = 0) -> int:
    return [i for i, t in enumerate(tokens) if t.text == text][n]


@needs_parse_model
def test_fast_backend_parses_the_sentences_the_event_coder_needs() -> None:
    result = backend("fast").analyse(
        "Rusland en China sloten een akkoord.\n\n"
        "De Europese Unie roept Iran op.\n\n"
        "Nederland veroordeelt de aanval van Rusland op Oekraïense schepen."
    )
    tokens = result.tokens
    assert len(result.sentences) == 3
    sloten = _index(tokens, "sloten")
    assert tokens[sloten].lemma == "sluiten" and tokens[sloten].pos == "VERB"
    assert tokens[_index(tokens, "akkoord")].head == sloten and tokens[_index(tokens, "akkoord")].dep == "obj"
    assert (
        tokens[_index(tokens, "Rusland")].head == sloten and tokens[_index(tokens, "Rusland")].dep == "nsubj"
    )
    roept = _index(tokens, "roept")
    assert tokens[roept].lemma == "oproepen"
    assert tokens[_index(tokens, "op")].head == roept and tokens[_index(tokens, "op")].dep == "compound:prt"
    veroordeelt = _index(tokens, "veroordeelt")
    assert tokens[veroordeelt].lemma == "veroordelen" and tokens[veroordeelt].head == -1
    aanval = _index(tokens, "aanval")
    assert tokens[_index(tokens, "Nederland")].head == veroordeelt
    assert tokens[_index(tokens, "Nederland")].dep == "nsubj"
    assert tokens[aanval].head == veroordeelt and tokens[aanval].dep == "obj"
    rusland = _index(tokens, "Rusland", 1)
    assert tokens[rusland].head == aanval and tokens[rusland].dep == "nmod"
    assert tokens[_index(tokens, "schepen")].lemma == "schip"
    for i, token in enumerate(tokens):  # heads stay inside the sentence
        if token.head >= 0:
            assert tokens[token.head].sentence == token.sentence and token.head != i


@needs_parse_model
@pytest.mark.xfail(reason="the model hangs 'op' from 'zich' (case) and reads Iran as a subject", strict=True)
def test_fast_backend_joins_the_particle_before_a_reflexive_and_finds_the_object() -> None:
    tokens = backend("fast").analyse("De Europese Unie roept Iran op zich aan het akkoord te houden.").tokens
    roept = _index(tokens, "roept")
    assert tokens[roept].lemma == "oproepen"
    assert tokens[_index(tokens, "Unie")].head == roept and tokens[_index(tokens, "Unie")].dep == "nsubj"
    assert tokens[_index(tokens, "Iran")].head == roept and tokens[_index(tokens, "Iran")].dep == "obj"


@needs_parse_model
def test_fast_backend_parse_keeps_the_rule_based_sentences() -> None:
    text = "Het land sloot een akkoord met de VS. Daarna volgde niets. Dhr. Jansen zei dat het zo was."
    result = backend("fast").analyse(text)
    assert [text[s.start : s.end][:12] for s in result.sentences] == [
        "Het land slo",
        "Daarna volgd",
        "Dhr. Jansen ",
    ]
    assert sum(t.head == -1 for t in result.tokens) == len(result.sentences)


@needs_parse_model
def test_eval_parse_command_writes_the_scores(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kroniek.cli import app

    conllu = tmp_path / "tiny.conllu"
    conllu.write_text(CONLLU, encoding="utf-8")
    out = tmp_path / "parse.json"
    result = CliRunner().invoke(app, ["eval", "parse", "--conllu", str(conllu), "--json", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text("utf-8"))
    assert {"upos", "lemma", "uas", "las", "words_per_second"} <= scores.keys()
    assert scores["words"] == 9 and 0 <= scores["las"] <= scores["uas"] <= 1
    bad = CliRunner().invoke(app, ["eval", "parse", "--conllu", str(conllu), "--backend", "turbo"])
    assert bad.exit_code == 2 and "turbo" in bad.output
