"""The notebook plugs into « Mon espace », the data export and the erasure (accounts.extensions), and tells
a consent withdrawal what stops."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from accounts import extensions
from accounts.extensions import CONSENT_WITHDRAWN, Stopped

from . import dashboard
from .models import InterestMark, Notebook, Question, Wish


@hooks.register(CONSENT_WITHDRAWN)
def carnet_consent_withdrawn(pupil, dry_run, by=None):
    """Without consent, the notebook is the pupil's alone: parents, teachers and the volunteer no longer read
    it (`carnet.access`), nothing can be added, and the sharing with the volunteer is turned off (it does not
    come back by itself if the family agrees again). What the pupil wrote stays theirs (export, erasure)."""
    stopped = []
    shared = Notebook.objects.filter(pupil=pupil, shared_with_volunteer=True)
    if shared.exists():
        stopped.append(
            Stopped(
                "carnet",
                _("Le carnet d'orientation de %(name)s n'est plus partagé avec son bénévole."),
                {"name": pupil.first_name},
            )
        )
        if not dry_run:
            shared.update(shared_with_volunteer=False)
    has_content = any(model.objects.filter(pupil=pupil).exists() for model in (InterestMark, Wish, Question))
    if has_content:
        stopped.append(
            Stopped(
                "carnet",
                _(
                    "Le carnet d'orientation de %(name)s n'est plus lu par ses parents ni ses professeurs ; il reste visible par l'élève."
                ),
                {"name": pupil.first_name},
            )
        )
    return stopped


extensions.register(dashboard)  # « Mon espace », the data export and the erasure: see dashboard.py
