"""Drop the GIN trigram index of migration 0002: the dictionary is now matched in the process on every
database (`search.terms.MemoryTermMatcher`), and the index only slowed down each rebuild of the dictionary.

The pg_trgm extension is left in place: dropping an extension needs more rights than this migration may
have, and it costs nothing unused.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_term_trgm")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_answered_searches_clicks")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
