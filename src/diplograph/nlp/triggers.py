"""The trigger Matcher: spaCy's token Matcher, run in Python over the plain token lists.

spaCy's Matcher starts every pattern on every token and calls a Python predicate for each
``{"IN": [...]}`` word list on each token; it was the slowest step of extraction. Every
trigger pattern opens with a word list, so ``TriggerMatcher`` starts a pattern only on one
of its first words (and only when the words the pattern requires stand within its reach),
tests words by set look-ups, and otherwise steps through the states as spaCy's
``find_matches`` does. It returns what ``Matcher(doc)`` returns, in the same order, which
``tests/test_nlp_triggers.py`` checks side by side; a pattern using what it does not
implement makes it fall back to spaCy's own Matcher.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from diplograph.nlp.lexicon import Memo
from diplograph.nlp.sentences import Tokens, tokens_of

# spaCy's quantifiers and the actions of its Matcher (spacy/matcher/matcher.pyx)
ONE, ZERO, ZERO_ONE, ZERO_PLUS = "1", "!", "?", "*"
QUANTIFIERS: dict[str | None, tuple[str, ...]] = {
    None: (ONE,),
    "1": (ONE,),
    "!": (ZERO,),
    "?": (ZERO_ONE,),
    "*": (ZERO_PLUS,),
    "+": (ONE, ZERO_PLUS),
}
FLAGS = ("IS_ALPHA", "IS_PUNCT", "IS_SPACE", "IS_TITLE")
REJECT, MATCH, ADVANCE, MATCH_EXTEND, MATCH_REJECT, MATCH_DOUBLE = 0, 1, 2, 3, 4, 5
RETRY, RETRY_ADVANCE, RETRY_EXTEND = 6, 7, 8  # the actions that try the next step too
# (quantifier, last step?) -> (action when the token fails the step, when it passes)
ACTIONS = {
    (ONE, True): (REJECT, MATCH),
    (ONE, False): (REJECT, ADVANCE),
    (ZERO, True): (MATCH, REJECT),
    (ZERO, False): (ADVANCE, REJECT),
    (ZERO_PLUS, True): (MATCH_REJECT, MATCH_EXTEND),
    (ZERO_PLUS, False): (RETRY, RETRY_EXTEND),
    (ZERO_ONE, True): (MATCH_REJECT, MATCH_DOUBLE),
    (ZERO_ONE, False): (RETRY, RETRY_ADVANCE),
}

Check = tuple[str, str, Any]  # (attribute, "==" / "in" / "not in", value)
# one step's test on one token: (which of its lower-case / text / white-space values it
# reads, the function answering for that value, the step's two actions)
Probe = tuple[int, Callable[[Any], bool], tuple[int, int]]
LOWER_VALUE, TEXT_VALUE, SPACE_VALUE = 0, 1, 2
State = tuple[int, int, int, int]  # (pattern, step, start, length)
Found = tuple[int, int, int]  # (pattern, start, length)


@dataclass(frozen=True)
class Step:
    """One token of a compiled pattern: its quantifier, the checks a token must pass, and
    what the Matcher does when a token fails or passes them (spaCy's ``get_action``)."""

    quantifier: str
    checks: tuple[Check, ...]
    actions: tuple[int, int] = (REJECT, REJECT)


class TriggerMatcher:
    """A greedy-longest token Matcher over named patterns, matching as spaCy's does."""

    def __init__(self, vocab: Any, patterns: Sequence[tuple[str, list[dict[str, Any]]]]) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.matcher = Matcher(vocab)  # the reference, and the fallback
        self.flags: dict[str, Callable[[str], Any]] = {
            flag: vocab.lex_attr_getters[IDS[flag]] for flag in FLAGS
        }
        self.keys: list[int] = []
        self.steps: list[list[Step]] = []
        self.probes: list[list[Probe]] = []  # each step's checks as one test
        self.memos: list[Memo] = []  # the answers per word of the steps that keep them
        self.by_word: dict[str, list[int]] = {}  # first word -> patterns that start there
        self.anywhere: list[int] = []  # patterns that can start on any token
        self.starts: dict[str, list[int]] = {}  # first word -> all that start there, kept
        # a pattern without '*': how many tokens a match spans at most, and the word lists
        # of its required tokens after the first (each must stand within that span)
        self.reach: list[int | None] = []
        self.needs: list[list[frozenset[str]]] = []
        self.exact = True
        for name, pattern in patterns:
            self.matcher.add(name, [pattern], greedy="LONGEST")
            steps = compile_pattern(pattern)
            self.exact = self.exact and steps is not None
            self.learn(vocab.strings[name], steps or [])

    def learn(self, key: int, steps: list[Step]) -> None:
        """Add one compiled pattern: where it can start, how far it reaches, what it needs."""
        number = len(self.steps)
        self.keys.append(key)
        self.steps.append(steps)
        self.probes.append([(*self.probe_of(step.checks), step.actions) for step in steps])
        words = first_words(steps[0]) if steps else None
        if words is None:
            self.anywhere.append(number)
        for word in words or ():
            self.by_word.setdefault(word, []).append(number)
        unbounded = any(step.quantifier == ZERO_PLUS for step in steps)
        self.reach.append(None if unbounded else len(steps))
        needs = [required_words(step) for step in steps[1:] if step.quantifier == ONE]
        self.needs.append([] if unbounded else [w for w in needs if w is not None])

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` as ``Matcher(doc)`` gives them, in the same order."""
        if not self.exact:
            return list(self.matcher(doc))
        for memo in self.memos:
            memo.trim()
        by_key: dict[int, list[tuple[int, int]]] = {}
        for key, start, end in self.find_matches(tokens_of(doc)):
            by_key.setdefault(key, []).append((start, end))
        out: list[tuple[int, int, int]] = []
        for key, pairs in by_key.items():  # keys in order of their first match, as spaCy
            taken: set[int] = set()
            for start, end in sorted(pairs, key=lambda p: (p[0] - p[1], p[0])):
                if taken.isdisjoint(range(start, end)):
                    out.append((key, start, end))
                    taken.update(range(start, end))
        return out

    def find_matches(self, tokens: Tokens) -> list[tuple[int, int, int]]:
        """Every ``(key, start, end)`` once, in the order spaCy's ``find_matches`` finds them."""
        found: list[Found] = []
        states: list[State] = []
        lower = tokens.lower
        if self.anywhere:
            opening: Sequence[int] = range(len(lower))
        else:
            opening = list(compress(range(len(lower)), map(self.by_word.__contains__, lower)))
        # where nothing is open and nothing can start, spaCy's states all fail: skip ahead
        i, next_opening = 0, 0
        while states or next_opening < len(opening):
            if not states:
                i = opening[next_opening]
            elif i == len(lower):
                break
            opened: list[State] = []
            if next_opening < len(opening) and opening[next_opening] == i:
                opened = self.opened(lower, i)
                next_opening += 1
            states = self.transition(states + opened, tokens, i, found)
            i += 1
        self.finish(states, found)
        seen: set[tuple[int, int, int]] = set()
        out: list[tuple[int, int, int]] = []
        for p, start, length in found:
            match = (self.keys[p], start, start + length)
            if length > 0 and match not in seen:
                seen.add(match)
                out.append(match)
        return out

    def starting(self, word: str) -> list[int]:
        """The patterns that can start on ``word``, in the order they were added."""
        if not self.anywhere:
            return self.by_word.get(word, [])
        numbers = self.starts.get(word)
        if numbers is None:
            numbers = sorted(self.by_word.get(word, []) + self.anywhere)
            if len(self.starts) < 10_000:  # words are unbounded; keep the cache small
                self.starts[word] = numbers
        return numbers

    def opened(self, lower: list[str], i: int) -> list[State]:
        """The states started on token ``i``: each pattern that can start there and can
        match at all, the words it requires standing within its reach. A state that can
        never match changes nothing spaCy finds, so it is not started ("had", "held" open
        many that go nowhere)."""
        out: list[State] = []
        windows: dict[int, set[str]] = {}  # reach -> the words within it
        for p in self.starting(lower[i]):
            reach, needs = self.reach[p], self.needs[p]
            if reach is not None and needs:
                window = windows.get(reach)
                if window is None:
                    window = windows[reach] = set(lower[i + 1 : i + reach])
                if any(map(window.isdisjoint, needs)):  # a required word is missing
                    continue
            out.append((p, 0, i, 0))
        return out

    def transition(
        self, states: list[State], tokens: Tokens, i: int, found: list[Found]
    ) -> list[State]:
        """Move every state over token ``i`` (spaCy's ``transition_states``)."""
        kept: list[State] = []
        added: list[State] = []
        values = (tokens.lower[i], tokens.text[i], tokens.space[i])
        for p, s, start, length in states:
            probes = self.probes[p]
            source, test, actions = probes[s]
            action = actions[test(values[source])]
            while action >= RETRY:
                if action == RETRY_EXTEND:
                    added.append((p, s, start, length + 1))
                elif action == RETRY_ADVANCE:
                    added.append((p, s + 1, start, length + 1))
                s += 1
                source, test, actions = probes[s]
                action = actions[test(values[source])]
            if action == ADVANCE:
                kept.append((p, s + 1, start, length + 1))
            elif action == MATCH:
                found.append((p, start, length + 1))
            elif action == MATCH_DOUBLE:
                if length > 0:
                    found.append((p, start, length))
                found.append((p, start, length + 1))
            elif action in (MATCH_REJECT, MATCH_EXTEND):
                found.append((p, start, length))
                if action == MATCH_EXTEND:
                    kept.append((p, s, start, length + 1))
        # two paths to one state (".?.?" over one word) go on alike: spaCy follows both and
        # finds each of their matches twice, then drops the second; one path finds the same
        if added:
            kept += added
        return list(dict.fromkeys(kept)) if len(kept) > 1 else kept

    def finish(self, states: list[State], found: list[Found]) -> None:
        """The matches of states still open at the end of the text (``finish_states``)."""
        for p, s, start, length in states:
            steps = self.steps[p]
            while steps[s].quantifier in (ZERO_PLUS, ZERO_ONE):
                if s + 1 == len(steps):
                    found.append((p, start, length))
                    break
                s += 1

    def probe_of(self, checks: tuple[Check, ...]) -> tuple[int, Callable[[Any], bool]]:
        """One test of all ``checks`` of a step, on the one value of the token it reads: a
        set or string look-up where it can be one."""
        from spacy.lang.lex_attrs import is_alpha

        if len(checks) == 1:
            attr, op, value = checks[0]
            source = {"LOWER": LOWER_VALUE, "ORTH": TEXT_VALUE}.get(attr)
            if source is not None and op == "in":
                return source, value.__contains__
            if source is not None and op == "==":
                return source, value.__eq__
            if attr == "IS_SPACE" and isinstance(value, bool):
                # the Doc's own IS_SPACE flags: what spaCy's Matcher reads
                return SPACE_VALUE, value.__eq__
            if attr == "IS_ALPHA" and value is True and self.flags[attr] is is_alpha:
                return TEXT_VALUE, str.isalpha  # what the vocabulary's getter calls
        # any other step: its answer for a word, kept per word (spaCy's LOWER is the
        # word's str.lower(), and the flags are the vocabulary's getters of the word)
        tests = [self.test_one(check) for check in checks]
        memo = Memo(lambda text: all(test(text, text.lower()) for test in tests))
        self.memos.append(memo)
        return TEXT_VALUE, memo.__getitem__

    def test_one(self, check: Check) -> Callable[[str, str], bool]:
        """A function testing a word (its text and lower case) against one check."""
        attr, op, value = check
        if attr in FLAGS:
            flag = self.flags[attr]  # the vocabulary's own, as its lexemes were made with
            return lambda text, lower: bool(flag(text)) == value
        if attr == "LOWER":
            if op == "==":
                return lambda text, lower: lower == value
            if op == "in":
                return lambda text, lower: lower in value
            return lambda text, lower: lower not in value
        if op == "==":
            return lambda text, lower: text == value
        if op == "in":
            return lambda text, lower: text in value
        return lambda text, lower: text not in value


def compile_pattern(pattern: list[dict[str, Any]]) -> list[Step] | None:
    """The steps of a token pattern, or None when it uses what this matcher lacks."""
    plain: list[tuple[str, tuple[Check, ...]]] = []
    for token in pattern:
        quantifiers = QUANTIFIERS.get(token.get("OP"))
        checks = compile_token(token)
        if quantifiers is None or checks is None:
            return None
        plain += [(quantifier, checks) for quantifier in quantifiers]
    last = len(plain) - 1
    steps = [Step(q, checks, ACTIONS[q, n == last]) for n, (q, checks) in enumerate(plain)]
    return steps or None


def compile_token(token: dict[str, Any]) -> tuple[Check, ...] | None:
    """The checks of one pattern token: strings and word lists of LOWER and ORTH, and the
    IS_ALPHA, IS_PUNCT, IS_SPACE and IS_TITLE flags; None for anything else."""
    checks: list[Check] = []
    for attr, value in token.items():
        if attr == "OP":
            continue
        plain = isinstance(value, bool) if attr in FLAGS else isinstance(value, str)
        if plain and attr in {*FLAGS, "LOWER", "ORTH"}:
            checks.append((attr, "==", value))
        elif attr in {"LOWER", "ORTH"} and isinstance(value, dict) and len(value) == 1:
            op, words = next(iter(value.items()))
            if op not in {"IN", "NOT_IN"} or not all(isinstance(w, str) for w in words):
                return None
            checks.append((attr, "in" if op == "IN" else "not in", frozenset(words)))
        else:
            return None
    return tuple(checks)


def required_words(step: Step) -> frozenset[str] | None:
    """The lower-case words a token must be one of to pass ``step``, when it says."""
    for attr, op, value in step.checks:
        if attr == "LOWER" and op in {"==", "in"}:
            return frozenset({value}) if op == "==" else frozenset(value)
        if attr == "ORTH" and op == "==":  # its lower-case form: a look-up key, not the test
            return frozenset({value.lower()})
    return None


def first_words(step: Step) -> frozenset[str] | None:
    """The lower-case words a pattern can start on, when its first step names them."""
    if step.quantifier != ONE or len(step.checks) != 1:
        return None
    return required_words(step)
