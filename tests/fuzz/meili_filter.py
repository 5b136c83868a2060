"""A small reader of Meilisearch filter expressions, written from the server's grammar, for checking what we build.

Why a reader of our own: the property "no filter value escapes its quoting" needs an independent judge of where a
string literal starts and ends and what it decodes to. This follows Meilisearch's filter parser
(``crates/filter-parser``, v1.x): a quoted literal runs to the next quote not preceded by a backslash (a
backslash always takes the next character with it); a literal that contained an escaped quote has ``\\"``
replaced by ``"``, then backslash escapes are decoded (``\\\\`` -> ``\\``). :func:`quote` only ever produces
``\\\\`` and ``\\"``, so any other escape is reported as an error here rather than guessed at.

Outside literals only words (``[alnum _ - .]+``), operators, brackets, parentheses and commas may appear; the
grammar read is the subset our request builder may use::

    expr      = and_expr ("OR" and_expr)*
    and_expr  = not_expr ("AND" not_expr)*
    not_expr  = "NOT" not_expr | "(" expr ")" | condition
    condition = attribute ( op value | "IN" list | "NOT" "IN" list | "EXISTS" | "NOT" "EXISTS"
                          | "IS" ["NOT"] ("NULL" | "EMPTY") )
    list      = "[" value ("," value)* "]"
"""

from __future__ import annotations

from dataclasses import dataclass

KEYWORDS = frozenset({"AND", "OR", "IN", "NOT", "TO", "EXISTS", "IS", "NULL", "EMPTY", "CONTAINS", "STARTS", "WITH",
                      "_geoRadius", "_geoBoundingBox"})
COMPARISONS = ("!=", ">=", "<=", "=", ">", "<")
_ESCAPES = {"\\": "\\", '"': '"', "'": "'"}


class FilterSyntaxError(ValueError):
    """The expression is not one the server would read the way we mean it."""


@dataclass(frozen=True)
class Token:
    kind: str  # "string", "word", "op", "(", ")", "[", "]", ","
    text: str  # the value of a string literal (decoded), else the source text
    start: int


@dataclass(frozen=True)
class Literal:
    quoted: bool
    value: str


@dataclass(frozen=True)
class Condition:
    attribute: str
    operator: str  # a comparison, "IN", "NOT IN", "EXISTS", "NOT EXISTS", "IS NULL", ...
    values: tuple[Literal, ...]


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c in "_-."


def _decode(raw: str, quote_char: str, start: int) -> str:
    if f"\\{quote_char}" in raw:  # the server's first pass (a plain replace, as it does)
        raw = raw.replace(f"\\{quote_char}", quote_char)
    out: list[str] = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\":
            nxt = raw[i + 1] if i + 1 < len(raw) else ""
            if nxt not in _ESCAPES:
                raise FilterSyntaxError(f"escape \\{nxt!r} in the literal at {start}: not one quote() writes")
            out.append(_ESCAPES[nxt])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def tokenize(expression: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(expression)
    while i < n:
        c = expression[i]
        if c.isspace():
            i += 1
        elif c in "()[],":
            tokens.append(Token(c, c, i))
            i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and expression[j] != c:
                j += 2 if expression[j] == "\\" else 1
            if j >= n:
                raise FilterSyntaxError(f"string literal at {i} is not closed")
            tokens.append(Token("string", _decode(expression[i + 1:j], c, i), i))
            i = j + 1
        elif op := next((o for o in COMPARISONS if expression.startswith(o, i)), None):
            tokens.append(Token("op", op, i))
            i += len(op)
        elif _is_word_char(c):
            j = i
            while j < n and _is_word_char(expression[j]):
                j += 1
            tokens.append(Token("word", expression[i:j], i))
            i = j
        else:
            raise FilterSyntaxError(f"character {c!r} at {i} outside a string literal")
    return tokens


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.conditions: list[Condition] = []

    def peek(self, offset: int = 0) -> Token | None:
        i = self.pos + offset
        return self.tokens[i] if i < len(self.tokens) else None

    def is_word(self, word: str, offset: int = 0) -> bool:
        tok = self.peek(offset)
        return tok is not None and tok.kind == "word" and tok.text == word

    def take(self, kind: str, text: str | None = None) -> Token:
        tok = self.peek()
        if tok is None or tok.kind != kind or (text is not None and tok.text != text):
            found = "the end" if tok is None else f"{tok.text!r} at {tok.start}"
            raise FilterSyntaxError(f"expected {text or kind}, found {found}")
        self.pos += 1
        return tok

    def expr(self) -> None:
        self.and_expr()
        while self.is_word("OR"):
            self.pos += 1
            self.and_expr()

    def and_expr(self) -> None:
        self.not_expr()
        while self.is_word("AND"):
            self.pos += 1
            self.not_expr()

    def not_expr(self) -> None:
        if self.is_word("NOT"):
            self.pos += 1
            self.not_expr()
        elif (tok := self.peek()) is not None and tok.kind == "(":
            self.pos += 1
            self.expr()
            self.take(")")
        else:
            self.condition()

    def value(self) -> Literal:
        tok = self.peek()
        if tok is not None and tok.kind == "string":
            self.pos += 1
            return Literal(True, tok.text)
        if tok is not None and tok.kind == "word" and tok.text not in KEYWORDS:
            self.pos += 1
            return Literal(False, tok.text)
        raise FilterSyntaxError(f"expected a value, found {tok.text if tok else 'the end'!r}")

    def values(self) -> tuple[Literal, ...]:
        self.take("[")
        out = [self.value()]
        while (tok := self.peek()) is not None and tok.kind == ",":
            self.pos += 1
            out.append(self.value())
        self.take("]")
        return tuple(out)

    def condition(self) -> None:
        attr = self.take("word")
        if attr.text in KEYWORDS:
            raise FilterSyntaxError(f"keyword {attr.text} where an attribute belongs")
        tok = self.peek()
        if tok is not None and tok.kind == "op":
            self.pos += 1
            cond = Condition(attr.text, tok.text, (self.value(),))
        elif self.is_word("IN"):
            self.pos += 1
            cond = Condition(attr.text, "IN", self.values())
        elif self.is_word("NOT") and self.is_word("IN", 1):
            self.pos += 2
            cond = Condition(attr.text, "NOT IN", self.values())
        elif self.is_word("EXISTS") or (self.is_word("NOT") and self.is_word("EXISTS", 1)):
            negated = self.is_word("NOT")
            self.pos += 2 if negated else 1
            cond = Condition(attr.text, "NOT EXISTS" if negated else "EXISTS", ())
        elif self.is_word("IS"):
            self.pos += 1
            negated = self.is_word("NOT")
            self.pos += negated
            what = self.take("word").text
            if what not in ("NULL", "EMPTY"):
                raise FilterSyntaxError(f"IS {what}")
            cond = Condition(attr.text, f"IS {'NOT ' if negated else ''}{what}", ())
        else:
            raise FilterSyntaxError(f"no operator after attribute {attr.text!r}")
        self.conditions.append(cond)


def parse(expression: str) -> list[Condition]:
    """The conditions of ``expression`` in source order, or :class:`FilterSyntaxError`."""
    parser = _Parser(tokenize(expression))
    parser.expr()
    if parser.peek() is not None:
        tok = parser.peek()
        assert tok is not None
        raise FilterSyntaxError(f"unexpected {tok.text!r} at {tok.start} after a complete expression")
    return parser.conditions
