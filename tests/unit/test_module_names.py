"""No module defines the same top-level name twice.

In a module of long regular-expression constants (``anonymise/professional.py`` has over a hundred) a pattern
defined again further down silently replaces the first one for every use after it: twice in round 2 a new
``_SIGNED_FOR_BODY`` and ``_COURT_APPOINTED`` shadowed an older pattern of the same name, and the older format
stopped working without a failing test. ruff's F811 covers functions and imports, not assignments; this covers both.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("archive", "ingest", "anonymise", "search_index", "app")


def top_level_names(tree: ast.Module) -> Counter[str]:
    """Names bound by the module's own top-level statements (not inside ``if``/``try``, where two bindings of one
    name are alternatives, not a redefinition)."""
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    return names


def modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def test_the_check_sees_a_redefinition() -> None:
    tree = ast.parse("_A = 1\ndef f(): pass\n_A = 2\nclass f: pass\nif x:\n    _B = 1\nelse:\n    _B = 2\n")
    assert {k for k, v in top_level_names(tree).items() if v > 1} == {"_A", "f"}


def test_no_top_level_name_is_defined_twice() -> None:
    twice = {str(p.relative_to(ROOT)): sorted(k for k, v in top_level_names(ast.parse(p.read_text("utf-8"))).items()
                                              if v > 1) for p in modules()}
    assert len(twice) > 100  # the packages were found
    assert not {k: v for k, v in twice.items() if v}, "the later definition of a name wins silently"
