"""A StreamField whose block definitions stay out of migrations.

Adding or changing a block then needs no new migration: the definitions live in `blocks.py`, the
database column is JSON either way.
"""

from wagtail.fields import StreamField

from .blocks import BaseStreamBlock


class BodyStreamField(StreamField):
    def __init__(self, block_types=None, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(block_types or BaseStreamBlock(), **kwargs)

    def deconstruct(self):
        name, _path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, "home.fields.BodyStreamField", [], kwargs
