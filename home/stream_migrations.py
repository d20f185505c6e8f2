"""Operations for data migrations of the body StreamFields (used by each content app's migrations)."""

from django.utils.deconstruct import deconstructible

from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation


@deconstructible
class NestImageInWagtailImageBlock(BaseBlockOperation):
    """Turns a stored image block `{image, alt_text, decorative, caption}` into the shape of
    `home.blocks.CaptionedImageBlock`: `{image: {image, alt_text, decorative}, caption}`, where the inner
    value is Wagtail's own `ImageBlock`. A value already in the new shape is left as it is."""

    def apply(self, block_value):
        if isinstance(block_value.get("image"), dict):
            return block_value
        return {
            "image": {
                "image": block_value.get("image"),
                "alt_text": block_value.get("alt_text") or "",
                "decorative": bool(block_value.get("decorative")),
            },
            "caption": block_value.get("caption") or "",
        }

    @property
    def operation_name_fragment(self):
        return "nest_image_in_wagtail_image_block"


def nest_images(app_label, model_name, field_name="body"):
    """The migration operation that rewrites the image blocks of one StreamField, in the pages and in
    all their revisions (drafts included)."""
    return MigrateStreamData(app_label, model_name, field_name, [(NestImageInWagtailImageBlock(), "image")])
