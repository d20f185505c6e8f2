"""Image blocks become Wagtail's own ImageBlock (alternative text or « decorative ») with our caption
beside it: the stored values are rewritten in the pages and their revisions."""

from django.db import migrations

from home.stream_migrations import nest_images


class Migration(migrations.Migration):
    dependencies = [
        ("metiers", "0004_merge_en_bref_and_blocks_by_path"),
    ]

    operations = [
        nest_images("metiers", "metiersindexpage"),
        nest_images("metiers", "metierpage"),
    ]
