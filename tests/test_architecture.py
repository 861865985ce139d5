"""The house rules of the code base, checked from the source so they stay true (docs/architecture.md).

- no import circle between the project's modules (lazy imports inside functions count too);
- each floor imports only its own floor and the ones below it, and nothing imports the CLI;
- no module over 500 lines, and at most 8 modules left directly in paperlake/;
- docs/architecture.md names only modules and files that exist.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("extractors", "schemas", "paperlake", "dagster_project")
FOUNDATION = "paperlake:foundation"
FLOORS = ("extractors", "schemas", FOUNDATION, "paperlake.calibration", "paperlake.pipeline", "paperlake.review",
          "paperlake.dataset", "paperlake.report", "dagster_project", "paperlake.cli")
"""Lowest first: a module may import from its own floor and from the floors below it."""
MAX_LINES = 500
MAX_TOP_MODULES = 8


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an imported name lives in (a `from pkg import mod` names a module itself)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imported(module: str, path: Path) -> Iterator[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target and target != module:
                yield target


GRAPH = {module: set(_imported(module, path)) for module, path in MODULES.items()}


def _floor(module: str) -> str:
    for floor in reversed(FLOORS):
        if floor != FOUNDATION and (module == floor or module.startswith(floor + ".")):
            return floor
    assert module == "paperlake" or module.count(".") == 1 and module.startswith("paperlake."), module
    return FOUNDATION


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return found


def test_the_import_graph_is_read_from_the_real_tree() -> None:
    assert "paperlake.pipeline.stages" in GRAPH["dagster_project.per_document"]
    assert "paperlake.dataset.publish" in GRAPH["paperlake.dataset.assemble"]
    assert len(MODULES) > 80


def test_no_import_circles() -> None:
    assert _cycles() == []


PUBLIC_API = {("paperlake", "paperlake.dataset.api")}
"""The one upward import allowed: the package root hands analysts `paperlake.open_dataset` (imported lazily)."""


def test_each_floor_imports_only_its_own_and_the_floors_below() -> None:
    rank = {floor: i for i, floor in enumerate(FLOORS)}
    upward = sorted(f"{module} -> {target}" for module, targets in GRAPH.items() for target in targets
                    if rank[_floor(target)] > rank[_floor(module)] and (module, target) not in PUBLIC_API)
    assert upward == []


def test_nothing_below_the_cli_imports_it() -> None:
    importers = sorted(m for m, targets in GRAPH.items() if not m.startswith("paperlake.cli")
                       and any(t.startswith("paperlake.cli") for t in targets))
    assert importers == []


def test_no_module_is_over_500_lines() -> None:
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_paperlake_keeps_few_modules_at_the_top() -> None:
    top = sorted(p.name for p in (REPO / "paperlake").glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    assert {"settings.py", "__init__.py"} <= set(top)


_PATH = re.compile(r"\b((?:paperlake|extractors|schemas|dagster_project|tests|benchmarks|label_configs)"
                   r"(?:/[\w.-]+)*/?)")
_DOTTED = re.compile(r"\b((?:paperlake|extractors|schemas|dagster_project)(?:\.[a-z_][a-z0-9_]*)+)")


def test_architecture_doc_names_only_modules_that_exist() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    paths = set(_PATH.findall(text))
    dotted = set(_DOTTED.findall(text))
    assert len(paths) > 20 and dotted
    missing = sorted(p for p in paths if not (REPO / p).exists())
    missing += sorted(d for d in dotted if not _names_something(d))
    assert missing == []


def _names_something(dotted: str) -> bool:
    """`pkg.module` or `pkg.module.attribute`, where the attribute is defined in that module."""
    module = _resolve(dotted)
    if module is None or dotted.endswith(".toml"):
        return dotted.endswith(".toml")
    rest = dotted[len(module) + 1:].split(".") if dotted != module else []
    source = MODULES[module].read_text(encoding="utf-8")
    return not rest or re.search(rf"^\s*(?:def|class)\s+{rest[0]}\b|^{rest[0]}\b", source, re.MULTILINE) is not None


PYMUPDF_MODULES = {"extractors.pdf_reader", "extractors.pdf_images", "extractors.pdf_checks", "extractors.layout_model",
                   "extractors.models.chart_data", "paperlake.review.export", "dagster_project.metadata"}
"""The README names these as the only modules that import PyMuPDF."""


def test_only_the_named_modules_import_pymupdf() -> None:
    importers = set()
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n in ("pymupdf", "fitz") or n.startswith(("pymupdf.", "fitz.")) for n in names):
                importers.add(module)
    assert importers == PYMUPDF_MODULES
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(f"`{MODULES[m].relative_to(REPO)}`" in readme for m in PYMUPDF_MODULES)


def test_the_readme_links_the_architecture_doc() -> None:
    assert "(docs/architecture.md)" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("module", ["paperlake.dataset.publish", "paperlake.dataset.diff"])
def test_publish_and_snapshot_diff_no_longer_import_each_other(module: str) -> None:
    other = {"paperlake.dataset.publish": "paperlake.dataset.diff",
             "paperlake.dataset.diff": "paperlake.dataset.publish"}[module]
    assert other not in GRAPH[module]
