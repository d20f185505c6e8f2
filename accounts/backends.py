"""Log in with an email address or, for a pupil, the identifier printed on their activation card."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrIdentifierBackend(ModelBackend):
    """Django's model backend, finding the account by email (any case) or by pupil identifier.

    What contains « @ » is an email address; anything else is an identifier. Both are compared without
    regard to case or surrounding spaces, as the login form does not say which one it expects.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        username = username.strip().lower()
        model = get_user_model()
        lookup = {"email__iexact": username} if "@" in username else {"identifier": username}
        user = model._default_manager.filter(**lookup).first()
        if user is None:
            # Spend the time a password check takes, so that timing tells nothing about the account.
            model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
