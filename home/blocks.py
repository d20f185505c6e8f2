"""StreamField blocks shared by every page type of the portal.

Each block has a template under `templates/blocks/`, an icon, a label, a description and a preview
value, so that the admin's block picker shows editors what they add (previews are styled by
templates/wagtailcore/shared/block_preview.html). Images are Wagtail's own `ImageBlock`: they always
carry an alternative text, unless the editor states that the image is decorative.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import blocks as image_blocks
from wagtail.images import get_image_model

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Texte")
        template = "blocks/rich_text.html"
        description = _("Des paragraphes, avec intertitres, listes et liens.")
        preview_value = "<p>Pendant le stage de 3e, tu découvres un métier pendant une semaine.</p>"


class ImageBlock(image_blocks.ImageBlock):
    """Wagtail's `ImageBlock`, where an alternative text made only of spaces counts as none."""

    def clean(self, value):
        if value and value.contextual_alt_text:
            value.contextual_alt_text = value.contextual_alt_text.strip()
        return super().clean(value)


class CaptionedImageBlock(blocks.StructBlock):
    """An image with an optional caption.

    The image is Wagtail's own `ImageBlock`: editors give an alternative text or state that the image is
    decorative, and Wagtail refuses to save it otherwise. Its value is the image itself, carrying
    `contextual_alt_text` and `decorative`.
    """

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=250)

    def get_preview_value(self):
        """The latest image of the library, so that the preview shows a real picture (none: no image)."""
        image = get_image_model().objects.order_by("-created_at").first()
        picture = {"image": image, "alt_text": "Des élèves visitent une boulangerie", "decorative": False}
        return self.normalize({"image": picture if image else None, "caption": ""})

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        description = _("Une image de la médiathèque, avec son texte alternatif et une légende facultative.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Adresse de la vidéo"), help_text=_("Lien YouTube ou Vimeo."))
    title = blocks.CharBlock(label=_("Titre de la vidéo"), help_text=_("Lu par les lecteurs d'écran."))
    transcript = blocks.RichTextBlock(label=_("Transcription"), required=False, features=["bold", "italic", "link"])

    class Meta:
        icon = "media"
        label = _("Vidéo")
        template = "blocks/video.html"
        description = _("Une vidéo YouTube ou Vimeo, avec un titre et sa transcription.")
        # No address: a preview must not call YouTube. The template shows the title and transcript.
        preview_value = {
            "title": "Une journée dans une boulangerie",
            "transcript": "<p>La boulangère explique comment elle prépare le pain.</p>",
        }


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        label=_("Type"),
        choices=[("info", _("Information")), ("tip", _("Conseil")), ("warning", _("Attention"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Texte"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Encadré")
        template = "blocks/callout.html"
        description = _("Un encadré pour une information, un conseil ou une mise en garde.")
        preview_value = {
            "style": "tip",
            "title": "Bon à savoir",
            "text": "<p>Ton collège fixe la semaine du stage : demande-la à ton professeur principal.</p>",
        }


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Réponse"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Question")
        description = _("Une question et sa réponse.")
        preview_value = {"question": "Le stage est-il payé ?", "answer": "<p>Non, c'est un stage d'observation.</p>"}


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, default=_("Questions fréquentes"))
    items = blocks.ListBlock(FaqItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions fréquentes")
        template = "blocks/faq.html"
        description = _("Des questions et leurs réponses, à déplier.")
        preview_value = {
            "title": "Questions fréquentes",
            "items": [{"question": "Le stage est-il payé ?", "answer": "<p>Non, c'est un stage d'observation.</p>"}],
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Intitulé du lien"), required=False, max_length=200)

    def get_preview_value(self):
        """The latest document of the library, so that the preview shows a real link (none: no link)."""
        document = get_document_model().objects.order_by("-created_at").first()
        return self.normalize({**self.meta.preview_value, "document": document})

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "blocks/document_link.html"
        description = _("Un lien vers un document de la médiathèque, avec son format et son poids.")
        preview_value = {"title": "La convention de stage"}


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Étape"), max_length=150)
    text = blocks.RichTextBlock(label=_("Explication"), required=False, features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "list-ol"
        label = _("Étape")
        description = _("Une étape et son explication.")
        preview_value = {"title": "Choisir un métier", "text": "<p>Parcours les fiches métiers.</p>"}


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=150)
    steps = blocks.ListBlock(StepBlock(), label=_("Étapes"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Étapes")
        template = "blocks/steps.html"
        description = _("Une suite numérotée d'étapes à suivre dans l'ordre.")
        preview_value = {
            "title": "Trouver son stage",
            "steps": [
                {"title": "Choisir un métier", "text": "<p>Parcours les fiches métiers.</p>"},
                {"title": "Envoyer sa demande", "text": "<p>Avec l'accord de tes parents.</p>"},
            ],
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks every page type offers."""

    heading = blocks.CharBlock(
        label=_("Intertitre"),
        icon="title",
        template="blocks/heading.html",
        form_classname="title",
        group=_("Texte"),
        description=_("Un titre de section (niveau 2)."),
        preview_value="Comment trouver son stage",
    )
    paragraph = RichTextBlock(group=_("Texte"))
    callout = CalloutBlock(group=_("Texte"))
    steps = StepsBlock(group=_("Texte"))
    faq = FaqBlock(group=_("Texte"))
    image = CaptionedImageBlock(group=_("Médias"))
    video = VideoBlock(group=_("Médias"))
    document = DocumentLinkBlock(group=_("Médias"))
