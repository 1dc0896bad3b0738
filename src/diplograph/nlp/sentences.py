"""The spaCy pipeline (blank English, or a trained model when one is installed) and the
sentence boundaries of press-release text: full stops, blank lines, headlines on a line
of their own, but not the hard line wraps some sites put inside a sentence."""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Mapping, Sequence
from typing import Any

from diplograph.models import fold
from diplograph.nlp.records import Sentence

COMPONENT = "diplograph_sentences"
TERMINAL = frozenset({".", "!", "?", "…"})
CLOSING = frozenset({'"', "”", "»", "’", "'", ")"})
TWO_LETTER_ABBREVIATION = re.compile(r"[A-Z][a-z]\.")  # "Dr.", "Mr.", "St."
JOINING_ENDS = frozenset({",", "-", "–", "—", "’s", "'s", "(", "&"})

_registered = False


def register_components() -> None:
    """Register the sentence component with spaCy, once, when a pipeline is first built."""
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.component(COMPONENT, func=mark_sentences)
    _registered = True


def build_nlp(settings: Mapping[str, Any], abbreviations: Sequence[str]) -> tuple[Any, bool]:
    """A spaCy pipeline and whether it carries a trained NER (``settings['model']``); the
    blank pipeline keeps ``abbreviations`` ("Hon.", from ``words.json``) one token each."""
    import spacy

    register_components()
    model = settings.get("model")
    if model:
        try:
            nlp = spacy.load(str(model), exclude=["lemmatizer", "textcat"])
        except (OSError, ImportError, ValueError):
            nlp = None
        if nlp is not None:
            first = "parser" if "parser" in nlp.pipe_names else None
            nlp.add_pipe(COMPONENT, before=first) if first else nlp.add_pipe(COMPONENT)
            return nlp, "ner" in nlp.pipe_names
    nlp = spacy.blank("en")
    add_abbreviations(nlp, abbreviations)
    split_dotted_compounds(nlp, abbreviations)
    drop_white_space_exceptions(nlp)
    nlp.add_pipe(COMPONENT)
    return nlp, False


def split_dotted_compounds(nlp: Any, abbreviations: Sequence[str]) -> None:
    """ "U.S.-Morocco": a hyphen after an abbreviation's full stop joins two names, as
    "Chile-Peru" does (spaCy splits hyphens between letters only). "Ts.Enkhjargal": a name
    glued to an initial of two letters stays one word, as "D.Solongo" does; an abbreviation
    ("Dr.", "St.") is still cut off."""
    from spacy.util import compile_infix_regex

    known = [*nlp.Defaults.tokenizer_exceptions, *abbreviations]
    dotted = sorted({a[:2] for a in known if TWO_LETTER_ABBREVIATION.fullmatch(a)})
    guard = rf"(?<!^(?!{'|'.join(dotted) or '$'})[A-Z][a-z])"
    infixes = [
        *(keep_glued_initial(x, guard) for x in nlp.Defaults.infixes),
        r"(?<=[A-Z]\.)-(?=[A-Z])",
    ]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def drop_white_space_exceptions(nlp: Any) -> None:
    """Drop the tokenizer's special cases that are white space kept as it is ("\\n", "\\t"):
    such a run is one token without them too. spaCy stops caching the words of a text after
    the first special case it meets there (its guard for spaCy issue #1250), and these make
    every line break one: with them, nearly every word of a page is split afresh on every
    read, which costs several times the tokenizer's time."""
    from spacy.attrs import ORTH

    tokenizer = nlp.tokenizer
    kept = {
        text: tokens
        for text, tokens in tokenizer.rules.items()
        if not (text.isspace() and all(token.keys() == {ORTH} for token in tokens))
    }
    if len(kept) < len(tokenizer.rules):
        tokenizer.rules = kept


def keep_glued_initial(infix: str, guard: str) -> str:
    """spaCy's rule that splits a full stop between a small and a capital letter, with
    ``guard`` before it: no split after an initial of two letters opening the word."""
    if infix.startswith("(?<=[a-z") and "\\.(?=" in infix:
        return guard + infix
    return infix


def add_abbreviations(nlp: Any, abbreviations: Sequence[str]) -> None:
    """Keep honorific abbreviations ("Hon.", "Amb.") one token, so no sentence ends there."""
    for text in abbreviations:
        nlp.tokenizer.add_special_case(text, [{"ORTH": text}])


FINAL_SIGMA = "\u03a3"  # capital sigma: lower-cased to a final or a medial form by context


class Tokens:
    """The texts, offsets and white-space flags of a Doc's tokens, read once as plain lists
    (a spaCy ``Token`` object per look-up costs more than the rules themselves), with the
    text they were cut from (``doc.text`` is joined from the tokens on every call)."""

    def __init__(self, doc: Any, text: str) -> None:
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        rows = doc.to_array([IDX, LENGTH, IS_SPACE])
        self.source = text
        self.idx: list[int] = rows[:, 0].tolist()
        ends: list[int] = (rows[:, 0] + rows[:, 1]).tolist()
        self.text = [text[i:j] for i, j in zip(self.idx, ends, strict=True)]
        self.space: list[bool] = rows[:, 2].astype(bool).tolist()
        self.marked: list[int] | None = None  # the sentence starts ``mark_sentences`` set
        self.starts: list[int] | None = None  # the same, once the sentence list knows they stand
        lowered = text.lower()  # spaCy's LOWER is str.lower() of each token
        if len(lowered) == len(text) and (text.isascii() or FINAL_SIGMA not in text):
            # every character lower-cased to one, none by its neighbours (a final sigma
            # is the one case of str.lower() that looks at them): cut the lower-cased text
            self.lower = [lowered[i:j] for i, j in zip(self.idx, ends, strict=True)]
        else:
            self.lower = [t.lower() for t in self.text]

    def end(self, i: int) -> int:
        """The character offset just after token ``i``."""
        return self.idx[i] + len(self.text[i])

    def span(self, a: int, b: int) -> str:
        """The text of tokens ``a..b``, as ``doc[a:b].text`` gives it."""
        return self.source[self.idx[a] : self.end(b - 1)] if a < b else ""

    def trailing(self, i: int) -> bool:
        """Whether a space follows token ``i`` (spaCy's ``whitespace_``)."""
        after = self.idx[i + 1] if i + 1 < len(self.idx) else len(self.source)
        return self.end(i) < after


USER_KEY = "diplograph_tokens"
ENDINGS = TERMINAL | CLOSING  # a word after which a sentence can start


def make_doc(nlp: Any, text: str) -> Any:
    """``nlp.make_doc(text)``, with the token lists cut from ``text`` before the components
    run (``doc.text`` is joined from the tokens on every call)."""
    doc = nlp.make_doc(text)
    doc.user_data[USER_KEY] = Tokens(doc, text)
    return doc


_last: tuple[Any, Any] = (None, None)  # the doc asked for last and its lists (one tuple: threads)


def tokens_of(doc: Any) -> Tokens:
    """The plain token lists of ``doc``, read once and kept with it (and, for the doc asked
    for last, here too: the stages ask tens of thousands of times per corpus)."""
    global _last
    last_doc, last_tokens = _last
    if last_doc is doc and len(last_tokens.idx) == len(doc):
        return last_tokens  # type: ignore[no-any-return]
    data = doc.user_data
    tokens = data.get(USER_KEY)
    if tokens is None or len(tokens.idx) != len(doc):
        tokens = data[USER_KEY] = Tokens(doc, doc.text)
    _last = (doc, tokens)
    return tokens  # type: ignore[no-any-return]


def mark_sentences(doc: Any) -> Any:
    """Set ``is_sent_start`` on every token of ``doc``."""
    if not len(doc):
        return doc
    import numpy
    from spacy.attrs import SENT_START

    tokens = tokens_of(doc)
    text = tokens.source
    wrapped = is_wrapped(text)
    # only a token after a space token (a line break) or after a full stop or closing
    # quote can open a sentence: the others are not asked
    words = tokens.text[:-1]
    after = map(operator.or_, tokens.space, map(ENDINGS.__contains__, words))
    asked = list(itertools.compress(range(1, len(words) + 1), after))  # picked in C
    starts = [0] + [i for i in asked if starts_sentence(tokens, text, i, wrapped)]
    flags = numpy.full(len(doc), -1, dtype="int64")
    flags[starts] = 1
    doc.from_array([SENT_START], flags.astype("uint64"))
    tokens.marked = starts
    return doc


def is_wrapped(text: str) -> bool:
    """Whether the text is hard-wrapped: most single line breaks fall inside sentences."""
    lines = [line.strip() for line in text.split("\n")]
    inner = [line for line, nxt in itertools.pairwise(lines) if line and nxt and len(line) > 40]
    if len(inner) < 3:
        return False
    open_ended = sum(1 for line in inner if not line.endswith((".", "!", "?", '"', "”", ":")))
    return open_ended / len(inner) >= 0.5


def previous_word(tokens: Tokens, i: int) -> int:
    """Index of the last non-space token before ``i`` (-1 when none)."""
    j = i - 1
    while j >= 0 and tokens.space[j]:
        j -= 1
    return j


def starts_sentence(tokens: Tokens, text: str, i: int, wrapped: bool = False) -> bool:
    """Whether token ``i`` opens a sentence."""
    if tokens.space[i]:
        return False
    j = previous_word(tokens, i)
    if j < 0:
        return False
    gap = text[tokens.end(j) : tokens.idx[i]]
    if "\n" in gap:
        return newline_breaks(tokens, text, j, i, gap, wrapped)
    return after_terminal(tokens, j) and not tokens.text[i][:1].islower()


def after_terminal(tokens: Tokens, j: int) -> bool:
    """Whether token ``j`` ends a sentence (a full stop, possibly inside a closing quote)."""
    text = tokens.text[j]
    if text in TERMINAL:
        return True
    return text in CLOSING and j > 0 and tokens.text[j - 1] in TERMINAL


def newline_breaks(tokens: Tokens, text: str, j: int, i: int, gap: str, wrapped: bool) -> bool:
    """Whether a line break between tokens ``j`` and ``i`` is a sentence break: always
    after a full stop or a blank line; in hard-wrapped text only after a headline-like
    line; elsewhere unless the sentence plainly runs on (lower-case start, trailing comma)."""
    if gap.count("\n") > 1 or after_terminal(tokens, j) or tokens.text[j] in {":", ";"}:
        return True
    before, after = tokens.text[j], tokens.text[i]
    if after[:1].islower() or before in JOINING_ENDS:
        return False
    if not wrapped:
        return True
    if before[:1].islower():
        return False
    line = text[text.rfind("\n", 0, tokens.idx[j]) + 1 : tokens.idx[j] + len(before)]
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) <= 4:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised / len(words) >= 0.6


def sentences_of(doc: Any) -> list[Sentence]:
    """The sentences of ``doc``, trimmed of surrounding white space."""
    import numpy
    from spacy.attrs import SENT_START

    if not len(doc):
        return []
    tokens = tokens_of(doc)
    full = tokens.source
    if tokens.starts is not None:
        bounds = [*tokens.starts, len(doc)]
    else:
        flags = doc.to_array([SENT_START]).astype("int64")
        flags[0] = 1
        bounds = [*numpy.flatnonzero(flags == 1).tolist(), len(doc)]
    out: list[Sentence] = []
    for start, end in itertools.pairwise(bounds):
        while start < end and tokens.space[start]:
            start += 1
        while end > start and tokens.space[end - 1]:
            end -= 1
        if start == end:
            continue
        char_start, char_end = tokens.idx[start], tokens.end(end - 1)
        out.append(Sentence(len(out), start, end, char_start, char_end, full[char_start:char_end]))
    return out


SECTION_CHARS = 40  # a "Related news" line is short
HEAD_SENTENCES = 6  # where a page's title line stands, after its navigation
HEADLINE_ENDS = frozenset(".!?…:;,]") | CLOSING


def drop_teasers(
    sentences: list[Sentence],
    prefixes: tuple[str, ...],
    title: str = "",
    read_more: tuple[str, ...] = (),
    sections: frozenset[str] = frozenset(),
) -> list[Sentence]:
    """The sentences without teasers of other articles, renumbered: "READ ALSO: ..." lines,
    the headlines under a "Related news" line (``sections``, folded) and, on a page listing
    several articles each cut off by a "Read more" link, every item but the one the page's
    title names (a page titled as the list itself keeps them all)."""
    kept = [s for s in sentences if not s.text.startswith(prefixes)]
    if sections:
        kept = without_sections(kept, sections)
    folded = fold(title)
    if folded:
        kept = own_item(kept, folded, read_more)
    if len(kept) == len(sentences):
        return kept  # numbered as they are
    return [
        Sentence(i, s.start, s.end, s.char_start, s.char_end, s.text) for i, s in enumerate(kept)
    ]


def without_sections(sentences: list[Sentence], sections: frozenset[str]) -> list[Sentence]:
    """The sentences but a "Related news" / "Other news" line and the headlines under it
    (lines of no running text, "12 March 2025 - Minister to travel to Geneva"), up to the
    next sentence of running text."""
    kept: list[Sentence] = []
    teasers = False
    for s in sentences:
        head = s.text[: SECTION_CHARS + 1].split("\n", 1)[0]  # a list may follow at once
        if len(head) <= SECTION_CHARS and fold(head.rstrip(": ")) in sections:
            teasers = True
            continue
        teasers = teasers and is_headline(s)
        if not teasers:
            kept.append(s)
    return kept


def own_item(sentences: list[Sentence], title: str, read_more: tuple[str, ...]) -> list[Sentence]:
    """On a listing page, the item that the page's ``title`` (folded) heads, to the end of
    its "Read more" link; every sentence elsewhere."""
    if not read_more:
        return sentences
    lowered = (s.text.lower() for s in sentences)
    ends = [i for i, text in enumerate(lowered) if any(m in text for m in read_more)]
    if len(ends) < 2:
        return sentences
    start = 0
    for end in ends:
        item = sentences[start:end]
        if any(is_title(s, title) for s in item):
            if any(
                is_headline(s) and len(s.text.split()) > 2 and not is_title(s, title) for s in item
            ):
                break  # the title heads the list, and each item has a headline of its own
            return sentences[start : end + 1]
        start = end + 1
    return sentences  # a page titled as the list: every item is its content


def title_line(sentences: Sequence[Sentence], title: str) -> int:
    """Where the line that repeats the page's ``title`` (folded) stands when only headlines
    (a site's name, navigation, links to other news) stand before it; else -1."""
    for i, sentence in enumerate(sentences[:HEAD_SENTENCES]):
        if is_title(sentence, title):
            return i
        if not is_headline(sentence):
            return -1
    return -1


def is_title(sentence: Sentence, title: str) -> bool:
    """Whether a sentence is the page's title line."""
    return len(sentence.text) <= 2 * len(title) + 8 and fold(sentence.text) == title


def is_headline(sentence: Sentence) -> bool:
    """A line that is no sentence of running text: no full stop or other end mark."""
    return sentence.text.rstrip()[-1:] not in HEADLINE_ENDS
