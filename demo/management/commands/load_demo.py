"""Build a believable demo site. Idempotent: running it again updates what it created, duplicates nothing."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from wagtail.models import Locale, Site

from accounts.models import School, SchoolClass, User, current_school_year
from accounts.roles import Role
from demo import content
from home.caching import after_bulk_load
from home.models import HomePage, HomePageCallToAction, SiteSettings, StandardPage

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Modules of this package that add their app's demo content, in order (see `extra_steps`).
DEMO_MODULES: list[str] = [
    "glossary",
    "metiers",
    "search_words",
    "orientation",
    "procedures",
    "pupils",
    "ateliers",
    "stages",
    "interventions",
    "accompagnement",
    "chiffres",
    "carnet",
    "api",
]


def is_demo_database(settings_dict):
    """The embedded SQLite file, an in-memory SQLite database or a test database (named test_…)."""
    name = str(settings_dict.get("NAME") or "")
    if settings_dict["ENGINE"].endswith("sqlite3"):
        embedded = str(settings.BASE_DIR / "db.sqlite3")
        if name in (embedded, ":memory:") or "mode=memory" in name:
            return True
    test_name = (settings_dict.get("TEST") or {}).get("NAME")
    return name.rsplit("/", 1)[-1].startswith("test_") or (bool(test_name) and name == test_name)


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (pages, collège, classes, un compte par rôle)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Autorise le chargement quand DEBUG est désactivé."
        )
        parser.add_argument("--skip-index", action="store_true", help="Ne reconstruit pas les index.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Autorise le chargement dans une base autre que la base SQLite embarquée ou une base de test.",
        )

    def handle(self, *args, allow_production=False, skip_index=False, force=False, **options):
        if not settings.DEBUG and not allow_production and not getattr(settings, "DEMO_ALLOWED", False):
            raise CommandError(
                "Le contenu de démonstration crée des comptes aux mots de passe connus : "
                "refusé hors développement (ajoutez --allow-production pour forcer)."
            )
        if not force and not is_demo_database(connection.settings_dict):
            # `manage.py` without DJANGO_SETTINGS_MODULE uses the development settings (DEBUG on): the check
            # above would let demo accounts into the production database that DATABASE_URL points at.
            raise CommandError(
                "DATABASE_URL désigne une base qui n'est ni la base SQLite embarquée ni une base de test "
                f"({connection.settings_dict['ENGINE'].rsplit('.', 1)[-1]} « {connection.settings_dict['NAME']} »). "
                "Le contenu de démonstration crée des comptes aux mots de passe connus : "
                "ajoutez --force si c'est bien une base de développement."
            )
        # The demo leaves nothing in the task queue: its tasks (Wagtail's index updates, the mails that demo
        # sign-ups cause, to addresses that do not exist) run at once, and its mail goes nowhere; with the
        # database queue and a real mail server they would fail later and stay as failed tasks.
        with override_settings(TASKS=IMMEDIATE_TASKS, EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            with transaction.atomic():
                home = self.build_pages()
                school_class = self.build_school()
                users = self.build_users(school_class)
            for step in self.extra_steps():
                step(self, home)
            if not skip_index:
                call_command("rebuild_references_index", verbosity=0)
                call_command("update_index", verbosity=0)
        after_bulk_load()  # planner statistics on PostgreSQL, cached pages forgotten
        self.print_summary(users)

    def extra_steps(self):
        """Each content app's demo content: a module of `demo` with a `load(command, home)` function."""
        return [import_module(f"demo.{name}").load for name in DEMO_MODULES]

    # Pages -------------------------------------------------------------------------------------
    def build_pages(self):
        fr = Locale.get_default()
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        if not isinstance(home, HomePage):
            raise CommandError("La racine du site n'est pas une page d'accueil : base de données inattendue.")
        data = content.HOME
        for field in ("title", "hero_title", "hero_text", "introduction", "mission"):
            setattr(home, field, data[field])
        home.calls_to_action.set(
            [HomePageCallToAction(sort_order=index, **cta) for index, cta in enumerate(data["calls_to_action"])]
        )
        home.save_revision().publish()

        site_settings = SiteSettings.load()
        site_settings.contact_email = "contact@unstageetapres.fr"
        site_settings.address = "Saint-Denis (93)"
        site_settings.legal_details = "Association loi 1901."
        for page_data in content.LEGAL_PAGES:
            page = self.upsert_child(home, StandardPage, page_data["slug"], locale=fr)
            page.title = page_data["title"]
            page.introduction = page_data["introduction"]
            page.body = page_data["body"]
            page.save_revision().publish()
            setattr(site_settings, page_data["setting"], page)
        site_settings.save()

        for code, data in content.HOME_TRANSLATIONS.items():
            locale, _ = Locale.objects.get_or_create(language_code=code)
            translated = home.get_translation_or_none(locale)
            if translated is None:
                translated = home.copy_for_translation(locale)
            translated = translated.specific
            for field, value in data.items():
                if field != "calls_to_action":
                    setattr(translated, field, value)
            translated.calls_to_action.set(
                [HomePageCallToAction(sort_order=index, **cta) for index, cta in enumerate(data["calls_to_action"])]
            )
            translated.save_revision().publish()
        return home

    @staticmethod
    def upsert_child(parent, model, slug, locale):
        page = model.objects.child_of(parent).filter(slug=slug, locale=locale).first()
        if page is None:
            page = model(slug=slug, title=slug, locale=locale)
            parent.add_child(instance=page)
        return page

    # School and people ---------------------------------------------------------------------------
    def build_school(self):
        school, _ = School.objects.update_or_create(uai=content.SCHOOL["uai"], defaults=content.SCHOOL)
        classes = []
        for name, level in content.CLASSES:
            school_class, _ = SchoolClass.objects.update_or_create(
                school=school, school_year=current_school_year(), name=name, defaults={"level": level}
            )
            classes.append(school_class)
        return classes[0]

    def build_users(self, school_class):
        users = {}
        for role, email, first_name, last_name, password in content.USERS:
            user = User.objects.filter(email__iexact=email).first() or User(email=email)
            user.first_name, user.last_name, user.is_active = first_name, last_name, True
            user.set_password(password)
            if role == Role.PUPIL:
                user.school_class = school_class
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            users[role] = (user, password)
        users[Role.PARENT][0].children.set([users[Role.PUPIL][0]])
        school_class.teachers.add(users[Role.TEACHER][0])
        return users

    def print_summary(self, users):
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
        self.stdout.write("Comptes de démonstration (adresse e-mail / mot de passe) :")
        for role, (user, password) in users.items():
            self.stdout.write(f"  {role:<14} {user.email:<38} {password}")
