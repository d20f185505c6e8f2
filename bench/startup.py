"""Start-up shared by the bench scripts: the project on the import path, Django set up, measured as production.

Each script is run as `.venv/bin/python bench/<name>.py`, so this folder is first on `sys.path` and the
script starts with `from startup import ROOT, setup_django` then `setup_django()`, before its Django imports.
Settings: `config.settings.dev` unless DJANGO_SETTINGS_MODULE says otherwise (the database from
DATABASE_URL, else the SQLite db.sqlite3 of `make run`), with DEBUG off (no debug page, no query log, no
debug template context: what production does) and whitenoise's warning about an empty STATIC_ROOT (no
`collectstatic` run) silenced.
"""

import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    """Set Django up for a bench script (see the module's docstring); returns the project's folder."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # The scripts' folder comes first on sys.path (Python puts a script's folder there): a bench named like one
    # of the project's packages (bench/safeguarding.py) would hide it. Keep it, after the project.
    bench = str(ROOT / "bench")
    while bench in sys.path:
        sys.path.remove(bench)
    sys.path.append(bench)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

    import django

    django.setup()

    from django.conf import settings

    settings.DEBUG = False
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    return ROOT
