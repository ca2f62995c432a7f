"""Evaluation harness: metrics on hand-made numbers, readers on tiny fixtures in each gold
format, and the pinned accuracy floors on the real gold sets (skipped when they are absent)."""

from __future__ import annotations

import gzip
import json
import math
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsevents.eval import SUITES, locate, run_suite
from newsevents.eval import _petrarch as petr
from newsevents.eval._run import StageRunner, text_stages
from newsevents.eval.clean import SegmentCounts, read_evaldata, read_html
from newsevents.eval.coding import (
    actor_root,
    extra_entries,
    plover_type,
    read_gsr,
    read_ngec,
    top_event,
)
from newsevents.eval.command import eval_cmd
from newsevents.eval.geo import GeoTally, geo_report, read_geo_xml, score_doc
from newsevents.eval.metrics import (
    Counts,
    classification,
    geo_auc,
    haversine_km,
    iob_spans,
    median,
    score_spans,
    score_spans_by_type,
    stride_subset,
    subset,
)
from newsevents.eval.ner import (
    char_to_tokens,
    detokenize,
    doc_text,
    predicted_spans,
    read_iob,
    run_ner,
)
from newsevents.eval.timex import TimexTally, read_timeml
from newsevents.eval.timex import score_doc as score_timex
from newsevents.lexicon import load_toml
from newsevents.records import (
    Actor,
    Article,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    RawDocument,
)
from newsevents.stages.actors import Actors

from .conftest import RESOURCES, SHARED

# ---------------------------------------------------------------- metrics


def test_counts_scores() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 3 / (6 + 1 + 2))
    assert Counts().f1 == 0.0 and Counts().precision == 0.0


def test_iob_spans_iob2_and_iob1() -> None:
    iob2 = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]
    assert iob_spans(iob2) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]
    iob1 = ["I-ORG", "I-ORG", "O", "I-LOC", "I-PER"]
    assert iob_spans(iob1) == [(0, 2, "ORG"), (3, 4, "LOC"), (4, 5, "PER")]
    assert iob_spans(["O", "O"]) == []


def test_score_spans_exact_match_and_by_type() -> None:
    gold = [(0, 2, "PER"), (3, 4, "LOC"), (5, 6, "ORG")]
    pred = [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC")]
    c = score_spans(gold, pred)
    assert (c.tp, c.fp, c.fn) == (1, 2, 2)
    by = score_spans_by_type(gold, pred, ["PER", "ORG", "LOC"])
    assert (by["PER"].tp, by["ORG"].fn, by["LOC"].fp, by["LOC"].fn) == (1, 1, 2, 1)


def test_haversine_known_distances() -> None:
    # London–Paris is about 344 km; one degree of latitude about 111.2 km.
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1.5)
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(10, 20, 10, 20) == 0.0


def test_geo_auc_bounds_and_shape() -> None:
    assert geo_auc([]) == 0.0
    assert geo_auc([0.0, 0.0, 0.0]) == 0.0
    assert geo_auc([20039.0, 20039.0]) == pytest.approx(1.0)
    # Two points 0 and max: the trapezoid is half the square.
    assert geo_auc([20039.0, 0.0]) == pytest.approx(0.5)
    assert geo_auc([100.0]) == pytest.approx(math.log(101) / math.log(20040))


def test_median() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 2.0, 3.0]) == 2.5
    assert median([]) == 0.0


def test_classification_macro_f1_counts_none_as_wrong() -> None:
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("B", "none")]
    per, macro, acc = classification(pairs, ["A", "B"])
    assert (per["A"].tp, per["A"].fn, per["A"].fp) == (1, 1, 0)
    assert (per["B"].tp, per["B"].fn, per["B"].fp) == (1, 1, 1)
    assert macro == pytest.approx((2 / 3 + 0.5) / 2)
    assert acc == 0.5


# ---------------------------------------------------------------- NER


def test_read_iob_conll_documents() -> None:
    docs = read_iob(RESOURCES / "eval_conll.txt")
    assert len(docs) == 2
    assert [len(d.sentences) for d in docs] == [2, 2]
    assert docs[0].sentences[0].tokens[:3] == ["EU", "rejects", "German"]
    spans = [iob_spans(s.tags) for s in docs[1].sentences]
    assert spans == [[(0, 1, "LOC")], [(1, 3, "ORG"), (9, 10, "MISC")]]


def test_read_iob_wikigold_iob1_keeps_hash_tokens() -> None:
    docs = read_iob(RESOURCES / "eval_wikigold.txt")
    assert len(docs) == 2
    first = docs[0].sentences[0]
    assert "#" in first.tokens
    # IOB1: "Tokyo Osaka" tagged I-LOC I-LOC is one span (no B- to split it).
    assert iob_spans(first.tags) == [(1, 4, "ORG"), (6, 8, "LOC")]


def test_read_iob_uner_maps_oth_and_b_o() -> None:
    docs = read_iob(RESOURCES / "eval_uner.iob2")
    assert [d.id for d in docs] == ["doc-a", "doc-b"]
    s = docs[0].sentences[0]
    assert s.tokens[3:5] == ["tampa", "bay"]
    assert iob_spans(s.tags) == [(3, 5, "LOC"), (6, 7, "PER")]
    assert iob_spans(docs[1].sentences[0].tags) == []  # B-OTH is not an entity here


def test_detokenize_and_offsets() -> None:
    tokens = ["He", "said", "(", "U.S.", ")", "it", "'s", "fine", ",", "$", "5", "."]
    text, offs = detokenize(tokens)
    assert text == "He said (U.S.) it's fine, $5."
    assert [text[s:e] for s, e in offs] == [
        "He", "said", "(", "U.S.", ")", "it", "'s", "fine", ",", "$", "5", "."]


def test_doc_text_global_token_indices() -> None:
    doc = read_iob(RESOURCES / "eval_conll.txt")[1]
    dt = doc_text(doc)
    assert dt.text.split("\n")[0] == "BRUSSELS 1996-08-22"
    assert dt.gold == {(0, 1, "LOC"), (3, 5, "ORG"), (11, 12, "MISC")}
    s, e = dt.offsets[3][0], dt.offsets[4][1]
    assert dt.text[s:e] == "European Commission"


def test_char_to_tokens() -> None:
    offs = [(0, 2), (3, 7), (8, 13)]
    assert char_to_tokens(offs, 3, 7) == (1, 2)
    assert char_to_tokens(offs, 3, 13) == (1, 3)
    assert char_to_tokens(offs, 4, 6) == (1, 2)  # inside a token: the whole token
    assert char_to_tokens(offs, 20, 25) is None


def _doc(text: str, actors: tuple[Actor, ...] = (), places: tuple[Place, ...] = ()) -> Document:
    return Document(raw=RawDocument(source="t", text=text),
                    article=Article(id="a", source="t", text=text), actors=actors, places=places)


def _m(text: str, full: str) -> Mention:
    i = full.index(text)
    return Mention(text, i, i + len(text))


def test_predicted_spans_types() -> None:
    t = ("President Vladimir Putin met Iranian officials in Moscow and the Kremlin; "
         "Iran and NATO spoke, the Israeli military struck Beirut.")
    actors = (
        Actor("person:vladimir-putin", "Vladimir Putin", "person", "RUS",
              mentions=(_m("President Vladimir Putin", t), _m("officials", t))),
        Actor("IRN", "Iran", "country", "IRN",
              mentions=(_m("Iranian", t), Mention("Iran", *_span("Iran and", t, 4)))),
        Actor("RUS", "Russia", "country", "RUS",
              mentions=(_m("Moscow", t), _m("the Kremlin", t))),
        Actor("igo:NATO", "NATO", "igo", mentions=(_m("NATO", t),)),
        Actor("ISR:MIL", "Israeli military", "group", "ISR", "MIL",
              mentions=(_m("Israeli military", t),)),
    )
    places = (Place("p1", "Beirut", "LBN", 33.9, 35.5, 276781, "city",
                    mentions=(_m("Beirut", t),)),
              Place("p2", "Moscow", "RUS", 55.7, 37.6, 524901, "city",
                    mentions=(_m("Moscow", t),)))
    got = {(t[s:e], typ) for s, e, typ in predicted_spans(_doc(t, actors, places))}
    assert got == {("Vladimir Putin", "PER"), ("Moscow", "LOC"), ("Kremlin", "LOC"),
                   ("Iran", "LOC"), ("NATO", "ORG"), ("Beirut", "LOC")}


def _span(needle: str, text: str, length: int) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + length


def test_run_ner_counts_on_fixture() -> None:
    rep = run_ner("conll", RESOURCES / "eval_conll.txt")
    assert rep.counts["documents"] == 2
    assert rep.counts["gold_entities"] == 4  # PER, ORG x2, LOC; MISC is not scored
    assert 0.0 <= rep.metrics["f1"] <= 1.0


# ---------------------------------------------------------------- geo


def test_read_lgl_schema() -> None:
    (doc,) = read_geo_xml(RESOURCES / "eval_lgl.xml")
    assert doc.id == "1"
    assert [t.name for t in doc.toponyms] == ["Paris", "Lyon", "Springfield"]
    assert doc.toponyms[0].lat == pytest.approx(48.85341)
    assert doc.toponyms[2].lat is None
    assert all(doc.text[t.start:t.end] == t.name for t in doc.toponyms)


def test_read_geovirus_schema_repairs_shifted_offsets() -> None:
    (doc,) = read_geo_xml(RESOURCES / "eval_geovirus.xml")
    assert [doc.text[t.start:t.end] for t in doc.toponyms] == ["Nairobi", "Kenya"]


def test_geo_scoring() -> None:
    (doc,) = read_geo_xml(RESOURCES / "eval_lgl.xml")
    tally = GeoTally()
    # Paris right, Lyon placed at Paris (about 392 km off), Springfield missed, one extra.
    places = [(13, 18, 48.85, 2.35), (23, 27, 48.85, 2.35), (0, 8, 1.0, 1.0)]
    score_doc(doc, places, tally)
    rep = geo_report("lgl", tally)
    assert rep.counts["gold_toponyms"] == 3 and rep.counts["gold_located"] == 2
    assert rep.metrics["recall"] == pytest.approx(2 / 3)
    assert rep.metrics["acc161"] == pytest.approx(0.5)
    assert rep.metrics["acc161_all"] == pytest.approx(0.5)
    assert rep.metrics["precision"] == pytest.approx(2 / 3)
    assert 380 < max(tally.errors_km) < 400


# ---------------------------------------------------------------- trafilatura


def test_read_evaldata_and_segments() -> None:
    pages = read_evaldata(RESOURCES / "eval_trafilatura")
    assert [p.url for p in pages] == ["https://example.org/about", "https://example.org/news/1"]
    assert pages[1].date == "2020-01-27" and pages[0].date is None
    assert "council approved" in read_html(pages[1].file)
    seg = SegmentCounts()
    seg.add_page(pages[1].with_, pages[1].without,
                 "The  council approved\nthe new budget. Cookie settings")
    seg.add_page(pages[0].with_, pages[0].without, None)
    assert (seg.tp, seg.fn, seg.fp, seg.tn) == (1, 2, 1, 2)
    s = seg.scores()
    assert s["precision"] == 0.5 and s["recall"] == pytest.approx(1 / 3)
    assert s["accuracy"] == pytest.approx(3 / 6)


# ---------------------------------------------------------------- tempeval


def test_read_timeml_offsets_and_dct() -> None:
    doc = read_timeml(RESOURCES / "eval_timeml" / "doc1.tml")
    assert doc.id == "TEST001" and doc.dct == date(1998, 8, 7)
    assert [(doc.text[t.start:t.end], t.value) for t in doc.timexes] == [
        ("Friday", "1998-08-07"), ("this month", "1998-08"), ("two weeks", "P2W")]
    assert "exploded" in doc.text and "<" not in doc.text


def test_timex_scoring_relaxed_one_to_one() -> None:
    doc = read_timeml(RESOURCES / "eval_timeml" / "doc1.tml")
    f, m = doc.timexes[0], doc.timexes[1]
    pred = [(f.start, f.end, "1998-08-07"), (m.start + 5, m.end, "1998-07"),
            (f.start, f.end, "1998-08-07"), (0, 3, None)]
    tally = TimexTally()
    score_timex(doc.timexes, pred, tally)
    assert (tally.extent.tp, tally.extent.fp, tally.extent.fn) == (2, 2, 1)
    assert (tally.value.tp, tally.value.fp, tally.value.fn) == (1, 3, 2)


# ---------------------------------------------------------------- coding


def test_plover_type_from_cameo() -> None:
    assert plover_type("064") == "COOPERATE"
    assert plover_type("032") == "AGREE"
    assert plover_type("0841") == "RETREAT"
    assert plover_type("083") == "CONCEDE"
    assert plover_type("190") == "ASSAULT"
    assert plover_type("1011") == "REQUEST"  # a CAMEO sub-code (demand economic cooperation)
    # PETRARCH's pattern-test codes are no CAMEO codes, whatever their prefix ("BREAK [1717]").
    assert plover_type("174K") is None
    assert plover_type("1717") is None
    assert plover_type("010") is None  # public statements have no PLOVER event
    assert plover_type("903") is None  # validation-suite test code


def test_read_petrarch_records() -> None:
    recs = petr.read_records(RESOURCES / "eval_petrarch" / "records.xml")
    assert recs.actor_file == "PETR.Validate.actors.txt"
    assert [s.id for s in recs.sentences] == ["DEMO-00", "DEMO-02", "NULL-01", "SELF-01"]
    s0 = recs.sentences[0]
    assert s0.date == date(1995, 1, 1)
    assert s0.text == "Arnor is about to restore full diplomatic ties with Gondor."
    assert s0.codings == [petr.Coding("ARN", "GON", "064")]
    assert len(recs.sentences[1].codings) == 2
    assert recs.sentences[2].noevents and not recs.sentences[2].codings
    # Self-closing <Sentence/>: its coding and text follow as siblings.
    assert recs.sentences[3].codings == [petr.Coding("ERI", "---", "903")]
    assert recs.sentences[3].text == "Eriador will abandon ties."


def test_weis_codebook() -> None:
    table = petr.weis_table()
    assert len(table) == 63  # McClelland's 22 cue categories, 63 codes
    assert {c[:2] for c in table} == {f"{i:02d}" for i in range(1, 23)}
    assert table["041"].type == "SUPPORT"  # praise, not CAMEO 041 telephone
    assert table["064"].type == "SUPPORT"
    assert table["122"].type == "ACCUSE" and table["160"].type == "THREATEN"
    assert table["212"].type == "COERCE" and table["212"].mode == "arrest"
    assert table["023"].type is None  # comments have no PLOVER event
    assert table["033"].reversed and not table["032"].reversed


def test_read_code_decides_the_system() -> None:
    s = petr.PetrSentence("x", None, "DEMO", "Pyongyang fired two shells at Seoul and praised it.")
    fire = petr.VerbBlock(forms={"FIRE", "FIRED"}, default={"194"})
    praise = petr.VerbBlock(forms={"PRAISE", "PRAISED"}, default={"041"})
    validation = {"FIRE": fire, "PRAISE": praise}
    cameo = {"FIRED": [petr.VerbBlock(forms={"FIRED"}, default={"190"})],
             "PRAISED": [petr.VerbBlock(forms={"PRAISED"}, default={"051"})]}
    verbs = (validation, cameo)
    # A WEIS code whose verb the CAMEO dictionary gives the same type: re-coded to CAMEO.
    assert petr.read_code(s, "194", plover_type, verbs) == petr.Reading("cameo", "ASSAULT")
    # A WEIS code the CAMEO dictionary disagrees with: WEIS, as the dictionary's header says.
    assert petr.read_code(s, "041", plover_type, verbs) == petr.Reading("weis", "SUPPORT")
    # Codes WEIS lacks are CAMEO; without verb dictionaries WEIS codes stay WEIS.
    assert petr.read_code(s, "1711", plover_type, verbs).system == "cameo"
    # A code in neither codebook is a PETRARCH test code: no PLOVER type, unscored.
    assert petr.read_code(s, "174K", plover_type, None) == petr.Reading("cameo", None)
    assert petr.read_code(s, "194", plover_type, None) == petr.Reading("weis", "SANCTION")
    assert petr.read_code(s, "033", plover_type, None) == petr.Reading("weis", "CONSULT", True)


def test_read_petrarch_dictionaries() -> None:
    d = RESOURCES / "eval_petrarch" / "dictionaries"
    actors = {e.phrases[0]: e for e in petr.read_dictionary(d / "PETR.Validate.actors.txt")}
    assert set(actors) == {"ARNOR", "GONDOR", "GOLLUM", "BOROMIR",
                           "INTERNATIONAL CRIMINAL POLICE ORGANIZATION"}
    assert actors["GONDOR"].phrases == ["GONDOR", "MINAS TIRITH", "ANORIEN"]
    g = actors["GOLLUM"]
    assert g.phrases == ["GOLLUM", "SMEAGOL"]
    assert g.code_on(date(1995, 1, 1)) == "HOB"
    assert g.code_on(date(1997, 1, 1)) == "HOBGOV"
    assert g.code_on(date(1999, 8, 15)) == "HOBGOV"
    assert g.code_on(date(2001, 1, 1)) == "HOBREB"
    assert actors["BOROMIR"].code_on(None) is None
    assert actors["INTERNATIONAL CRIMINAL POLICE ORGANIZATION"].code_on(None) == "IGOCOPITP"
    agents = petr.read_dictionary(d / "PETR.Validate.agents.txt")
    assert [(a.phrases[0], a.code_on(None)) for a in agents] == [
        ("FOREIGN MINISTER", "~GOVFRM"), ("POLICE", "~COP")]


def test_petrarch_dictionary_to_actor_entries() -> None:
    d = RESOURCES / "eval_petrarch" / "dictionaries"
    actors = petr.read_dictionary(d / "PETR.Validate.actors.txt")
    agents = petr.read_dictionary(d / "PETR.Validate.agents.txt")
    extras, root_of = extra_entries(actors, agents, date(1997, 1, 1))
    by_id = {e.id: e for e in extras}
    assert by_id["GON"].patterns == ("GONDOR", "MINAS TIRITH", "ANORIEN")
    assert by_id["GON"].kind == "country" and by_id["GON"].country == "GON"
    gollum = by_id["HOB:GOV"]  # the code in force in 1997
    assert (gollum.kind, gollum.country, gollum.sector) == ("group", "HOB", "GOV")
    assert by_id["igo:COPITP"].kind == "igo" and root_of["igo:COPITP"] == "IGO"
    assert "BOROMIR" not in {p for e in extras for p in e.patterns}  # null code: not coded
    police = next(e for e in extras if e.patterns == ("POLICE",))
    assert (police.kind, police.country, police.sector) == ("group", None, "COP")
    # The actors stage takes them: Arnor and Gondor become actors with their codes as ids.
    runner = StageRunner([*text_stages(["sentences"]), Actors(extra_entries=extras)])
    out = runner.on_text("Arnor restored full diplomatic ties with Gondor.", "t")
    assert {a.id for a in out.actors} >= {"ARN", "GON"}


def test_actor_roots() -> None:
    assert petr.code_root("ARNGOV") == "ARN"
    assert petr.split_code("ISRMIL") == ("ISR", "MIL")
    assert actor_root(None, "ISR:MIL") == "ISR"
    assert actor_root(None, "IRN") == "IRN"
    assert actor_root(None, "igo:BRICS") == "IGO"
    person = Actor("person:x", "X", "person", country="RUS")
    assert actor_root(person, "person:x") == "RUS"


def _event(type_: str, conf: float) -> Event:
    return Event(id=type_, type=type_, mode=None, cameo="", quad_class=0, goldstein=0.0,
                 source=(), target=(), modality="asserted", evidence=Evidence("", 0, 0),
                 trigger=Mention("", 0, 0), confidence=conf)


def test_top_event_and_stride() -> None:
    assert top_event([]) is None
    e = top_event([_event("A", 0.5), _event("B", 0.9), _event("C", 0.9)])
    assert e is not None and e.type == "B"
    assert stride_subset(10, 3) == [0, 3, 6]
    assert stride_subset(3, None) == [0, 1, 2]
    assert subset(["a", "b", "c", "d"], 2) == ["a", "c"]


def test_read_ngec_uses_filled_headline() -> None:
    stories = read_ngec(RESOURCES / "eval_ngec.csv")
    assert [(s.title, s.label, s.mode) for s in stories] == [
        ("Teachers Strike in Chad", "PROTEST", "STRIKE"), ("Ministers Meet", "CONSULT", None)]


def test_read_gsr_shape() -> None:
    recs = read_gsr(RESOURCES / "eval_gsr.json")
    assert [(r.id, r.event, r.sources, r.targets) for r in recs] == [
        ("r1", "REQUEST", ("IRQ",), ("KWT",)), ("r2", "AGREE", ("IGOUNO",), ())]


# ---------------------------------------------------------------- registry and command


def test_registry_and_absent_data(tmp_path: Path) -> None:
    assert {"conll", "lgl", "geovirus", "trafilatura", "tempeval", "petrarch", "ngec",
            "plover-gsr"} <= set(SUITES)
    rep = run_suite("conll", tmp_path)
    assert rep.skipped and "valid.txt" in rep.skipped
    with pytest.raises(KeyError):
        run_suite("nope", tmp_path)


def test_locate_accepts_root_or_folder(tmp_path: Path) -> None:
    folder = tmp_path / "geoparse-lgl"
    folder.mkdir()
    (folder / "lgl.xml").write_text("<articles/>", encoding="utf-8")
    assert locate(SUITES["lgl"], tmp_path) == folder
    assert locate(SUITES["lgl"], folder) == folder


def test_eval_command_json_and_errors(tmp_path: Path) -> None:
    app = typer.Typer()
    app.command()(eval_cmd)
    runner = CliRunner()
    res = runner.invoke(app, ["all", "--data", str(tmp_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert {r["suite"] for r in out["suites"]} == set(SUITES)
    # modality reads its cases from the package, so it runs without any --data
    assert all(r["skipped"] for r in out["suites"] if r["suite"] != "modality")
    assert runner.invoke(app, ["bogus", "--data", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["conll", "--data", str(tmp_path / "none")]).exit_code == 2
    assert runner.invoke(app, ["conll", "--data", str(tmp_path)]).exit_code == 1


def test_suite_runners_on_fixtures(tmp_path: Path) -> None:
    """Every runner end to end on the fixtures, laid out as in ../shared/data: the counts
    depend only on the gold files, the scores are whatever the pipeline does today."""
    root = tmp_path / "data"
    shutil.copytree(RESOURCES / "eval_petrarch", root / "petrarch2-validation")
    (root / "petrarch2-validation" / "records.xml").rename(
        root / "petrarch2-validation" / "PETR.UnitTest.records.xml")
    shutil.copytree(RESOURCES / "eval_trafilatura", root / "trafilatura-eval")
    shutil.copytree(RESOURCES / "eval_timeml", root / "tempeval3-timeml" / "TBAQ-cleaned")
    (root / "geoparse-geovirus").mkdir()
    shutil.copy(RESOURCES / "eval_geovirus.xml", root / "geoparse-geovirus" / "GeoVirus.xml")
    (root / "plover-gsr-cameo").mkdir()
    shutil.copy(RESOURCES / "eval_gsr.json", root / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json")
    (root / "ngec-synthetic-plover").mkdir()
    with gzip.open(root / "ngec-synthetic-plover" / SUITES["ngec"].probe, "wb") as f:
        f.write((RESOURCES / "eval_ngec.csv").read_bytes())
    expect = {
        "petrarch": ("codings_scored", 3),  # 903 is a test code without a PLOVER type
        "trafilatura": ("with_segments", 3),
        "tempeval": ("gold_timexes", 3),
        "geovirus": ("gold_toponyms", 2),
        "plover-gsr": ("records", 2),
        "ngec": ("stories", 2),
    }
    for name, (count, n) in expect.items():
        rep = run_suite(name, root)
        assert rep.skipped is None, name
        assert rep.counts[count] == n, (name, rep.counts)
        assert all(0.0 <= v <= 1.0 for k, v in rep.metrics.items() if "km" not in k), name
    assert run_suite("lgl", root).skipped


def test_petrarch_suite_reports_both_readings(tmp_path: Path) -> None:
    folder = tmp_path / "petrarch2-validation"
    shutil.copytree(RESOURCES / "eval_petrarch", folder)
    (folder / "records.xml").rename(folder / "PETR.UnitTest.records.xml")
    rep = run_suite("petrarch", tmp_path)
    # 064 (restore ties) and 032/033 (visit, host) read as WEIS; 903 stays an unscored CAMEO code
    assert rep.counts["codings_scored_weis"] == 3, rep.counts
    assert (rep.counts["codings_read_weis"], rep.counts["codings_read_cameo"]) == (3, 1)
    assert {"coding_accuracy", "coding_accuracy_weis", "source_accuracy_weis"} <= set(rep.metrics)
    # "Arnor is about to restore full diplomatic ties with Gondor": SUPPORT ARN -> GON is right
    # in the WEIS reading (064 grant relations) and wrong in the CAMEO one (064 share intelligence)
    assert rep.metrics["coding_accuracy_weis"] > rep.metrics["coding_accuracy"]


# ---------------------------------------------------------------- pinned floors


FLOORS = load_toml("eval_floors.toml")


@pytest.mark.parametrize("suite", sorted(FLOORS["suites"]))
def test_accuracy_floor(suite: str) -> None:
    """Each suite, on its pinned subset, scores at least its floor minus the noise epsilon."""
    spec = FLOORS["suites"][suite]
    data = SHARED / "data"
    if locate(SUITES[suite], data) is None:
        pytest.skip(f"{data / SUITES[suite].folder} is absent (gold sets live in ../shared/data)")
    rep = run_suite(suite, data, spec.get("limit"))
    assert not rep.skipped
    eps = FLOORS["epsilon"]
    low = {m: (rep.metrics[m], f) for m, f in spec["floors"].items() if rep.metrics[m] < f - eps}
    assert not low, f"{suite} below its floors (measured, floor): {low}; notes: {rep.notes}"
    # Lower-is-better metrics (geocoding AUC) have ceilings instead.
    high = {m: (rep.metrics[m], c) for m, c in spec.get("ceilings", {}).items()
            if rep.metrics[m] > c + eps}
    assert not high, f"{suite} above its ceilings (measured, ceiling): {high}"


def test_floors_file_is_consistent() -> None:
    assert 0 < FLOORS["epsilon"] <= 0.05
    for name, spec in FLOORS["suites"].items():
        assert name in SUITES
        assert spec["floors"], f"{name} pins no metric"
        for v in spec["floors"].values():
            assert 0.0 <= v <= 1.0


def test_floors_toml_parses_standalone() -> None:
    path = Path(__file__).resolve().parent.parent / "src/newsevents/data/eval_floors.toml"
    with path.open("rb") as f:
        assert tomllib.load(f)["epsilon"] == FLOORS["epsilon"]


def test_petrarch_quoted_side_matches_our_mention_with_the_same_head() -> None:
    from newsevents.eval.coding import _side_matches, np_head

    assert np_head('"CHAIR OF THE BOARD ANNA BERG"') == "chair"
    assert np_head('"THE SECRETARY OF STATE"') == "secretary"
    assert np_head('"RIVERTON MAYOR JOHN SMITH"') == "smith"
    # Our side's roots and the heads of its actors' mentions ("np:" + head).
    ours = {"ABC", "np:smith"}
    assert _side_matches('"RIVERTON MAYOR JOHN SMITH"', ours)
    assert not _side_matches('"RIVERTON MAYOR JANE DOE"', ours)
    # A null-coded side still needs a side without roots; heads alone do not count as one.
    assert _side_matches("---", {"np:crowd"})
    assert not _side_matches("---", {"ABC", "np:smith"})


def test_petrarch_meeting_stands_for_both_directions_a_visit_keeps_its_own() -> None:
    """PLOVER codes both parties of a meeting as actors, PETRARCH writes one coding each way:
    our A->B meeting is scored as both; a visit has a visitor and a host and keeps its side."""
    from newsevents.eval._run import StageRunner, text_stages
    from newsevents.eval.coding import _event_sides

    runner = StageRunner(text_stages())
    met = runner.on_text("France's foreign minister met German officials in Paris on Monday.", "m")
    pairs = {(frozenset(s - {r for r in s if r.startswith("np:")}),
              frozenset(t - {r for r in t if r.startswith("np:")}))
             for e, s, t in _event_sides(met, {}) if e.type == "CONSULT"}
    assert pairs == {(frozenset({"FRA"}), frozenset({"DEU"})),
                     (frozenset({"DEU"}), frozenset({"FRA"}))}
    visit = runner.on_text("The French president visited Germany on Monday.", "v")
    sides = [(e.cameo, s & {"FRA", "DEU"}, t & {"FRA", "DEU"})
             for e, s, t in _event_sides(visit, {})]
    assert sides == [("042", {"FRA"}, {"DEU"})]
