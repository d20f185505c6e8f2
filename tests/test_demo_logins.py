"""Every account `load_demo` prints can log in with the password printed beside it."""

import re
from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

import pytest

pytestmark = pytest.mark.django_db

ACCOUNT = re.compile(r"([\w.+-]+@demo\.unstageetapres\.fr)\s+(?:/\s+)?(demo-[a-z]+-\d{4})")


def test_every_printed_demo_account_logs_in(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", "--skip-index", stdout=out)
    accounts = ACCOUNT.findall(out.getvalue())
    assert len(accounts) >= 8  # the seven roles and the second volunteer
    assert "benevole2@demo.unstageetapres.fr" in dict(accounts)
    login_request = RequestFactory().post("/fr/compte/connexion/")
    refused = [
        email for email, password in accounts if authenticate(login_request, username=email, password=password) is None
    ]
    assert refused == []
