"""Size limits for application code: no module over 450 lines, no function over 80 lines.

A long module or function is where a newcomer loses time and where the next app copies a second way of
doing things. Migrations, tests and benchmarks are not application code. An exception goes in ALLOWED
with the reason it is kept; an entry that no longer exceeds the limit must be removed.
"""

import ast
from pathlib import Path

from django.conf import settings

MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80
NOT_APPLICATION_CODE = {"tests", "bench", ".venv", "node_modules"}

# "path" (module) or "path:function" -> why it stays longer than the limit.
ALLOWED: dict[str, str] = {}


def application_modules():
    """Every Python module of the project's packages (a top-level folder with __init__.py), migrations aside."""
    root = Path(settings.BASE_DIR)
    for package in sorted(path.parent for path in root.glob("*/__init__.py")):
        if package.name in NOT_APPLICATION_CODE:
            continue
        for module in sorted(package.rglob("*.py")):
            if "migrations" not in module.parts:
                yield module.relative_to(root).as_posix(), module.read_text(encoding="utf-8")


def offenders():
    found = {}
    for path, source in application_modules():
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            found[path] = lines
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found[f"{path}:{node.name}"] = length
    return found


def test_the_scan_covers_the_applications():
    paths = {path for path, _source in application_modules()}
    assert {"home/models.py", "metiers/importer/records.py", "config/settings/base.py"} <= paths
    assert not any("/migrations/" in path or path.startswith("tests/") for path in paths)


def test_no_module_or_function_over_the_limits():
    too_long = {name: lines for name, lines in offenders().items() if name not in ALLOWED}
    assert not too_long, (
        f"Over {MAX_MODULE_LINES} lines (module) or {MAX_FUNCTION_LINES} lines (function): {too_long}. "
        "Split it, or add it to ALLOWED with the reason."
    )


def test_every_allowed_exception_is_still_needed():
    assert not set(ALLOWED) - set(offenders())
