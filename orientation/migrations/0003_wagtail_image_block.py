"""Image blocks become Wagtail's own ImageBlock (alternative text or « decorative ») with our caption
beside it: the stored values are rewritten in the pages and their revisions."""

from django.db import migrations

from home.stream_migrations import nest_images


class Migration(migrations.Migration):
    dependencies = [
        ("orientation", "0002_staff_workflow"),
    ]

    operations = [
        nest_images("orientation", "guidancearticlepage"),
    ]
