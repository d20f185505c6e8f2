"""Blocks and the lean StreamField: every block shows a preview in the admin's block picker, and
migrations rebuild each StreamField with its own blocks without copying their definitions."""

import json

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from wagtail.models import Revision

import pytest
import wagtail_factories

from home.blocks import BaseStreamBlock
from home.fields import BodyStreamField
from home.models import StandardPage
from home.stream_migrations import nest_images
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
    assert {
        "CharBlock:heading",
        "CaptionedImageBlock:image",
        "TestimonyBlock:testimony",
        "ChecklistBlock:checklist",
    } <= names


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
        image_block = offered_blocks()["CaptionedImageBlock:image"]
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


def test_images_stored_before_wagtails_image_block_keep_their_alt_text_and_caption(home_page, staff_client):
    """Pages and drafts saved with the former image block (alt text and caption side by side) are
    rewritten by the data migration, then render as before."""
    image = wagtail_factories.ImageFactory(title="Atelier")
    page = home_page.add_child(instance=StandardPage(title="Nos ateliers", slug="nos-ateliers"))
    former = [
        {
            "type": "image",
            "id": "0c5d3f1e-3a0b-4a4e-9d3c-1f2e3d4c5b6a",
            "value": {
                "image": image.pk,
                "alt_text": "Des élèves autour d'une table",
                "decorative": False,
                "caption": "Un atelier au collège",
            },
        }
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE home_standardpage SET body = %s WHERE page_ptr_id = %s",
            [json.dumps(former), page.pk],
        )
    page.refresh_from_db()
    draft = page.save_revision()
    Revision.objects.filter(pk=draft.pk).update(content={**draft.content, "body": json.dumps(former)})

    nest_images("home", "standardpage").code(apps, None)

    editor = staff_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert editor.status_code == 200
    assert "Un atelier au coll" in editor.content.decode()  # the block data is JSON in the page
    staff_client.logout()
    rendered = staff_client.get(StandardPage.objects.get(pk=page.pk).url).content.decode()
    assert 'alt="Des élèves autour d&#x27;une table"' in rendered
    assert "<figcaption>Un atelier au collège</figcaption>" in rendered
    draft_body = Revision.objects.get(pk=draft.pk).as_object().body
    assert draft_body[0].value["image"].contextual_alt_text == "Des élèves autour d'une table"
    assert draft_body[0].value["caption"] == "Un atelier au collège"
