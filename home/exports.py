"""Spreadsheet exports that a spreadsheet cannot run.

Wagtail's CSV export writes cells as they are: a title, name or email starting with `=`, `+`, `-` or `@` is
read as a formula when the file is opened in a spreadsheet (formula injection). Its xlsx export already
stores such cells as text. Every admin view of ours with `list_export` uses this mixin.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """`value`, prefixed with an apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeCsvExportMixin:
    """For views built on Wagtail's SpreadsheetExportMixin (ReportView, IndexView with list_export)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
