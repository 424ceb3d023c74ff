"""The apps' layers, from the bottom: accounts < cases < assessments, plans, feedback, supervision <
dashboards < scale (the measuring tools). An app imports only from apps below it (or its own level's own
package): a lower app that must show something from a higher one offers a registry the higher one fills
(for example `cases.flags`). Tests are left out: they may exercise the whole service."""

import ast
from pathlib import Path

from django.conf import settings

LAYERS = {
    "accounts": 0,
    "cases": 1,
    "assessments": 2,
    "plans": 2,
    "feedback": 2,
    "supervision": 2,
    "dashboards": 3,
    "scale": 4,
}


def _modules(app: str):
    for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
        parts = path.relative_to(settings.BASE_DIR).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _imported_apps(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS:
                yield top, node.lineno


def upward_imports() -> list[str]:
    found = []
    for app, level in LAYERS.items():
        if not (Path(settings.BASE_DIR) / app).is_dir():
            continue
        for path in _modules(app):
            for imported, line in _imported_apps(path):
                if LAYERS[imported] > level:
                    found.append(f"{path.relative_to(settings.BASE_DIR)}:{line} imports {imported} (above {app})")
    return found


def test_no_app_imports_one_above_it():
    assert upward_imports() == []


def test_the_check_sees_an_upward_import(tmp_path, settings):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "bad.py").write_text("def f():\n    from assessments.models import Section\n")
    settings.BASE_DIR = tmp_path
    assert upward_imports() == ["cases/bad.py:2 imports assessments (above cases)"]
