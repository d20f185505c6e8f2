"""`{% content_cache name key… %}…{% endcontent_cache %}`: a fragment kept until the content changes.

Like Django's `{% cache %}`, keyed moreover by the content generation (`home.caching`), the version of the
page being rendered (`home.caching.page_changed`), the language and the host, so a publication shows at
once, each language and site has its copy. What the fragment shows of *other* pages' own text (an
article's related articles with their reading time) is declared while it renders with
`home.caching.depends_on(request, page_key(pk))`: the copy keeps those keys' values and is served only while
they are unchanged. Previews are never cached (their content is unsaved). For what is the same for every
visitor, logged in or not: nothing personal, no form with a CSRF token. What shows dates is at most
`PAGE_CACHE`'s 300 s old, as cached pages are.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.utils import translation

from home.caching import depends_on, live_keys, live_values, page_key, request_generation

register = template.Library()

TIMEOUT = 300


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [request_generation(request), translation.get_language(), request.get_host()]
        page = context.get("page")
        if getattr(page, "pk", None) is not None:
            # The page's own version (home.caching.page_changed): publishing another page keeps this copy.
            key = page_key(page.pk)
            depends_on(request, key)
            parts.append(live_keys(request)[key])
        parts += [str(value.resolve(context)) for value in self.vary_on]
        key = f"fragment:{self.name}:" + hashlib.md5(":".join(parts).encode(), usedforsecurity=False).hexdigest()
        found = cache.get(key)
        if isinstance(found, tuple) and _still_valid(request, found[1]):
            return found[0]
        # What the fragment shows of other pages (an article's related articles and their reading time) says so
        # with `depends_on`: the copy keeps those keys' values and is served only while they are unchanged.
        recorded = set()
        request.__dict__.setdefault("_dependency_recorders", []).append(recorded)
        try:
            html = self.nodelist.render(context)
        finally:
            request._dependency_recorders.remove(recorded)
        live = live_keys(request)
        cache.set(key, (html, {name: live[name] for name in recorded if name in live}), TIMEOUT)
        return html


def _still_valid(request, dependencies):
    """Whether the keys a copy depended on still have the values it was rendered with; if so, the page serving
    it depends on them too (the anonymous page cache keeps them with its copy)."""
    if not dependencies:
        return True
    current = live_values(list(dependencies))
    if any(current[name] != value for name, value in dependencies.items()):
        return False
    depends_on(request, *dependencies)
    return True


@register.tag("content_cache")
def do_content_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% content_cache %} needs a fragment name.")
    nodelist = parser.parse(("endcontent_cache",))
    parser.delete_first_token()
    return ContentCacheNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
