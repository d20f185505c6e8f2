"""Blocks specific to procedures: checklists to tick on the day."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class ChecklistBlock(blocks.StructBlock):
    """A list of things to check, printed with a box to tick in front of each."""

    title = blocks.CharBlock(label=_("Titre"), max_length=150)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Point à vérifier"), max_length=250), label=_("Points"), min_num=1
    )

    class Meta:
        icon = "tasks"
        label = _("Liste de vérification")
        template = "procedures/blocks/checklist.html"
        description = _("Des points à cocher le jour venu, imprimés avec une case devant chacun.")
        preview_value = {
            "title": "Avant l'accueil de l'élève",
            "items": ["La convention est signée par les quatre parties.", "Le tuteur a le numéro du collège."],
        }


class ChecklistStreamBlock(blocks.StreamBlock):
    checklist = ChecklistBlock(group=_("Procédure"))
