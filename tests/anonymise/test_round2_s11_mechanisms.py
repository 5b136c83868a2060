"""Mechanisms of anonymiser 0.6.7 (round 2 session 11), each with a counter-case beside it.

Written for this file from the formats the development probe battery (``batteries/dev.txt``) showed missing; the
sentences and names are new, none is copied from a battery or an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered


@pytest.mark.parametrize(("text", "name"), [
    # literature: a festschrift's honouree, an afterword, an updated commentary, authors in brackets after the doctrine
    ("Zie R. Kuipers, 'Dwaling bij koop', in: Liber amicorum Hendrik Sluiter, Deventer 2005, p. 33.",
     "Hendrik Sluiter"),
    ("Zie A. Bosma, in: Opstellen aangeboden aan Marten de Wolf, Zwolle 1999, p. 12 e.v.", "Marten de Wolf"),
    ("Zie het artikel in WPNR 2008/6750, p. 401 (met naschrift van P.J. Overdijk).", "P.J. Overdijk"),
    ("Van Dijk/Pols, Sr, art. 47, aant. 6 (suppl. 170, bijgewerkt door E. Roos-Meijer).", "E. Roos-Meijer"),
    ("Naar de heersende leer (Snijders, Van der Meulen; anders Ploeg-Kuiper) is dat niet vereist.", "Ploeg-Kuiper"),
    ("Naar de heersende leer (Snijders, Van der Meulen; anders Ploeg-Kuiper) is dat niet vereist.", "Van der Meulen"),
    ("De door Wessels en Ruitenbeek bepleite uitleg verdient steun.", "Ruitenbeek"),
    ("Het begrip is door Ploeg uitgewerkt in haar bijdrage aan de bundel Schade (1997).", "Ploeg"),
    ("Zoals Westerhof het treffend verwoordde: de wet is geen woordenboek.", "Westerhof"),
    # a quoted title, then a periodical the journal list does not know, and its year
    ("H.J. Kooiman en T. van 't Riet, 'De zzp'er en de werkgever', Tijdschrift Arbeid 2016/12.", "T. van 't Riet"),
    ("Zie Larenz/Canaris, Schuldrecht II, Rn. 412.", "Canaris"),
    # lawyers: pleading, counsel for a party, an insolvency office held by a titled lawyer, a register suffix
    ("De zaak is op 3 mei 2011 gepleit door mr. Brinkman voor appellante.", "Brinkman"),
    ("Het hof heeft partijen gehoord bij monde van mr. Haan en door mr. Dekkers voor geïntimeerde.", "Dekkers"),
    ("mr. R.P. Ooms, in zijn hoedanigheid van curator in het faillissement van Ooms Bouw B.V., eiser,", "R.P. Ooms"),
    ("Bij vonnis van 2 juni 2010 is de vennootschap failliet verklaard met benoeming van mr. G. Hesse tot curator.",
     "G. Hesse"),
    ("Mr. Langbroek heeft bij pleidooi betoogd dat de termijn was verstreken.", "Langbroek"),
    ("Het beroep is ingesteld door Beekman Belastingadvies (gemachtigde: K. Beekman RB).", "K. Beekman"),
    # officials: a chair, a composed division, a public body's staff and signatory, an office with its qualifier
    ("De hoorzitting werd voorgezeten door mr. Tjalma.", "Tjalma"),
    ("De enkelvoudige kamer, bestaande uit mr. A. Holtrop (voorzitter) en mr. F. Zeeman, griffier, deed uitspraak.",
     "F. Zeeman"),
    ("Namens de Sociale verzekeringsbank heeft T.C. Walstra een verweerschrift ingediend.", "T.C. Walstra"),
    ("Het besluit is namens de staatssecretaris ondertekend door H. Pronk, afdelingshoofd.", "H. Pronk"),
    ("De Raad voor de Kinderbescherming, vertegenwoordigd door L. Stoop, heeft geadviseerd.", "L. Stoop"),
    ("Ter zitting heeft verweerder zich laten vertegenwoordigen door A. Mol, beleidsmedewerker.", "A. Mol"),
    ("De inspecteur van de Belastingdienst/Rijnmond, drs. E. Wiersma, heeft verweer gevoerd.", "E. Wiersma"),
    ("De verzekeringsarts bezwaar en beroep van het Uwv, J. Ketelaar, heeft appellant gezien.", "J. Ketelaar"),
    ("De behandelend psychiater, drs. K. Mol, gaf een verklaring. De rapporterend psychiater, B.R. Oost, adviseerde.",
     "B.R. Oost"),
])
def test_professional_format_is_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # counter-cases: the same words around a private person
    ("De advocaat van Brinkman heeft het hoger beroep ingesteld.", "Brinkman"),
    ("Bij vonnis van 2 juni 2010 is Jan Hesse benoemd tot bewindvoerder over het vermogen van zijn moeder.",
     "Jan Hesse"),
    ("Ter zitting heeft verweerder zich laten vertegenwoordigen door zijn zoon A. Mol.", "A. Mol"),
    ("De woning is door Jannie Ploeg en haar broer Klaas verkocht.", "Jannie Ploeg"),
    # the masculine party roles and police ranks are a person's: a Dutch-word surname after them is a name
    ("3.2 Eiser Schipper heeft verklaard dat hij de brief niet ontving.", "Schipper"),
    ("Appellant Visser stelt dat de boete te hoog is.", "Visser"),
    ("Hoofdagent K. Vos zag de verdachte wegrennen.", "K. Vos"),
    ("Brigadier Smit heeft de auto aangehouden.", "Smit"),
    ("De buren Kok hebben de politie gebeld.", "Kok"),
    # a first name before the initials is part of the name; a first name and a particle surname ("in 't") are no
    # contribution "in:" to a book
    ("Het onderzoek naar Martin L. Jansen is gestaakt.", "Martin L. Jansen"),
    ("Gerda ten Brink en Piet in 't Veld woonden van 1981 tot 1996 samen.", "Piet in 't Veld"),
    # a multi-letter initial before "de Groot": the surname is no second particle group to trim
    ("De getuigen Th. de Groot en Chr. de Groot zijn gehoord.", "Chr. de Groot"),
])
def test_private_person_is_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # organisations: a law firm after a lawyer, funds, schools, a clinic named after a person, a ship
    ("Namens eiseres is verschenen mr. P. Aalders, advocaat bij Houthoff Buruma te Amsterdam.", "Houthoff Buruma"),
    ("De advocaat van eiseres, mr. E. Vink (Kennedy Van der Laan), heeft gepleit.", "Kennedy Van der Laan"),
    ("Het legaat komt toe aan het Prins Bernhard Cultuurfonds.", "Prins Bernhard Cultuurfonds"),
    ("Hij zat op het Stedelijk Gymnasium Johan van Oldenbarnevelt.", "Johan van Oldenbarnevelt"),
    ("Hij verblijft in de Dr. S. van Mesdagkliniek.", "S. van Mesdagkliniek"),
    ("Het vissersvaartuig Jacob Hendrik werd aangehouden.", "Jacob Hendrik"),
    ("De administratie werd gevoerd door Bakker & Partners.", "Bakker"),
    # the bank's capitals are no "ing." title
    ("de naamloze vennootschap ING Groep N.V., gevestigd te Amsterdam, verzoekster", "ING Groep"),
    # places in a list, and a Dutch noun paired with a lower-case noun at a sentence's start
    ("Het kantoor bedient ook Haren en Vught.", "Vught"),
    ("Brouwer en afnemer zijn een exclusieve afname overeengekomen.", "Brouwer"),
])
def test_not_a_person(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a transcript's speakers: two or more adjacent "X: ..." lines with different labels
    ("Tapgesprek 12 maart 2016, 20:14 uur:\nMo: Heb je het al opgehaald?\nBilal: Nee, morgen pas.\nMo: Oke.", "Mo"),
    ("Sessie 1184\nKEES: Is hij al terug?\nBAKKER: Morgen.", "BAKKER"),
    # a nickname or call name after its cue, quoted or not
    ("In het milieu stond verdachte bekend als \"Lange Joop\".", "Lange Joop"),
    ("Hij had een afspraak met ene Djimmy, die hem geld schuldig was.", "Djimmy"),
    ("De man, J.W.M. Verbeek (roepnaam Jan-Willem), en de vrouw zijn gehuwd.", "Jan-Willem"),
    # a name with its birth date in brackets; a first name after a grandparent's word; a couple's first name
    ("De minderjarigen Sem (geboren op 2 mei 2010) en Fenna (geboren op 9 juli 2013) wonen bij de moeder.", "Fenna"),
    ("KINDEREN:\nNOVA (geboren 1 april 2012)\nTIJN (geboren 3 mei 2014)", "TIJN"),
    ("Noor vertelde dat opa Jos haar ophaalde.", "Jos"),
    ("Amina woont in het gezinshuis van Peter en Yvonne Lantinga.", "Peter"),
    # three given names before the surname; a surname that is a legal term after a first name that is no word
    ("Aan de verdachte, Johannes Petrus Maria Hoek, is tenlastegelegd dat hij stal.", "Johannes Petrus Maria Hoek"),
    ("Zijn bijrijder Jannes Hof liep letsel op.", "Jannes Hof"),
    # a name field whose surname is a word, in capitals with its particle
    ("PROCES-VERBAAL VAN VERHOOR\nNaam: VAN DER STEEN\nVoornamen: PIETER", "VAN DER STEEN"),
    # a list of people with initials: a surname that is a word is a name there
    ("Benadeelden: J. Hermans (€ 450), W. Schaap (€ 800) en Th. Lambregts (€ 225).", "W. Schaap"),
    # the pronoun "het" before a name is no shop's article
    ("Later hoorde ik dat het Dennis Mulder was.", "Dennis Mulder"),
    # OCR: a "1" for an "l" or an "i" where that makes a known name
    ("Getuige Mu1der verklaarde dat Wi11em het geld had.", "Wi11em"),
    # children: birth years after a word of birth, "de ouders van X en Y"
    ("Uit het huwelijk zijn geboren: Elif (2006), Yusuf (2009) en Zeynep (2014).", "Zeynep"),
    ("Zij zijn de ouders van Mei-Lin en Jayden.", "Jayden"),
    # names the speakers of a transcript talk about; a plural role with names in capitals; a first name that is a
    # particle after a grandparent's word
    ("Gesprek 12:\nMarlon: Weet jij waar Ruben is?\nVrouw: Bij Hilda, denk ik.", "Hilda"),
    ("Hierop hebben wij, verbalisanten DE BOER en EL AMRANI, de woning betreden.", "EL AMRANI"),
    ("Noor vertelde dat opa Ben haar ophaalde.", "Ben"),
])
def test_cued_private_name_is_replaced(text: str, name: str) -> None:
    assert covered(text, name)


def test_genitive_of_a_replaced_name_is_replaced() -> None:
    from anonymise import anonymise
    from archive.settings import Settings

    out = anonymise("Getuige Öztürk betaalde niet. Öztürks stelling dat hij niets ontving, faalt.", Settings()).text
    assert "Öztürk" not in out and "s stelling" in out


@pytest.mark.parametrize(("text", "name"), [
    # counter-cases: a form is no transcript, a definition or a company's former name is no nickname, "de ene" is no
    # "ene", a double surname with "genaamd", a business name around a family word, a shop after "de"
    ("Parketnummer: 15/026504-20\nUitspraakdatum: 14 juni 2021\nTegenspraak", "Uitspraakdatum"),
    ("Heijmans N.V., verder genaamd Heijmans, heeft het werk aangenomen.", "Heijmans"),
    ("De sporen passen bij de ene Uzi en niet bij de andere.", "Uzi"),
    ("de officier van justitie, mr. A.C.M. Beneken genaamd Kolmer, heeft gevorderd", "Kolmer"),
    ("Hij exploiteert de snackbar Cafetaria Bij Ome Joop.", "Joop"),
    ("Hij ging naar de Albert Heijn.", "Albert Heijn"),
    ("Over het Kees Boekelaantje fietste hij naar huis.", "Kees Boekelaantje"),
])
def test_not_a_cued_person(text: str, name: str) -> None:
    assert kept_or_free(text, name)
