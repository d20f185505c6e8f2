"""The safeguarding corpus (tests/data/safeguarding/): disguised contact details that must be caught,
ordinary sentences of pupils and adults that must pass. Read by the tests and by bench/safeguarding.py."""

from pathlib import Path

DATA = Path(__file__).parent / "data" / "safeguarding"


def _lines(name):
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


def caught():
    """[(kind, text)] of the disguised contact details."""
    return [tuple(line.split(" | ", 1)) for line in _lines("caught.txt")]


def ordinary():
    """[text] of the ordinary sentences."""
    return list(_lines("ordinary.txt"))
