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


def install():
    """Wagtail's own exporting views (its reports: aging pages, locked pages, site history…) write through
    the same helper: the method every SpreadsheetExportMixin uses to write a CSV row is ours. The mixins
    above stay, so that our views say what they do and keep it if this is ever removed."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    SpreadsheetExportMixin.write_csv_row = SafeCsvExportMixin.write_csv_row


class SafeExportViewSetMixin:
    """For ModelViewSet/SnippetViewSet with `list_export`: every view it builds that can export (the index
    and its results) writes CSV through `SafeCsvExportMixin`, whatever view class the viewset names."""

    def construct_view(self, view_class, **kwargs):
        from wagtail.admin.views.mixins import SpreadsheetExportMixin

        if issubclass(view_class, SpreadsheetExportMixin) and not issubclass(view_class, SafeCsvExportMixin):
            view_class = type(view_class.__name__, (SafeCsvExportMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)


class SafeCsvWriter:
    """`csv.writer` for the CSV files our own views write: every cell goes through `neutralise_formula`."""

    def __init__(self, file, **kwargs):
        import csv

        self.writer = csv.writer(file, **kwargs)

    def writerow(self, row):
        return self.writer.writerow([neutralise_formula(str(cell)) if cell is not None else "" for cell in row])
