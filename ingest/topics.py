"""Topic tagger: the topics of ``data/topics.json`` with a confidence and the sentences that triggered them.

Why this shape:

* Words are normalised (lowercase, accents folded, simple Dutch suffix stripping) and triggers are matched as
  word sequences, so "kronen"/"kroon" or "Externe Verwijzingsregister"/"extern verwijzingsregister" are found
  and "cis" never matches inside "precisie". Triggers flagged ``compound`` also match the start or end of a
  Dutch compound ("fraudeonderzoek", "verzekeringsfraude").
* Sections are weighted: the Zaak keywords, the dispute (Geschil), the assessment (Beoordeling) and the decision
  say what a ruling is *about*; the procedure history and party block barely do. The annex (policy conditions,
  law texts) is never looked at: it mentions every topic under the sun.
* A single mention in the facts is not enough for a tag (threshold), a Zaak keyword or a decision item is.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from archive.domain import Evidence, ParsedRuling, TopicTag

TAGGER_VERSION = "1"
THRESHOLD = 0.5
_SCALE = 2.0  # confidence = 1 - exp(-score / _SCALE)
MAX_EVIDENCE = 3
ZAAK_SECTION = "Zaak"

# Section weight by (normalised) title keyword; first match wins, default 1.0.
SECTION_WEIGHTS: tuple[tuple[str, float], ...] = (
    (ZAAK_SECTION.lower(), 3.0),
    ("inhoudsindicatie", 2.0),
    ("geschil", 2.0),
    ("beoordeling", 2.0),
    ("overweging", 2.0),
    ("bindend advies", 2.5),
    ("beslissing", 2.5),
    ("feiten", 1.0),
    ("verloop", 0.3),
    ("procesverloop", 0.3),
    ("partijen", 0.2),
    ("kop", 0.3),
    ("bevoegdheid", 0.5),
)


def section_weight(title: str) -> float:
    t = title.lower()
    for key, w in SECTION_WEIGHTS:
        if key in t:
            return w
    return 1.0


def fold(word: str) -> str:
    w = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in w if not unicodedata.combining(c))


def stem(word: str) -> str:
    """Light Dutch stemming: enough to unify plural/inflected forms, not a linguistic stemmer."""
    w = fold(word)
    if len(w) > 6 and w.endswith("heden"):
        return w[:-5] + "heid"
    for suffix, min_len in (("en", 5), ("s", 5), ("e", 5)):
        if len(w) >= min_len and w.endswith(suffix) and not w.endswith("ss"):
            w = w[: -len(suffix)]
            if suffix == "en" and len(w) >= 5 and w.endswith("s") and not w.endswith("ss"):
                w = w[:-1]  # tandartsen -> tandarts -> tandart, like tandarts itself
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]  # kronn -> kron, zitt -> zit
    return w


_WORD = re.compile(r"[^\W\d_]+")


def tokens(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    weight: float
    compound: bool


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    definition: str
    triggers: tuple[Trigger, ...]


@lru_cache(maxsize=1)
def load_topics() -> tuple[Topic, ...]:
    raw: dict[str, Any] = json.loads(
        resources.files("ingest").joinpath("data/topics.json").read_text(encoding="utf-8"))
    lists = raw.get("lists", {})
    out = []
    for t in raw["topics"]:
        trig = [Trigger(tuple(tokens(x["phrase"])), float(x.get("weight", 1.0)), bool(x.get("compound")))
                for x in t["triggers"]]
        for name in t.get("trigger_lists", []):
            trig += [Trigger(tuple(tokens(p)), 1.0, False) for p in lists[name]]
        out.append(Topic(t["id"], t["label"], t["definition"], tuple(x for x in trig if x.words)))
    return tuple(out)


def _hits(toks: list[str], trig: Trigger) -> int:
    n = len(trig.words)
    if n == 1:
        w = trig.words[0]
        if trig.compound and len(w) >= 4:
            return sum(1 for t in toks if t == w or (len(t) > len(w) + 2 and (t.startswith(w) or t.endswith(w))))
        return sum(1 for t in toks if t == w)
    return sum(1 for i in range(len(toks) - n + 1) if tuple(toks[i:i + n]) == trig.words)


_SENTENCES = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\[\d'\"])|\n+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text) if s and s.strip()]


def score_topics(parts: list[tuple[str, str]]) -> list[TopicTag]:
    """Tags for (section title, text) parts. The caller decides which parts are eligible (never the annex)."""
    tags: list[TopicTag] = []
    split = [(title, section_weight(title), sentences(text)) for title, text in parts if text.strip()]
    tokenised = [(title, w, [(s, tokens(s)) for s in sents]) for title, w, sents in split]
    for topic in load_topics():
        score = 0.0
        evidence: list[tuple[float, Evidence]] = []
        for title, w, sents in tokenised:
            weights: list[float] = []
            for sentence, toks in sents:
                sentence_weight = 0.0
                for trig in topic.triggers:
                    n = _hits(toks, trig)
                    if n:
                        weights.extend([trig.weight] * n)
                        sentence_weight = max(sentence_weight, trig.weight)
                if sentence_weight:
                    evidence.append((w * sentence_weight, Evidence(title, sentence[:400])))
            if weights:
                best = max(weights)
                # Repetition inside one section adds little; breadth across sections adds more.
                score += w * min(best + 0.25 * (sum(weights) - best), 2.0)
        confidence = 1.0 - math.exp(-score / _SCALE)
        if confidence >= THRESHOLD:
            evidence.sort(key=lambda e: -e[0])
            tags.append(TopicTag(topic.id, topic.label, round(confidence, 3),
                                 [e for _, e in evidence[:MAX_EVIDENCE]]))
    tags.sort(key=lambda t: -t.confidence)
    return tags


def tag_topics(parsed: ParsedRuling) -> list[TopicTag]:
    """Topics of a parsed ruling: Zaak keywords + body sections; the annex is never read."""
    parts: list[tuple[str, str]] = []
    if parsed.metadata.zaak_keywords:
        parts.append((ZAAK_SECTION, ", ".join(parsed.metadata.zaak_keywords) + "."))
    for s in parsed.sections:
        text = s.text
        if s.title == "Kop":
            # The head block repeats Zaak (already counted) and names parties; keep only what is left.
            text = "\n".join(line for line in text.split("\n") if not re.match(r"^\s*(Zaak|Partijen)\s*:", line))
        parts.append((s.title, text))
    return score_topics(parts)
