"""The only runtime module that imports spaCy: loads the NER pipeline once per process and runs it.

The pipeline is the statistical NER (bundled model, or any spaCy package/path named in ``settings.ner_model``)
followed by one rule component, ``anonymise_rules``, that runs the pure recognisers of this package and stores
their mentions on ``doc.user_data``. Everything a foreign pipeline has beyond NER (tagger, parser, lemmatizer...)
is disabled: it costs time and the anonymiser does not use it.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from anonymise.identifiers import find_identifiers
from anonymise.lexicon import Lexicon, get_lexicon
from anonymise.mentions import Mention
from anonymise.persons import UPPER, find_officials, find_person_mentions
from anonymise.professional import citation_zones, find_professionals
from anonymise.protected import find_protected
from archive.errors import AnonymisationError

log = logging.getLogger(__name__)

BUNDLED_MODEL = Path(__file__).parent / "model"
LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
_NEEDED = {"tok2vec", "transformer", "ner"}


def run_rules(text: str) -> dict[str, Any]:
    """Rule recognisers (identifiers, officials, person forms, allow-lists) on the raw text."""
    lex = get_lexicon()
    zones = citation_zones(text)
    return {
        "identifiers": find_identifiers(text),
        "protected": find_protected(text),
        "officials": find_officials(text),
        "persons": find_person_mentions(text, lex),
        "professionals": find_professionals(text, zones),
        "zones": zones,
    }


@Language.component("anonymise_rules")
def anonymise_rules(doc: Doc) -> Doc:
    """The rule recognisers as a pipeline component (for callers that run the whole pipeline on a doc)."""
    doc.user_data["anonymise_rules"] = run_rules(doc.text)
    return doc


# Paragraphs: runs of text between blank lines. The model's context (a few tokens either side) never needs to
# cross a blank line, and a model span over a line break is discarded by the policy anyway.
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_CAP_TOKEN = re.compile(rf"(?<![\w’'])(?:[{UPPER}]|IJ)[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def may_hold_model_name(paragraph: str, lex: Lexicon) -> bool:
    """Could the model propose a PERSON span here that the policy keeps? The policy keeps a model-only span only
    when one of its capitalised words is a known name, or when it has two or more capitalised words that are no
    Dutch word (the shape check, ``policy.keep_model_person``). A paragraph with neither can be skipped: the
    model's answer there is discarded whatever it is."""
    last_unknown_end = -1
    for m in _CAP_TOKEN.finditer(paragraph):
        unknown = False
        for part in re.split(r"[\-'’]", m.group(0)):
            if not part:
                continue
            low = part.lower()
            if lex.is_name_word(part):
                return True
            unknown = unknown or low not in lex.dutch and low not in lex.vocabulary
        if unknown:
            # The shape check keeps only a span of two or more unknown capitalised words with nothing but
            # particles between them: two unknown words apart from each other cannot make one.
            if last_unknown_end >= 0 and all(w.lower() in lex.tussenvoegsels
                                             for w in paragraph[last_unknown_end:m.start()].split()):
                return True
            last_unknown_end = m.end()
    return False


def model_persons(text: str, model: str = "bundled", batch_size: int = 32) -> list[Mention]:
    """Model entities for the paragraphs of ``text`` that can hold a name the policy would keep, batched with
    ``nlp.pipe``; offsets are into ``text``. Running the model only there (and the tokenizer only there) is what
    makes the anonymiser fast: the rules read the raw text and need no spaCy doc."""
    nlp = get_pipeline(model)
    lex = get_lexicon()
    chunks = [(m.start(), m.group(0)) for m in _PARAGRAPH.finditer(text) if may_hold_model_name(m.group(0), lex)]
    out: list[Mention] = []
    with nlp.select_pipes(disable=["anonymise_rules"]):
        for (base, _), doc in zip(chunks, nlp.pipe([c for _, c in chunks], batch_size=batch_size), strict=True):
            out += [Mention(base + e.start_char, base + e.end_char, LABELS[e.label_], "ner") for e in doc.ents
                    if e.label_ in LABELS]
    return out


@lru_cache(maxsize=4)
def get_pipeline(model: str = "bundled") -> Language:
    """Load once per process and model name. ``bundled`` is the model shipped in ``anonymise/model``."""
    try:
        nlp = spacy.load(BUNDLED_MODEL if model == "bundled" else model)
    except OSError as exc:
        raise AnonymisationError(f"cannot load NER model {model!r}", detail=str(exc)) from exc
    if "ner" not in nlp.pipe_names:
        raise AnonymisationError(f"spaCy pipeline {model!r} has no 'ner' component")
    nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in _NEEDED])
    nlp.add_pipe("anonymise_rules", last=True)
    nlp.max_length = max(nlp.max_length, 5_000_000)
    log.info("loaded NER pipeline %s with components %s", model, nlp.pipe_names)
    return nlp


def analyse(text: str, model: str = "bundled") -> dict[str, Any]:
    """Model entities as :class:`Mention` (only where a kept name can be, :func:`model_persons`) plus the rule
    recognisers' mentions."""
    return {"model": model_persons(text, model), **run_rules(text)}


def analyse_many(texts: list[str], model: str = "bundled", batch_size: int = 8) -> list[dict[str, Any]]:
    return [_result(doc) for doc in get_pipeline(model).pipe(texts, batch_size=batch_size)]


def _result(doc: Doc) -> dict[str, Any]:
    ents = [Mention(e.start_char, e.end_char, LABELS[e.label_], "ner") for e in doc.ents if e.label_ in LABELS]
    rules = doc.user_data.pop("anonymise_rules")
    return {"model": ents, **rules}


def model_only(text: str, model: str = "bundled") -> list[Mention]:
    """Model entities alone, without any rule: used by the evaluation to score the model by itself."""
    nlp = get_pipeline(model)
    with nlp.select_pipes(disable=["anonymise_rules"]):
        doc = nlp(text)
    return [Mention(e.start_char, e.end_char, LABELS[e.label_], "ner") for e in doc.ents if e.label_ in LABELS]
