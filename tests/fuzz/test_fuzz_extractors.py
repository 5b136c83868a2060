"""Properties of the XML and plain-text extractors: any bytes end in a document or one of our errors, in time;
well-formed input is read without error and without losing its text.

Inputs at several depths: any bytes; bytes that the sniffer routes to the XML extractor (with hostile DOCTYPEs:
entity expansion, external entities, deep nesting); the real samples (``samples/*.xml``) mutated byte by byte;
the real samples mutated as trees (still well-formed: texts replaced, elements dropped, copied and wrapped,
comments and processing instructions added); open-rechtspraak documents generated from the elements the
extractor knows and some it does not; text in UTF-8 and Windows-1252. PDFs are out of scope here (bytes holding
``%PDF-`` are not drawn). Budget and longer campaigns: see :mod:`tests.fuzz`.
"""

from __future__ import annotations

import copy
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from lxml import etree

from archive.domain import RawDocument
from archive.errors import RulingsError
from archive.settings import Settings
from ingest.extract import extract_bytes, extract_file
from ingest.plain_text import extract_text
from ingest.rechtspraak_xml import RS, extract_rechtspraak_xml
from tests.fuzz.budget import deadline, fuzz
from tests.paths import REPO

SAMPLES = sorted((REPO / "samples").glob("*.xml"))
SETTINGS = Settings(ocr=False)
SECRET = "root:x:0:0"  # what an external entity pointing at /etc/passwd would leak


@lru_cache
def sample(i: int) -> bytes:
    return SAMPLES[i].read_bytes()


def extract_or_refuse(data: bytes) -> RawDocument | None:
    """The document, or ``None`` for one of our errors; any other exception, or a hang, fails the property."""
    try:
        with deadline(5):
            doc = extract_bytes(data, SETTINGS, name="fuzz")
    except RulingsError:
        return None
    assert doc.text.strip() and doc.pages, doc
    assert SECRET not in doc.text
    return doc


def _squeeze(text: str) -> str:
    return "".join(text.split())


# Any bytes ---------------------------------------------------------------------------------------------------

XML_HEADS = [b"", b"<?xml version='1.0' encoding='utf-8'?>\n", b"\xef\xbb\xbf\n <?xml version=\"1.0\"?>",
             b"<?xml version='1.0' encoding='latin-1'?>", b"<?xml version='1.0' encoding='nonsense'?>",
             b"<?xml version='1.0' encoding='utf-16'?>"]
DOCTYPES = [
    b"",
    b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;'
    b'&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>',
    b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
    b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">',
    b'<!DOCTYPE r [<!ENTITY loop "&loop;">]>',
]
ENTITY_REFS = [b"&x;", b"&e;", b"&loop;", b"&amp;", b"&#0;", b"&#x10FFFF;", b"&#xD800;", b"&undefined;"]
RS_OPEN = f'<open-rechtspraak><uitspraak xmlns="{RS}">'.encode()


def _xml_chunks() -> st.SearchStrategy[bytes]:
    tags = st.sampled_from([b"para", b"section", b"title", b"nr", b"parablock", b"paragroup", b"uitspraak",
                            b"inhoudsindicatie", b"rdf:RDF", b"x:y"])
    chunk = st.one_of(
        st.binary(max_size=20), st.text(max_size=20).map(str.encode), tags.map(lambda t: b"<" + t + b">"),
        tags.map(lambda t: b"</" + t + b">"), st.sampled_from(ENTITY_REFS), st.just(b"<![CDATA[x]]>"),
        st.just(b"<!-- c -->"), st.just(b"<?pi x?>"),
    )
    return st.lists(chunk, max_size=25).map(b"".join)


@st.composite
def xml_bytes(draw: st.DrawFn) -> bytes:
    """Bytes that start like rechtspraak XML (so the sniffer routes them to the XML extractor), then anything."""
    depth = draw(st.integers(0, 3000)) if draw(st.booleans()) else 0
    nest = draw(st.sampled_from([b"para", b"section", b"parablock"]))
    body = draw(_xml_chunks())
    closing = draw(st.sampled_from([b"", b"</uitspraak></open-rechtspraak>"]))
    head = draw(st.sampled_from(XML_HEADS)) + draw(st.sampled_from(DOCTYPES)) + RS_OPEN
    return head + (b"<" + nest + b">") * depth + body + (b"</" + nest + b">") * depth + closing


@fuzz(200)
@given(st.binary(max_size=3000) | st.text(max_size=500).map(str.encode))
def test_any_bytes_end_in_a_document_or_our_error(data: bytes) -> None:
    assume(b"%PDF-" not in data[:1024])
    extract_or_refuse(data)


@fuzz(150)
@given(xml_bytes())
def test_xml_shaped_bytes_end_in_a_document_or_our_error(data: bytes) -> None:
    extract_or_refuse(data)


@fuzz(10)
@given(st.binary(max_size=500) | xml_bytes())
def test_extract_file_reads_a_file_to_a_document_or_our_error(data: bytes) -> None:
    assume(b"%PDF-" not in data[:1024])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.xml"
        path.write_bytes(data)
        try:
            with deadline(5):
                extract_file(path, SETTINGS)
        except RulingsError:
            pass


# Real samples, mutated byte by byte ---------------------------------------------------------------------------


@st.composite
def mutated_samples(draw: st.DrawFn) -> bytes:
    data = bytearray(sample(draw(st.integers(0, len(SAMPLES) - 1))))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "truncate", "flip"]))
        i = draw(st.integers(0, len(data)))
        j = min(len(data), i + draw(st.integers(0, 200)))
        if op == "delete":
            del data[i:j]
        elif op == "insert":
            data[i:i] = draw(st.binary(max_size=40) | st.sampled_from(ENTITY_REFS + DOCTYPES))
        elif op == "replace":
            data[i:j] = draw(st.binary(max_size=40))
        elif op == "duplicate":
            data[i:i] = data[i:j]
        elif op == "truncate":
            del data[i:]
        elif data and i < len(data):
            data[i] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@fuzz(100)
@given(mutated_samples())
def test_mutated_samples_end_in_a_document_or_our_error(data: bytes) -> None:
    assume(b"%PDF-" not in data[:1024])
    extract_or_refuse(data)


# Well-formed input: read without error, text kept -------------------------------------------------------------

# Text an XML document can carry: no surrogates, no C0/C1 controls, no non-characters (U+FFFE, U+FFFF).
xml_text = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n\t \u00a0"),
                   max_size=40)
words = st.text(st.characters(exclude_categories=("Cs", "Cc", "Cn", "Z")), min_size=1, max_size=12)
LEAVES = ("para", "title", "bridgehead", "listitem", "entry", "nr")
CONTAINERS = ("section", "paragroup", "parablock", "orderedlist", "table", "unknownblock")
INLINE = ("emphasis", "sup", "unknowninline", "nr")
Node = tuple[str, Any]


def _leaf() -> st.SearchStrategy[Node]:
    piece = st.one_of(xml_text.map(lambda t: ("text", t)), words.map(lambda t: ("text", t)),
                      st.tuples(st.sampled_from(INLINE), xml_text), st.just(("comment", "c")),
                      st.just(("pi", "x")))
    return st.tuples(st.sampled_from(LEAVES), st.lists(piece, max_size=4))


def _container(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.tuples(st.sampled_from(CONTAINERS), st.lists(children, min_size=1, max_size=4))


nodes = st.recursive(_leaf(), _container, max_leaves=12)


def _el(tag: str, namespaced: bool) -> Any:
    return etree.Element(f"{{{RS}}}{tag}" if namespaced else tag)


def _build(node: Node, namespaced: bool, fragments: list[str]) -> Any:
    """An element for ``node``; the texts it puts inside leaf blocks go to ``fragments`` (what must come out)."""
    tag, content = node
    el = _el(tag, namespaced)
    if tag in LEAVES:
        last = el
        for kind, text in content:
            if kind == "text":
                if last is el:
                    el.text = (el.text or "") + text
                else:
                    last.tail = (last.tail or "") + text
            elif kind in ("comment", "pi"):
                last = etree.Comment(text) if kind == "comment" else etree.ProcessingInstruction("pi", text)
                el.append(last)
            else:
                last = etree.SubElement(el, f"{{{RS}}}{kind}" if namespaced else kind)
                last.text = text
            if kind not in ("comment", "pi"):
                fragments.append(text)
    else:
        el.text = "\n  "
        for child in content:
            el.append(_build(child, namespaced, fragments))
            el[-1].tail = "\n"
    return el


metadata = st.dictionaries(st.sampled_from(["identifier", "creator", "date", "issued", "subject", "type",
                                            "references", "unknown"]), xml_text, max_size=5)


@st.composite
def rechtspraak_documents(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """A well-formed open-rechtspraak document with at least one non-blank leaf block, and the texts of its leaf
    blocks."""
    root = etree.Element("open-rechtspraak")
    rdf = etree.SubElement(root, "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF")
    desc = etree.SubElement(rdf, "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
    for name, text in draw(metadata).items():
        etree.SubElement(desc, f"{{http://purl.org/dc/terms/}}{name}").text = text
    fragments: list[str] = []
    for part in draw(st.lists(st.sampled_from(["inhoudsindicatie", "uitspraak", "conclusie"]), min_size=1,
                              max_size=3, unique=True)):
        el = etree.SubElement(root, f"{{{RS}}}{part}")
        for node in draw(st.lists(nodes, min_size=1, max_size=4)):
            el.append(_build(node, draw(st.booleans()), fragments))
    assume(any(f.strip() for f in fragments))
    encoding = draw(st.sampled_from(["utf-8", "utf-16"]))
    return etree.tostring(root, xml_declaration=True, encoding=encoding), fragments


@fuzz(80)
@given(rechtspraak_documents())
def test_well_formed_documents_are_read_whole(document: tuple[bytes, list[str]]) -> None:
    data, fragments = document
    with deadline(5):
        doc = extract_rechtspraak_xml(data, "fuzz")
    text = _squeeze(doc.text)
    for fragment in fragments:
        assert _squeeze(fragment) in text, fragment


@st.composite
def sample_trees(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """A real sample changed as a tree (still well-formed), a leaf block with known text added, and the texts that
    must come out."""
    root = etree.fromstring(sample(draw(st.integers(0, len(SAMPLES) - 1))))
    parts = [p for p in root if isinstance(p.tag, str) and p.tag.startswith(f"{{{RS}}}")]
    inside = [e for p in parts for e in p.iter() if e is not p and isinstance(e.tag, str)]
    fragments: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        target = draw(st.sampled_from(inside))
        if target.getparent() is None:  # dropped by an earlier step
            continue
        op = draw(st.sampled_from(["text", "drop", "copy", "wrap", "comment", "pi"]))
        if op == "text":
            target.text = draw(xml_text)
        elif op == "drop" and target.getparent() is not None:
            target.getparent().remove(target)
        elif op == "copy":
            target.addnext(copy.deepcopy(target))
        elif op == "wrap":
            wrapper = _el(draw(st.sampled_from(CONTAINERS)), draw(st.booleans()))
            target.addprevious(wrapper)
            wrapper.append(target)
        elif op == "comment":
            target.append(etree.Comment(draw(xml_text).replace("--", "- -").rstrip("-")))
        else:
            target.append(etree.ProcessingInstruction("x", draw(xml_text).replace("?>", "? >")))
    marker = draw(words)
    last = _el(draw(st.sampled_from(LEAVES[:-1])), True)
    last.text = marker
    draw(st.sampled_from(parts)).append(last)
    fragments.append(marker)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8"), fragments


@fuzz(60)
@given(sample_trees())
def test_samples_changed_as_trees_are_read_whole(document: tuple[bytes, list[str]]) -> None:
    data, fragments = document
    with deadline(5):
        doc = extract_bytes(data, SETTINGS, name="fuzz.xml")
    assert doc.source_format == "rechtspraak-xml"
    for fragment in fragments:
        assert _squeeze(fragment) in _squeeze(doc.text), fragment


# Plain text -------------------------------------------------------------------------------------------------

_CONTROL_OK = "\n\r\t\f"
plain_chars = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(_CONTROL_OK)
plain_text = st.text(plain_chars, max_size=300).filter(lambda t: any(c.isalpha() for c in t))


@fuzz(150)
@given(st.binary(max_size=2000))
def test_any_bytes_are_text_or_our_error(data: bytes) -> None:
    try:
        with deadline(5):
            doc = extract_text(data, "fuzz")
    except RulingsError:
        return
    assert any(c.isalpha() for c in doc.text) and doc.source_format == "text"


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


@fuzz(100)
@given(plain_text, st.sampled_from([b"", b"\xef\xbb\xbf"]))
def test_utf8_text_is_read_whole(text: str, bom: bytes) -> None:
    assume(not text.startswith("\ufeff"))  # that is a byte-order mark, dropped on purpose
    with deadline(5):
        doc = extract_text(bom + text.encode("utf-8"), "fuzz")
    assert _words(doc.text) == _words(text)
    assert "\r" not in doc.text and "\f" not in doc.text


# Every printable character Windows-1252 encodes (its controls, like DEL, are no part of a readable text).
_CP1252 = "".join(c for c in (bytes([b]).decode("cp1252", errors="ignore") for b in range(0x20, 0x100))
                  if c and unicodedata.category(c) != "Cc")
cp1252_text = st.text(st.sampled_from(_CP1252 + "\n\t"), min_size=1, max_size=300)


@fuzz(100)
@given(cp1252_text)
def test_windows_1252_text_is_read_whole(text: str) -> None:
    data = text.encode("cp1252")
    assume(any(c.isalpha() for c in text) and re.search(rb"[\x80-\xff]", data))
    try:
        data.decode("utf-8")
        assume(False)  # bytes that are also valid UTF-8 are read as UTF-8, rightly
    except UnicodeDecodeError:
        pass
    with deadline(5):
        doc = extract_text(data, "fuzz")
    assert _words(doc.text) == _words(text)
