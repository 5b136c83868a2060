"""rechtspraak.nl open-data XML ("open-rechtspraak") to a :class:`RawDocument`.

Structured RDF fields (ECLI, court, dates, case numbers, rechtsgebied, procedure, law references) go into
``format_metadata``. Free text (inhoudsindicatie, uitspraak or conclusie) goes into ``text`` so that it passes
through anonymisation like every other text; section titles (``<title>``, ``<bridgehead>``, numbered headings)
are kept as their own paragraphs so the structure parser can find them.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from archive.domain import Page, RawDocument
from archive.errors import CorruptDocumentError, EmptyDocumentError, UnsupportedFormatError

RS = "http://www.rechtspraak.nl/schema/rechtspraak-1.0"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcterms": "http://purl.org/dc/terms/",
    "psi": "http://psi.rechtspraak.nl/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rs": RS,
}
_TEXT_PARTS = (("inhoudsindicatie", "Inhoudsindicatie"), ("uitspraak", "Uitspraak"), ("conclusie", "Conclusie"))
_BLOCKS = {"para", "title", "bridgehead", "listitem", "entry", "nr"}
_TITLES = {"title", "bridgehead"}


def is_rechtspraak_xml(head: bytes) -> bool:
    return b"open-rechtspraak" in head or RS.encode() in head


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _norm(text: str) -> str:
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


def _texts(desc: Any, path: str) -> list[str]:
    return [_norm("".join(e.itertext())) for e in desc.findall(path, NS) if _norm("".join(e.itertext()))]


def _first(desc: Any, path: str) -> str | None:
    found = _texts(desc, path)
    return found[0] if found else None


def parse_metadata(root: Any) -> dict[str, Any]:
    """The structured RDF fields. Never free text: a name could hide in free text."""
    descs = root.findall("rdf:RDF/rdf:Description", NS)
    if not descs:
        return {}
    main = descs[0]
    meta: dict[str, Any] = {"source": "rechtspraak"}
    ident = _texts(main, "dcterms:identifier")
    if ident:
        meta["ecli"] = ident[0]
    court = _texts(main, "dcterms:creator")
    if court:
        meta["court"] = court[0]
    date = _texts(main, "dcterms:date")
    if date:
        meta["decision_date"] = date[0]
    # The deeplink Description carries the date the ruling itself was published; the first one carries the
    # date this metadata record was (re)issued.
    pub = next((p for d in descs[1:] if (p := _first(d, "dcterms:issued"))), None)
    meta["publication_date"] = pub or _first(main, "dcterms:issued")
    meta["zaaknummer"] = _texts(main, "psi:zaaknummer")
    meta["rechtsgebied"] = _texts(main, "dcterms:subject")
    meta["procedure"] = _texts(main, "psi:procedure")
    meta["type"] = _first(main, "dcterms:type")
    refs = []
    for e in main.findall("dcterms:references", NS):
        rid = next((v for k, v in e.attrib.items() if k.endswith("resourceIdentifier")), None)
        refs.append({"text": _norm("".join(e.itertext())), "id": rid})
    meta["law_references"] = refs
    return {k: v for k, v in meta.items() if v not in (None, [], "")}


def _raw_text(elem: Any) -> str:
    parts = [elem.text or ""]
    for child in elem:
        if isinstance(child.tag, str):
            sub = _raw_text(child)
            parts.append(f" {sub} " if _local(child.tag) == "nr" else sub)
        parts.append(child.tail or "")
    return "".join(parts)


def _text(elem: Any) -> str:
    """Element text with a space after an embedded <nr> ("<nr>1</nr>Ontstaan" -> "1 Ontstaan")."""
    return _norm(_raw_text(elem))


def _blocks(elem: Any, out: list[str]) -> None:
    """Depth-first walk emitting one paragraph per block element; a section's <nr> joins its <title>."""
    tag = _local(elem.tag)
    if tag in ("section", "paragroup"):
        # A number sits next to the title or first paragraph it belongs to: <nr>1.1.</nr><para>...</para>.
        children = [c for c in elem if isinstance(c.tag, str)]
        pending_nr: str | None = None
        for child in children:
            ctag = _local(child.tag)
            if ctag == "nr":
                # A second number before any text: the first stands alone (not overwritten, so not lost); an
                # empty <nr/> changes nothing.
                number = _text(child)
                if number:
                    if pending_nr is not None:
                        out.append(pending_nr)
                    pending_nr = number
                continue
            if pending_nr is not None and ctag in ("title", "para", "bridgehead"):
                text = _text(child)
                if text:
                    out.append(f"{pending_nr} {text}")
                    pending_nr = None
                    continue
                continue  # an empty <para/> between the number and its text
            if pending_nr is not None:
                out.append(pending_nr)
                pending_nr = None
            _blocks(child, out)
        if pending_nr:
            out.append(pending_nr)
        return
    if tag == "parablock":
        # Converters split one paragraph over several <para>s at the old line/page breaks ("rapport van" /
        # "28 augustus 2008 ..."): glue a para to the previous one unless that ended a sentence.
        inner: list[str] = []
        for child in elem:
            _blocks(child, inner)
        for text in inner:
            if out and inner and out[-1] is not None and _continues(out[-1], text) and text is not inner[0]:
                out[-1] = f"{out[-1]} {text}"
            else:
                out.append(text)
        return
    if tag in _BLOCKS:
        text = _text(elem)
        if text:
            out.append(text)
        return
    for child in elem:
        _blocks(child, out)


_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s|\(?[ivx]{1,5}\)\s|[a-z]\)\s|[-•]\s)")


def _continues(prev: str, text: str) -> bool:
    return not re.search(r"[.:;!?]['\")]?$", prev) and not _NUMBERED.match(text) and len(prev) > 40


def extract_rechtspraak_xml(data: bytes, doc_id: str = "") -> RawDocument:
    # Some files start with a newline before the XML declaration, which strict parsers reject.
    body = data.lstrip(b"\xef\xbb\xbf").lstrip()
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                             huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(f"XML is not well-formed ({exc.msg})", detail=doc_id) from exc
    if _local(root.tag) != "open-rechtspraak":
        raise UnsupportedFormatError(f"XML root <{_local(root.tag)}> is not open-rechtspraak", detail=doc_id)
    meta = parse_metadata(root)
    paras: list[str] = []
    for tag, heading in _TEXT_PARTS:
        part = root.find(f"rs:{tag}", NS)
        if part is None:
            continue
        blocks: list[str] = []
        _blocks(part, blocks)
        if blocks:
            paras.append(heading)
            paras.extend(blocks)
    text = "\n\n".join(paras)
    if not text.strip():
        raise EmptyDocumentError("rechtspraak XML has no inhoudsindicatie or uitspraak text", detail=doc_id)
    return RawDocument(text=text, pages=[Page(1, text, False)], extractor="", source_format="rechtspraak-xml",
                       format_metadata=meta)
