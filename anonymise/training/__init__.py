"""Offline training of the bundled NER model. Never imported by the runtime anonymiser.

These scripts import spaCy directly (they build DocBins and call ``spacy train``); the runtime package keeps its
single spaCy import in ``anonymise/nlp.py``.
"""
