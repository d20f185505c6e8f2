"""The base every page app builds on: the abstract page, its mixins, the home page, standard pages
(legal notices, accessibility statement) and the site-wide settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES
from .caching import cached
from .fields import BodyStreamField
from .i18n import LocaleFallbackRouteMixin


class SeoMixin(models.Model):
    """What search engines and social networks show of a page."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Montrée quand la page est partagée sur un réseau social."),
    )

    seo_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description"), FieldPanel("social_image")],
            heading=_("Référencement et partage"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Navigation")),
    ]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or getattr(self, "introduction", "")


class ListingMixin(models.Model):
    """How a page appears in lists and cards on other pages."""

    listing_title = models.CharField(
        _("titre dans les listes"), max_length=120, blank=True, help_text=_("Par défaut : le titre de la page.")
    )
    listing_summary = models.CharField(
        _("résumé dans les listes"), max_length=255, blank=True, help_text=_("Une ou deux phrases.")
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image dans les listes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("Présentation dans les listes"),
            classname="collapsed",
        )
    ]

    class Meta:
        abstract = True

    def get_listing_title(self):
        return self.listing_title or self.title


class BasePage(LocaleFallbackRouteMixin, SeoMixin, ListingMixin, Page):
    """Abstract page that every page type of the portal extends.

    In English and Arabic, a page without a translation is served in French under the visitor's language
    prefix (`home.i18n`)."""

    introduction = models.TextField(
        _("introduction"), blank=True, max_length=600, help_text=_("Chapô en langage simple, sous le titre.")
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = SeoMixin.seo_panels + ListingMixin.listing_panels
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("listing_summary")]

    class Meta:
        abstract = True

    # Pages anyone may read must not link a document of a private collection (the internal procedures'
    # attachments): its title would show and the link would refuse its readers. Private page types say True.
    allows_private_documents = False

    def get_listing_summary(self):
        return self.listing_summary or self.introduction

    def clean(self):
        super().clean()
        if not self.allows_private_documents:
            self.refuse_private_documents()

    def refuse_private_documents(self):
        Document = get_document_model()
        for field in self._meta.concrete_fields:
            if not isinstance(field, StreamField | RichTextField):
                continue
            value = getattr(self, field.name)
            if not value:
                continue
            document_ids = {
                object_id
                for model, object_id, _path, _content_path in field.extract_references(value)
                if issubclass(model, Document)
            }
            for document in Document.objects.filter(pk__in=document_ids).select_related("collection"):
                if document.collection.get_view_restrictions().exists():
                    raise ValidationError(
                        {
                            field.name: _(
                                "Le document « %(title)s » est réservé aux membres de l'association : "
                                "il ne peut pas figurer sur une page publique."
                            )
                            % {"title": document.title}
                        }
                    )


class HomePage(BasePage):
    """The portal's home page: the association's mission and a way in for each audience."""

    hero_title = models.CharField(_("titre d'accroche"), max_length=150)
    hero_text = models.TextField(_("texte d'accroche"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image d'accroche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Décorative : le titre porte le message."),
    )
    mission = RichTextField(_("notre mission"), blank=True, features=RICH_TEXT_FEATURES)
    body = BodyStreamField(verbose_name=_("contenu"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Accroche")
        ),
        FieldPanel("mission"),
        InlinePanel("calls_to_action", label=_("Appels à l'action"), max_num=4),
        InlinePanel("featured_pages", label=_("Contenus à la une"), max_num=6),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "orientation.GuidanceIndexPage",
        "procedures.ProceduresIndexPage",
        "metiers.MetiersIndexPage",
        "ateliers.AgendaIndexPage",
    ]

    def get_featured_pages(self):
        """The featured pages a visitor may see: live and public (never a private procedure or a draft)."""
        ids = [item.featured_page_id for item in self.featured_pages.all()]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).live().public().specific()}
        return [pages[pk] for pk in ids if pk in pages]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")


class HomePageCallToAction(Orderable):
    """A way in for one audience: pupils, parents, professionals…"""

    page = ParentalKey(HomePage, related_name="calls_to_action", on_delete=models.CASCADE)
    audience = models.CharField(_("public"), max_length=60, help_text=_("Par exemple « Tu es élève »."))
    text = models.CharField(_("texte"), max_length=250)
    link_label = models.CharField(_("texte du lien"), max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page liée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.CharField(
        _("ou adresse"),
        max_length=255,
        blank=True,
        validators=[
            RegexValidator(
                r"^(/|https?://|mailto:)",
                _("Indiquez une adresse qui commence par /, https:// ou mailto:."),
            )
        ],
    )

    panels = [
        FieldPanel("audience"),
        FieldPanel("text"),
        FieldPanel("link_label"),
        PageChooserPanel("link_page"),
        FieldPanel("link_url"),
    ]

    @property
    def url(self):
        if self.link_page_id:
            # The specific page: a French page keeps the visitor's language in its address (home.i18n).
            return self.link_page.localized.specific_deferred.url
        return self.link_url or "#"


class HomePageFeatured(Orderable):
    page = ParentalKey(HomePage, related_name="featured_pages", on_delete=models.CASCADE)
    featured_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("featured_page")]


class StandardPage(BasePage):
    """A plain content page: legal notices, personal data, accessibility statement, about us."""

    body = BodyStreamField(verbose_name=_("contenu"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """Contact details, social links and legal details shown in the footer."""

    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    address = models.TextField(_("adresse postale"), blank=True)
    legal_name = models.CharField(_("nom de l'association"), max_length=150, default="Un stage et après")
    legal_details = models.TextField(
        _("mentions"), blank=True, help_text=_("Numéro RNA, SIRET, directeur de la publication…")
    )
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page des mentions légales"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page des données personnelles"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page de la déclaration d'accessibilité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address")], heading=_("Contact")
        ),
        MultiFieldPanel([FieldPanel("legal_name"), FieldPanel("legal_details")], heading=_("Mentions légales")),
        MultiFieldPanel(
            [
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Réseaux sociaux"),
        ),
        MultiFieldPanel(
            [FieldPanel("legal_notice_page"), FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading=_("Pages du pied de page"),
        ),
    ]

    class Meta:
        verbose_name = _("réglages du site")

    @classmethod
    def load(cls, request_or_site=None):
        """On public pages (given a request), read through the cache: no query per request once warm; a save
        changes the content generation (home.caching). The admin (no request) reads the database."""
        if request_or_site is None or isinstance(request_or_site, Site):
            return super().load(request_or_site)
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request_or_site, attr_name):
            setattr(request_or_site, attr_name, cached(request_or_site, "site-settings", cls._get_or_create))
        return getattr(request_or_site, attr_name)

    @property
    def social_links(self):
        links = [
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
            ("Facebook", self.facebook_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]

    @property
    def footer_pages(self):
        """The legal pages, in the visitor's language when a translation exists."""
        pages = [self.legal_notice_page, self.privacy_page, self.accessibility_page]
        return [page.localized.specific_deferred for page in pages if page is not None and page.live]

    @property
    def footer_links(self):
        """The footer's legal links as (page, label): the page's title when it is in the visitor's language,
        else the link's name in that language (gettext) for a page still in French."""
        names = [
            (self.legal_notice_page, _("Mentions légales")),
            (self.privacy_page, _("Données personnelles")),
            (self.accessibility_page, _("Déclaration d'accessibilité")),
        ]
        current = translation.get_language()
        links = []
        for page, name in names:
            if page is None or not page.live:
                continue
            page = page.localized.specific_deferred
            in_language = page.locale.language_code == current or current == settings.LANGUAGE_CODE
            links.append((page, page.title if in_language else str(name)))
        return links


class GlossaryTerm(models.Model):
    """A hard word of the sheets and articles (« astreinte », « AFGSU »…) with a plain definition, explained
    where it appears (home/templatetags/glossary_tags.py): the first time on each page, next to the word."""

    term = models.CharField(_("mot"), max_length=80, unique=True)
    variants = models.TextField(
        _("autres formes"),
        blank=True,
        help_text=_(
            "Pluriel, féminin, sigle développé… une forme par ligne. Le mot est cherché sous toutes ses formes."
        ),
    )
    definition = models.CharField(
        _("définition"), max_length=300, help_text=_("Une ou deux phrases courtes qu'un élève de 13 ans comprend.")
    )

    panels = [FieldPanel("term"), FieldPanel("variants"), FieldPanel("definition")]

    class Meta:
        verbose_name = _("mot du lexique")
        verbose_name_plural = _("lexique")
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def forms(self):
        """Every form of the word, the longest first (« codes ROME » before « code ROME »)."""
        forms = {self.term.strip(), *(line.strip() for line in self.variants.splitlines())}
        return sorted((form for form in forms if form), key=len, reverse=True)
