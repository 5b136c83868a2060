"""Turning a file into a structured ruling.

Public API::

    extract_file(path, settings) -> RawDocument          # PDF / rechtspraak XML / plain text, chosen by content
    parse_ruling(text, format_metadata) -> ParsedRuling  # pure; works on anonymised text
    tag_topics(parsed) -> list[TopicTag]                 # pure; parse_ruling already fills parsed.topics
    EXTRACTOR_VERSION, PARSER_VERSION, TAGGER_VERSION    # bump when output changes (versioned re-ingestion)

``ingest.pipeline`` (the batch runner) builds on these. Only ``ingest.extract_pdf`` imports the PDF libraries.
"""

from __future__ import annotations

from .extract import EXTRACTOR_VERSION, extract_file
from .parse import PARSER_VERSION, parse_ruling
from .topics import TAGGER_VERSION, tag_topics

__all__ = ["EXTRACTOR_VERSION", "PARSER_VERSION", "TAGGER_VERSION", "extract_file", "parse_ruling", "tag_topics"]
