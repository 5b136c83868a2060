"""The only runtime module that imports spaCy: loads the NER pipeline once per process and runs it.

The pipeline is the statistical NER (bundled model, or any spaCy package/path named in ``settings.ner_model``)
followed by one rule component, ``anonymise_rules``, that runs the pure recognisers of this package and stores
their mentions on ``doc.user_data``. Everything a foreign pipeline has beyond NER (tagger, parser, lemmatizer...)
is disabled: it costs time and the anonymiser does not use it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from anonymise.identifiers import find_identifiers
from anonymise.lexicon import get_lexicon
from anonymise.mentions import Mention
from anonymise.persons import find_officials, find_person_mentions
from anonymise.professional import citation_zones, find_professionals
from anonymise.protected import find_protected
from archive.errors import AnonymisationError

log = logging.getLogger(__name__)

BUNDLED_MODEL = Path(__file__).parent / "model"
LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
_NEEDED = {"tok2vec", "transformer", "ner"}


@Language.component("anonymise_rules")
def anonymise_rules(doc: Doc) -> Doc:
    """Rule recognisers (identifiers, officials, person forms, allow-lists) on the raw text of the doc."""
    text, lex = doc.text, get_lexicon()
    doc.user_data["anonymise_rules"] = {
        "identifiers": find_identifiers(text),
        "protected": find_protected(text),
        "officials": find_officials(text),
        "persons": find_person_mentions(text, lex),
        "professionals": find_professionals(text),
        "zones": citation_zones(text),
    }
    return doc


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
    """Run the pipeline: model entities as :class:`Mention` plus the rule components' mentions."""
    doc = get_pipeline(model)(text)
    return _result(doc)


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
