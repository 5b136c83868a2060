"""Mechanisms of anonymiser 0.6.9 (round 2 session 13), each with counter-cases beside it.

Written for this file; the sentences and names are new, none is copied from a battery or an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.anonymise.test_blind_mechanisms import kept_or_free
from tests.anonymise.test_recall_classes import covered


@pytest.mark.parametrize(("text", "name"), [
    # a single judge in apposition to the court's own name, with a title
    ("De rechtbank Oost-Brabant, mr. H.W. Kooistra, oordeelt dat de koop is ontbonden.", "H.W. Kooistra"),
    ("De rechtbank, mr. E. van Dommelen, wijst de vordering af.", "E. van Dommelen"),
    ("Het gerechtshof Arnhem-Leeuwarden, mr. B. Sijbrandij, bekrachtigt het vonnis.", "B. Sijbrandij"),
    # a lawyer's name in capitals after a title written in lower case
    ("Ilse Gorter, te Hengelo, eiseres,\ngemachtigde: mr. W. TER BRAAK,\ntegen\nde Staat", "W. TER BRAAK"),
    ("bijgestaan door mr. F. VAN OSCH en mr. J. Timmer, advocaten te Breda.", "F. VAN OSCH"),
])
def test_bench_and_lawyers_in_new_positions_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # without a title after the court's name, or after a pronoun, the name is not the judge's
    ("De rechtbank Utrecht, Gerrit Kooistra, gedaagde, is niet verschenen.", "Gerrit Kooistra"),
    ("Zij, mr. Kooistra, heeft dit nooit gedaan, zegt de buurvrouw.", "Kooistra"),
    # a party in capitals beside its lawyer keeps being replaced
    ("Ilse Gorter, te Hengelo, eiseres,\ngemachtigde: mr. W. TER BRAAK, en ILSE GORTER", "ILSE GORTER"),
    # a name in quotes that someone is called by
    ('Verdachte Karim Benali, door iedereen "Kees" genoemd, ontkent de handel.', "Kees"),
    ('Een man, door zijn vrienden ook wel "Lange Joop" genoemd, bood de fiets aan.', "Lange Joop"),
    # children listed by one initial each after a colon, and their later mentions
    ("Uit de relatie zijn twee kinderen geboren: M. en J., nu negen en zes jaar oud. J. wil bij de moeder wonen.",
     "M."),
    ("Uit de relatie zijn twee kinderen geboren: M. en J., nu negen en zes jaar oud. J. wil bij de moeder wonen.",
     "J."),
    ("Uit het huwelijk zijn geboren de kinderen: R. (2011), F. (2013) en L. (2016).", "F."),
])
def test_private_persons_in_new_positions_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a quoted word called so that has no first name in it is a term, a case or a product
    ('De uitlegmaatstaf, ook wel "Zwolsche Algemeene" genoemd, is hier niet van toepassing.', "Zwolsche Algemeene"),
    # a ruling that names its parties by bare letters uses letters as pseudonyms for the children too
    ("A en B zijn gehuwd geweest. Zij hebben twee kinderen: C. en D., die bij A wonen.", "C."),
])
def test_quoted_terms_and_pseudonym_letters_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a signature line opening with "W.g." (capital W)
    ("W.g. H.J. Versteeg en A.M. Bruinsma\nDe griffier is verhinderd deze uitspraak mede te ondertekenen.",
     "A.M. Bruinsma"),
    # counsel who "treedt op" for a party, the party named before or after
    ("Mr. G.H. Zeldenrust treedt op voor de woningcorporatie.", "G.H. Zeldenrust"),
    ("Namens de vereniging trad op mr. P.A. Lagerweij.", "P.A. Lagerweij"),
    # inspectors, controllers and the auxiliary public prosecutor in apposition
    ("De belastinginspecteur, K.J. Oudshoorn, heeft ter zitting zijn standpunt toegelicht.", "K.J. Oudshoorn"),
    ("Een controleur van de Algemene Inspectiedienst, R. Hoefnagel, heeft het monster genomen.", "R. Hoefnagel"),
    ("Het proces-verbaal is opgemaakt door de controleurs B. Vlaanderen en H.T. Siebelink van de Algemene "
     "Inspectiedienst.", "H.T. Siebelink"),
    # an expert with a verb of presence between noun and name, and an expert's report
    ("Ter zitting was als deskundige aanwezig ir. F. Wolters, verbonden aan de TU Delft.", "F. Wolters"),
    ("Het hof volgt het deskundigenbericht van ir. L.M. Sprenkels over de draagkracht van de vloer.", "L.M. Sprenkels"),
    # a cited author named by the bare surname, then with initials in a sentence without a private cue
    ("Zie ABRvS 3 mei 2006, AB 2006/301 m.nt. Damen. L.J.A. Damen wijst erop dat de rechter de wet toetst.",
     "L.J.A. Damen"),
])
def test_officials_counsel_and_authors_in_new_formats_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # the same surname with initials after a private cue is the party
    ("Zie HR 3 mei 2006, NJ 2006/301 m.nt. Damen. Eiser, L. Damen, stelt dat de huur is betaald.", "L. Damen"),
    # an opinion verb alone makes no citation: the insurer's adviser stays replaced (SKGZ policy)
    ("De medisch adviseur van de zorgverzekeraar, P. Hoekman, arts, heeft geadviseerd. Hoekman concludeert dat de "
     "behandeling niet nodig is.", "P. Hoekman"),
    # acting for a relative is no counsel's work
    ("Jan de Wit treedt op voor zijn broer.", "Jan de Wit"),
    # a controller of a party's own business is its employee
    ("De controleur van het bedrijf van appellant, J. Mosterd, hield de boeken bij.", "J. Mosterd"),
])
def test_private_persons_beside_the_new_formats_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # the party a lawyer acts for, named without a title after "namens de benadeelde partij"
    ("Mr. T.J. Hendriks, advocaat te Arnhem, heeft namens de benadeelde partij R. Kowalczyk een vordering ingediend.",
     "R. Kowalczyk"),
    # a first name, the call name in brackets and the surname
    ("Appellante, Wilhelmina (Mien) Oosterhout-Bakker, is in 1999 ziek uitgevallen.", "Oosterhout-Bakker"),
    ("Op 3 mei 2001 heeft Johannes (Hans) Verkerk de woning verlaten.", "Johannes (Hans) Verkerk"),
])
def test_parties_beside_counsel_and_with_a_call_name_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a titled lawyer after "namens gedaagde" is still counsel
    ("mr. K. Amrani, advocaat te Leiden, heeft namens eiser geantwoord, waarop mr. P. Lindqvist namens gedaagde "
     "heeft gereageerd.", "P. Lindqvist"),
    # a numbered heading on its own line
    ("II. Beoordelingskader\n\nDe rechtbank stelt het volgende voorop.", "Beoordelingskader"),
    # the title of a book between its editors and its place of publication
    ("Zie R. Schulze & F. Zoll (eds.), European Contract Law, Baden-Baden: Nomos 2016, p. 12.",
     "European Contract Law"),
    ("Zie J. Armour e.a., The Anatomy of Corporate Law, 3rd ed., Oxford: Oxford University Press 2017, p. 50.",
     "The Anatomy"),
])
def test_counsel_headings_and_book_titles_are_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # the surname first, then the first names, before the birth or residence of a heading
    ("in de strafzaak tegen\nYILMAZ, Mehmet Ali,\ngeboren te Kayseri (Turkije) op 3 maart 1980,", "YILMAZ, Mehmet Ali"),
    ("in de zaak van\nVan Wijngaarden, Petronella,\nwonende te Gouda,\neiseres,", "Van Wijngaarden, Petronella"),
    # a caps surname that opens with a journal's letters ("VR", "AB") followed by a roman numeral's letter
    ("in de strafzaak tegen\nVRIELINK, Johannes Pieter,\ngeboren te Hengelo op 1 januari 1975,", "VRIELINK"),
    ("in de strafzaak tegen\nABIDI, Karim,\ngeboren te Tunis op 2 februari 1981,", "ABIDI"),
])
def test_inverted_names_of_headings_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a journal with a volume in roman numerals is still a citation
    ("Zie VR II, p. 34, en AB I, nr. 12, over de Wegenverkeerswet.", "VR II"),
    # a place and a first name before "geboren" is no inverted name
    ("Utrecht, Lombok, geboren en getogen aldaar.", "Utrecht"),
])
def test_citations_and_places_are_not_read_as_inverted_names(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # inside a sentence of a transcript, a capitalised name word with its particle
    ("Tapgesprek 7:\nNN-man: Youssef is opgepakt, man.\nVerdachte: Wie zegt dat?\nNN-man: Hij gaat praten over "
     "El Idrissi en zijn broer.", "El Idrissi"),
    ("Gesprek 12:\nVerdachte: Heb je Kowalczyk nog gezien?\nNN-vrouw: Nee, die is naar huis.", "Kowalczyk"),
])
def test_names_inside_transcript_utterances_are_replaced(text: str, name: str) -> None:
    assert covered(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a bibliography's labelled lines are no transcript
    ("Bronnen\nHandboeken: Asser/Maeijer & Kroeze 2-I* 2015; Asser/Rensen 2-III* 2017.\nMonografieën: Mon. BW B14 "
     "(Huizink), 2015; Hofmann-Van Opstall, 1976.", "Opstall"),
    # a shop after an article in an utterance
    ("Tapgesprek 9:\nVerdachte: Ik zag hem bij de Kruidvat.\nNN-man: Welke dan?", "Kruidvat"),
])
def test_bibliographies_and_shops_are_no_transcript_names(text: str, name: str) -> None:
    assert kept_or_free(text, name)


@pytest.mark.parametrize(("text", "name"), [
    # a quoted title, then "in:" and the collection it is part of
    ("Zie T. Kooijmans, ‘Vrijspraak in hoger beroep’, in: P. Mevis & J. Verbaan (red.), Strafrecht in perspectief, "
     "Den Haag: Boom 2015, p. 12.", "T. Kooijmans"),
    # a volume "t. II" inside the title before the place and publisher
    ("Zie H. Vandenberghe, Traité du droit des obligations, t. II, Bruxelles: Larcier 1999, nr. 44.",
     "H. Vandenberghe"),
])
def test_literature_with_a_quoted_title_or_a_volume_is_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


def test_a_quoted_statement_before_in_is_no_title() -> None:
    assert covered("Getuige A.B. Hovenier zei: ‘ik was thuis’, in: de woonkamer.", "A.B. Hovenier")


@pytest.mark.parametrize(("text", "name"), [
    # the head of state in office and the formula of a royal decree
    ("Wij Juliana, bij de gratie Gods, Koningin der Nederlanden, Prinses van Oranje-Nassau, enz. enz. enz.",
     "Juliana"),
    ("Wij Juliana, bij de gratie Gods, Koningin der Nederlanden, Prinses van Oranje-Nassau, enz. enz. enz.",
     "Oranje-Nassau"),
    ("Het besluit is door koning Willem-Alexander bekrachtigd.", "Willem-Alexander"),
])
def test_the_monarch_in_office_is_kept(text: str, name: str) -> None:
    assert kept_or_free(text, name)


def test_a_private_koning_stays_replaced() -> None:
    text = "De heer Koning heeft verklaard dat Koning Jansen Holding B.V. failliet is."
    assert not kept_or_free(text, "Koning heeft")


def test_an_interpreter_with_a_verb_of_presence_is_kept() -> None:
    assert kept_or_free("Als tolk was aanwezig de heer R. Demirtaş.", "R. Demirtaş")
