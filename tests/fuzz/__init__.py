"""Property-based tests (hypothesis) of everything that reads untrusted input: the query text parser, the search
plan, the filter builder, the cursor decoder and the XML and plain-text extractors.

What they assert: no exception other than the project's own (:class:`archive.errors.RulingsError` subclasses,
``InvalidParameterError`` for search parameters), no hang (each call runs under a deadline), no filter value that
escapes its quoting (every built filter is read back with :mod:`tests.fuzz.meili_filter`), well-formed input is
read without error and without losing its text.

In the suite (CI) every property runs a small fixed number of examples, derandomized (the same examples on every
run: a red build is reproducible, a green one is not luck), with no example database; the whole folder runs in
well under a minute on one core::

    .venv/bin/pytest -q tests/fuzz -p no:cacheprovider

A longer campaign locally: ``RULINGS_FUZZ_EXAMPLES`` sets the number of examples of every property and switches
to random examples, with failures remembered in ``var/hypothesis`` (replayed first on the next run)::

    RULINGS_FUZZ_EXAMPLES=5000 .venv/bin/pytest -q tests/fuzz -m "not integration" -p no:cacheprovider -x
    RULINGS_FUZZ_EXAMPLES=20000 .venv/bin/pytest -q tests/fuzz/test_fuzz_extractors.py -p no:cacheprovider

(measured: 1,500 examples of every pure property take ~7 min, 3,000 of every extractor property ~7 min, on a
loaded 2-core machine). The real-server properties (``-m integration``) write to Meilisearch per example: give
them a few hundred at most.

A failure prints the minimal example and a ``@reproduce_failure`` line; turn the example into a plain regression
test next to the code it breaks.
"""
