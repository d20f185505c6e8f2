"""Blocks and the lean StreamField: every block shows a preview in the admin's block picker, and
migrations rebuild each StreamField with its own blocks without copying their definitions."""

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

import pytest
import wagtail_factories

from home.blocks import BaseStreamBlock
from home.fields import BodyStreamField
from metiers.blocks import MetierStreamBlock
from procedures.blocks import ChecklistStreamBlock

pytestmark = pytest.mark.django_db


def stream_fields():
    """Every BodyStreamField of our models, as (model label, field)."""
    return [
        (model._meta.label, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, BodyStreamField)
    ]


def offered_blocks():
    """Every block an editor can pick, once per block class, by name."""
    blocks = {}
    for _label, field in stream_fields():
        for name, block in field.stream_block.child_blocks.items():
            blocks.setdefault(type(block).__name__ + ":" + name, block)
    return blocks


def test_the_fields_offer_the_shared_and_specific_blocks():
    names = set(offered_blocks())
    assert {"CharBlock:heading", "ImageBlock:image", "TestimonyBlock:testimony", "ChecklistBlock:checklist"} <= names


@pytest.mark.parametrize("with_media", [False, True], ids=["empty-library", "with-media"])
def test_every_block_has_a_description_and_a_preview_that_renders(with_media):
    if with_media:
        wagtail_factories.ImageFactory(title="Une boulangerie")
        wagtail_factories.DocumentFactory(title="Convention")
    for key, block in offered_blocks().items():
        assert block.get_description(), key
        assert block.is_previewable, key
        html = block.render(block.get_preview_value())
        assert html.strip(), key
    if with_media:
        image_block = offered_blocks()["ImageBlock:image"]
        assert "<img" in image_block.render(image_block.get_preview_value())


def test_migrations_rebuild_each_field_with_its_own_blocks():
    state = MigrationLoader(connection).project_state().apps
    field = state.get_model("procedures", "ProcedurePage")._meta.get_field("checklists")
    assert isinstance(field.stream_block, ChecklistStreamBlock)
    field = state.get_model("metiers", "MetierPage")._meta.get_field("body")
    assert isinstance(field.stream_block, MetierStreamBlock)
    field = state.get_model("home", "StandardPage")._meta.get_field("body")
    assert type(field.stream_block) is BaseStreamBlock


def test_migrations_name_the_block_class_instead_of_copying_definitions():
    for label, field in stream_fields():
        _name, path, args, kwargs = field.deconstruct()
        assert path == "home.fields.BodyStreamField", label
        assert all(isinstance(arg, str) for arg in args), label
        assert "block_lookup" not in kwargs, label


def test_the_field_refuses_a_block_instance():
    with pytest.raises(TypeError):
        BodyStreamField(BaseStreamBlock())
