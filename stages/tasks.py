"""Background work of the stages app, run by the django-tasks queue (never inside the request)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from django_tasks import task

from accounts.roles import Role


def staff_addresses():
    """The association's contact address (site settings), else the active staff members' addresses."""
    from django.contrib.auth import get_user_model

    from home.models import SiteSettings

    contact = SiteSettings.load().contact_email
    if contact:
        return [contact]
    users = get_user_model().objects.filter(groups__name=Role.STAFF, is_active=True)
    return sorted({user.email for user in users if user.email})


@task()
def notify_staff_of_proposal(proposal_id):
    """E-mail staff that a professional made a proposal; the details stay in the admin."""
    from .models import ProfessionalProposal

    proposal = ProfessionalProposal.objects.filter(pk=proposal_id).first()
    recipients = staff_addresses()
    if proposal is None or not recipients:
        return 0
    admin_url = settings.WAGTAILADMIN_BASE_URL + reverse("professional_proposal:edit", args=[proposal.pk])
    body = "\n".join(
        [
            _("Une nouvelle proposition a été envoyée depuis le portail."),
            "",
            f"{_('Proposition')} : {proposal.get_kind_display()}",
            f"{_('Entreprise ou organisme')} : {proposal.organisation}",
            f"{_('Métier')} : {proposal.job}",
            f"{_('Code postal')} : {proposal.postcode}",
            "",
            _("Les coordonnées et le message sont dans l'administration : %(url)s") % {"url": admin_url},
        ]
    )
    return send_mail(
        _("Nouvelle proposition d'un professionnel : %(organisation)s") % {"organisation": proposal.organisation},
        body,
        None,
        recipients,
    )
