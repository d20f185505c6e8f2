"""A StreamField whose migrations name its block class instead of copying the block definitions.

Wagtail's StreamField writes every block definition into each migration that touches the field, so every
change to a block means a new, long migration. Dropping the definitions altogether (as this field first
did) has a cost: a migration then rebuilds every such field with the default blocks, so a data migration
reading `procedures.ProcedurePage.checklists` saw the body blocks, not the checklist ones.

This field records the dotted path of its StreamBlock class (nothing for the default `BaseStreamBlock`):
migrations stay short and stable, and a data migration gets the field's own blocks, as defined in the
code at the time it runs (like any import from a data migration).
"""

from django.utils.module_loading import import_string

from wagtail.blocks import StreamBlock
from wagtail.fields import StreamField

from .blocks import BaseStreamBlock

DEFAULT_BLOCK = f"{BaseStreamBlock.__module__}.{BaseStreamBlock.__qualname__}"


class BodyStreamField(StreamField):
    """`BodyStreamField()` offers the shared body blocks; `BodyStreamField(MyStreamBlock)` others.

    The blocks are given as a StreamBlock subclass (or its dotted path, as migrations write it), not an
    instance, so that the path is all a migration needs to rebuild them.
    """

    def __init__(self, block_types=DEFAULT_BLOCK, **kwargs):
        if isinstance(block_types, str):
            block_types = import_string(block_types)
        if not (isinstance(block_types, type) and issubclass(block_types, StreamBlock)):
            raise TypeError(f"BodyStreamField takes a StreamBlock subclass or its dotted path, not {block_types!r}.")
        self.block_path = f"{block_types.__module__}.{block_types.__qualname__}"
        kwargs.setdefault("blank", True)
        super().__init__(block_types(), **kwargs)

    def deconstruct(self):
        name, _path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        args = [] if self.block_path == DEFAULT_BLOCK else [self.block_path]
        return name, "home.fields.BodyStreamField", args, kwargs
