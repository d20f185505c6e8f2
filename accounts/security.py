"""Login throttling helpers for django-axes."""


def axes_username(request, credentials):
    """The login email as axes counts failures: lower-cased and trimmed, since login ignores case.

    Both the portal's login form and Wagtail's admin login post the email as `username`.
    """
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return value.strip().lower()
