"""Synthetic, already-anonymised rulings for the browser tests: enough of them (and varied enough) to give the
pages real facets, several result pages, statistics with several bars and similar rulings.

They are written straight to the database (published, not yet indexed) and reach Meilisearch through the same
``app.indexing.sync_index`` as ingested rulings. No personal data: the parties are placeholders.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from archive import store
from archive.db import session_scope
from archive.models import Ruling

TOPICS = {
    "mondzorg": "Mondzorg", "buitenland": "Buitenland", "fysiotherapie": "Fysiotherapie",
    "fraude": "Fraude", "entreegeld": "Entreegeld", "machtiging": "Machtiging vooraf",
    "ggz": "Geestelijke gezondheidszorg", "hulpmiddelen": "Hulpmiddelen",
}
INSURERS = ["CZ", "VGZ", "Zilveren Kruis", "Menzis", "DSW", "ONVZ"]
OUTCOMES = ["afgewezen"] * 5 + ["toegewezen"] * 2 + ["gedeeltelijk toegewezen"] * 2 + ["niet-ontvankelijk"]
REFERENCES = [
    {"id": "zvw:art11", "text": "artikel 11 Zorgverzekeringswet", "url": "https://wetten.overheid.nl/BWBR0018450"},
    {"id": "bzv:art2.7", "text": "artikel 2.7 Besluit zorgverzekering", "url": None},
    {"id": "bzv:art2.6", "text": "artikel 2.6 Besluit zorgverzekering", "url": None},
]
ITEM = {"toegewezen": "toegewezen", "afgewezen": "afgewezen", "niet-ontvankelijk": "niet-ontvankelijk",
        "gedeeltelijk toegewezen": "toegewezen"}

BODY = {
    "mondzorg": "De tandarts heeft bij [verzoeker] twee kronen en een brug geplaatst. De kosten van de "
                "tandheelkundige behandeling bedragen € {amount},-.",
    "buitenland": "[verzoeker] heeft de zorg tijdens een verblijf in het buitenland ontvangen en de nota's "
                  "later bij de ziektekostenverzekeraar ingediend.",
    "fysiotherapie": "[verzoeker] is in het verzekeringsjaar behandeld door een fysiotherapeut; na de "
                     "twintigste behandeling vraagt [verzoeker] vergoeding uit de basisverzekering.",
    "fraude": "Na een fraudeonderzoek heeft de ziektekostenverzekeraar de verzekering beëindigd en de gegevens "
              "van [verzoeker] opgenomen in het Externe Verwijzingsregister.",
    "entreegeld": "De commissie bepaalt dat het door [verzoeker] betaalde entreegeld van € 37,- wordt vergoed.",
    "machtiging": "De behandeling is uitgevoerd zonder dat vooraf een machtiging van de ziektekostenverzekeraar "
                  "is gevraagd.",
    "ggz": "[verzoeker] is behandeld in een instelling voor geestelijke gezondheidszorg zonder contract met de "
           "ziektekostenverzekeraar.",
    "hulpmiddelen": "[verzoeker] vraagt vergoeding van een hoortoestel en een aangepaste rolstoel als "
                    "hulpmiddel.",
}
FILLER = ("De commissie heeft kennisgenomen van de stukken en overweegt als volgt. Partijen hebben hun "
          "standpunten ter zitting toegelicht. [persoon 1] heeft [verzoeker] bijgestaan. ")


def _ruling(i: int, rng: random.Random) -> dict[str, Any]:
    topic_ids = rng.sample(sorted(TOPICS), k=rng.choice([1, 2, 2, 3]))
    if i < 4:  # a few tandarts cases on purpose: the search flows type "tandarts"
        topic_ids = ["mondzorg", *[t for t in topic_ids if t != "mondzorg"]][:2]
    outcome = OUTCOMES[i % len(OUTCOMES)] if i >= 4 else ["afgewezen", "toegewezen", "gedeeltelijk toegewezen",
                                                          "afgewezen"][i]
    decided = date(2016, 1, 15) + timedelta(days=(i * 97) % (9 * 365))
    case_number = f"{decided.year}{(i + 1) * 37 % 100000:05d}"
    insurer = INSURERS[i % len(INSURERS)]
    amount = 150 + (i * 173) % 4000
    label = ", ".join(TOPICS[t] for t in topic_ids)
    facts = " ".join(BODY[t].format(amount=amount) for t in topic_ids)
    sections = [
        {"number": "1", "title": "Partijen", "text": f"[verzoeker], hierna te noemen: verzoeker,\n\ntegen\n\n"
                                                  f"{insurer} Zorgverzekeringen N.V., hierna te noemen: de "
                                                  f"ziektekostenverzekeraar."},
        {"number": "2", "title": "Verloop van de procedure", "text": FILLER * 2},
        {"number": "3", "title": "Vaststaande feiten", "text": facts + "\n\n" + FILLER},
        {"number": "4", "title": "Geschil", "text": f"Verzoeker vraagt vergoeding van € {amount},-.\n\n" + FILLER},
        {"number": "5", "title": "Beoordeling", "text": FILLER * 3},
        {"number": "5.1", "title": "Toetsingskader", "text": "De commissie toetst aan artikel 11 "
                                                            "Zorgverzekeringswet. " + FILLER},
        {"number": "6", "title": "Bindend advies", "text": "De commissie beslist als hierna vermeld."},
    ]
    items = [{"label": "i", "text": f"het verzoek wordt {outcome}.", "outcome": ITEM[outcome]}]
    if outcome == "gedeeltelijk toegewezen":
        items = [{"label": "i", "text": f"de ziektekostenverzekeraar vergoedt € {amount // 2},-.",
                  "outcome": "toegewezen"},
                 {"label": "ii", "text": "het verzoek wordt voor het overige afgewezen.", "outcome": "afgewezen"}]
    awarded = {"toegewezen": float(amount), "gedeeltelijk toegewezen": float(amount // 2)}.get(outcome)
    return {
        "slug": case_number, "status": "published", "source": "skgz", "case_number": case_number, "ecli": None,
        "title": f"{label} ({insurer}, {decided.year})", "court": "Geschillencommissie Zorgverzekeringen",
        "decision_date": decided, "hearing_date": decided - timedelta(days=30), "decision_place": "Zeist",
        "insurer": insurer, "insurer_concern": insurer, "insurance_type": rng.choice(["basis", "aanvullend"]),
        "outcome": outcome, "outcome_explanation": "Afgeleid uit de beslissing.",
        "entreegeld_refunded": outcome != "afgewezen", "amount_claimed": float(amount), "amount_awarded": awarded,
        "metadata_json": {"committee": ["mr. A.B. Voorzitter", "drs. C.D. Lid"], "zaak_keywords": topic_ids,
                          "regulations": ["Zorgverzekeringswet"]},
        "topics": [{"id": t, "label": TOPICS[t], "confidence": 0.9} for t in topic_ids],
        "references": rng.sample(REFERENCES, k=rng.choice([1, 2])),
        "sections": sections, "decision_items": items,
        "amounts": [{"value": float(amount), "role": "claimed", "text": f"€ {amount},-"}],
        "text": "\n\n".join(f"{s['number']}. {s['title']}\n\n{s['text']}" for s in sections),
        "annex": "BIJLAGE\n\nArtikel 11 Zorgverzekeringswet\n\n1. De zorgverzekeraar heeft jegens zijn "
                 "verzekerden een zorgplicht die zodanig wordt vormgegeven dat de verzekerde bij wie het "
                 "verzekerde risico zich voordoet, krachtens de zorgverzekering recht heeft op prestaties.",
        "pages": 6,
    }


def _court_ruling(i: int, rng: random.Random) -> dict[str, Any]:
    """A rechtspraak.nl-style ruling: ECLI permalink (with colons), a court, no case-number slug."""
    fields = _ruling(i, rng)
    ecli = f"ECLI:NL:CRVB:{fields['decision_date'].year}:{1000 + i}"
    fields.update(slug=ecli, ecli=ecli, source="rechtspraak", court="Centrale Raad van Beroep",
                  case_number=f"{fields['decision_date'].year % 100}/{1000 + i} ZVW", decision_place="Utrecht",
                  title=f"Zorgverzekeringswet, {fields['title']}")
    return fields


def add_synthetic_rulings(factory: sessionmaker[Session], n: int = 36, seed: int = 7) -> list[str]:
    """Adds ``n`` published rulings (unindexed: the next ``sync_index`` indexes them); returns their slugs.

    Every ninth one is a court ruling with an ECLI permalink."""
    rng = random.Random(seed)
    slugs = []
    now = datetime.now(UTC)
    with session_scope(factory) as session:
        for i in range(n):
            ruling = Ruling(**(_court_ruling(i, rng) if i % 9 == 8 else _ruling(i, rng)))
            # Added to the archive over the past weeks, in an order unrelated to the decision dates ("Nieuw in
            # het archief" and the feeds order by this): every 13 hours, the ruling decided last added first.
            ruling.published_at = now - timedelta(hours=13 * ((i * 7) % n + 1))
            ruling.content_hash = store.content_hash(ruling)
            session.add(ruling)
            slugs.append(ruling.slug)
    return slugs
