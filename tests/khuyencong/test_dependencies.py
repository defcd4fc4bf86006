"""Apps depend one way: the core (khuyencong) knows no domain app, projects' models never import
funding (funding's rows point at projects), no cycle between the apps' models, and data
migrations run only their own frozen code."""

import ast
from pathlib import Path

import pytest

from khuyencong.demo import demo_data_seeders

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = {"beneficiaries", "projects", "funding", "reports"}
APPS = DOMAIN_APPS | {"khuyencong"}


def _imports(path: Path, *, module_level_only: bool = False) -> set[str]:
    """The modules a file imports (absolute names; relative imports resolved to its package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = tree.body if module_level_only else ast.walk(tree)
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _app(module: str) -> str:
    return module.split(".")[0]


def _core_files():
    return [
        path
        for path in (ROOT / "khuyencong").rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    ]


def test_the_walk_sees_the_core_modules():
    names = {path.name for path in _core_files()}
    assert {"demo.py", "models.py", "scoping.py", "children.py"} <= names


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_imports_no_domain_app(path):
    wrong = sorted(m for m in _imports(path) if _app(m) in DOMAIN_APPS)
    assert wrong == [], f"{path.relative_to(ROOT)} imports {wrong}"


def _models_imports(app: str) -> set[str] | None:
    """What an app's models import (models.py, or every module of a models/ package)."""
    path = ROOT / app / "models.py"
    if path.exists():
        return _imports(path)
    package = ROOT / app / "models"
    if package.is_dir():
        return set().union(*(_imports(p) for p in package.glob("*.py")))
    return None


def test_projects_models_do_not_import_funding():
    imported = _models_imports("projects")
    assert not any(_app(m) == "funding" for m in imported)


def _models_graph() -> dict[str, set[str]]:
    graph = {}
    for app in APPS:
        imported = _models_imports(app)
        if imported is not None:
            graph[app] = {_app(m) for m in imported if _app(m) in APPS and _app(m) != app}
    return graph


def test_no_import_cycle_between_the_apps_models():
    """Not even through an import inside a function: that is how the last one hid."""
    graph = _models_graph()
    assert "projects" in graph["funding"]  # funding's rows point at projects

    def reaches(start, target, seen=()):
        return any(
            nxt == target or (nxt not in seen and reaches(nxt, target, (*seen, nxt)))
            for nxt in graph.get(start, ())
        )

    cycles = sorted(app for app in graph if reaches(app, app))
    assert cycles == []


def _migration_files():
    return sorted(
        path
        for app in APPS
        for path in (ROOT / app / "migrations").glob("*.py")
        if path.name != "__init__.py"
    )


@pytest.mark.parametrize("path", _migration_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_migrations_import_no_live_app_code(path):
    """Only Django, third-party data packages and the migrations' own frozen modules: a later
    change to the app cannot change what an old migration does."""
    wrong = sorted(
        m for m in _imports(path) if _app(m) in APPS and not m.startswith(f"{_app(m)}.migrations")
    )
    assert wrong == [], f"{path.relative_to(ROOT)} imports {wrong}"


def test_each_app_contributes_its_own_demo_data():
    from projects import demo

    assert demo.seed_demo_data in demo_data_seeders()
