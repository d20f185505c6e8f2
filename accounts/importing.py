"""Import of a class list (CSV) into pupils, classes and parent accounts.

The file is checked whole before anything is written: one bad row and nothing is imported, so staff
never have to tidy up half an import. Rows already present (same pupil in the same class) are
reported and left alone, so the same list can be imported again after an update.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.exports import FORMULA_PREFIXES
from home.text import fold

from .models import SchoolClass, User
from .roles import Role

MAX_ROWS = 2000
MAX_BYTES = 1024 * 1024

# Accepted spellings of each column, compared without accents, case, spaces or punctuation.
COLUMNS = {
    "last_name": {"nom", "nomdefamille", "nomeleve"},
    "first_name": {"prenom", "prenomeleve"},
    "class_name": {"classe", "division"},
    "parent_email": {
        "emailparent",
        "emaildesparents",
        "emailduparent",
        "courrielparent",
        "mailparent",
        "emailresponsable",
    },
}
# Characters that make a spreadsheet read a cell as a formula: refused at the start of any field (names,
# class, parent email), since each may be written back to a CSV export and opened in a spreadsheet (exports
# neutralise them too, see home.exports).
# Bidirectional overrides and isolates: they make a name display differently from what is stored.
BIDI_CONTROLS = {chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
CSV_ERROR_MESSAGE = gettext_lazy(
    "Le fichier CSV est mal formé (guillemets non fermés ou cellule trop longue). "
    "Enregistrez-le de nouveau depuis votre tableur au format CSV."
)
CLASS_NAME_RE = re.compile(r"^(?P<level>[34])\s*(?:e|ème|eme|è)?\b.*$", re.IGNORECASE)

# Names, class names and column headers are compared folded, whatever their spacing (« 3e A » = « 3eA »).
fold_name = partial(fold, sep="")


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, missing columns, too large)."""


def _clean_name(text):
    return " ".join((text or "").split())


def has_control_characters(text):
    """NUL and other control characters (C0, C1, DEL) or bidirectional overrides.

    PostgreSQL refuses NUL in text, so they used to pass the preview and crash the confirmation; none of them
    belongs in a name, a class or an email.
    """
    return any(unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS for char in text or "")


@dataclass
class ClassListRow:
    line: int
    last_name: str
    first_name: str
    class_name: str
    parent_email: str
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    status: str = ""  # "new", "existing" or "error"
    parent_account_exists: bool = False
    level: str = ""

    def values(self):
        """The row's four fields as read from the file."""
        return [self.last_name, self.first_name, self.class_name, self.parent_email]

    @property
    def key(self):
        return (fold_name(self.last_name), fold_name(self.first_name), fold_name(self.class_name))


@dataclass
class ClassListPreview:
    """What importing a class list would do, row by row, shown before staff confirm."""

    rows: list
    new_classes: list

    @property
    def errors(self):
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self):
        return bool(self.rows) and not self.errors

    @property
    def new_count(self):
        return sum(1 for row in self.rows if row.status == "new")

    @property
    def existing_count(self):
        return sum(1 for row in self.rows if row.status == "existing")


def decode(raw_bytes):
    if len(raw_bytes) > MAX_BYTES:
        raise ImportFileError(_("Le fichier dépasse 1 Mo. Découpez la liste par classe."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw_bytes.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Le fichier n'est pas un texte lisible. Enregistrez-le au format CSV (UTF-8)."))


def read_rows(text):
    """Parse the CSV text into rows, checking the header. Accepts ',' or ';' separators."""
    if not text.strip():
        raise ImportFileError(_("Le fichier est vide."))
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as error:
        raise ImportFileError(CSV_ERROR_MESSAGE) from error
    positions = {}
    folded = [fold_name(name) for name in header]
    for key, spellings in COLUMNS.items():
        for index, name in enumerate(folded):
            if name in spellings:
                positions[key] = index
                break
    missing = [label for key, label in _column_labels().items() if key not in positions]
    if missing:
        raise ImportFileError(
            _("Colonnes manquantes : %(columns)s. La première ligne doit contenir : nom, prénom, classe, email parent.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    try:
        for line_number, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(_("Le fichier dépasse %(max)s lignes.") % {"max": MAX_ROWS})

            def value(key, values=values):
                index = positions[key]
                return values[index].strip() if index < len(values) else ""

            rows.append(
                ClassListRow(
                    line=line_number,
                    last_name=_clean_name(value("last_name")),
                    first_name=_clean_name(value("first_name")),
                    class_name=_clean_name(value("class_name")),
                    parent_email=value("parent_email").lower(),
                )
            )
    except csv.Error as error:
        raise ImportFileError(CSV_ERROR_MESSAGE) from error
    if not rows:
        raise ImportFileError(_("Le fichier ne contient aucun élève."))
    return rows


def _column_labels():
    return {"last_name": "nom", "first_name": "prénom", "class_name": "classe", "parent_email": "email parent"}


def check(text, school, school_year):
    """Read and validate the whole file against the database. Writes nothing."""
    rows = read_rows(text)
    existing_classes = {
        fold_name(cls.name): cls for cls in SchoolClass.objects.filter(school=school, school_year=school_year)
    }
    existing_pupils = set()
    for pupil in User.objects.filter(
        school_class__school=school, school_class__school_year=school_year, groups__name=Role.PUPIL
    ).select_related("school_class"):
        existing_pupils.add(
            (fold_name(pupil.last_name), fold_name(pupil.first_name), fold_name(pupil.school_class.name))
        )

    parent_emails = {row.parent_email for row in rows if row.parent_email}
    existing_accounts = {
        user.email: user for user in User.objects.filter(email__in=parent_emails).prefetch_related("groups")
    }

    seen = {}
    new_classes = []
    for row in rows:
        if any(has_control_characters(value) for value in row.values()):
            row.errors.append(
                _("Cette ligne contient un caractère invisible ou de contrôle. Retapez-la dans votre tableur.")
            )
            row.status = "error"
            continue
        if any(value.startswith(FORMULA_PREFIXES) for value in row.values()):
            row.errors.append(_("Une cellule ne peut pas commencer par =, +, - ou @ (formule de tableur)."))
        if not row.last_name:
            row.errors.append(_("Le nom est vide."))
        if not row.first_name:
            row.errors.append(_("Le prénom est vide."))
        if len(row.last_name) > 150 or len(row.first_name) > 150:
            row.errors.append(_("Le nom ou le prénom dépasse 150 caractères."))
        match = CLASS_NAME_RE.match(row.class_name)
        if not row.class_name:
            row.errors.append(_("La classe est vide."))
        elif not match or len(row.class_name) > 30:
            row.errors.append(
                _("Classe « %(name)s » non reconnue : écrivez par exemple « 4e A » ou « 3e B ».")
                % {"name": row.class_name}
            )
        else:
            row.level = f"{match.group('level')}e"
            if fold_name(row.class_name) not in existing_classes and fold_name(row.class_name) not in {
                fold_name(n) for n in new_classes
            }:
                new_classes.append(row.class_name)
        if row.parent_email:
            try:
                validate_email(row.parent_email)
            except ValidationError:
                row.errors.append(
                    _("L'adresse e-mail du parent « %(email)s » n'est pas valide.") % {"email": row.parent_email}
                )
            else:
                account = existing_accounts.get(row.parent_email)
                if account is not None and not _is_parent_only(account):
                    row.errors.append(
                        _(
                            "L'adresse « %(email)s » est celle d'un compte qui n'est pas un compte de parent "
                            "(élève, professeur, bénévole…). Vérifiez l'adresse du parent."
                        )
                        % {"email": row.parent_email}
                    )
                elif account is not None:
                    row.parent_account_exists = True
        else:
            row.warnings.append(_("Pas d'e-mail de parent : l'accord des parents devra être recueilli sur papier."))
        if row.last_name and row.first_name and row.class_name:
            if row.key in seen:
                row.errors.append(_("Doublon : cet élève figure déjà à la ligne %(line)s.") % {"line": seen[row.key]})
            else:
                seen[row.key] = row.line
        if row.errors:
            row.status = "error"
        elif row.key in existing_pupils:
            row.status = "existing"
        else:
            row.status = "new"
            if row.parent_account_exists:
                row.warnings.append(_("Compte de parent existant : l'élève y sera rattaché."))
    return ClassListPreview(rows=rows, new_classes=new_classes)


def _is_parent_only(user):
    """An account may be linked to a child only if it is a parent's and nothing else."""
    names = {group.name for group in user.groups.all()}
    return names <= {Role.PARENT} and not user.is_superuser and not user.is_staff and user.school_class_id is None


@transaction.atomic
def run_import(text, school, school_year):
    """Check the file again and, if every row is valid, create classes, pupils and parents."""

    report = check(text, school, school_year)
    if not report.is_valid:
        return report
    pupil_group = Group.objects.get(name=Role.PUPIL)
    parent_group = Group.objects.get(name=Role.PARENT)
    classes = {fold_name(cls.name): cls for cls in SchoolClass.objects.filter(school=school, school_year=school_year)}
    for row in report.rows:
        if row.status != "new":
            continue
        school_class = classes.get(fold_name(row.class_name))
        if school_class is None:
            school_class = SchoolClass.objects.create(
                school=school, school_year=school_year, name=row.class_name, level=row.level
            )
            classes[fold_name(row.class_name)] = school_class
        pupil = User(first_name=row.first_name, last_name=row.last_name, school_class=school_class, is_active=False)
        pupil.set_unusable_password()
        pupil.save()
        pupil.groups.add(pupil_group)
        if row.parent_email:
            parent = User.objects.filter(email__iexact=row.parent_email).first()
            if parent is None:
                parent = User(email=row.parent_email, is_active=False)
                parent.set_unusable_password()
                parent.save()
            parent.groups.add(parent_group)
            parent.children.add(pupil)
    return report
