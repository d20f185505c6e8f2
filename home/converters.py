"""One safe way to read an id, in a URL, a query string or a form.

Database ids are positive integers that fit the database's `integer` column (PostgreSQL: up to 2**31 - 1;
our `BigAutoField`s never reach that in this portal's lifetime). Django's `<id:…>` matches any run of
digits, so `/agenda/<20 digits>.ics` reached the database and failed there with a server error (an
integer out of range on PostgreSQL, an overflow on SQLite). `<id:…>` matches 1 to 10 digits and only values
up to `MAX_ID`; anything else is a plain 404. `parse_id` and `IdField` do the same for query strings and
POST bodies: a bad id is `None` (no such thing), never an exception.
"""

from django import forms
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**31 - 1


def parse_id(value):
    """`value` as a database id, or None when it is not one (empty, a word, zero, negative, too large)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in a URL: an id within the database's integer range, or no match (404)."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError("not an id")  # the resolver then tries the next pattern, and ends with a 404
        return number

    def to_url(self, value):
        return str(int(value))


class IdField(forms.IntegerField):
    """A form field for an id: a clear message, never an overflow, for anything outside the range."""

    default_error_messages = {"invalid": _("Ce numéro n’est pas valable.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) > 10 and value.strip().isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def _integer_key(field):
    """Whether the model choice `field` looks its choices up by an integer column (the usual `pk`)."""
    from django.db import models

    model = field.queryset.model
    column = model._meta.pk if not field.to_field_name else model._meta.get_field(field.to_field_name)
    while isinstance(column, models.ForeignKey | models.OneToOneField):  # a page's `page_ptr`, say
        column = column.target_field
    return isinstance(column, models.IntegerField | models.AutoField)


def _safe_model_choices():
    """Every ModelChoiceField (ours, Wagtail's filters, admin forms) refuses an id outside the range as an
    unknown choice before asking the database: SQLite overflows past 2**63, PostgreSQL past the column."""
    from django.forms import models as form_models

    single_to_python = form_models.ModelChoiceField.to_python
    multiple_check = form_models.ModelMultipleChoiceField._check_values

    def to_python(self, value):
        outside = value not in self.empty_values and not isinstance(value, self.queryset.model)
        if outside and _integer_key(self) and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return single_to_python(self, value)

    def check_values(self, value):
        if isinstance(value, list | tuple | set | frozenset) and _integer_key(self):
            for item in value:
                if isinstance(item, str | int) and parse_id(item) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return multiple_check(self, value)

    form_models.ModelChoiceField.to_python = to_python
    form_models.ModelMultipleChoiceField._check_values = check_values


def install():
    register_converter(IdConverter, "id")
    _safe_model_choices()
