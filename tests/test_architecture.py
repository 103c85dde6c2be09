"""The seams of the design, checked on the source itself.

The whole import graph of ``tm`` and ``glossary`` is built from the source — absolute,
relative and function-level imports alike — and must have no cycle and no edge that points
up a layer or across to a sibling. ``glossary`` reaches ``tm`` only through ``tm``'s public
API (the names of ``tm/__init__.py``), and ``glossary.cli`` through ``tm.cli``'s shared
command-line conventions.
"""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Layers, lowest first. A module may import modules of its own group and of lower layers.
#: Groups on one layer are siblings and must not import each other.
LAYERS = {
    "tm": [["tm.errors", "tm.models", "tm.clock", "tm.parallel", "tm.cache"], ["tm.text"], ["tm.align", "tm.memory"], ["tm.formats"],
           ["tm.exchange"], ["tm.serve"], ["tm.cli"], ["tm.__main__"]],
    "glossary": [["glossary.errors", "glossary.models", "glossary.pinyin"], ["glossary.formats"],
                 ["glossary.termbase"], ["glossary.extract", "glossary.qa"], ["glossary.pipeline", "glossary.workbench"],
                 ["glossary.cli"], ["glossary.__main__"]],
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources(package: str):
    return sorted((ROOT / package).rglob("*.py"))


MODULES = {module_name(p): p for pkg in ("tm", "glossary") for p in sources(pkg)}


def imports_of(path: Path) -> set[str]:
    """Every module of ours that ``path`` imports, anywhere in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                       for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def group_of(module: str) -> tuple[int, str] | None:
    package = module.split(".")[0]
    for rank, groups in enumerate(LAYERS[package]):
        for group in groups:
            if module == group or module.startswith(group + "."):
                return rank, group
    return None


def test_every_module_has_a_layer():
    facades = {"tm", "glossary"}
    assert [m for m in MODULES if m not in facades and group_of(m) is None] == []


def test_no_import_cycles():
    # the façades import nothing eagerly (see test_the_public_api_is_lazy), so they are leaves
    graph = {m: {t for t in ts if t not in ("tm", "glossary")} for m, ts in GRAPH.items()}
    state, cycles = {}, []

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []


def test_layers_only_point_down():
    upward = []
    for module, targets in GRAPH.items():
        mine = group_of(module)
        for target in targets:
            if target.split(".")[0] != module.split(".")[0] or target in ("tm", "glossary"):
                continue
            theirs = group_of(target)
            if mine is None or theirs is None:
                continue
            if theirs[0] > mine[0] or (theirs[0] == mine[0] and theirs[1] != mine[1]):
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_glossary_uses_tm_only_through_its_public_api():
    offenders = []
    for module, targets in GRAPH.items():
        if not module.startswith("glossary"):
            continue
        for target in targets:
            if not target.startswith("tm"):
                continue
            if target == "tm" or (module == "glossary.cli" and target == "tm.cli"):
                continue
            offenders.append(f"{module} -> {target}")
    assert offenders == []


def test_tm_never_imports_glossary():
    assert [m for m, ts in GRAPH.items() if m.startswith("tm") and any(t.startswith("glossary") for t in ts)] == []


def test_the_public_api_is_lazy_and_complete():
    """``tm/__init__.py`` imports nothing of ours eagerly (start-up stays fast) and every
    name it offers resolves."""
    assert GRAPH["tm"] == set()
    tm = importlib.import_module("tm")
    missing = [name for name in tm.__all__ if not hasattr(tm, name)]
    assert missing == []


def test_glossary_imports_only_public_names_of_tm():
    tm = importlib.import_module("tm")
    used = set()
    for module, path in MODULES.items():
        if not module.startswith("glossary"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "tm" and node.level == 0:
                used.update(a.name for a in node.names)
    assert sorted(used - set(tm.__all__)) == []


@pytest.mark.parametrize("package", ["tm", "glossary"])
def test_only_cli_modules_import_click(package):
    # the command-line modules: glossary/cli.py, tm/cli/ (a package: tm.cli.quick answers
    # `tm match` without click)
    offenders = [module_name(p) for p in sources(package)
                 if "click" in _third_party(p) and p.name != "cli.py"
                 and not module_name(p).startswith(f"{package}.cli.")]
    assert offenders == []


def test_only_serve_imports_the_web_framework():
    web = {"flask", "starlette", "jinja2", "werkzeug", "uvicorn"}
    offenders = [module_name(p) for pkg in ("tm", "glossary") for p in sources(pkg)
                 if _third_party(p) & web and not module_name(p).startswith("tm.serve")]
    assert offenders == []


def _third_party(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_core_never_prints():
    offenders = []
    for pkg in ("tm", "glossary"):
        for p in sources(pkg):
            if p.name == "cli.py":
                continue
            for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                    offenders.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def _methods_of(path: Path, classes: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {item.name for node in tree.body if isinstance(node, ast.ClassDef) and node.name in classes
            for item in node.body if isinstance(item, ast.FunctionDef) and not item.name.startswith("__")}


def test_backends_are_told_apart_through_the_dialect_not_by_their_attributes():
    """What the backends do differently is asked of ``tm.memory.pg.dialect(db)``: code that
    asks a connection or database whether it has one of the PostgreSQL classes' methods
    (``hasattr(conn, "defer_indexes")``) works only as long as SQLite's objects lack it."""
    backend = _methods_of(ROOT / "tm" / "memory" / "pg.py", {"Connection", "Database", "Cursor"})
    assert "defer_indexes" in backend
    offenders = []
    for pkg in ("tm", "glossary"):
        for p in sources(pkg):
            for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("hasattr", "getattr") \
                        and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                        and node.args[1].value in backend:
                    offenders.append(f"{p.relative_to(ROOT)}:{node.lineno} {node.args[1].value}")
    assert offenders == []
