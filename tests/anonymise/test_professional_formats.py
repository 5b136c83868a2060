"""Regression cases for the 0.4.0 professional formats (issue 12, precision): hand-written sentences, none taken
from the held-out sets. Each kept case is a format of Dutch legal writing that names an official, a lawyer, an
expert or a cited author; each replaced case beside it shows the format does not swallow a private person.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_zones_and_formats import covered, replaced

FILLER = " Dit is een zin die alleen ruimte vult, zodat er geen lege regel volgt." * 6


@pytest.mark.parametrize("text", [
    # a representative's clause needs no blank line after it (single line breaks), and may follow a comma
    "kennisgenomen van wat verdachte en zijn raadsman, mr. E.H. Borkent, naar voren hebben gebracht." + FILLER,
    "Raadsman: mr. B.H.J. van Rijnsburg.\n1. Onderzoek van de zaak" + FILLER,
    "Mr. C. Dekema, procesadvocaat, heeft het woord gevoerd.",
    # the public prosecutor, before and after the name, also on the next line of a signature
    "De officier van justitie mr. C. Boersma heeft gevorderd dat verdachte wordt veroordeeld.",
    "waarbij de officier van justitie, mr. S. Hoogland, aanwezig was.",
    "Gedaan te Utrecht op 21 maart 2017,\nmr. T. Tangerman\nOfficier van Justitie",
    # inline signatures after the bench sentence (no line starts)
    "Deze uitspraak is gedaan door H.G. Rotgans, in tegenwoordigheid van K.E. Hoorn als griffier. De beslissing "
    "is uitgesproken in het openbaar op 18 april 2012. (get.) H.G. Rotgans. (get.) K.E. Hoorn.",
    # a member of the bench who could not sign
    "Mr. J.P.M. Schwalbach is niet in de gelegenheid dit vonnis mede te ondertekenen.",
    "Mr. J. Wierenga is buiten staat mede te ondertekenen.",
    # the bench sentence with roles between the names ("mrs." closes no sentence)
    "Dit vonnis is gewezen door mrs. I.M. Vanwersch, voorzitter en R.P. den Oever en R.P.G.L.M. Verhaar, "
    "rechters, bijgestaan door de griffier.",
    # an office with a qualifier; a raadsheer-commissaris
    "De rechter-commissaris belast met de behandeling van strafzaken, mr. A.B. Kortenhorst, heeft gehoord.",
    "De raadsheer-commissaris mr. C. Dijkhuis heeft de getuige gehoord.",
    # the head of an A-G's conclusion
    "Nr. 13/01948\nMr. Machielsen\nZitting 13 mei 2014\nConclusie inzake:\n[verdachte]",
    # a titled representative acting for a party, named again after "p/a"
    "Namens appellante heeft mr. P.J. de Rooswijk hoger beroep ingesteld. De verzoeker p/a mr. P.J. de Rooswijk.",
    # report writers: an expert's or probation officer's report
    "Uit het rapport van het NFI d.d. 15 juli 2014, opgemaakt door dr. B. Kokmeijer, pag. 901, blijkt dit.",
    "Het reclasseringsadvies is opgemaakt door L.C. van der Noordam, reclasseringswerker.",
])
def test_official_lawyer_and_expert_formats_are_kept(text: str) -> None:
    assert replaced(text) == []


@pytest.mark.parametrize("text", [
    # literature: a list that runs on into the title, a work cited before, a handbook, a contribution "in" a work
    "4\nProf. mr. B.F. Keulen/prof. mr. G. Knigge, Strafprocesrecht, 12e druk, p.310.\n5\nKnigge en Keulen gaan "
    "verder.",
    "3. Zo ook Tjittes, a.w., p. 45, en Hijma e.a., t.a.p.",
    "In deze zin ook mr. H.M.W. Dekkers in Handboek strafzaken 5.3.",
    "Hij wordt hierin bijgevallen door mr. dr. J.W. van der Hoeven, Melai/Groenhuijsen 3/52.",
    "Zie Schoordijk, Vermogensrecht in het algemeen, p. 123.",
    "Volgens Hartkamp (Verbintenissenrecht deel I, nr. 12) is dat anders.",
    "Zo ook Pitlo-Reehuis/Heisterkamp, Goederenrecht, nr. 5.",
    "Brunner merkt in zijn noot onder dat arrest op dat het anders is.",
    # the author of a commented section, in brackets after the reference
    "Zie T&C Strafvordering, art. 27, aant. 3 (Borgman) en Handboek strafzaken 5.1.1 (mr. H.M.W. Damsma).",
    # case names: "het arrest X (...)", "de zaak X (...)", "het X-arrest", an old EU case number
    "Het EHRM heeft in het arrest Allanson (EHRM 5 november 2002, 48539/99) geoordeeld. Het Hof heeft in de zaak "
    "Allanson overwogen dat dit niet mag.",
    "In de zaak Wachtelaar (HvJ 13 juli 1989, zaak 5/88, Jurispr. 1989, blz. 2609) en in het Bachmeier-arrest "
    "oordeelde het Hof anders.",
])
def test_cited_authors_and_case_names_are_kept(text: str) -> None:
    assert replaced(text) == []


@pytest.mark.parametrize(("text", "name"), [
    # a party named with an honorific inside a lawyer's clause stays replaced
    ("De advocaat van eiser, mr. K. Veldhuis, heeft namens de heer A.B. Jansen het woord gevoerd." + FILLER,
     "A.B. Jansen"),
    # a relative as representative stays replaced, also without a blank line after the clause
    ("gemachtigde: zijn zoon P.Q. Hendriksen, en verder niemand." + FILLER, "P.Q. Hendriksen"),
    # "voorzitter van" a private body is no office of the court
    ("A.B. Kuipers, voorzitter van de vereniging, heeft een brief gestuurd. De heer Kuipers belde.", "Kuipers"),
    # a mention with other initials than the titled professional is another person
    ("Mr. J. de Vries, advocaat te Utrecht, stond eiser bij. Getuige P. de Vries verklaarde anders.",
     "P. de Vries"),
    # "de zaak X" without a citation after it is no case name
    ("In de zaak Hendriksen heeft de verdachte Hendriksen bekend.", "Hendriksen"),
])
def test_private_persons_next_to_the_formats_stay_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize("text", [
    "De Staat, vertegenwoordigd door de landsadvocaat mr. A.B. Pieterse, heeft verweer gevoerd.",
    "eiser tot cassatie, advocaten: mrs. Hoogendoorn en Van Kempenaar,",
])
def test_plural_titles_and_the_states_advocate_are_kept(text: str) -> None:
    assert replaced(text) == []


@pytest.mark.parametrize("text", [
    "Mr. Koopmanschap\n\nNr. 9876\n\nZitting 3 februari 1995\n\nConclusie inzake:\n\n[eiser]",
    "Mr. Kroeskamp\n\nStrafkamer\n\nConclusie inzake [verdachte]",
])
def test_more_conclusion_heads_are_kept(text: str) -> None:
    assert replaced(text) == []


def test_a_numbered_capitals_heading_is_no_name() -> None:
    text = "Datum uitspraak: 18 april 2012 I. PROCESVERLOOP Namens appellante heeft mr. B.P. Kuijpers beroep ingesteld."
    assert replaced(text) == []
    assert covered("Verschenen is J. BAKKER, wonende te Utrecht.", "BAKKER")
