"""Blocks staff add to a métier sheet: testimonies of professionals and quotes, on top of the shared ones
(text, FAQ, images, videos) of `home.blocks.BaseStreamBlock`."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import BaseStreamBlock


class TestimonyBlock(blocks.StructBlock):
    """A professional tells what their day looks like, in their own words."""

    name = blocks.CharBlock(label=_("Prénom"), max_length=80, help_text=_("Le prénom suffit."))
    job = blocks.CharBlock(label=_("Métier et lieu de travail"), max_length=150)
    photo = ImageChooserBlock(
        label=_("Photo"), required=False, help_text=_("Décorative : le prénom et le métier sont écrits à côté.")
    )
    text = blocks.RichTextBlock(label=_("Témoignage"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "user"
        label = _("Témoignage")
        template = "metiers/blocks/testimony.html"
        description = _("Un ou une professionnelle raconte son métier avec ses mots.")
        preview_value = {
            "name": "Inès",
            "job": "Boulangère à Saint-Denis",
            "text": "<p>Je commence à 4 heures du matin. Le meilleur moment : sortir les premières baguettes.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Citation"), max_length=500)
    author = blocks.CharBlock(label=_("Auteur ou autrice"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "metiers/blocks/quote.html"
        description = _("Une phrase marquante et son auteur ou autrice.")
        preview_value = {"quote": "On apprend le métier en le faisant.", "author": "Un maître d'apprentissage"}


class MetierStreamBlock(BaseStreamBlock):
    """Body of a métier sheet: the shared blocks plus testimonies and quotes."""

    testimony = TestimonyBlock(group=_("Métier"))
    quote = QuoteBlock(group=_("Métier"))
