"""Finding and replacing personal data in ruling text.

Public API::

    anonymise(text, settings) -> AnonymisedText   # fails closed: AnonymisationError on any failure or leak
    anonymiser_version(settings) -> str            # "anon/<semver>+<hash8>[+model:..][+officials]": rules, model,
                                                   # lexicons and the settings that change the output
    benchmark_words_per_second(texts) -> float     # whole-anonymiser throughput on one core

``anonymise`` runs the pre-publication leak check itself (:mod:`anonymise.leaks`): a caller either gets a result
that passed it or an :class:`AnonymisationError`, and never sees the original strings that were replaced.

Policy and measured quality: docs/anonymisation.md; the model card: docs/ner-model.md.
"""

from __future__ import annotations

import logging
import time
from collections import Counter

from anonymise.leaks import check_no_leaks
from anonymise.lexicon import get_lexicon
from anonymise.mentions import Mention
from anonymise.persons import fold_ocr
from anonymise.policy import resolve
from anonymise.redact import redact
from anonymise.version import anonymiser_version
from archive.domain import AnonymisedText
from archive.errors import AnonymisationError
from archive.settings import Settings

__all__ = ["anonymise", "anonymiser_version", "benchmark_words_per_second"]

log = logging.getLogger(__name__)


def anonymise(text: str, settings: Settings, *, keep: frozenset[str] = frozenset()) -> AnonymisedText:
    """Replace private persons and identifiers in ``text``; keep officials, insurers, places and laws.

    Fails closed: raises :class:`AnonymisationError` when a recogniser fails or when a replaced surface form still
    occurs anywhere in the output (the leak check). Deterministic for a given text, settings and
    :func:`anonymiser_version`. Logs counts per label only.

    ``keep``: surfaces a reviewer restored in this ruling (issue 17, docs/review.md); a mention whose text is one
    of them (whitespace normalised, any case) is left as it is. The leak check still runs over the rest.
    """
    decided = decide(text, settings)
    if keep:
        wanted = {" ".join(k.split()).casefold() for k in keep}
        decided = [m for m in decided if " ".join(text[m.start:m.end].split()).casefold() not in wanted]
    try:
        result, replaced_surfaces = redact(text, decided, anonymiser_version(settings))
    except Exception as exc:  # a redaction bug must quarantine the ruling, not publish it
        raise AnonymisationError("anonymisation failed", detail=type(exc).__name__) from exc
    check_no_leaks(result.text, replaced_surfaces)
    counts = Counter(f"{e.label}:{e.action}" for e in result.entities)
    log.info("anonymised %d chars: %s", len(text), dict(sorted(counts.items())))
    return result


def decide(text: str, settings: Settings) -> list[Mention]:
    """Decided mentions with offsets into the *original* text (used by anonymise() and the evaluation)."""
    from anonymise import nlp  # the spaCy import happens here, on first use

    # Recognisers read OCR-damaged name words repaired ("B0sma" -> "Bosma"); same length, so every offset they
    # return holds in the original text, which is what the redactor cuts.
    text = fold_ocr(text)
    try:
        found = nlp.analyse(text, settings.ner_model)
        return resolve(
            text,
            identifiers=found["identifiers"],
            protected=found["protected"],
            officials=found["officials"],
            rule_persons=found["persons"],
            model_ents=found["model"],
            lex=get_lexicon(),
            redact_officials=settings.redact_officials,
            professionals=found["professionals"],
            zones=found["zones"],
        )
    except AnonymisationError:
        raise
    except Exception as exc:  # a recogniser bug must quarantine the ruling, not publish it
        raise AnonymisationError("anonymisation failed", detail=type(exc).__name__) from exc


def benchmark_words_per_second(texts: list[str], settings: Settings | None = None) -> float:
    """Whitespace words per CPU-second of :func:`anonymise` over ``texts`` (pipeline loaded first).

    CPU time of this process, not wall time: the machines are shared, and a per-core figure should not move
    with the neighbours' load. The anonymiser is single-threaded, so CPU-seconds are core-seconds.
    """
    settings = settings or Settings()
    if texts:
        anonymise(texts[0][:2000], settings)  # load the model outside the timed part
    words = sum(len(t.split()) for t in texts)
    t0 = time.process_time()
    for t in texts:
        anonymise(t, settings)
    return words / max(time.process_time() - t0, 1e-9)
