"""Pure formatting of search hits for export (CSV, JSON Lines) and following (Atom). No I/O here."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from xml.sax.saxutils import escape as _escape_text

from fastapi import Request
from fastapi.responses import Response

EXPORT_FIELDS = ["id", "slug", "case_number", "ecli", "title", "decision_date", "insurer", "outcome", "source",
                 "topics", "url", "snippet"]
_TAGS = re.compile(r"<[^>]+>")
# Characters XML 1.0 does not allow at all, even escaped: C0 controls other than tab/LF/CR, lone surrogates, FFFE/FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A cell starting with one of these is a formula (or becomes one) in a spreadsheet: = + - @, and tab and carriage
# return, which some spreadsheets skip before looking for the formula sign (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape(value: str) -> str:
    """Text for XML element content or a double-quoted attribute: & < > " escaped, disallowed characters dropped."""
    return _escape_text(_NOT_XML.sub("", value), {'"': "&quot;"})


def plain_snippet(html_snippet: str) -> str:
    """The snippet without markup: exports and feeds carry text, not our highlighting."""
    from html import unescape

    return unescape(_TAGS.sub("", html_snippet or ""))


def export_row(hit: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {
        "id": hit["id"], "slug": hit["slug"], "case_number": hit.get("case_number"), "ecli": hit.get("ecli"),
        "title": hit.get("title"), "decision_date": _iso(hit.get("decision_date")), "insurer": hit.get("insurer"),
        "outcome": hit.get("outcome"), "source": hit.get("source"),
        "topics": [t["id"] if isinstance(t, dict) else t for t in hit.get("topics") or []],
        "url": base_url.rstrip("/") + hit["url"], "snippet": plain_snippet(hit.get("snippet", "")),
        # Not columns of the comma CSV (kept as it was); JSON Lines and the Dutch Excel CSV carry them.
        "amount_claimed": hit.get("amount_claimed"), "amount_awarded": hit.get("amount_awarded"),
    }


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def csv_header(header: str = "fields") -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(export_header(EXPORT_FIELDS, header))
    return buf.getvalue()


def csv_line(row: dict[str, Any]) -> str:
    buf = io.StringIO()
    values = [";".join(row[f]) if isinstance(row[f], list) else ("" if row[f] is None else row[f])
              for f in EXPORT_FIELDS]
    # Formula cells are neutralised by a leading apostrophe (CSV injection).
    values = ["'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v for v in values]
    csv.writer(buf).writerow(values)
    return buf.getvalue()


def jsonl_line(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"


ATOM_NS = "http://www.w3.org/2005/Atom"
# RFC 5005 (Feed Paging and Archiving), section 3: a paged feed links its pages with these relations.
PAGING_RELATIONS = ("first", "previous", "next", "last")


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_row(hit: dict[str, Any], base_url: str) -> dict[str, Any]:
    """A search hit as a feed entry: :func:`export_row` plus when it became public in the archive and the labels
    of its topics."""
    return {**export_row(hit, base_url), "published_at": hit.get("published_at"),
            "decision_date": _iso(hit.get("decision_date")),
            "topic_labels": {t["id"]: t.get("label") or t["id"] for t in hit.get("topics") or []
                             if isinstance(t, dict) and t.get("id")}}


def atom_feed(*, title: str, self_url: str, html_url: str, rows: Iterable[dict[str, Any]],
              updated: datetime | None = None, subtitle: str = "", feed_id: str | None = None,
              paging: dict[str, str] | None = None) -> str:
    """An Atom 1.0 feed (RFC 4287) of search results, in the order given (the API gives newest additions first).

    Each entry has ``published`` (when the ruling became public in the archive; ``published_at`` of the row) and
    ``updated`` (the same: a ruling's entry is not re-announced when it is re-indexed). The feed's ``updated`` is
    its newest entry's (``updated`` when given, else now for a feed without entries), so a feed that did not
    change looks unchanged to a reader. ``paging``: RFC 5005 links by relation (first, previous, next, last).
    ``feed_id``: the same for every page of one search (default ``self_url``).
    """
    rows = list(rows)
    times = [str(r["published_at"]) for r in rows if r.get("published_at")]
    stamp = max(times) if times else _stamp(updated or datetime.now(UTC))
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="nl">',
        f"<title>{escape(title)}</title>",
        *([f"<subtitle>{escape(subtitle)}</subtitle>"] if subtitle else []),
        f'<link rel="self" type="application/atom+xml" href="{escape(self_url)}"/>',
        f'<link rel="alternate" type="text/html" href="{escape(html_url)}"/>',
        *[f'<link rel="{rel}" type="application/atom+xml" href="{escape(paging[rel])}"/>'
          for rel in PAGING_RELATIONS if paging and paging.get(rel)],
        f"<id>{escape(feed_id or self_url)}</id>",
        f"<updated>{stamp}</updated>",
        "<author><name>Uitsprakenarchief zorgverzekeringen</name></author>",
        "<generator>rulings-archive</generator>",
    ]
    for row in rows:
        published = str(row.get("published_at") or "") or (f"{row['decision_date']}T00:00:00Z"
                                                             if row.get("decision_date") else stamp)
        day = row.get("decision_date")
        meta = " · ".join(x for x in (f"uitspraak van {day}" if day else None, row.get("insurer"),
                                      row.get("outcome")) if x)
        labels = row.get("topic_labels") or {}
        parts += [
            "<entry>",
            f"<title>{escape(row.get('title') or row['slug'])}</title>",
            f'<link rel="alternate" type="text/html" href="{escape(row["url"])}"/>',
            f"<id>{escape(row['url'])}</id>",
            f"<published>{published}</published>",
            f"<updated>{published}</updated>",
            f"<summary>{escape((meta + ': ' if meta else '') + (row.get('snippet') or ''))}</summary>",
            *[f'<category term="{escape(t)}" label="{escape(labels.get(t, t))}"/>' for t in row.get("topics") or []],
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


# CSV for Dutch Excel ------------------------------------------------------------------------------------------------
# Excel with a Dutch locale splits a CSV on the list separator (";", since "," is the decimal sign), reads the file as
# UTF-8 only when it starts with a byte order mark, and reads "1234,56" as a number ("1234.56" would become text, or
# 123456 where "." is the thousands separator). So: BOM, semicolons, decimal comma and no thousands separator; dates
# stay ISO (yyyy-mm-dd, which Excel reads as a date in any locale); list cells are joined with " | ".

BOM = "\ufeff"
EXCEL_NL_LIST_SEPARATOR = " | "


class ExcelNL(csv.Dialect):
    """The ``csv`` dialect of a CSV that Dutch Excel opens in columns."""

    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


def excel_nl_number(value: float | int) -> str:
    """A number as Dutch Excel reads it: integers as they are, other values with two decimals and a decimal comma
    (amounts are euros)."""
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}".replace(".", ",")


def excel_nl_cell(value: Any) -> str:
    """One cell: None empty, numbers with a decimal comma, yes/no in Dutch, dates ISO, lists joined, and text that a
    spreadsheet would run as a formula neutralised by a leading apostrophe (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return excel_nl_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = EXCEL_NL_LIST_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def excel_nl_line(values: Iterable[Any]) -> str:
    """One CSV record (header or row) in the :class:`ExcelNL` dialect; the caller writes :data:`BOM` once first."""
    buf = io.StringIO()
    csv.writer(buf, dialect=ExcelNL).writerow([excel_nl_cell(v) for v in values])
    return buf.getvalue()


def item_outcomes(items: Iterable[Any]) -> list[str]:
    """Decision items as "label: outcome" (``DecisionItemPublic`` or its dict), in the ruling's order."""
    out = []
    for item in items:
        label, outcome = (item.get("label"), item.get("outcome")) if isinstance(item, dict) else (item.label,
                                                                                                  item.outcome)
        out.append(f"{label}: {outcome}" if label else str(outcome))
    return out


EXCEL_NL_EXPORT_FIELDS = ["id", "slug", "case_number", "ecli", "title", "decision_date", "insurer", "outcome",
                          "amount_claimed", "amount_awarded", "decision_items", "source", "topics", "url", "snippet"]

# The header row of a search export with ``header=nl``: the column names a Dutch reader sees on the ruling page.
# The default header stays the field names (the JSON keys): scripts read the columns by those names.
EXPORT_HEADERS_NL = {
    "id": "Id", "slug": "Kenmerk", "case_number": "Zaaknummer", "ecli": "ECLI", "title": "Titel",
    "decision_date": "Datum uitspraak", "insurer": "Zorgverzekeraar", "outcome": "Uitkomst",
    "amount_claimed": "Gevorderd bedrag", "amount_awarded": "Toegekend bedrag",
    "decision_items": "Beslissing per onderdeel", "source": "Bron", "topics": "Onderwerpen", "url": "Link",
    "snippet": "Fragment",
}


def export_header(fields: Sequence[str], header: str) -> list[str]:
    """The header row of an export: the field names, or (``header="nl"``) their Dutch labels."""
    return [EXPORT_HEADERS_NL[f] for f in fields] if header == "nl" else list(fields)


def excel_nl_export_line(row: dict[str, Any]) -> str:
    """A search export row (:func:`export_row` with ``decision_items``) in the Dutch Excel CSV."""
    return excel_nl_line(item_outcomes(row.get("decision_items") or []) if f == "decision_items" else row.get(f)
                         for f in EXCEL_NL_EXPORT_FIELDS)


FEED_MAX_AGE_S = 300  # feed readers poll; five minutes is fresh enough for an archive that grows daily


def conditional(request: Request, body: bytes | str, published: Sequence[str | None]) -> Response:
    """The feed with validators, so readers that poll it download it only when it changed: a strong ETag (the
    body's hash) and Last-Modified (the newest entry's publication); ``If-None-Match`` (or, without it,
    ``If-Modified-Since``) that still matches gets 304 with no body (RFC 9110 13.1)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={FEED_MAX_AGE_S}"}
    stamps = [t for t in (_parse_iso(p) for p in published) if t is not None]
    newest = max(stamps) if stamps else None
    if newest is not None:
        headers["Last-Modified"] = format_datetime(newest.astimezone(UTC), usegmt=True)
    if_none = request.headers.get("if-none-match")
    if if_none is not None:
        fresh = etag in {t.strip().removeprefix("W/") for t in if_none.split(",")} or if_none.strip() == "*"
    else:
        since = _parse_http_date(request.headers.get("if-modified-since"))
        fresh = since is not None and newest is not None and newest.replace(microsecond=0) <= since
    if fresh:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type="application/atom+xml; charset=utf-8", headers=headers)


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
