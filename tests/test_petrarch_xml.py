"""PETRARCH/TABARI input files read as articles: one per <Sentence>, its date as publication date
(invented records in the format)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.pipeline import Failure
from newsevents.records import RawDocument
from newsevents.sources.files import read_inputs
from newsevents.sources.petrarch_xml import looks_like_petrarch, read_petrarch

RECORDS = b"""<!-- a comment before the root, as PETRARCH files have -->
<Sentences>
<Sentence date = "20140312" id ="REC_1" source = "AFP" sentence = "True">
<Text>
Gondor's foreign minister met his
counterpart from Rohan on Tuesday.
</Text>
<Parse>(ROOT (S (NP (NNP Gondor))))</Parse>
</Sentence>
<Sentence date="20140313" id="REC_2" sentence="True">
<Text>

</Text>
<Parse>(ROOT (S (NP (NNP Rohan) (POS 's) (NN army)) (VP (VBD shelled) (NP (NNP Osgiliath))
 (PP (IN on) (NP (NNP Monday))) (-LRB- -LRB-) (NP (NN update)) (-RRB- -RRB-)) (. .)))</Parse>
</Sentence>
<Sentence date="20140314" id="REC_3" sentence="True">
<Text>   </Text>
</Sentence>
</Sentences>
"""

SELF_CLOSING = b"""<Validation>
<Sentence date="20150609" id="SC_1" category="DEMO"/>
<EventCoding sourcecode="GON" targetcode="ROH" eventcode="040"/>
<Text>Gondor and Rohan held talks.</Text>
</Validation>
"""


def _docs(items: list[RawDocument | Failure]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def test_each_sentence_is_an_article_with_its_date() -> None:
    assert looks_like_petrarch(RECORDS)
    items = list(read_petrarch("in.xml", RECORDS))
    docs = _docs(items)
    assert [d.source for d in docs] == ["in.xml#REC_1", "in.xml#REC_2"]
    assert docs[0].text == "Gondor's foreign minister met his counterpart from Rohan on Tuesday."
    assert docs[0].published == "2014-03-12"
    # An empty <Text> with a parse: the sentence the parse spells.
    assert docs[1].text == "Rohan's army shelled Osgiliath on Monday (update)."
    assert docs[1].published == "2014-03-13"
    # No text and no parse: a failure naming the record, the batch goes on.
    (bad,) = [i for i in items if isinstance(i, Failure)]
    assert bad.source == "in.xml#REC_3" and "<Text>" in bad.message


def test_self_closing_records_take_the_following_text() -> None:
    (doc,) = _docs(list(read_petrarch("v.xml", SELF_CLOSING)))
    assert doc.source == "v.xml#SC_1" and doc.text == "Gondor and Rohan held talks."


def test_feeds_and_broken_files() -> None:
    assert not looks_like_petrarch(b"<?xml version='1.0'?><rss><channel></channel></rss>")
    with pytest.raises(InputError, match="not well-formed PETRARCH XML"):
        list(read_petrarch("x.xml", b"<Sentences><Sentence date='1' id='a'><Text>x</Sentences>"))
    with pytest.raises(InputError, match="no <Sentence> records"):
        list(read_petrarch("x.xml", b"<Sentences></Sentences>"))


def test_read_inputs_routes_petrarch_xml(tmp_path: Path) -> None:
    path = tmp_path / "records.xml"
    path.write_bytes(RECORDS)
    items = list(read_inputs([str(path)]))
    assert [d.published for d in _docs(items)] == ["2014-03-12", "2014-03-13"]
    assert sum(isinstance(i, Failure) for i in items) == 1
