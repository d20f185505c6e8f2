"""pg_trgm and a GIN trigram index on the dictionary's terms, on PostgreSQL only.

On other databases (SQLite) this migration does nothing: the trigram matching runs in Python there (see
`search.terms.MemoryTermMatcher`). `CREATE EXTENSION` needs a role allowed to create it (the database owner
on PostgreSQL 13+, pg_trgm being a trusted extension).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_term_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_term_dictionary")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
