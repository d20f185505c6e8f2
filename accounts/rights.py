"""The rights over personal data (RGPD): export, erasure, and the yearly anonymisation.

- `export(user)`: everything the portal holds about a person, as plain data (the JSON download and
  the readable page are made from it). A parent downloads their child's through the parent space.
- `anonymise(user)`: erasure. The account keeps its row (role, class, dates of activation and the
  decisions about consent, without any name), so that `statistics()` counts stay the same; names,
  email, identifier, birth date, password, codes and family links are gone, and the audit log keeps who
  did what, without the values that were changed.
- `anonymise_old_pupils(months)`: pupils whose school year ended more than `months` ago, and the parent
  accounts left with no child (`manage.py anonymise_old_pupils`, run yearly).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from . import activation, consent, extensions
from .models import AccessCode, ConsentRecord, SchoolClass, User
from .roles import Role


def export(user):
    """All the data about `user`, as JSON-ready data."""
    data = {
        "compte": {
            "prenom": user.first_name,
            "nom": user.last_name,
            "adresse_email": user.email,
            "identifiant": user.identifier,
            "date_de_naissance": user.birth_date.isoformat() if user.birth_date else None,
            "roles": [str(role.label) for role in user.roles],
            "cree_le": user.date_joined.isoformat(),
            "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
            "active_le": user.activated_at.isoformat() if user.activated_at else None,
        }
    }
    if user.school_class_id:
        school_class = user.school_class
        data["classe"] = {
            "classe": school_class.name,
            "college": school_class.school.name,
            "commune": school_class.school.commune,
            "annee_scolaire": school_class.school_year,
        }
    records = list(user.consent_records.all().order_by("created_at", "pk"))
    if records or user.has_role(Role.PUPIL):
        data["accord"] = {
            "etat_actuel": str(consent.status(user).label),
            "decisions": [
                {
                    "date": record.created_at.isoformat(),
                    "decision": str(record.get_decision_display()),
                    "moyen": str(record.get_method_display()),
                    "version_du_texte": record.text_version,
                    "par": record.decided_by_name,
                }
                for record in records
            ],
        }
        data["codes_d_acces"] = [
            {
                "usage": str(code.get_purpose_display()),
                "cree_le": code.created_at.isoformat(),
                "expire_le": code.expires_at.isoformat(),
                "utilise_le": code.used_at.isoformat() if code.used_at else None,
            }
            for code in user.access_codes.all()
        ]
        data["parents"] = [
            {"prenom": parent.first_name, "nom": parent.last_name, "adresse_email": parent.email}
            for parent in user.parents.all()
        ]
    children = list(user.children.all())
    if children:
        data["enfants"] = [{"prenom": child.first_name, "nom": child.last_name} for child in children]
    taught = list(user.taught_classes.select_related("school"))
    if taught:
        data["classes_enseignees"] = [f"{c.name} – {c.school.name} ({c.school_year})" for c in taught]
    data.update(extensions.personal_data(user))
    return data


@transaction.atomic
def anonymise(user, *, now=None):
    """Erase the personal data of `user`, keeping an anonymous row for the statistics."""
    from auditlog.models import LogEntry

    now = now or timezone.now()
    user.first_name = ""
    user.last_name = ""
    user.email = None
    user.identifier = None
    user.birth_date = None
    user.is_active = False
    user.anonymised_at = now
    user.set_unusable_password()
    user.save()
    user.children.clear()
    user.parents.clear()
    user.taught_classes.clear()
    AccessCode.objects.filter(pupil=user).delete()
    ConsentRecord.objects.filter(pupil=user).update(decided_by_name="", decided_by=None)
    ConsentRecord.objects.filter(decided_by=user).update(decided_by_name="", decided_by=None)
    extensions.erase_personal_data(user)
    # The audit log keeps that something was read or changed, and by whom, not the values.
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_pk=str(user.pk)).update(
        changes=None, changes_text="", object_repr=f"#{user.pk}"
    )
    return user


def school_year_end(school_year):
    """The last day of a school year « 2025-2026 »: 31 July 2026 (a new year starts on 1 August)."""
    return datetime.date(int(school_year.split("-")[1]), 7, 31)


def old_pupils(months=12, today=None):
    """Pupils not yet anonymised whose class's school year ended more than `months` months ago."""
    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=round(months * 365.25 / 12))
    ended = [
        year
        for year in SchoolClass.objects.values_list("school_year", flat=True).distinct()
        if school_year_end(year) < limit
    ]
    return User.objects.filter(groups__name=Role.PUPIL, anonymised_at__isnull=True, school_class__school_year__in=ended)


def anonymise_old_pupils(months=12, *, today=None, dry_run=False):
    """Anonymise old pupils, then parents left without any child; delete spent codes. Returns counts."""
    pupils = list(old_pupils(months, today).distinct())
    parent_ids = set(User.objects.filter(children__in=pupils).values_list("pk", flat=True))
    if dry_run:
        return {"pupils": len(pupils), "parents": len(parent_ids), "codes": 0}
    for pupil in pupils:
        anonymise(pupil)
    orphans = (
        User.objects.filter(pk__in=parent_ids, anonymised_at__isnull=True)
        .annotate(live_children=Count("children", filter=Q(children__anonymised_at__isnull=True)))
        .filter(live_children=0)
    )
    parents = [parent for parent in orphans if set(parent.groups.values_list("name", flat=True)) <= {Role.PARENT}]
    for parent in parents:
        anonymise(parent)
    codes = activation.purge_unused_codes()
    return {"pupils": len(pupils), "parents": len(parents), "codes": codes}


def statistics(school_year=None):
    """Anonymous counts of the action, unchanged by erasure and anonymisation."""
    pupils = User.objects.filter(groups__name=Role.PUPIL)
    if school_year:
        pupils = pupils.filter(school_class__school_year=school_year)
    latest_decision = ConsentRecord.objects.filter(pupil=OuterRef("pk")).order_by("-created_at", "-pk")
    pupils = pupils.annotate(latest_decision=Subquery(latest_decision.values("decision")[:1]))
    return {
        "pupils": pupils.count(),
        "activated": pupils.filter(activated_at__isnull=False).count(),
        "consent_given": pupils.filter(latest_decision=ConsentRecord.Decision.GIVEN).count(),
    }
