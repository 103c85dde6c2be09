"""The seams of the design card, checked on the source itself."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def sources(package: str):
    return sorted((ROOT / package).rglob("*.py"))


def test_tm_never_imports_glossary():
    offenders = [str(p.relative_to(ROOT)) for p in sources("tm") if "glossary" in imports_of(p)]
    assert offenders == []


def test_only_cli_modules_import_click():
    offenders = [
        str(p.relative_to(ROOT))
        for pkg in ("tm", "glossary")
        for p in sources(pkg)
        if "click" in imports_of(p) and p.name != "cli.py"
    ]
    assert offenders == []


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
