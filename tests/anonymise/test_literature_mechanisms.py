"""Mechanisms added after the blind literature cases (``tests/anonymise/blind/literature.txt``, round 2 session 7).
Each case is written here in its own words (none is copied from the blind file), with a counter-case beside it: a
literature format must not keep a private party, and a party's format must not take an author."""

from __future__ import annotations

import pytest

from anonymise import decide
from archive.settings import Settings
from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered

S = Settings()


@pytest.mark.parametrize(("text", "name"), [
    # a private party who shares the surname of a cited author: every bare mention of the party is replaced
    ("Appellant, Ruud Asselbergs, stelt dat de termijn niet liep (Asselbergs/Van Wijk, Verjaring, 2012, nr. 4). "
     "Asselbergs heeft dat ter zitting herhaald.", "Asselbergs"),
    # a known surname that only looks like an inflected word, after a person's role
    ("Werknemer Gerardus Geurts werd op staande voet ontslagen. Geurts meldde zich ziek.", "Gerardus Geurts"),
    # Dutch baptismal names that also name hospitals are first names before a surname
    ("De erflaatster, Wilhelmina Hendrika Oosterbroek, overleed in 2001.", "Wilhelmina Hendrika Oosterbroek"),
    ("Aangever Antonius Verbruggen zag de auto wegrijden.", "Antonius Verbruggen"),
    # a party before a verb of arguing is the party, also when the role word opens the sentence
    ("Werknemer Sander Wolthuis betoogt dat de opleiding in het belang van de werkgever was.", "Sander Wolthuis"),
    # two private persons named by private forms before a plural verb of arguing stay private
    ("Eiser Jeroen Kamphuis en zijn buurman Ruben Terpstra procederen samen. Kamphuis en Terpstra betogen dat de "
     "erfdienstbaarheid is verjaard.", "Terpstra"),
    # a treating specialist and a superior at work named after their role, a surname with a capital particle
    ("De behandelend oncoloog, Van Oostveen, schreef dat de therapie noodzakelijk was.", "Van Oostveen"),
    ("Hij werd door zijn chef, Van Hulsen, betrapt bij het magazijn.", "Van Hulsen"),
    # the relative that the sentence names after a curator's clause is not the curator's relative
    ("De curator, mr. T.W. Brinkhorst, verkocht het pand aan een neef van de gefailleerde, Koen Dijkhuis.",
     "Koen Dijkhuis"),
])
def test_found(text: str, name: str) -> None:
    assert covered(text, name), name


@pytest.mark.parametrize(("text", "name"), [
    ("De curator, mr. T.W. Brinkhorst, verkocht het pand aan een neef van de gefailleerde, Koen Dijkhuis.",
     "T.W. Brinkhorst"),
    # old citing words and the doctrine of an author
    ("Men vergelijke nog Eduard Sterkenburg, Verzamelde opstellen, deel II, blz. 214.", "Eduard Sterkenburg"),
    ("Dat strookt met de leer van Wiersinga, die ik hiervoor aanhaalde.", "Wiersinga"),
    ("Zie de commentaren van Oudenhoven en Brakel in T&C Awb, art. 4:84, aant. 2.", "Oudenhoven"),
    # two authors before a plural verb of writing
    ("Vermeulen en Ter Haar wijzen er echter op dat de wetgever een ander doel had.", "Ter Haar"),
    # a book's place of publication and publisher are no person and no address
    ("Zie J.K. Lindeboom, Theorie van het recht, Frankfurt am Main: Suhrkamp 1994, S. 12.", "Suhrkamp 1994"),
    ("R. Okafor, Rights at Work, Cambridge MA: Harvard University Press 2001, p. 7.", "Harvard University Press"),
    ("R. Okafor, Rights at Work, New Haven: Yale University Press 2001, p. 7.", "New Haven"),
    # a monograph series with its author in brackets, a labelled list of literature
    ("Zie Mon. NBW A-17 (Van der Brugge), nr. 12.", "Van der Brugge"),
    ("Literatuur: Van Dorsser/Ter Wee, Handboek huurrecht, 2014; Pieterse, Huur, 2019.", "Van Dorsser"),
    # an EU case cited by its name and number
    ("Dat volgt uit de zaak Hoogovens Staal (C-212/19) en de conclusie die daaraan voorafging.", "Hoogovens Staal"),
    # foreign editions close a literature reference
    ("Zie daarover: M. Obermeier en F. Lindqvist, Grundzüge des Vertragsrechts, 4. Aufl., München 2008, S. 311.",
     "F. Lindqvist"),
    ("Vgl. T.R. Whitfield, Contract Theory, 3rd ed., Oxford 2011, p. 45.", "T.R. Whitfield"),
])
def test_not_taken(text: str, name: str) -> None:
    assert kept_or_free(text, name), name


def test_a_street_with_a_year_like_number_is_still_an_address() -> None:
    text = "Verdachte woonde aan de Molenkamp 1992 te Zwolle."
    assert any(m.label == "ADDRESS" and m.action == "replaced" for m in decide(text, S))


def test_a_care_provider_after_a_specialist_noun_gets_the_care_role() -> None:
    text = "De behandelend oncoloog, Van Oostveen, schreef dat de therapie noodzakelijk was."
    roles = {m.role for m in decide(text, S) if m.label == "PERSON" and m.action == "replaced"}
    assert roles == {"zorgverlener"}
