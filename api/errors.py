"""Errors of the API: JSON with a stable `code` for programs and a plain French `message` for people.

Every error the API answers has the same shape (`ErrorSchema`), Wagtail's page views included (their RFC 7807
answers are replaced here). A client tests `code`, never the message, which may be reworded or translated.

| status | code | when |
|---|---|---|
| 400 | `bad_request` | a value the view refuses (a page size above the maximum) |
| 401 | `authentication_required` | « moi » endpoints without a session or a valid token |
| 403 | `forbidden` | an action the account may not do |
| 404 | `not_found` | unknown, unpublished or private content: the API never says which |
| 422 | `invalid_parameters` | a parameter of the wrong type or out of range (`errors` lists where) |
| 429 | `rate_limited` | past the client's limit; `Retry-After` says how many seconds to wait |
| 500 | `server_error` | a fault of ours (logged; CI's fuzzing keeps this at zero) |
"""

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

logger = logging.getLogger(__name__)


class ErrorSchema(Schema):
    code: str
    message: str
    errors: list[dict] | None = None


# Documented on every operation, so that clients and the fuzzing in CI know each status.
COMMON_ERRORS = {400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema, 429: ErrorSchema}


def messages():
    """The French message of each code (called per request: gettext follows the active language)."""
    return {
        "bad_request": _("La requête demande une valeur que l'API ne permet pas (par exemple trop de résultats)."),
        "authentication_required": _("Connecte-toi ou donne un jeton d'accès pour lire ces données."),
        "forbidden": _("Ce compte n'a pas le droit de faire cela."),
        "not_found": _("Cette ressource n'existe pas ou n'est pas publique."),
        "invalid_parameters": _("Un paramètre de la requête n'est pas valide : vérifie les valeurs envoyées."),
        "rate_limited": _("Trop de requêtes : attends quelques secondes avant de réessayer."),
        "server_error": _("Une erreur inattendue est survenue de notre côté. Réessaie dans un moment."),
    }


def error_response(api, request, status, code, errors=None):
    payload = {"code": code, "message": messages()[code]}
    if errors:
        payload["errors"] = errors
    return api.create_response(request, payload, status=status)


def _where(errors):
    """Where each validation error is, and its type: never the value sent back."""
    return [
        {"loc": [str(part) for part in error.get("loc", ())], "type": str(error.get("type", "invalid"))}
        for error in errors
    ]


def register_error_handlers(api):
    @api.exception_handler(NinjaValidationError)
    def invalid_parameters(request, exc):
        return error_response(api, request, 422, "invalid_parameters", _where(exc.errors))

    @api.exception_handler(PydanticValidationError)
    def invalid_value(request, exc):
        return error_response(api, request, 422, "invalid_parameters", _where(exc.errors()))

    @api.exception_handler(DjangoValidationError)
    def invalid_django_value(request, exc):
        return error_response(api, request, 422, "invalid_parameters")

    @api.exception_handler(AuthenticationError)
    def authentication_required(request, exc):
        return error_response(api, request, 401, "authentication_required")

    @api.exception_handler(Throttled)
    def rate_limited(request, exc):
        # Ninja adds Retry-After (seconds) to this response.
        return error_response(api, request, 429, "rate_limited")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return error_response(api, request, 403, "forbidden")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error_response(api, request, 404, "not_found")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        codes = {400: "bad_request", 401: "authentication_required", 403: "forbidden", 404: "not_found"}
        return error_response(api, request, exc.status_code, codes.get(exc.status_code, "bad_request"))

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error on %s", request.path)
        return error_response(api, request, 500, "server_error")
