"""Topic tagger: the topics of ``data/topics.json`` with a confidence and the sentences that triggered them.

Why this shape:

* Words are normalised before matching: first the archive's one Dutch lemmatiser (:mod:`archive.lemmas`, the same
  one search uses: ``gedeclareerd`` -> ``declareren``, ``kronen`` -> ``kroon``), then accents folded and a light
  Dutch suffix stripper for what the lemmatiser does not know. Triggers go through the same function, so
  "machtiging aanvragen" finds "de machtiging is aangevraagd" and "cis" never matches inside "precisie". Triggers
  flagged ``compound`` also match the start or end of a Dutch compound ("fraudeonderzoek").
* Matching is indexed: each token is looked up once in a dict of trigger first-words, and compound matches are cached
  per distinct token, so a 6,000-word ruling costs a few milliseconds whatever the size of the vocabulary.
* Sections are weighted: the Zaak keywords, the dispute (Geschil), the assessment (Beoordeling) and the decision
  say what a ruling is *about*; the procedure history and party block barely do. The annex (policy conditions,
  law texts) is never looked at: it mentions every topic under the sun.
* A single mention in the facts is not enough for a tag (threshold); a Zaak keyword or a decision item is.
* A domain topic needs evidence of its domain (``domains`` in ``data/topics.json``): a care or health-insurance topic
  fires only on a ruling that shows health insurance or care funding (an SKGZ ruling, a cited Zvw/Wlz/AWBZ/Zfw/Wtz
  article, a named health insurer among the parties, or domain words weighted by the section they stand in). A court
  ruling on fiscal unity names foreign countries, a tax ruling "premie volksverzekeringen": neither is a care ruling.
* An ambiguous trigger needs a second cue near it (``cue``: a word list that must occur in the same or a neighbouring
  sentence) and is void next to a false friend (``veto``: a list that must not occur in the same sentence): care abroad
  needs care, not any foreign country; "verrekening" with the eigen risico is not recovery of paid claims.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from archive.domain import Evidence, ParsedRuling, TopicTag
from archive.lemmas import known, lemma
from ingest.data_files import read_data

# 3: occupational mentions of a profession are not evidence; 4: archive.lemmas lemmatiser; 5: domain evidence and
# second cues for ambiguous triggers; 6: inflected adjectives (-ige, -ische, -lijke) meet their base form
TAGGER_VERSION = "6"
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
    ("procedure", 0.3),
    ("partijen", 0.2),
    ("kop", 0.3),
    ("bevoegdheid", 0.5),
)


def section_weight(title: str) -> float:
    """How much a mention in this section says about what the ruling is about."""
    t = title.lower()
    for key, w in SECTION_WEIGHTS:
        if key in t:
            return w
    return 1.0


def fold(word: str) -> str:
    """Lowercase and strip accents, so "geïnformeerd" and "geinformeerd" are one word."""
    w = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in w if not unicodedata.combining(c))


def stem(word: str) -> str:
    """Light Dutch stemming for the words the lemmatiser does not know: enough to unify plural/inflected forms, not
    a linguistic stemmer."""
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


@lru_cache(maxsize=131_072)
def normalise(word: str) -> str:
    """The form both triggers and text are matched in: the folded lemma of a word the lemmatiser knows, the stem of
    one it does not (compounds, names, rare words).

    Known words are not stemmed as well: stemming a lemma again merges words the lemmatiser keeps apart ("Zweedse"
    -> "zweeds" -> "zweed", the country trigger "Zweden"; "vervalsen" and "vervallen"). The lemma of the lemma is
    taken: without a part of speech the participle "aangevraagd" becomes the verb "aanvragen", but "aanvragen" itself
    becomes the noun "aanvraag", and a trigger and its inflection must meet.
    """
    if not known(word):
        return stem(word)
    base = fold(lemma(lemma(word)))
    # The lemma table has no part of speech: "tandheelkundige" is listed as the noun (a dentist) and keeps its -e,
    # so the adjective in "tandheelkundige zorg" missed the trigger "tandheelkundig". An inflected adjective of the
    # productive suffixes -ig, -isch, -lijk takes its base form when the lemmatiser knows that form.
    if base.endswith(_ADJECTIVE_E) and known(base[:-1]):
        return fold(lemma(base[:-1]))
    return base


_ADJECTIVE_E = ("ige", "ische", "lijke")
_WORD = re.compile(r"[^\W\d_]+")


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``; digits and punctuation split words ("EU-verordening" -> two)."""
    return [normalise(w) for w in _WORD.findall(text)]


@lru_cache(maxsize=8192)
def sentence_tokens(sentence: str) -> list[str]:
    """:func:`tokens` of one sentence, cached: topics, care types and countries read the same sentences.

    Callers must not mutate the returned list.
    """
    return tokens(sentence)


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    weight: float
    compound: bool
    cue: str | None = None  # a word list one of whose phrases must stand in this or a neighbouring sentence
    cue_window: int = 1  # how many sentences before and after the trigger's own the cue may stand in
    veto: tuple[str, ...] = ()  # word lists none of whose phrases may stand in the same sentence


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    definition: str
    triggers: tuple[Trigger, ...]
    named: bool = False
    care_type: bool = False
    domain: str | None = None  # the domain the ruling must show before this topic may fire (None: any ruling)
    decided: bool = False  # the topic is what a ruling decides: an advisory opinion (A-G conclusion) decides nothing


def _trigger(x: dict[str, Any] | str, defaults: dict[str, Any] | None = None) -> Trigger:
    """A trigger from its JSON: a phrase, or an object with phrase/weight/compound/cue/veto; ``defaults`` are the
    topic's own cue and veto for the phrases that do not set them."""
    d = {**(defaults or {}), **({"phrase": x} if isinstance(x, str) else x)}
    veto = d.get("veto") or ()
    return Trigger(tuple(tokens(d["phrase"])), float(d.get("weight", 1.0)), bool(d.get("compound")),
                   d.get("cue"), int(d.get("cue_window", 1)), (veto,) if isinstance(veto, str) else tuple(veto))


def _triggers(entry: dict[str, Any], lists: dict[str, list[Any]]) -> list[Trigger]:
    trig = [_trigger(x) for x in entry.get("triggers", [])]
    trig += [_trigger(p) for p in entry.get("synonyms", [])]
    # A list's phrases share the cue/veto the topic sets for them: a country needs care near it.
    shared = {k: v for k, v in entry.get("list_rules", {}).items() if k in ("cue", "veto")}
    for name in entry.get("trigger_lists", []):
        trig += [_trigger(p, shared) for p in lists[name]]
    return [x for x in trig if x.words]


def topics_from(raw: dict[str, Any]) -> tuple[Topic, ...]:
    """Build topics from a vocabulary file's JSON (also used by the care-type facet vocabulary)."""
    lists = raw.get("lists", {})
    return tuple(Topic(t["id"], t["label"], t.get("definition", ""), tuple(_triggers(t, lists)),
                       bool(t.get("named")), bool(t.get("care_type")), t.get("domain"), bool(t.get("decided")))
                 for t in raw["topics"])


@lru_cache(maxsize=1)
def load_topics() -> tuple[Topic, ...]:
    return topics_from(read_data("topics.json"))


NAMED_TOPICS: tuple[str, ...] = ("fraude", "buitenland", "mondzorg", "evr-registratie", "entreegeld")


@dataclass
class Vocabulary:
    """Topics plus a match index: trigger first word -> triggers, and compound triggers checked per distinct token."""

    topics: tuple[Topic, ...]
    by_first: dict[str, list[tuple[int, Trigger]]] = field(default_factory=dict)
    compounds: list[tuple[str, int, Trigger]] = field(default_factory=list)
    _compound_cache: dict[str, list[tuple[int, Trigger]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[int, Trigger]]] = defaultdict(list)
        for i, topic in enumerate(self.topics):
            for trig in topic.triggers:
                if trig.compound and len(trig.words) == 1 and len(trig.words[0]) >= 4:
                    self.compounds.append((trig.words[0], i, trig))
                else:
                    index[trig.words[0]].append((i, trig))
        self.by_first = dict(index)

    def compound_hits(self, tok: str) -> list[tuple[int, Trigger]]:
        hits = self._compound_cache.get(tok)
        if hits is None:
            hits = [(i, trig) for w, i, trig in self.compounds
                    if tok == w or (len(tok) > len(w) + 2 and (tok.startswith(w) or tok.endswith(w)))]
            if len(self._compound_cache) > 200_000:
                self._compound_cache.clear()
            self._compound_cache[tok] = hits
        return hits

    def matches(self, toks: list[str]) -> list[tuple[int, Trigger]]:
        """(topic index, trigger) for every trigger found in one sentence's tokens, cues and vetoes not yet checked."""
        found: list[tuple[int, Trigger]] = []
        n_toks = len(toks)
        by_first, cache = self.by_first, self._compound_cache  # locals: this loop runs once per token
        for pos, tok in enumerate(toks):
            candidates = by_first.get(tok, ())
            compound = cache.get(tok)
            if compound is None:
                compound = self.compound_hits(tok) if self.compounds else []
            if not candidates and not compound:
                continue
            # Only care types name professions ("tandarts"); "is verjaard" is still evidence of verjaring.
            occupation = occupational(toks, pos)
            for i, trig in candidates:
                if occupation and self.topics[i].care_type:
                    continue
                n = len(trig.words)
                if n == 1 or (pos + n <= n_toks and tuple(toks[pos:pos + n]) == trig.words):
                    found.append((i, trig))
            for i, trig in compound:
                if not (occupation and self.topics[i].care_type):
                    found.append((i, trig))
        return found

    def hits(self, toks: list[str]) -> dict[int, list[float]]:
        """Trigger weights per topic index found in one sentence, its cues and vetoes checked within the sentence
        (for a claim or decision item read on its own; :func:`score_topics` also looks at the neighbours)."""
        found: dict[int, list[float]] = defaultdict(list)
        here = cue_lists(toks)
        for i, trig in self.matches(toks):
            if cue_allows(trig, here, here):
                found[i].append(trig.weight)
        return found


def cue_allows(trig: Trigger, near: frozenset[str], here: frozenset[str]) -> bool:
    """Whether a trigger counts: its cue list stands nearby (``near``) and its veto list not in its own sentence."""
    return (trig.cue is None or trig.cue in near) and not any(v in here for v in trig.veto)


# "X is tandarts", "werkzaam als fysiotherapeut", "zijn tandartspraktijk": a profession as someone's occupation
# (a tax or partnership case about a dentist's practice) is not evidence that the ruling is about that care.
_OCCUPATION_BEFORE = frozenset({"is", "was", "als", "zijn", "waren", "word", "wordt", "werd", "beroep"})
_BUSINESS_SUFFIXES = ("praktijk", "maatschap", "beroep", "opleiding", "vennootschap", "bedrijf", "kantoor")


def occupational(toks: list[str], pos: int) -> bool:
    """Whether the token at ``pos`` names an occupation or a business rather than care someone received."""
    tok = toks[pos]
    if tok.endswith(_BUSINESS_SUFFIXES) and len(tok) > 10:
        return True
    before = toks[pos - 1] if pos >= 1 else ""
    if before in ("een", "de") and pos >= 2:
        before = toks[pos - 2]
    return before in _OCCUPATION_BEFORE


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary(load_topics())


@lru_cache(maxsize=1)
def cue_vocabulary() -> Vocabulary:
    """The word lists of ``data/topics.json`` as pseudo-topics (id = list name): cues, vetoes and domain words."""
    lists: dict[str, list[Any]] = read_data("topics.json").get("lists", {})
    return Vocabulary(tuple(Topic(name, name, "", tuple(t for t in (_trigger(p) for p in phrases) if t.words))
                            for name, phrases in lists.items()))


@lru_cache(maxsize=65_536)
def _cue_lists(toks: tuple[str, ...]) -> frozenset[str]:
    cv = cue_vocabulary()
    return frozenset(cv.topics[i].id for i, _ in cv.matches(list(toks)))


def cue_lists(toks: list[str]) -> frozenset[str]:
    """Names of the word lists with a phrase in these tokens."""
    return _cue_lists(tuple(toks))


@dataclass(frozen=True)
class Domain:
    """A field of law a domain topic belongs to, and what shows that a ruling is in it (``domains`` in
    ``data/topics.json``)."""

    id: str
    label: str
    sources: frozenset[str]  # every ruling of these sources is in the domain (SKGZ: all health insurance)
    laws: frozenset[str]  # reference prefixes: each distinct law cited adds LAW_WEIGHT
    rechtsgebied: frozenset[str]  # rechtspraak.nl areas of law (lowercase) that count as party-level evidence
    terms: str  # the word list whose phrases, weighted by section, show the domain
    threshold: float


@lru_cache(maxsize=1)
def load_domains() -> tuple[Domain, ...]:
    raw: dict[str, dict[str, Any]] = read_data("topics.json").get("domains", {})
    return tuple(Domain(k, v["label"], frozenset(v.get("sources", [])), frozenset(v.get("laws", [])),
                        frozenset(x.lower() for x in v.get("rechtsgebied", [])), v["terms"],
                        float(v.get("threshold", DOMAIN_THRESHOLD))) for k, v in raw.items())


DOMAIN_THRESHOLD = 2.5  # two domain sentences in the assessment, or one with a cited Zvw article
LAW_WEIGHT = 1.0
PARTY_WEIGHT = 1.0  # a health insurer among the parties, or a rechtsgebied: evidence, not proof


@dataclass(frozen=True)
class RulingContext:
    """What a ruling says about its domain outside its wording: source, cited laws, parties, area of law."""

    source: str = "other"
    laws: frozenset[str] = frozenset()
    insurer: str | None = None  # a recognised insurer brand among the parties
    rechtsgebied: tuple[str, ...] = ()
    advisory: bool = False  # an Advocate-General's conclusion: it argues, it decides no claim


def context_of(parsed: ParsedRuling) -> RulingContext:
    md = parsed.metadata
    insurer = md.insurer if md.insurer and md.insurer != "geanonimiseerd" else None
    advisory = bool(md.ecli and ":PHR:" in md.ecli.upper())  # as ingest.parse reads it for the outcome
    return RulingContext(md.source, frozenset(r.id.split(":")[0] for r in parsed.references), insurer,
                         tuple(x.lower() for x in md.rechtsgebied), advisory)


def domain_scores(parts: list[tuple[str, str]], context: RulingContext) -> dict[str, float]:
    """Evidence per domain: domain words weighted by section as topics are (the decision and the assessment count,
    the party block barely), plus cited laws, a health insurer among the parties and the area of law."""
    out: dict[str, float] = {}
    for d in load_domains():
        if context.source in d.sources:
            out[d.id] = math.inf
            continue
        score = LAW_WEIGHT * len(context.laws & d.laws)
        if context.insurer:
            score += PARTY_WEIGHT
        if any(any(area in g for area in d.rechtsgebied) for g in context.rechtsgebied):
            score += PARTY_WEIGHT
        for title, text in parts:
            n = sum(1 for s in sentences(text) if d.terms in cue_lists(sentence_tokens(s)))
            if n:
                score += section_weight(title) * min(1.0 + 0.25 * (n - 1), 2.0)
        out[d.id] = score
    return out


def domains_shown(parts: list[tuple[str, str]], context: RulingContext | None = None) -> frozenset[str]:
    """The domains a ruling shows enough evidence of (see :func:`domain_scores`)."""
    scores = domain_scores(parts, context or RulingContext())
    return frozenset(d.id for d in load_domains() if scores[d.id] >= d.threshold)


_SENTENCES = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\[\d'\"])|\n+")


def sentences(text: str) -> list[str]:
    return list(_sentences(text))


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[str, ...]:
    """Cached: the domain evidence, the topics and the facets split the same section texts."""
    return tuple(s.strip() for s in _SENTENCES.split(text) if s and s.strip())


def score_topics(parts: list[tuple[str, str]], vocab: Vocabulary | None = None,
                 threshold: float = THRESHOLD, context: RulingContext | None = None,
                 domains: frozenset[str] | None = None) -> list[TopicTag]:
    """Tags for (section title, text) parts. The caller decides which parts are eligible (never the annex).

    A topic with a ``domain`` fires only when the ruling shows it (``domains``, else judged from the parts and the
    ``context``); a trigger with a ``cue`` counts only with a cue phrase in its own or a neighbouring sentence of the
    same section, one with a ``veto`` not with a veto phrase in its own sentence. A ``decided`` topic is not tagged
    on an advisory opinion.
    """
    vocab = vocab or vocabulary()
    context = context or RulingContext()
    if domains is None:
        domains = domains_shown(parts, context)
    n_topics = len(vocab.topics)
    score = [0.0] * n_topics
    evidence: list[list[tuple[float, Evidence]]] = [[] for _ in range(n_topics)]
    for title, text in parts:
        if not text.strip():
            continue
        w = section_weight(title)
        weights: dict[int, list[float]] = defaultdict(list)
        sents = sentences(text)
        toks = [sentence_tokens(s) for s in sents]
        cues = [cue_lists(t) for t in toks]
        for k, sentence in enumerate(sents):
            found = vocab.matches(toks[k])
            if not found:
                continue
            here: dict[int, list[float]] = defaultdict(list)
            for i, trig in found:
                topic = vocab.topics[i]
                if (topic.domain is not None and topic.domain not in domains) or (topic.decided and context.advisory):
                    continue
                near = cues[k].union(*cues[max(k - trig.cue_window, 0):k + trig.cue_window + 1])
                if cue_allows(trig, near, cues[k]):
                    here[i].append(trig.weight)
            for i, ws in here.items():
                weights[i].extend(ws)
                evidence[i].append((w * max(ws), Evidence(title, sentence[:400])))
        for i, ws in weights.items():
            best = max(ws)
            # Repetition inside one section adds little; breadth across sections adds more.
            score[i] += w * min(best + 0.25 * (sum(ws) - best), 2.0)
    tags: list[TopicTag] = []
    for i, topic in enumerate(vocab.topics):
        confidence = 1.0 - math.exp(-score[i] / _SCALE)
        if confidence >= threshold:
            ev = sorted(evidence[i], key=lambda e: -e[0])  # stable: ties keep document order
            tags.append(TopicTag(topic.id, topic.label, round(confidence, 3), [e for _, e in ev[:MAX_EVIDENCE]]))
    tags.sort(key=lambda t: -t.confidence)
    return tags


def eligible_parts(parsed: ParsedRuling) -> list[tuple[str, str]]:
    """(section title, text) parts a tag may come from: Zaak keywords + body sections, never the annex.

    The head block ("Kop") repeats the Zaak line (counted once, as its own part) and names the parties (whose
    seat or brand says nothing about the topic), so those lines are dropped from it.
    """
    parts: list[tuple[str, str]] = []
    if parsed.metadata.zaak_keywords:
        parts.append((ZAAK_SECTION, ", ".join(parsed.metadata.zaak_keywords) + "."))
    for s in parsed.sections:
        text = s.text
        if s.title == "Kop":
            text = "\n".join(line for line in text.split("\n")
                             if not re.match(r"^\s*(Zaak|Partijen|Regelgeving)\s*:", line))
        parts.append((s.title, text))
    return parts


def tag_topics(parsed: ParsedRuling) -> list[TopicTag]:
    """Topics of a parsed ruling: Zaak keywords + body sections (the annex is never read), its domain judged from
    them and from its source, cited laws, parties and area of law."""
    return score_topics(eligible_parts(parsed), context=context_of(parsed))
