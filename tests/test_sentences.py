from newsevents.stages.sentences import split


def test_abbreviations_do_not_split() -> None:
    text = "Louisiana Sen. Kennedy met U.S. officials on Monday. They talked.\nNew para here"
    sents = [s.text for s in split(text)]
    assert sents == [
        "Louisiana Sen. Kennedy met U.S. officials on Monday.",
        "They talked.",
        "New para here",
    ]


def test_offsets_index_into_text() -> None:
    text = "  First one.  Second “quoted.” Third!\n\n Fourth?"
    for s in split(text):
        assert text[s.start : s.end] == s.text
    assert len(split(text)) == 4
