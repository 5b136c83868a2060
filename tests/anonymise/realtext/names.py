"""Name parts for the real-text recall set, and the invented people and identifiers made from them.

Written by hand for this set, independent of the anonymiser's own lexicons (deduce's lists, anonymise/data/):
a set that borrowed the recogniser's word lists would measure the lists, not the recogniser. The parts are common
given names and family names of the origins seen in Dutch court rulings (Dutch, Turkish, Moroccan, Polish,
Surinamese, and a mixed group); a person is a random combination of parts, so no real individual is described.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# origin -> (male first names, female first names)
FIRST: dict[str, tuple[list[str], list[str]]] = {
    "nl": (["Jan", "Pieter", "Hendrik", "Gerrit", "Kees", "Willem", "Johannes", "Bram", "Daan", "Sander", "Thijs",
            "Joost", "Maarten", "Ruud", "Sjoerd", "Wouter", "Frank", "Erik", "Jeroen", "Bart", "Teun", "Freek"],
           ["Anna", "Maria", "Johanna", "Ingrid", "Sanne", "Femke", "Marieke", "Lotte", "Anouk", "Els", "Wilma",
            "Petra", "Ilse", "Marloes", "Hanneke", "Gerda", "Tineke", "Esther", "Noortje", "Eline", "Saskia"]),
    "tr": (["Mehmet", "Ahmet", "Mustafa", "Hüseyin", "Hasan", "İbrahim", "Murat", "Emre", "Serkan", "Yusuf",
            "Oğuz", "Çetin", "Gökhan", "Barış", "Ömer", "Kadir"],
           ["Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Şükran", "Gülşen", "Özlem", "Büşra", "Dilek",
            "Songül", "Meryem", "Çiğdem"]),
    "ma": (["Mohamed", "Ahmed", "Abdelkader", "Youssef", "Hamid", "Rachid", "Mustapha", "Khalid", "Driss",
            "Said", "Brahim", "Nordin", "Soufiane", "Bilal", "Hicham"],
           ["Fatima", "Khadija", "Naima", "Malika", "Samira", "Latifa", "Houria", "Nadia", "Soumaya", "Ikram",
            "Hanane", "Loubna", "Zineb"]),
    "pl": (["Piotr", "Krzysztof", "Tomasz", "Paweł", "Łukasz", "Michał", "Grzegorz", "Marek", "Wojciech",
            "Jarosław", "Dariusz", "Mikołaj"],
           ["Agnieszka", "Małgorzata", "Katarzyna", "Joanna", "Magdalena", "Ewa", "Beata", "Dorota", "Żaneta",
            "Bożena", "Urszula"]),
    "sr": (["Radjesh", "Ravindre", "Sunil", "Dinesh", "Errol", "Humphrey", "Ricardo", "Glenn", "Roy", "Anand",
            "Mitchell", "Orlando"],
           ["Sharmila", "Anita", "Kavita", "Reshma", "Sandra", "Jennifer", "Ingrid", "Priya", "Chandra",
            "Marcia", "Rosita"]),
    "xx": (["Kwame", "Abdirahman", "Wei", "João", "François", "Jürgen", "Dmitri", "Ioan", "Tiago", "Kofi",
            "Stéphane", "Björn", "Nikolaos"],
           ["Amina", "Hodan", "Mei", "Inês", "Céline", "Ülkü", "Olena", "Ioana", "Akosua", "Chloé", "Ngozi",
            "Marisol", "Hélène"]),
}

# origin -> surnames (one word; tussenvoegsels and double names are added when a person is made)
SURNAMES: dict[str, list[str]] = {
    "nl": ["Jansen", "Hendriks", "Verhoeven", "Willemsen", "Brinkman", "Scholten", "Veenstra", "Hoekstra",
           "Koopmans", "Lammers", "Terpstra", "Wijnands", "Huisman", "Geerlings", "Rietveld", "Oosterhuis",
           "Bosman", "Vermeulen", "Peeters", "Dijkstra", "Hofstede", "Kloosterman", "Roelofsen", "Evers"],
    "tr": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan",
           "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Özkan", "Şimşek", "Erdoğan", "Güneş"],
    "ma": ["El Amrani", "Bouzid", "Benali", "El Idrissi", "Ouali", "Azzouzi", "Tahiri", "Boukhari", "El Khattabi",
           "Amezian", "Haddouchi", "Ait Taleb", "Benchekroun", "Ziani", "Lahlali", "Bakkali"],
    "pl": ["Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
           "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Michalak", "Grabowski"],
    "sr": ["Ramdin", "Jagesar", "Ramsaran", "Mahabier", "Sewnath", "Biharie", "Kartodikromo", "Sitaldin",
           "Pinas", "Doelwijt", "Fränkel", "Karsodimedjo", "Wongsoredjo", "Bhagwandin", "Tjin-A-Tsoi"],
    "xx": ["Mensah", "Osei", "Warsame", "Abdullahi", "Zhang", "Chen", "dos Santos", "Pereira", "Müller",
           "Schröder", "Lefèvre", "Dubois", "Popescu", "Ivanenko", "Papadopoulos", "Okonkwo", "Nguyen"],
}

# Dutch surnames that are also ordinary Dutch words: the hardest case for a recogniser that trusts vocabularies.
DUTCH_WORD_SURNAMES = ["Bakker", "Visser", "Koster", "Smit", "Kok", "de Vries", "de Boer", "Mulder", "Molenaar",
                       "Schipper", "Brouwer", "de Koning", "Dekker", "de Wit", "Groen", "Zwart", "de Graaf",
                       "Hoek", "Kuiper", "Bos", "Vos", "Post", "Prins", "Kramer", "Wolf", "Vink", "de Haan",
                       "Mol", "Baas", "Steen", "de Bruin", "Schaap", "Kerkhof", "Timmerman", "Veld", "de Jong"]

TUSSENVOEGSELS = ["van", "van der", "van den", "van de", "de", "ter", "van 't", "in 't"]

STREETS_SUFFIX = ["Kerkstraat", "Molenweg", "Dorpsstraat", "Julianalaan", "Beukenlaan", "Stationsweg",
                  "Wilhelminastraat", "Prinsengracht", "Noordsingel", "Havenkade", "Zeedijk", "Schoolpad",
                  "Kastanjelaan", "Industrieweg", "Emmastraat", "Spoorlaan", "Rozenstraat", "Lindenlaan"]
STREETS_NO_SUFFIX = ["Oude Gracht", "Plein", "Markt", "Lange Voorhout", "Nieuwe Binnenweg", "Hoogte Kadijk",
                     "Oudegracht", "Zuidwal", "Brink", "Vismarkt", "Boschdijk", "Korte Elisabethstraat",
                     "Achter de Dom", "Bierkade", "Lange Nieuwstraat", "Breestraat", "Haarlemmerdijk", "Steenweg",
                     "Kalverstraat", "Vrijthof", "Ganzenmarkt", "Wal", "Voorstraat", "Hooigracht"]
TOWNS = ["Utrecht", "Almere", "Zaandam", "Tiel", "Venlo", "Assen", "Gouda", "Deventer", "Helmond", "Schiedam",
         "Hoorn", "Emmen", "Roosendaal", "Kampen", "Sittard", "Weert", "Meppel", "Harderwijk", "Vlaardingen",
         "Oss", "Zutphen", "Den Helder", "Bergen op Zoom", "Kerkrade"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
DAY_WORDS = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
             "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig"]


@dataclass(frozen=True)
class Person:
    """An invented person; ``surname`` includes any tussenvoegsel ("van der Meer", "Yılmaz-de Vries")."""

    first: str
    second: str | None  # a second given name, shown only as an initial
    surname: str
    origin: str
    female: bool
    dutch_word: bool

    @property
    def multipart(self) -> bool:
        return "-" in self.surname or " " in self.surname

    @property
    def initials(self) -> str:
        return "".join(f"{n[0]}." for n in (self.first, self.second) if n)

    def surname_as_lone(self) -> str:
        """The surname without first name or initials: a tussenvoegsel is capitalised ("Van der Meer")."""
        return self.surname[0].upper() + self.surname[1:]

    def short_initials(self) -> str:
        """Initials of given name and family name, as a ruling abbreviates a party: "A.Y."."""
        core = self.surname.split("-")[0].split()[-1]
        return f"{self.first[0]}.{core[0].upper()}."


def make_person(rng: random.Random, female: bool | None = None) -> Person:
    """A random person: about 45 % Dutch (a third of them with a surname that is a Dutch word), the rest of
    five other origins; some surnames get a tussenvoegsel, some are double (hyphenated, as after marriage)."""
    if female is None:
        female = rng.random() < 0.5
    origin = rng.choices(list(FIRST), weights=[45, 14, 14, 9, 9, 9])[0]
    dutch_word = origin == "nl" and rng.random() < 0.4
    if dutch_word:
        surname = rng.choice(DUTCH_WORD_SURNAMES)
    else:
        surname = rng.choice(SURNAMES[origin])
        if origin == "nl" and rng.random() < 0.35:
            surname = f"{rng.choice(TUSSENVOEGSELS)} {surname}"
    if rng.random() < 0.14:  # a double surname: own name + partner's, of any origin
        other = rng.choice(SURNAMES[rng.choice(list(SURNAMES))] + DUTCH_WORD_SURNAMES)
        surname = f"{surname}-{other}"
    firsts = FIRST[origin][1 if female else 0]
    first = rng.choice(firsts)
    second = rng.choice(firsts) if rng.random() < 0.35 else None
    return Person(first=first, second=second if second != first else None, surname=surname, origin=origin,
                  female=female, dutch_word=dutch_word)


def make_address(rng: random.Random) -> tuple[str, bool]:
    """Street and house number; True when the street name has no street suffix ("Oude Gracht 12")."""
    no_suffix = rng.random() < 0.5
    street = rng.choice(STREETS_NO_SUFFIX if no_suffix else STREETS_SUFFIX)
    number = str(rng.randint(1, 240)) + rng.choice(["", "", "", "a", "-2", " bis", "B"])
    return f"{street} {number}", no_suffix


def make_street(rng: random.Random) -> str:
    return rng.choice(STREETS_NO_SUFFIX + STREETS_SUFFIX)


def make_postcode(rng: random.Random) -> str:
    letters = "ABCDEGHJKLMNPRSTVWXZ"
    return f"{rng.randint(1000, 9999)} {rng.choice(letters)}{rng.choice(letters)}"


def make_date(rng: random.Random, style: str) -> str:
    """A day and month ("14 maart"), written out ("veertien maart"), or a full date in three notations."""
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2012)
    if style == "day_month":
        return f"{day} {MONTHS[month - 1]}"
    if style == "words":
        return f"{DAY_WORDS[min(day, 20) - 1]} {MONTHS[month - 1]}"
    return rng.choice([f"{day} {MONTHS[month - 1]} {year}", f"{day:02d}-{month:02d}-{year}",
                       f"{day:02d}.{month:02d}.{year}"])


def make_phone(rng: random.Random) -> str:
    d = "".join(str(rng.randint(0, 9)) for _ in range(8))
    return rng.choice([f"06-{d}", f"06 {d[:2]} {d[2:4]} {d[4:6]} {d[6:]}", f"0031 6 {d}", f"+31 6 {d}",
                       f"00 32 4{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}", f"020-{d[:7]}", f"0049 151 {d}"])


def make_plate(rng: random.Random) -> str:
    letters = "BDFGHJKLNPRSTXZ"

    def ls(n: int) -> str:
        return "".join(rng.choice(letters) for _ in range(n))

    def ds(n: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(n))

    return rng.choice([f"{ds(2)}-{ls(3)}-{ds(1)}", f"{ls(2)}-{ds(2)}-{ls(2)}", f"{ds(1)}-{ls(3)}-{ds(2)}",
                       f"{ls(2)}-{ls(3)}-{ds(1)}", f"{ds(2)}-{ls(2)}-{ls(2)}"])


def make_iban(rng: random.Random) -> str:
    """A Dutch IBAN with a valid mod-97 check (an invented bank code, so it is nobody's account)."""
    bank = rng.choice(["ABNA", "RABO", "INGB", "SNSB", "TRIO", "ASNB"])
    account = "".join(str(rng.randint(0, 9)) for _ in range(10))
    digits = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    check = 98 - int(digits) % 97
    raw = f"NL{check:02d}{bank}{account}"
    return " ".join(raw[i:i + 4] for i in range(0, len(raw), 4)) if rng.random() < 0.5 else raw
