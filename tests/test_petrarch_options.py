"""PETRARCH's new_actor_length option, read per record: records it decides are not scored
(invented records in the validation format)."""

from __future__ import annotations

from pathlib import Path

from newsevents.eval import _petrarch as petr

RECORDS = """<Validation><Sentences>
<Config option="new_actor_length" value="4"></Config>
<Sentence date="20200101" id="A-1" category="ACTOR" sentence="true">
<EventCoding sourcecode='"THE HARBOUR GUILD OF TYR"' targetcode="GON" eventcode="040"></EventCoding>
<Text>The Harbour Guild of Tyr met Gondor.</Text>
</Sentence>
<Config option="require_dyad" value="true"></Config>
<Config option="new_actor_length" value="3"></Config>
<Sentence date="20200101" id="A-2" category="ACTOR" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>The Harbour Guild of
Tyr met Gondor.</Text>
</Sentence>
<Sentence date="20200101" id="A-3" category="ACTOR" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Gondor slept.</Text>
</Sentence>
<Sentence date="20200101" id="A-4" category="ACTOR" sentence="true">
<EventCoding sourcecode='"THE HARBOUR GUILD"' targetcode="GON" eventcode="040"></EventCoding>
<EventCoding sourcecode='"THE OLD HARBOUR GUILD"' targetcode="GON" eventcode="040"></EventCoding>
<Text>The Harbour Guild met Gondor.</Text>
</Sentence>
</Sentences></Validation>
"""


def _records(tmp_path: Path) -> petr.PetrRecords:
    path = tmp_path / "recs.xml"
    path.write_text(RECORDS, encoding="utf-8")
    return petr.read_records(path)


def test_each_record_reads_the_option_in_force(tmp_path: Path) -> None:
    recs = _records(tmp_path)
    assert [s.new_actor_length for s in recs.sentences] == [4, 3, 3, 3]


def test_a_no_event_record_the_option_decides_is_unscored(tmp_path: Path) -> None:
    # A-2's text is coded in A-1 only with a 5-word new actor, which length 3 forbids; A-3's
    # text is coded nowhere, so its no-event expectation is about the sentence.
    assert petr.option_decided(_records(tmp_path).sentences) == {"A-2"}


def test_a_coding_beyond_the_length_in_force_is_unscored(tmp_path: Path) -> None:
    recs = _records(tmp_path)
    a1, a4 = recs.sentences[0], recs.sentences[3]
    assert petr.beyond_new_actor_length(a1, a1.codings[0])  # 5 words under 4
    assert [petr.beyond_new_actor_length(a4, c) for c in a4.codings] == [False, True]
    assert petr.quoted_words('"THE OLD HARBOUR GUILD"') == 4
    assert petr.quoted_words("GONGOV") == 0
