"""Finding a format's matches from its key words instead of trying its pattern at every position of the text.

Most rule patterns open with a cue ("gemachtigde", "advocaat-generaal", "m.nt.") written case-insensitively after a
word boundary. Python's ``re`` has no fast scan for such an opening: it starts the whole pattern at each of the
40,000 positions of a ruling, and a few dozen such scans were most of the anonymiser's time. Here the literal
openings every match must start with (its *keys*) are read from the pattern itself (its parse tree), looked up in
the text's sorted words (a key after a word boundary) or found with ``str.find``, and the pattern is matched only
there. The result is exactly ``pattern.finditer(text)``: a key is a necessary opening of every match, and the
pattern is matched, unchanged, at every position where a key occurs. A pattern without usable keys, or a text
where its keys are too common to gain anything, is scanned as before.

Per thread, the fold and word index of the last few texts are kept: the recognisers scan the same ruling one after
the other.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable
from re import _casefix  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_KEY_LIMIT = 6  # characters of a key: enough to be selective
_MAX_KEYS = 600  # the allow-list (insurers, bodies, countries, institutions, brands) has ~410
_MAX_FIND_KEYS = 40  # each is one str.find pass, ~16 µs on a ruling
_MAX_STEPS = 200_000  # a pattern whose openings branch more than this is scanned as before
_MAX_CLASS = 12  # a character class of more characters ends a key
_SPARSE = 24  # keyed only when there are fewer candidate positions than one per this many characters

# The fold both the keys and the text are compared in: lower case (as ``re`` compares case-insensitively, including
# the letters it treats as equal, "ı"/"i", "ſ"/"s"), and every white space character as a space, so that "\s" is a
# key character too. Same length as the text.
_FOLD = {c: " " for c in range(0x3001) if chr(c).isspace() and c != 0x20}  # none above U+3000 (test)
_FOLD[0x130] = "i"  # "İ": str.lower() makes two characters of it, re's simple lower case one
for _lower, _extra in _casefix._EXTRA_CASES.items():
    for _c in (_lower, *_extra):  # one of the letters re equates, a word character for a word character
        _FOLD.setdefault(_c, chr(min(e for e in (_lower, *_extra) if chr(e).isalnum() == chr(_c).isalnum())).lower())
_FOLD_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def fold(s: str) -> str:
    for c in set(_FOLD_CHARS.findall(s)):  # a few distinct characters ("\n", "\t"), each replaced in one pass
        s = s.replace(c, _FOLD[ord(c)])
    return s.lower()


def _fold_char(c: str, ignore_case: bool) -> set[str]:
    forms = {c, c.lower(), c.upper()} if ignore_case else {c}
    forms |= {chr(e) for f in list(forms) for e in _casefix._EXTRA_CASES.get(ord(f), ())} if ignore_case else set()
    return {f for x in forms if len(f := fold(x)) == 1}


class _Wide(Exception):
    pass


# The rest of a pattern still to match: a stack of frames (identity, items, next index, flags). Walks that reach
# the same prefix with the same rest are followed once.
_Frame = tuple[object, list[Any], int, int]


def _no_word_before(av: Any, flags: int) -> bool:
    """A negative lookbehind of one character that excludes a word character ("(?<![\\w.])")."""
    direction, items = av
    if direction != -1 or len(items) != 1 or items[0][0] is not sre.IN or flags & sre.SRE_FLAG_ASCII:
        return False
    members = items[0][1]
    return (sre.CATEGORY, sre.CATEGORY_WORD) in members and not any(kind is sre.NEGATE for kind, _ in members)


def _keys(rx: re.Pattern[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(keys at a word start, keys anywhere): literal openings, folded, one of which every match starts with; None
    when the pattern has no usable keys (it may open with a wide class, or match the empty string)."""
    parsed = sre_parse.parse(rx.pattern, rx.flags)
    found: set[tuple[str, bool]] = set()
    seen: set[tuple[object, ...]] = set()

    def emit(prefix: str, bounded: bool) -> None:
        # a key too short to be selective, or too many keys: not worth it, stop early
        if len(prefix) < (2 if bounded and _word_char(prefix[:1]) else 3) or \
                len(found) > 4 * _MAX_KEYS:
            raise _Wide
        found.add((prefix, bounded))

    def covered(prefix: str, bounded: bool) -> bool:
        """A key found already opens every match this walk can find."""
        return any((prefix[:i], False) in found or bounded and (prefix[:i], True) in found
                   for i in range(2, len(prefix) + 1))

    def walk(prefix: str, bounded: bool, stack: list[_Frame]) -> None:
        if covered(prefix, bounded):
            return
        if len(prefix) >= _KEY_LIMIT:
            emit(prefix, bounded)
            return
        while stack and stack[-1][2] >= len(stack[-1][1]):
            stack = stack[:-1]
        state = (prefix, bounded, *((f[0], f[2], f[3]) for f in stack))
        if state in seen:
            return
        seen.add(state)
        if len(seen) > _MAX_STEPS:
            raise _Wide
        if not stack:
            emit(prefix, bounded)  # the match may end here
            return
        ident, items, i, flags = stack[-1]
        rest = [*stack[:-1], (ident, items, i + 1, flags)]
        op, av = items[i]
        ignore_case = bool(flags & sre.SRE_FLAG_IGNORECASE)
        if op is sre.LITERAL:
            for c in _fold_char(chr(av), ignore_case):
                walk(prefix + c, bounded, rest)
        elif op is sre.IN:
            chars: set[str] = set()
            for kind, arg in av:
                if kind is sre.LITERAL:
                    chars |= _fold_char(chr(arg), ignore_case)
                elif kind is sre.RANGE and arg[1] - arg[0] < _MAX_CLASS:
                    for code in range(arg[0], arg[1] + 1):
                        chars |= _fold_char(chr(code), ignore_case)
                elif kind is sre.CATEGORY and arg is sre.CATEGORY_SPACE:
                    chars.add(" ")
                else:
                    emit(prefix, bounded)
                    return
            if len(chars) > _MAX_CLASS:
                emit(prefix, bounded)
                return
            for c in chars:
                walk(prefix + c, bounded, rest)
        elif op is sre.AT:
            start = av in (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
            walk(prefix, bounded or (not prefix and start and not flags & sre.SRE_FLAG_ASCII), rest)
        elif op is sre.ASSERT_NOT and not prefix and _no_word_before(av, flags):
            walk(prefix, True, rest)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            walk(prefix, bounded, rest)  # zero width: a key need not satisfy it
        elif op is sre.SUBPATTERN:
            _, add, remove, sub = av
            walk(prefix, bounded, [*rest, (id(sub), list(sub), 0, (flags | add) & ~remove)])
        elif op is sre.ATOMIC_GROUP:
            walk(prefix, bounded, [*rest, (id(av), list(av), 0, flags)])
        elif op is sre.BRANCH:
            for alternative in av[1]:
                walk(prefix, bounded, [*rest, (id(alternative), list(alternative), 0, flags)])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            if low == 0:
                walk(prefix, bounded, rest)
            if high != 0:
                again = (op, (max(low - 1, 0), high if high == sre.MAXREPEAT else high - 1, sub))
                walk(prefix, bounded, [*rest, (("repeat", op, *again[1][:2], id(sub)), [again], 0, flags),
                                       (id(sub), list(sub), 0, flags)])
        else:  # any character, a negated one, a back reference: the key ends here
            emit(prefix, bounded)

    try:
        walk("", False, [(id(parsed), list(parsed), 0, parsed.state.flags)])
    except _Wide:
        return None
    at_word: set[str] = set()
    anywhere: set[str] = set()
    for k, bounded in found:
        (at_word if bounded and _word_char(k[0]) else anywhere).add(k)
    at_word_keys, anywhere_keys = _shortest(at_word), _shortest(anywhere)
    # Each key found anywhere is one pass of str.find over the text; keys at a word start are looked up.
    if len(at_word_keys) > _MAX_KEYS or len(anywhere_keys) > _MAX_FIND_KEYS:
        return None
    return at_word_keys, anywhere_keys


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # re's \w


def _shortest(keys: set[str]) -> tuple[str, ...]:
    """Keys without those another key opens (its occurrences include theirs)."""
    out: list[str] = []
    for k in sorted(keys, key=len):
        if not any(k.startswith(o) for o in out):
            out.append(k)
    return tuple(out)


_KEYS: dict[re.Pattern[str], tuple[tuple[tuple[str, str], ...], tuple[str, ...]] | None] = {}


def _plan(rx: re.Pattern[str]) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]] | None:
    """The pattern's keys as looked up: (word, key) for the keys at a word start (the key opens a word when it is
    all word characters, else the word is its opening word and the key is checked), and the keys found anywhere."""
    if rx not in _KEYS:
        keys = _keys(rx)
        _KEYS[rx] = None if keys is None else (tuple(_word_and_key(k) for k in keys[0]), keys[1])
    return _KEYS[rx]


def _word_and_key(key: str) -> tuple[str, str]:
    """A key of word characters opens a word; else the word before its first other character is the whole word."""
    end = next((i for i, c in enumerate(key) if not _word_char(c)), len(key))
    return (key, "") if end == len(key) else (key[:end], key)


class _Text:
    """A text's fold and, built on first use, its words (folded) in sorted order with where each starts: the words
    a key opens are a range found by bisection. Two flat lists, not a list per word: the garbage collector's time
    grows with the containers made.

    The fold keeps every character a word character or not (``test_scan_equivalence`` checks all of Unicode), so
    texts with the same fold have the same words at the same places: a text and its capitals in name case
    (``persons.fold_caps``) share one index."""

    def __init__(self, text: str, low: str) -> None:
        self.text = text
        self.low = low
        self._words: list[str] | None = None
        self._starts: list[int] = []

    def index(self) -> tuple[list[str], list[int]]:
        if self._words is None:
            starts = [m.start() for m in _WORD_RUN.finditer(self.low)]
            words = _WORD_RUN.findall(self.low)
            order = sorted(range(len(words)), key=words.__getitem__)
            self._words = [words[i] for i in order]
            self._starts = [starts[i] for i in order]
        return self._words, self._starts

    def exact(self, word: str) -> list[int]:
        """Where the word ``word`` (folded) starts."""
        words, starts = self.index()
        lo = bisect.bisect_left(words, word)
        return starts[lo:bisect.bisect_right(words, word, lo)]

    def starts(self, word: str, key: str) -> list[int]:
        """Where a word starts that ``word`` opens (``key`` empty), or that is ``word`` with ``key`` at its start."""
        words, starts = self.index()
        lo = bisect.bisect_left(words, word)
        if key:
            hi = bisect.bisect_right(words, word, lo)
            return [p for p in starts[lo:hi] if self.low.startswith(key, p)]
        return starts[lo:bisect.bisect_left(words, word[:-1] + chr(ord(word[-1]) + 1), lo)]


_WORD_RUN = re.compile(r"\w+")
_LOCAL = threading.local()


def _text(text: str) -> _Text | None:
    cached: list[_Text] = getattr(_LOCAL, "texts", [])
    for t in cached:
        if t.text is text:
            return t
    low = fold(text)
    if len(low) != len(text):
        return None
    t = _Text(text, low)
    twin = next((c for c in cached if c.low == low), None)
    if twin is not None:
        t._words, t._starts = twin.index()
    _LOCAL.texts = [t, *cached[:3]]
    return t


def _candidates(rx: re.Pattern[str], text: str) -> list[int] | None:
    """Sorted positions where a match of ``rx`` can start, or None when scanning is as cheap."""
    plan = _plan(rx)
    if plan is None:
        return None
    t = _text(text)
    if t is None:
        return None
    at_word, anywhere = plan
    low = t.low
    limit = len(text) // _SPARSE + 1
    found: set[int] = set()
    for word, key in at_word:
        found.update(t.starts(word, key))
        if len(found) > limit:
            return None
    for k in anywhere:
        i = low.find(k)
        while i >= 0:
            found.add(i)
            i = low.find(k, i + 1)
        if len(found) > limit:
            return None
    return sorted(found)


def word_starts(text: str, words: Iterable[str]) -> list[int]:
    """Where a word of ``words`` (folded: lower case) starts in ``text``, the whole word."""
    t = _text(text)
    if t is None:
        wanted = set(words)
        return [m.start() for m in _WORD_RUN.finditer(text) if fold(m.group(0)) in wanted]
    return [p for w in words for p in t.exact(w)]


def finditer(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, found from the pattern's keys."""
    starts = _candidates(rx, text)
    return list(rx.finditer(text)) if starts is None else matches_from(rx, text, starts)


def matches_from(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> list[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, given positions that include every position where one can start:
    ``rx`` is matched there, in order, each match resuming after the one before."""
    out: list[re.Match[str]] = []
    end = 0
    for p in sorted(starts):
        if p >= end and (m := rx.match(text, p)):
            out.append(m)
            end = max(m.end(), p + 1)
    return out


def overlapping(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The matches of ``rx`` at every position where one starts (``search`` again one character after each
    match's start): a match may overlap the one before."""
    starts = _candidates(rx, text)
    if starts is None:
        out, pos = [], 0
        while (m := rx.search(text, pos)) is not None:
            out.append(m)
            pos = m.start() + 1
        return out
    return [m for p in starts if (m := rx.match(text, p))]
