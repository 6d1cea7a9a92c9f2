"""Imports go one way (house style): mock_sites imports nothing of ours; the harness never imports
pages or steps; pages import from the harness only what gives them paths; steps import pages and
the harness, never the mock; no two modules of a package import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OURS = ("harness", "pages", "steps", "mock_sites", "tests", "features", "conftest")
# What pages may take from the harness: the target's paths and the URLs they are relative to.
PAGES_MAY_IMPORT = ("harness.target.portals", "harness.target.config")


def modules(package: str) -> list[Path]:
    """Every Python module of `package` (a folder of the repository)."""
    return sorted((REPO / package).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The modules `path` imports, absolute, wherever in the file (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def ours(imported: set[str]) -> set[str]:
    return {name for name in imported if name.split(".")[0] in OURS}


def offending(package: str, allowed: tuple[str, ...]) -> list[str]:
    """`module → import` for each import of ours in `package` outside the `allowed` prefixes."""
    return [
        f"{module_name(path)} → {name}"
        for path in modules(package)
        for name in sorted(ours(imports_of(path)))
        if not any(name == prefix or name.startswith(prefix + ".") for prefix in allowed)
    ]


def test_the_mock_imports_nothing_of_ours() -> None:
    assert offending("mock_sites", ("mock_sites",)) == []


def test_the_harness_never_imports_pages_or_steps() -> None:
    assert offending("harness", ("harness", "mock_sites")) == []


def test_pages_import_only_the_harness_part_that_gives_paths() -> None:
    assert offending("pages", ("pages", *PAGES_MAY_IMPORT)) == []


def test_steps_import_pages_and_the_harness_never_the_mock() -> None:
    assert offending("steps", ("steps", "pages", "harness")) == []


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The modules among `known` that `path` imports (`from pkg import module` is the module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in known:
                    found.add(f"{node.module}.{alias.name}")
                elif node.module in known:
                    found.add(node.module)
    return found


@pytest.mark.parametrize("package", ["mock_sites", "harness", "pages", "steps"])
def test_no_two_modules_import_each_other(package: str) -> None:
    paths = {module_name(path): path for path in modules(package)}
    edges = {module: imported_modules(path, set(paths)) - {module} for module, path in paths.items()}
    cycles = sorted(f"{a} ⇄ {b}" for a, targets in edges.items() for b in targets if a < b and a in edges[b])
    assert cycles == []


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    # The checks above pass only if they can fail: a module importing a page is found.
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from pages.base import shows\n", encoding="utf-8")
    assert ours(imports_of(module)) == {"pages.base", "pages.base.shows"}
