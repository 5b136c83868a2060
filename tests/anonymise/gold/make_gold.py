"""Generate the gold set (gold.jsonl) for the anonymisation evaluation. Re-run only on purpose:

    .venv/bin/python -m tests.anonymise.gold.make_gold

Why generated and not hand-typed: several hundred exactly-offset annotations are error-prone by hand. The
templates below were written for the gold set only, with wording different from the training templates
(anonymise/training/make_corpus.py), and every name comes either from the *held-out* half of the name pools
(``lexicon.held_out``: never used in a training sentence) or from the out-of-lexicon list below (names that are
in no name list at all, to measure what the lexicon cannot know). Nothing here is used for training.

Each line: {"id", "text", "spans": [[start, end, label, role], ...]} where role is "replace" or "keep".
Officials (committee, signer) are PERSON spans with role "keep"; the model-alone score counts them too.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from anonymise.lexicon import get_lexicon
from anonymise.training.names import pools

OUT = Path(__file__).parent / "gold.jsonl"
# Names in no lexicon (checked at generation): Thai, Polish, Eritrean, Afghan, Surinamese, Vietnamese, invented.
OOV_FIRST = ["Pimchanok", "Thitikorn", "Wojsław", "Przemysław", "Tsegereda", "Mulugeta", "Zarghuna", "Najibullah",
             "Dharmindra", "Rabindre", "Quynh", "Xuyen", "Jorrine", "Maaike-Fleur", "Gerbrig", "Sjoukje-Anne"]
OOV_SUR = ["Phanthavong", "Rattanawong", "Brzęczyszczykiewicz", "Szczepaniak", "Tesfagiorgis", "Woldemichael",
           "Zazai", "Popalzai", "Soekhradj", "Ramlakhan-Sital", "Truong-Vu", "Hoekveld", "Vrielinga", "Spanjaart",
           "Olthuis-Brinkerink", "Kwakernaak"]
INSURERS = ["CZ Zorgverzekeringen N.V.", "Coöperatie VGZ U.A.", "Menzis Zorgverzekeraar N.V.", "ONVZ",
            "DSW Zorgverzekeraar", "Zilveren Kruis Zorgverzekeringen N.V.", "Zorg en Zekerheid", "a.s.r."]
PLACES = ["Amersfoort", "Tilburg", "Leeuwarden", "Almere", "Nijmegen", "Delft", "Zwolle", "Haarlem"]
COUNTRIES = ["Turkije", "Marokko", "Suriname", "Polen", "Thailand", "Iran", "Vietnam", "Eritrea"]
BANKS = ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"]
STREETS = ["Wilhelminastraat", "Lindenlaan", "Molenweg", "Kastanjeplein", "Prinsengracht", "Havenkade",
           "Julianasingel", "Beukenhof", "Schoolpad", "Zuiderdijk"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


class Doc:
    """Text under construction with its gold spans."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: list[list[object]] = []

    def add(self, s: str, label: str | None = None, role: str = "replace") -> None:
        if label:
            self.spans.append([len(self.text), len(self.text) + len(s), label, role])
        self.text += s


def valid_bsn(rng: random.Random) -> str:
    while True:
        d = [rng.randint(0, 9) for _ in range(8)]
        d[0] = rng.randint(1, 6)
        check = sum(x * w for x, w in zip(d, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "".join(map(str, d)) + str(check)


def iban(rng: random.Random) -> str:
    bank, acct = rng.choice(BANKS), "".join(str(rng.randint(0, 9)) for _ in range(10))
    num = int("".join(str(int(c, 36)) for c in bank + acct + "NL00"))
    s = f"NL{98 - num % 97:02d}{bank}{acct}"
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if rng.random() < 0.5 else s


def phone(rng: random.Random) -> str:
    n = "".join(str(rng.randint(0, 9)) for _ in range(8))
    return rng.choice([f"06-{n}", f"06 {n[:4]} {n[4:]}", f"+31 6 {n}", f"0{rng.randint(10, 79)}-{n[:7]}"])


class People:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        lex = get_lexicon()
        p = pools(gold=True)
        self.first = [n for n in p.first if n.lower() not in lex.common_words and len(n) > 2]
        self.sur = [n for n in p.surnames if n.lower() not in lex.common_words and len(n) > 2]
        self.oov_first = [n for n in OOV_FIRST if n.lower() not in lex.first_names | lex.surnames]
        self.oov_sur = [n for n in OOV_SUR if not any(x.lower() in lex.first_names | lex.surnames
                                                     for x in n.split("-"))]

    def new(self) -> dict[str, str]:
        r = self.rng
        oov = r.random() < 0.2
        first = r.choice(self.oov_first if oov else self.first)
        sur = r.choice(self.oov_sur if oov else self.sur)
        if r.random() < 0.1:
            sur = f"{sur}-{r.choice(self.sur)}"
        tv = r.choice(["", "", "", "", "van ", "de ", "van der ", "ter ", "el "])
        initials = "".join(f"{c}." for c in r.sample("ABCDEFGHJKLMNOPRSTW", r.randint(1, 3)))
        return {"first": first, "sur": sur, "tv": tv, "ini": initials}


def person_form(p: dict[str, str], rng: random.Random, first_mention: bool) -> tuple[str, str, str]:
    """(prefix kept in text, name span, suffix). Partial mentions come after a full one."""
    tv_cap = p["tv"][:1].upper() + p["tv"][1:]
    if first_mention:
        return rng.choice([
            ("de heer ", f"{p['ini']} {p['tv']}{p['sur']}", ""),
            ("mevrouw ", f"{p['first']} {p['tv']}{p['sur']}", ""),
            ("", f"{p['first']} {p['tv']}{p['sur']}", ""),
            ("", f"{p['ini']} {p['tv']}{p['sur']}", ""),
            ("", f"drs. {p['ini']} {p['tv']}{p['sur']}", ""),
            ("", f"dr. {p['first']} {p['tv']}{p['sur']}", ""),
        ])
    return rng.choice([
        ("de heer ", f"{tv_cap}{p['sur']}", ""),
        ("mevrouw ", f"{tv_cap}{p['sur']}", ""),
        ("", f"{tv_cap}{p['sur']}", ""),
    ])


# Gold-only sentence templates. {X} = a person slot (new or repeated), other slots are identifiers.
SENTENCES = [
    "Op {D} meldde {X} zich bij de balie van de verzekeraar.",
    "Het onderzoek werd uitgevoerd door de fraudecoördinator, {X}, die verzoeker ook heeft gehoord.",
    "Verzoekster legde een schriftelijke verklaring over van haar schoonzus {X}.",
    "Blijkens het dossier heeft {X} de declaratie namens verzoeker ingediend.",
    "In het gesprek met {X} is volgens verzoeker toegezegd dat de kosten zouden worden vergoed.",
    "De klacht werd behandeld door {X} van de afdeling Klachtenmanagement.",
    "Ter onderbouwing verwijst verzoeker naar een brief van zijn behandelaar, {X}.",
    "{X} bevestigde ter hoorzitting dat de verwijzing ontbrak.",
    "Zowel {X} als {X} hebben het formulier ondertekend.",
    "De implantologe {X} stelde een begroting op van € 4.250,-.",
    "Na overleg met {X} besloot verzoeker de behandeling in {C} te laten uitvoeren.",
    "Uit de e-mail van {X} aan verzoekster volgt niet dat de aanvraag was goedgekeurd.",
    "De buurvrouw van verzoekster, {X}, heeft haar naar de hoorzitting vergezeld.",
    "Volgens de verklaring van {X} was de zorg spoedeisend.",
    "Verzoeker noemt {X} als degene die hem verkeerd heeft voorgelicht.",
]
ID_SENTENCES = [
    ("Zijn burgerservicenummer ({BSN}) staat vermeld op de aanvraag.", "BSN"),
    ("Het bedrag is overgemaakt naar rekening {IBAN} ten name van verzoeker.", "IBAN"),
    ("Verzoeker is telefonisch bereikbaar op {PHONE}.", "PHONE"),
    ("Correspondentie kan worden gericht aan {EMAIL}.", "EMAIL"),
    ("Verzoekster woont sinds 2019 op het adres {ADDRESS}, {POSTCODE} {PLACE}.", "ADDRESS"),
    ("Het polisnummer van verzoeker is {POLICY}.", "POLICY_NUMBER"),
    ("Verzoeker, geboren op {BIRTH}, is sinds 2015 verzekerd.", "BIRTH_DATE"),
]


def make_doc(rng: random.Random, people: People, idx: int) -> dict[str, object]:
    d = Doc()
    committee = [people.new() for _ in range(3)]
    d.add(f"Zaaknummer : 2023{idx:05d}\n\nGeschillencommissie Zorgverzekeringen (")
    for i, c in enumerate(committee):
        d.add(f"mr. {c['ini']} {c['tv']}{c['sur']}", "PERSON", "keep")
        d.add(", " if i == 0 else (" en " if i == 1 else ")\n\n"))
    d.add("1. Partijen\n\n")
    party = people.new()
    if rng.random() < 0.5:
        d.add("A te B, hierna te noemen: verzoeker,\n\ntegen\n\n")
    else:
        male = rng.random() < 0.5
        d.add("de heer " if male else "mevrouw ")
        d.add(f"{party['ini']} {party['tv']}{party['sur']}", "PERSON")
        d.add(f", wonende te {rng.choice(PLACES)}, hierna te noemen: {'verzoeker' if male else 'verzoekster'},"
              "\n\ntegen\n\n")
    d.add(f"{rng.choice(INSURERS)} te {rng.choice(PLACES)}, hierna te noemen: de zorgverzekeraar.\n\n")
    d.add("2. Feiten\n\n")
    seen: list[dict[str, str]] = []
    for n, tpl in enumerate(rng.sample(SENTENCES, 6)):
        d.add(f"2.{n + 1}. ")
        parts = tpl.split("{X}")
        for j, part in enumerate(parts):
            part = part.replace("{D}", f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2022")
            part = part.replace("{C}", rng.choice(COUNTRIES))
            d.add(part)
            if j < len(parts) - 1:
                repeat = bool(seen) and rng.random() < 0.35
                p = rng.choice(seen) if repeat else people.new()
                if not repeat:
                    seen.append(p)
                prefix, name, suffix = person_form(p, rng, not repeat)
                if d.text.endswith(". ") or d.text.endswith("\n") or d.text == "":
                    prefix = prefix[:1].upper() + prefix[1:]
                d.add(prefix)
                d.add(name, "PERSON")
                d.add(suffix)
        d.add("\n")
    for tpl, _label in rng.sample(ID_SENTENCES, 3):
        d.add("2.9. ")
        segments = tpl.replace("}", "{").split("{")
        for k, seg in enumerate(segments):
            if k % 2 == 0:
                d.add(seg)
                continue
            value = {
                "BSN": lambda: valid_bsn(rng), "IBAN": lambda: iban(rng), "PHONE": lambda: phone(rng),
                "EMAIL": lambda: f"{people.new()['first'].lower()}.{rng.randint(1, 99)}@example.nl",
                "ADDRESS": lambda: f"{rng.choice(STREETS)} {rng.randint(1, 250)}",
                "POSTCODE": lambda: f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRTVWXZ')}"
                                    f"{rng.choice('ABCDEGHJKLMNPRTVWXZ')}",
                "POLICY": lambda: f"{rng.randint(10000000, 99999999)}",
                "BIRTH": lambda: f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1930, 2005)}",
                "PLACE": lambda: rng.choice(PLACES),
            }[seg]()
            label = {"POLICY": "POLICY_NUMBER", "BIRTH": "BIRTH_DATE", "PLACE": None}.get(seg, seg)
            d.add(value, label)
        d.add("\n")
    d.add("\n3. Beoordeling\n\nDe commissie overweegt dat de zorgverzekeraar de Zorgverzekeringswet juist heeft "
          f"toegepast en dat de behandeling in {rng.choice(COUNTRIES)} niet onder de dekking valt.\n\n")
    d.add(f"Zeist, {rng.randint(1, 28)} {rng.choice(MONTHS)} 2023,\n\n")
    chair = committee[0]
    d.add(f"{chair['ini']} {chair['tv']}{chair['sur']}", "PERSON", "keep")
    d.add("\n")
    return {"id": f"gold-{idx:03d}", "text": d.text, "spans": d.spans}


def main() -> None:
    rng = random.Random(20261123)
    people = People(rng)
    docs = [make_doc(rng, people, i) for i in range(60)]
    with OUT.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    n_person = sum(1 for d in docs for s in d["spans"] if s[2] == "PERSON")  # type: ignore[index]
    n_replace = sum(1 for d in docs for s in d["spans"] if s[2] == "PERSON" and s[3] == "replace")  # type: ignore
    print(f"{len(docs)} docs, {n_person} person mentions ({n_replace} private) -> {OUT}")


if __name__ == "__main__":
    main()
