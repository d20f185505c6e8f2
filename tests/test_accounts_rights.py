"""Rights over minors' data: export, erasure by staff, the yearly anonymisation, the audit log, and
emails retried through the queue."""

import datetime
import html
import io
import json

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from auditlog.models import LogEntry

from accounts import activation, consent, emails, rights
from accounts.factories import (
    NewPupilFactory,
    ParentFactory,
    PupilFactory,
    SchoolClassFactory,
    StaffFactory,
    TeacherFactory,
)
from accounts.models import AccessCode, ConsentRecord, User

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def family():
    pupil = PupilFactory(
        first_name="Inès",
        last_name="Diallo",
        identifier="tigre-lune-27",
        email="ines@example.org",
        birth_date=datetime.date(2012, 5, 1),
        school_class__name="3e B",
        school_class__school__name="Collège Paul-Éluard",
    )
    parent = ParentFactory(first_name="Aminata", last_name="Diallo", email="aminata@example.org")
    parent.children.add(pupil)
    consent.record(pupil, "given", ConsentRecord.Method.LINK, by_user=parent)
    return pupil, parent


def test_a_pupil_downloads_everything_held_about_them(client, family):
    pupil, parent = family
    client.force_login(pupil)

    response = client.get(reverse("accounts:my_data_json"))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["compte"]["prenom"] == "Inès"
    assert data["compte"]["identifiant"] == "tigre-lune-27"
    assert data["compte"]["date_de_naissance"] == "2012-05-01"
    assert data["classe"]["college"] == "Collège Paul-Éluard"
    assert data["accord"]["decisions"][0]["par"] == "Aminata Diallo"
    assert data["accord"]["decisions"][0]["version_du_texte"] == consent.TEXT_VERSION
    assert data["parents"][0]["adresse_email"] == "aminata@example.org"
    page = text(client.get(reverse("accounts:my_data")))
    assert "tigre-lune-27" in page and "Aminata Diallo" in page


def test_a_parent_downloads_their_childs_data(client, family):
    pupil, parent = family
    client.force_login(parent)

    data = json.loads(client.get(reverse("accounts:child_data_json", args=[pupil.pk])).content)

    assert data["compte"]["prenom"] == "Inès"
    assert data["accord"]["etat_actuel"] == "Accord donné"
    # The page reads the same data with its dates written for people, not as ISO strings.
    page = text(client.get(reverse("accounts:child_data", args=[pupil.pk])))
    assert "Les données d'Inès" in page  # French elision before a vowel
    assert "1 mai 2012" in page
    decided = timezone.localtime(ConsentRecord.objects.get(pupil=pupil).created_at)
    assert f"{decided.day} " in page and str(decided.year) in page
    assert "2012-05-01" not in page and "T" + decided.strftime("%H:%M") not in page


def test_codes_are_exported_without_their_hash(client, family):
    pupil, _parent = family
    activation.issue_cards([pupil])
    client.force_login(pupil)

    body = client.get(reverse("accounts:my_data_json")).content.decode()

    assert "codes_d_acces" in body
    for code_hash in AccessCode.objects.values_list("code_hash", flat=True):
        assert code_hash not in body


def test_staff_erase_an_account_and_the_statistics_keep_their_counts(client, family):
    pupil, parent = family
    before = rights.statistics()
    client.force_login(StaffFactory())

    confirm = client.get(reverse("accounts_erase_user", args=[pupil.pk]))
    assert confirm.status_code == 200
    response = client.post(reverse("accounts_erase_user", args=[pupil.pk]))

    assert response.status_code == 302
    pupil.refresh_from_db()
    assert (pupil.first_name, pupil.last_name, pupil.email, pupil.identifier, pupil.birth_date) == (
        "",
        "",
        None,
        None,
        None,
    )
    assert not pupil.is_active and not pupil.has_usable_password()
    assert not parent.children.exists()
    assert not ConsentRecord.objects.filter(decided_by_name__icontains="Diallo").exists()
    assert rights.statistics() == before
    assert before["pupils"] == 1 and before["consent_given"] == 1


def test_only_staff_with_the_permission_erase(client, family):
    pupil, _parent = family
    client.force_login(TeacherFactory())

    response = client.post(reverse("accounts_erase_user", args=[pupil.pk]))

    assert response.status_code in (302, 403)
    pupil.refresh_from_db()
    assert pupil.first_name == "Inès"


def test_erasure_empties_the_values_kept_by_the_audit_log(client, family):
    pupil, _parent = family
    staff = StaffFactory()
    client.force_login(staff)
    pupil.last_name = "Diallo-Sow"
    pupil.save()

    client.post(reverse("accounts_erase_user", args=[pupil.pk]))

    entries = LogEntry.objects.get_for_object(pupil)
    assert entries.exists()
    assert not any("Diallo" in (entry.changes_text or "") + str(entry.changes or "") for entry in entries)


def test_the_yearly_anonymisation_keeps_counts_and_spares_this_years_pupils(family):
    pupil, parent = family  # school year 2026-2027
    old_class = SchoolClassFactory(school_year="2024-2025")
    old_pupil = NewPupilFactory(school_class=old_class, first_name="Yanis")
    old_parent = ParentFactory(first_name="Karima")
    old_parent.children.add(old_pupil)
    activation.issue_cards([old_pupil])
    before = rights.statistics()

    out = io.StringIO()
    call_command("anonymise_old_pupils", "--months", "12", stdout=out)

    old_pupil.refresh_from_db()
    old_parent.refresh_from_db()
    pupil.refresh_from_db()
    assert old_pupil.first_name == "" and old_pupil.anonymised_at is not None
    assert old_parent.first_name == "" and old_parent.anonymised_at is not None
    assert pupil.first_name == "Inès" and parent.first_name == "Aminata"
    assert not AccessCode.objects.filter(pupil=old_pupil).exists()
    assert rights.statistics() == before
    assert "1 élève(s), 1 parent(s)" in out.getvalue()


def test_the_yearly_anonymisation_dry_run_changes_nothing():
    old_pupil = NewPupilFactory(school_class=SchoolClassFactory(school_year="2020-2021"), first_name="Yanis")

    out = io.StringIO()
    call_command("anonymise_old_pupils", "--dry-run", stdout=out)

    old_pupil.refresh_from_db()
    assert old_pupil.first_name == "Yanis"
    assert "À anonymiser : 1 élève(s)" in out.getvalue()


def test_unused_codes_of_the_year_stay_and_spent_or_expired_ones_go():
    pupil = NewPupilFactory(school_class=SchoolClassFactory())
    activation.issue_cards([pupil])
    assert activation.purge_unused_codes() == 0
    AccessCode.objects.filter(purpose="parent").update(used_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    assert activation.purge_unused_codes() == 1


def test_staff_reads_and_changes_of_a_pupil_are_audited(client, family):
    pupil, _parent = family
    staff = StaffFactory()
    client.force_login(staff)

    client.get(reverse("wagtailusers_users:edit", args=[pupil.pk]))
    client.get(reverse("accounts:class_detail", args=[pupil.school_class.pk]))

    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=staff)
    assert reads.filter(object_pk=str(pupil.pk), content_type__model="user").exists()
    assert reads.filter(object_pk=str(pupil.school_class.pk), content_type__model="schoolclass").exists()
    log = client.get(reverse("accounts_audit_log"))
    assert log.status_code == 200
    assert str(staff) in text(log)


def test_a_teacher_reading_their_class_leaves_no_access_entry_and_cannot_read_the_log(client, family):
    pupil, _parent = family
    teacher = TeacherFactory()
    pupil.school_class.teachers.add(teacher)
    client.force_login(teacher)

    client.get(reverse("accounts:class_detail", args=[pupil.school_class.pk]))

    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
    assert client.get(reverse("accounts_audit_log")).status_code in (302, 403)


def test_a_failed_email_is_retried_until_it_goes(monkeypatch, django_capture_on_commit_callbacks):
    calls = []
    real_send = emails.EmailMessage.send

    def flaky_send(self, *args, **kwargs):
        calls.append(1)
        if len(calls) < 3:
            raise OSError("SMTP down")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(emails.EmailMessage, "send", flaky_send)

    with django_capture_on_commit_callbacks(execute=True):
        emails.queue_email("accounts/emails/parent_account", {"url": "http://testserver/x/"}, ["parent@example.org"])

    assert len(calls) == 3
    assert len(mail.outbox) == 1


def test_staff_see_the_email_sends(client, family):
    pupil, parent = family
    client.force_login(StaffFactory())

    response = client.get(reverse("accounts_email_sends"))

    assert response.status_code == 200
    assert "Envois d'e-mails" in text(response)


def test_anonymised_pupils_leave_the_teachers_list(client):
    school_class = SchoolClassFactory()
    pupil = NewPupilFactory(school_class=school_class, last_name="Benkacem")
    teacher = TeacherFactory()
    school_class.teachers.add(teacher)
    rights.anonymise(pupil)
    client.force_login(teacher)

    content = text(client.get(reverse("accounts:class_detail", args=[school_class.pk])))

    assert "Benkacem" not in content
    assert User.objects.filter(pk=pupil.pk).exists()


# The worker closes the database connection after each task, as in production: the test cannot run inside
# a transaction; the migrations' rows (role groups) are restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_queue_a_failed_send_is_kept_retried_later_and_shown_to_staff(client, monkeypatch, settings):
    """As in production (django-tasks-db and its worker): the failed attempt stays visible as failed,
    and the next attempt waits in the queue."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def down(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(emails.EmailMessage, "send", down)
    emails.queue_email("accounts/emails/parent_account", {"url": "http://testserver/x/"}, ["parent@example.org"])
    assert not mail.outbox  # nothing is sent inside the request

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    results = DBTaskResult.objects.filter(task_path="accounts.emails.send_email").order_by("enqueued_at")
    assert [result.status for result in results] == ["FAILED", "READY"]
    assert results[1].args_kwargs["args"][3] == 2
    assert results[1].run_after > results[0].finished_at
    client.force_login(StaffFactory())
    page = text(client.get(reverse("accounts_email_sends")))
    assert "Créer votre compte parent" in page
    assert "OSError" in page


def test_staff_changes_to_a_pupil_are_audited_with_the_staff_member_as_actor(client):
    pupil = NewPupilFactory(first_name="Lina", last_name="Morel", birth_date=None)
    staff = StaffFactory()
    client.force_login(staff)

    client.post(
        reverse("wagtailusers_users:edit", args=[pupil.pk]),
        {
            "email": "",
            "first_name": "Lina",
            "last_name": "Morel",
            "birth_date": "2011-02-03",
            "school_class": pupil.school_class.pk,
            "groups": [group.pk for group in pupil.groups.all()],
            "password1": "",
            "password2": "",
        },
    )

    change = LogEntry.objects.get_for_object(pupil).filter(action=LogEntry.Action.UPDATE).first()
    assert change is not None
    assert change.actor == staff
    assert "birth_date" in change.changes_dict
