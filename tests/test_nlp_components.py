"""The extractor's stages are spaCy components writing typed Doc extensions."""

from __future__ import annotations

from diplograph.models import Article
from diplograph.nlp import Extractor
from diplograph.nlp.components import SENTENCES_SLOT, STAGES, Mentions, Persons

TEXT = (
    "Minister of Foreign Affairs of Norway Espen Barth Eide met with the Ambassador of "
    "Japan in Oslo on 3 May 2024. The sides discussed trade."
)


def test_nlp_components_write_what_the_next_stage_reads() -> None:
    extractor = Extractor()
    assert extractor.nlp.pipe_names[-len(STAGES) :] == list(STAGES)
    doc = extractor.nlp(TEXT)  # a Doc made from text alone: an article with no metadata
    assert [s.text for s in doc._.sentences][-1] == "The sides discussed trade."
    assert isinstance(doc._.mentions, Mentions)
    assert {m.key for m in doc._.mentions.found} == {"NOR", "JPN"}
    assert isinstance(doc._.persons, Persons)
    assert [p.name for p in doc._.persons.records] == ["Espen Barth Eide"]
    assert [(e.type, e.topics) for e in doc._.events] == [("MEETING", ("trade",))]
    article = Article(source="test", index=0, text=TEXT, published="2024-05-04")
    assert extractor.extract(article).events == tuple(doc._.events)


def test_nlp_components_registered_once() -> None:
    first, second = Extractor(), Extractor()
    assert first.nlp.pipe_names == second.nlp.pipe_names


def test_nlp_components_slots_are_the_doc_extensions() -> None:
    extractor = Extractor()
    doc = extractor.nlp("The minister met the Ambassador of Japan.")
    assert SENTENCES_SLOT.get(doc) is doc._.sentences
    doc._.sentences = []
    assert SENTENCES_SLOT.get(doc) == []


def test_listing_page_keeps_the_item_its_title_names() -> None:
    from diplograph.models import Article
    from diplograph.nlp import Extractor

    text = (
        "Minister Alda Verro met Foreign Minister Tomas Quell of Chile\n\n"
        "The Minister of Foreign Affairs of Finland, Alda Verro, met Foreign Minister "
        "Tomas Quell of Chile today. The two ministers discussed trade [ Read More ]\n\n"
        "Statement on the flood\n\n"
        "President Ivo Brand of Finland expressed condolences to Chile over the flood "
        "[ Read More ]\n"
    )
    title = "Minister Alda Verro met Foreign Minister Tomas Quell of Chile"
    out = Extractor().extract(Article(source="x", index=0, text=text, title=title))
    assert [e.type for e in out.events] == ["MEETING"]
    assert "Ivo Brand" not in {p.name for p in out.persons}
    # the same items under a page titled as the list: both are its content
    listing = "Press releases\n-\nMinister met counterpart\n" + text.split("\n\n", 1)[1]
    listing = listing.replace("Statement on the flood", "Condolences over the flood")
    out = Extractor().extract(Article(source="x", index=0, text=listing, title="Press releases"))
    assert {e.type for e in out.events} == {"MEETING", "SYMPATHY"}


def test_navigation_before_the_title_line_is_no_content() -> None:
    from diplograph.models import Article
    from diplograph.nlp import Extractor

    text = (
        "Minister to attend the Summit of the Southern League\n\n"
        "Minister receives envoy of Chile\n\n"
        "Foreign Minister Alda Verro of Finland received Ambassador Tomas Quell of Chile.\n"
    )
    out = Extractor().extract(
        Article(source="x", index=0, text=text, title="Minister receives envoy of Chile")
    )
    assert [e.type for e in out.events] == ["MEETING"]
    # a title line that closes the article leaves the text before it alone
    closing = text.split("\n\n", 2)[2] + "Minister receives envoy of Chile\n"
    out = Extractor().extract(
        Article(source="x", index=0, text=closing, title="Minister receives envoy of Chile")
    )
    assert [e.type for e in out.events] == ["MEETING"]


def test_tokenizer_without_white_space_exceptions_cuts_the_same_tokens() -> None:
    """The white-space special cases are dropped (they stop spaCy caching the words after
    the first line break); every token, its offset, spacing and norm stay as they were."""
    nlp = Extractor().nlp
    text = (
        "MINISTRY OF FOREIGN AFFAIRS\n\nAstana,\t3 May 2024 \u2014 Mr. Baimukhan met\n"
        "the U.S.-Morocco delegation\u00a0 (Dr. Ts.Enkhjargal)\r\n\n\tand H.E. Ana.\n"
    )
    assert not [t for t in nlp.tokenizer.rules if t.isspace() and t != "\u00a0"]
    restored = nlp.tokenizer.rules
    for white in (" ", "\n", "\t"):
        restored[white] = [{"ORTH": white}]

    def cut(tokenizer: object) -> list[tuple[str, int, str, str]]:
        assert callable(tokenizer)
        return [(t.text, t.idx, t.whitespace_, t.norm_) for t in tokenizer(text)]

    ours = cut(nlp.tokenizer)
    spacy_default = nlp.tokenizer.__class__(
        nlp.vocab,
        rules=restored,
        prefix_search=nlp.tokenizer.prefix_search,
        suffix_search=nlp.tokenizer.suffix_search,
        infix_finditer=nlp.tokenizer.infix_finditer,
        token_match=nlp.tokenizer.token_match,
        url_match=nlp.tokenizer.url_match,
    )
    assert ours == cut(spacy_default)
    assert ("\n\n", 27, "", "\n\n") in ours and ("Mr.", 50, " ", "mr.") in ours
