"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

Run them with `make e2e` (DJANGO_ALLOW_ASYNC_UNSAFE=true, `-m e2e`). Every test collected under tests/e2e/
is marked `e2e` and runs with a transactional database restored from the migrations' data (home page, site,
locales, role groups) before each test: the live server runs in another thread, so it only sees committed
rows. Never run `playwright install`: the browser is /usr/bin/chromium.

Fixtures
    base_url       the live server's address, e.g. "http://localhost:41235" (also what `page.goto("/fr/")`
                   is relative to).
    mobile_page    a Playwright page in a 390×844 phone-sized touch context, French browser.
    desktop_page   a Playwright page in a 1280×800 context, French browser.
    page           pytest-playwright's page (desktop size, French browser).
    demo_content   loads the demo site (`manage.py load_demo`: home page and its translations, legal pages,
                   site settings, one account per role) and returns the French home page.

Helpers (``from tests.e2e.conftest import assert_no_axe_violations, login``)
    assert_no_axe_violations(page, *, skip_rules=())
                   runs axe-core on the page as it is now; on failure prints each violation's id, impact,
                   help text and the CSS targets of the failing nodes. Skipping a rule needs a comment saying why.
    open_menu(page)
                   on a phone, opens the header's « Menu » (its links and search box are folded behind it);
                   does nothing on a wide screen.
    assert_no_horizontal_scroll(page)
                   fails when the page is wider than the window (WCAG 1.4.10 reflow).
    login(page, base_url, email, password)
                   logs in through the real form at /fr/compte/connexion/ (going there unless the page is
                   already on it) and returns the response of the page shown after submitting.
"""

import io
import os
import re

from django.core.management import call_command
from django.db import connections

from wagtail.models import Locale

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from home.models import HomePage

CHROMIUM = "/usr/bin/chromium"
# Headless and off the network: no component updates, no sync, no background requests.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOGIN_PATH = "/fr/compte/connexion/"
MOBILE_VIEWPORT = {"width": 390, "height": 844}
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
E2E_DIR = os.path.dirname(__file__)


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook deselects by marker (`-m e2e`)
def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/e2e/ as `e2e`, with a transactional database that starts from the
    migrations' data (serialized rollback) unless the test asks for another database setup."""
    for item in items:
        if str(item.path).startswith(E2E_DIR + os.sep):
            item.add_marker(pytest.mark.e2e)
            # Whitenoise warns that STATIC_ROOT does not exist: the live server serves static files from the
            # app folders instead, as `runserver` does.
            item.add_marker(pytest.mark.filterwarnings("ignore:No directory at:UserWarning"))
            if item.get_closest_marker("django_db") is None:
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_next_to_playwright():
    """Playwright's sync API runs an asyncio loop in the test thread, which makes Django refuse ORM calls
    from the test (factories). Nothing here is async code, so the check is lifted while e2e tests run."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session", autouse=True)
def _migration_data_inside_playwright_loop(_migration_data, playwright):
    """Playwright's sync API runs an asyncio loop in the test thread. Django then keeps its database
    connections in context-local storage: the tests get new connection objects, without the serialized
    data that `serialized_rollback` restores before each test. Hand it over."""
    for alias, data in _migration_data.items():
        connections[alias]._test_serialized_contents = data


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """The live server's root URL, without a trailing slash."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A French browser: `/` redirects to the language the browser asks for.
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def mobile_page(new_context):
    context = new_context(viewport=MOBILE_VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context.new_page()


@pytest.fixture
def desktop_page(new_context):
    context = new_context(viewport=DESKTOP_VIEWPORT)
    return context.new_page()


@pytest.fixture
def demo_content(transactional_db):
    """The demo site as `make run` shows it; returns the French home page."""
    call_command("load_demo", allow_production=True, skip_index=True, stdout=io.StringIO())
    return HomePage.objects.get(locale=Locale.get_default())


def format_axe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", " ")
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page, *, skip_rules=()):
    """Fail, listing what to fix, if axe-core finds any violation on the page as currently shown.

    A click on a link returns before the next page has loaded; axe run in between finds no document (« Cannot read
    properties of null ») or loses its context. The page is awaited to its load event, and axe runs once more when
    a navigation still pulled the document from under it.
    """
    page.wait_for_load_state("load")
    try:
        results = Axe().run(page)
    except PlaywrightError as error:
        if "documentElement" not in str(error) and "context was destroyed" not in str(error):
            raise
        page.wait_for_load_state("load")
        results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v["id"] not in skip_rules]
    if violations:
        report = format_axe_violations(violations)
        print(f"axe-core found {len(violations)} violation(s) on {page.url}:\n{report}")  # noqa: T201
        pytest.fail(f"axe-core: {len(violations)} accessibility violation(s) on {page.url}\n{report}")


# The header's menu button, by its name in each interface language (« Menu », "Menu", « القائمة »).
MENU_BUTTON = re.compile(r"^(Menu|القائمة)$")


def open_menu(page):
    """Open the header's « Menu » disclosure when it is shown (small screens), in French, English or Arabic."""
    toggle = page.get_by_role("banner").get_by_role("button", name=MENU_BUTTON)
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def assert_no_horizontal_scroll(page):
    """Fail when the page scrolls sideways: its scroll width is wider than the viewport.

    Compared with the viewport's width, not `window.innerWidth`: in a mobile context (`is_mobile=True`) Chromium
    zooms out to fit wide content and `innerWidth` grows with it (347 px for a 320 px phone), so a check against
    it could never fail there."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    width = page.viewport_size["width"]
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width} px wide for {width} px"


def login(page, base_url, email, password):
    """Log in through the real login form; returns the response of the page shown after submitting."""
    if not page.url.startswith(base_url + LOGIN_PATH):
        page.goto(base_url + LOGIN_PATH)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Se connecter").click()
    return navigation.value
