"""Interventions: the teacher's request and its calendar rules, the speakers' pool and its ranking, each move
and who may make it, the reserved booking on confirmation, the e-mails, « Mon espace » and the admin."""

import datetime
from urllib.parse import urlparse

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from accounts.factories import (
    ConsentedPupilFactory,
    ParentFactory,
    PupilFactory,
    SchoolClassFactory,
    StaffFactory,
    TeacherFactory,
    UserFactory,
)
from accounts.roles import Role
from ateliers.factories import AgendaIndexPageFactory
from ateliers.models import EventPage, Session, SignUp
from interventions import access, ranking, workflow
from interventions.factories import SpeakerFactory, WorkshopRequestFactory, next_school_day
from interventions.forms import SpeakerForm, WorkshopRequestForm
from interventions.models import Format, RequestEvent, Speaker, State, WorkshopRequest
from metiers.factories import CentreInteretFactory, GrandDomaineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home_page):
    return AgendaIndexPageFactory(parent=home_page)


@pytest.fixture
def school_class(frozen_now):
    return SchoolClassFactory(name="3e B")


@pytest.fixture
def teacher_of(school_class):
    teacher = TeacherFactory(first_name="Claire")
    school_class.teachers.add(teacher)
    return teacher


@pytest.fixture
def speaker(frozen_now):
    return SpeakerFactory(user__first_name="Nadia")


def fmt(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def form_data(school_class, domain, **overrides):
    data = {
        "classes": [school_class.pk],
        "format": Format.IN_CLASS,
        "grand_domaine": domain.pk,
        "slot_1": fmt(next_school_day(14)),
        "slot_2": fmt(next_school_day(21)),
        "duration": 120,
        "place": "Collège, salle 12",
        "pupils_count": 25,
        "already_done": "Une visite du CDI métiers.",
    }
    data.update(overrides)
    return data


# The teacher's form and the calendar ------------------------------------------------------------------


def test_a_teacher_sends_a_request_for_their_class_and_staff_are_told(
    client, teacher_of, school_class, django_capture_on_commit_callbacks
):
    domain = GrandDomaineFactory(code="J", name="Santé")
    StaffFactory(email="equipe@example.org")
    client.force_login(teacher_of)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interventions:requests"), form_data(school_class, domain))
    created = WorkshopRequest.objects.get()
    assert response.status_code == 302
    assert created.teacher == teacher_of and created.school == school_class.school
    assert created.state == State.REQUESTED and list(created.classes.all()) == [school_class]
    assert [m.to for m in mail.outbox] == [["equipe@example.org"]]
    assert "Nouvelle demande d'intervention" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("slot", "message"),
    [
        (lambda: next_school_day(-7), "déjà passé"),
        (lambda: timezone.make_aware(datetime.datetime(2026, 12, 5, 10)), "week-end"),
        (lambda: timezone.make_aware(datetime.datetime(2027, 8, 3, 10)), "en dehors de l'année scolaire"),
        (lambda: next_school_day(14, hour=19), "entre 8 h et 17 h"),
    ],
)
def test_bad_dates_are_refused_in_french_and_the_input_kept(teacher_of, school_class, slot, message):
    domain = GrandDomaineFactory()
    typed = fmt(slot())
    form = WorkshopRequestForm(form_data(school_class, domain, slot_1=typed), teacher=teacher_of)
    assert not form.is_valid()
    assert any(message in error for error in form.errors["slot_1"])
    assert form["slot_1"].value() == typed


def test_school_holidays_are_refused_when_staff_have_entered_them(settings, teacher_of, school_class):
    settings.INTERVENTIONS_SCHOOL_HOLIDAYS = [("2026-12-19", "2027-01-03")]
    slot = fmt(timezone.make_aware(datetime.datetime(2026, 12, 21, 10)))
    form = WorkshopRequestForm(form_data(school_class, GrandDomaineFactory(), slot_1=slot), teacher=teacher_of)
    assert not form.is_valid()
    assert "vacances scolaires" in form.errors["slot_1"][0]


def test_a_class_that_is_not_the_teachers_is_refused(teacher_of, school_class):
    other = SchoolClassFactory(school=school_class.school, name="3e C")
    form = WorkshopRequestForm(form_data(other, GrandDomaineFactory()), teacher=teacher_of)
    assert not form.is_valid()
    assert form.errors["classes"] == ["Cette classe n'est pas une de vos classes."]


def test_a_second_request_for_the_same_class_and_theme_is_a_duplicate(teacher_of, school_class):
    domain = GrandDomaineFactory()
    WorkshopRequestFactory(teacher=teacher_of, classes=[school_class], school=school_class.school, grand_domaine=domain)
    form = WorkshopRequestForm(form_data(school_class, domain), teacher=teacher_of)
    assert not form.is_valid()
    assert "Une demande semblable est déjà en cours pour 3e B" in form.non_field_errors()[0]


def test_a_theme_is_required_and_only_one(teacher_of, school_class):
    form = WorkshopRequestForm(form_data(school_class, GrandDomaineFactory(), grand_domaine=""), teacher=teacher_of)
    assert not form.is_valid() and "Choisissez un thème" in form.non_field_errors()[0]
    both = form_data(school_class, GrandDomaineFactory(), centre=CentreInteretFactory().pk)
    form = WorkshopRequestForm(both, teacher=teacher_of)
    assert not form.is_valid() and "un seul thème" in form.non_field_errors()[0]


def test_garbage_in_the_form_is_a_french_error_never_a_server_error(client, teacher_of, school_class):
    client.force_login(teacher_of)
    data = form_data(school_class, GrandDomaineFactory(), slot_1="demain", pupils_count="-3", classes=["x"])
    response = client.post(reverse("interventions:requests"), data)
    assert response.status_code == 200
    assert "Écrivez la date et l&#x27;heure" in response.content.decode()
    assert response.context["form"]["place"].value() == "Collège, salle 12"
    assert not WorkshopRequest.objects.exists()


# The speaker's profile -----------------------------------------------------------------------------------


def test_a_professional_joins_the_pool_from_their_space(client, professional):
    domain = GrandDomaineFactory()
    client.force_login(professional)
    response = client.post(
        reverse("interventions:speaker"),
        {
            "job": "Infirmière",
            "domains": [domain.pk],
            "formats": [Format.IN_CLASS, Format.TALK],
            "weekdays": ["1", "3"],
            "home_commune": "Saint-Denis",
            "communes_text": "Aubervilliers, Saint-Ouen-sur-Seine",
            "departements_text": "93",
            "dates_text": "",
            "monthly_limit": 2,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("interventions:speaker")
    speaker = Speaker.objects.get(user=professional)
    assert speaker.home_commune == "93066" and speaker.weekdays == [1, 3] and speaker.departements == ["93"]
    assert "93001" in speaker.communes


def test_the_job_shown_to_pupils_may_not_hold_contact_details(professional):
    form = SpeakerForm(
        {"job": "Infirmière, appelez le 06 12 34 56 78", "domains": [GrandDomaineFactory().pk], "formats": ["talk"]},
        instance=SpeakerFactory.build(user=professional),
    )
    assert not form.is_valid()
    assert "élève mineur" in form.errors["job"][0]


def test_a_pupil_or_a_teacher_has_no_speaker_profile_page(client, consented_pupil, teacher):
    for person in (consented_pupil, teacher):
        client.force_login(person)
        assert client.get(reverse("interventions:speaker")).status_code == 404


# Moves and who may make them ---------------------------------------------------------------------------


def _through(workshop_request, speaker, teacher, staff, upto):
    steps = [("propose", staff, {"speaker": speaker}), ("accept", speaker.user, {}), ("confirm", teacher, {})]
    for action, user, kwargs in steps:
        if action == "confirm":
            kwargs = {"slot": workshop_request.slot_1}
        workshop_request = workflow.apply(user, workshop_request, action, **kwargs)
        if action == upto:
            break
    return workshop_request


@pytest.mark.parametrize(
    ("action", "state", "allowed"),
    [
        ("propose", State.REQUESTED, {"staff"}),
        ("accept", State.PROPOSED, {"staff", "speaker"}),
        ("decline", State.PROPOSED, {"staff", "speaker"}),
        ("confirm", State.ACCEPTED, {"staff", "teacher"}),
        ("cancel", State.PROPOSED, {"staff", "teacher"}),
    ],
)
def test_who_may_make_each_move(agenda, speaker, frozen_now, action, state, allowed):
    workshop_request = WorkshopRequestFactory()
    teacher = workshop_request.teacher
    staff = StaffFactory()
    upto = {State.PROPOSED: "propose", State.ACCEPTED: "accept"}.get(state)
    if upto:
        workshop_request = _through(workshop_request, speaker, teacher, staff, upto)
    people = {
        "staff": staff,
        "teacher": teacher,
        "speaker": speaker.user,
        "other_teacher": TeacherFactory(),
        "same_class_teacher": _colleague(workshop_request),
        "other_speaker": SpeakerFactory().user,
        "pupil": ConsentedPupilFactory(school_class=workshop_request.classes.first()),
        "parent": ParentFactory(),
    }
    for name, person in people.items():
        assert access.may_transition(person, workshop_request, action) == (name in allowed), name


def _colleague(workshop_request):
    colleague = TeacherFactory()
    workshop_request.classes.first().teachers.add(colleague)
    return colleague


def test_the_whole_way_with_its_history(agenda, speaker, frozen_now, django_capture_on_commit_callbacks):
    workshop_request = WorkshopRequestFactory()
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        done = _through(workshop_request, speaker, workshop_request.teacher, staff, "confirm")
    assert done.state == State.CONFIRMED and done.confirmed_slot == workshop_request.slot_1
    assert [(e.from_state, e.to_state) for e in RequestEvent.objects.filter(request=done)] == [
        (State.REQUESTED, State.PROPOSED),
        (State.PROPOSED, State.ACCEPTED),
        (State.ACCEPTED, State.CONFIRMED),
    ]
    subjects = [m.subject for m in mail.outbox]
    assert any("vous est proposée" in s for s in subjects)  # to the speaker
    assert any("confirmez la date" in s for s in subjects)  # to the teacher
    assert any("Intervention confirmée" in s for s in subjects)
    assert not any(m.to == [staff.email] and "proposée" in m.subject for m in mail.outbox)


def test_a_decline_needs_a_reason_and_gives_the_request_back_to_staff(speaker, frozen_now):
    workshop_request = WorkshopRequestFactory()
    staff = StaffFactory()
    workshop_request = workflow.apply(staff, workshop_request, "propose", speaker=speaker)
    with pytest.raises(workflow.WorkflowError):
        workflow.apply(speaker.user, workshop_request, "decline")
    declined = workflow.apply(speaker.user, workshop_request, "decline", reason="En déplacement ce mois-ci.")
    assert declined.state == State.REQUESTED and declined.speaker is None
    assert not access.can_see(speaker.user, declined)
    assert RequestEvent.objects.filter(request=declined, speaker=speaker).count() == 2


def test_a_move_that_does_not_exist_now_is_refused(speaker, frozen_now):
    workshop_request = WorkshopRequestFactory()
    with pytest.raises(workflow.NotAllowedNow):
        workflow.apply(workshop_request.teacher, workshop_request, "confirm", slot=workshop_request.slot_1)
    with pytest.raises(workflow.NotAllowedNow):
        workflow.apply(StaffFactory(), workshop_request, "delete")


def test_the_teacher_confirms_only_one_of_the_proposed_dates(agenda, speaker, frozen_now):
    workshop_request = _through(WorkshopRequestFactory(), speaker, None, StaffFactory(), "accept")
    with pytest.raises(workflow.WorkflowError):
        workflow.apply(workshop_request.teacher, workshop_request, "confirm", slot=next_school_day(30))


def test_done_only_after_the_day(agenda, speaker, frozen_now, time_machine):
    workshop_request = WorkshopRequestFactory()
    workshop_request = _through(workshop_request, speaker, workshop_request.teacher, StaffFactory(), "confirm")
    with pytest.raises(workflow.NotAllowedNow):
        workflow.apply(workshop_request.teacher, workshop_request, "complete")
    time_machine.move_to(workshop_request.slot_1 + datetime.timedelta(hours=3), tick=False)
    assert workflow.apply(speaker.user, workshop_request, "complete").state == State.DONE


# The reserved booking on confirmation --------------------------------------------------------------------


def test_confirmation_books_the_class_without_the_pupils_lacking_consent(agenda, speaker, frozen_now):
    workshop_request = WorkshopRequestFactory()
    school_class = workshop_request.classes.get()
    ines = ConsentedPupilFactory(school_class=school_class, first_name="Inès")
    yanis = PupilFactory(school_class=school_class, first_name="Yanis")  # no consent yet
    outsider = ConsentedPupilFactory()  # another class
    done = _through(workshop_request, speaker, workshop_request.teacher, StaffFactory(), "confirm")

    session = done.session
    assert session.booking == Session.Booking.CLASS
    assert session.starts_at == workshop_request.slot_1
    assert session.seats_taken == 1 and session.capacity == 1  # reserved: no seat left for anyone else
    assert set(SignUp.objects.filter(session=session).values_list("pupil", flat=True)) == {ines.pk}
    assert [pupil for pupil, _message in done.refusals] == [yanis]
    page = session.page
    assert page.live and page.school == school_class.school
    assert [leader.user for leader in page.leaders.all()] == [speaker.user]
    assert not SignUp.objects.filter(pupil=outsider).exists()


def test_the_speaker_reads_the_pupils_names_only_on_the_day(client, agenda, speaker, frozen_now, time_machine):
    workshop_request = WorkshopRequestFactory()
    ConsentedPupilFactory(school_class=workshop_request.classes.get(), first_name="Inès")
    done = _through(workshop_request, speaker, workshop_request.teacher, StaffFactory(), "confirm")
    session = done.session
    client.force_login(speaker.user)
    before = client.get(reverse("accounts:dashboard")).content.decode()
    assert session.page.title in before and "Inès" not in before
    assert "affichent le jour de la séance" in before
    for name in ("attendance", "check_in"):
        assert client.get(reverse(f"ateliers:{name}", args=[session.pk])).status_code == 404
    # Staff read them at any time.
    client.force_login(StaffFactory())
    assert "Inès" in client.get(reverse("ateliers:attendance", args=[session.pk])).content.decode()
    # On the day, the speaker reads the first names and runs the check-in.
    time_machine.move_to(timezone.localtime(session.starts_at).replace(hour=7, minute=0), tick=False)
    client.force_login(speaker.user)
    on_the_day = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Inès" in on_the_day
    assert "Inès" in client.get(reverse("ateliers:attendance", args=[session.pk])).content.decode()
    assert client.get(reverse("ateliers:check_in", args=[session.pk])).status_code == 200


def test_the_classs_pupil_sees_the_workshop_in_their_space(client, agenda, speaker, frozen_now):
    workshop_request = WorkshopRequestFactory()
    pupil = ConsentedPupilFactory(school_class=workshop_request.classes.get())
    done = _through(workshop_request, speaker, workshop_request.teacher, StaffFactory(), "confirm")
    client.force_login(pupil)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert done.session.page.title in page


def test_cancelling_a_confirmed_workshop_cancels_the_session(agenda, speaker, frozen_now):
    workshop_request = WorkshopRequestFactory()
    ConsentedPupilFactory(school_class=workshop_request.classes.get())
    done = _through(workshop_request, speaker, workshop_request.teacher, StaffFactory(), "confirm")
    cancelled = workflow.apply(done.teacher, done, "cancel", reason="Sortie scolaire ce jour-là.")
    assert cancelled.state == State.CANCELLED
    done.session.refresh_from_db()
    assert done.session.cancelled_at is not None
    assert not SignUp.objects.filter(session=done.session, status=SignUp.Status.CONFIRMED).exists()


def test_without_an_agenda_nothing_is_confirmed(speaker, frozen_now, home_page):
    workshop_request = WorkshopRequestFactory()
    accepted = _through(workshop_request, speaker, None, StaffFactory(), "accept")
    with pytest.raises(workflow.WorkflowError):
        workflow.apply(accepted.teacher, accepted, "confirm", slot=accepted.slot_1)
    accepted.refresh_from_db()
    assert accepted.state == State.ACCEPTED and not EventPage.objects.exists()


# The ranking --------------------------------------------------------------------------------------------


def test_the_ranking_puts_theme_availability_place_and_load_in_order(frozen_now):
    health = GrandDomaineFactory(code="J", name="Santé")
    other = GrandDomaineFactory(code="M", name="Support à l'entreprise")
    workshop_request = WorkshopRequestFactory(grand_domaine=health)  # Saint-Denis, Mondays to Fridays

    best = SpeakerFactory(job="Infirmière")
    best.domains.add(health)
    far = SpeakerFactory(job="Aide-soignant", home_commune="77288", communes=[], departements=["77"])
    far.domains.add(health)
    busy = SpeakerFactory(job="Sage-femme", monthly_limit=1)
    busy.domains.add(health)
    WorkshopRequestFactory(speaker=busy, state=State.PROPOSED, slot_1=workshop_request.slot_1)
    not_free = SpeakerFactory(job="Pharmacien", weekdays=[])
    not_free.domains.add(health)
    off_theme = SpeakerFactory(job="Comptable")
    off_theme.domains.add(other)
    no_format = SpeakerFactory(job="Kinésithérapeute", formats=[Format.VISIT])
    no_format.domains.add(health)

    order = [candidate.speaker for candidate in ranking.rank(workshop_request)]
    assert order == [best, far, not_free, off_theme, no_format, busy]
    first = ranking.rank(workshop_request)[0]
    assert first.estimate is not None and first.goes_there and len(first.available) == 2


def test_a_chosen_sheet_beats_the_same_domain(frozen_now, metiers_index):
    from metiers.factories import MetierPageFactory

    health = GrandDomaineFactory(code="J")
    sheet = MetierPageFactory(parent=metiers_index, title="Infirmier / Infirmière", grand_domaine=health)
    workshop_request = WorkshopRequestFactory(grand_domaine=None)
    workshop_request.sheets.add(sheet)
    domain_only = SpeakerFactory()
    domain_only.domains.add(health)
    presents_it = SpeakerFactory()
    presents_it.sheets.add(sheet)
    assert [c.speaker for c in ranking.rank(workshop_request)] == [presents_it, domain_only]


# Who sees what: role × neighbour ------------------------------------------------------------------------


def test_role_and_neighbour_matrix_on_the_request_page(client, agenda, speaker, frozen_now):
    workshop_request = WorkshopRequestFactory()
    school_class = workshop_request.classes.get()
    pupil = ConsentedPupilFactory(school_class=school_class, first_name="Inès", last_name="Benali")
    workshop_request = workflow.apply(StaffFactory(), workshop_request, "propose", speaker=speaker)
    url = reverse("interventions:detail", args=[workshop_request.pk])
    parent = ParentFactory()
    parent.children.add(pupil)
    people = {
        "teacher": (workshop_request.teacher, 200),
        "speaker": (speaker.user, 200),
        "staff": (StaffFactory(), 200),
        "another teacher of the same class": (_colleague(workshop_request), 404),
        "a teacher of another collège": (TeacherFactory(), 404),
        "another speaker": (SpeakerFactory().user, 404),
        "a pupil of the class": (pupil, 404),
        "a parent of the class": (parent, 404),
        "a partner": (UserFactory(role=Role.PARTNER), 404),
    }
    for name, (person, status) in people.items():
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == status, name
        if person == speaker.user:
            text = response.content.decode()
            assert workshop_request.school.name in text and "25" in text
            assert "Benali" not in text and "Inès" not in text and school_class.name not in text
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_a_speaker_sees_nothing_before_the_proposal(client, speaker, frozen_now):
    workshop_request = WorkshopRequestFactory()
    client.force_login(speaker.user)
    assert client.get(reverse("interventions:detail", args=[workshop_request.pk])).status_code == 404
    assert client.post(reverse("interventions:move", args=[workshop_request.pk, "accept"])).status_code == 404


def test_only_the_teachers_own_requests_are_listed(client, teacher_of, school_class, frozen_now):
    mine = WorkshopRequestFactory(teacher=teacher_of, classes=[school_class], school=school_class.school)
    theirs = WorkshopRequestFactory()
    client.force_login(teacher_of)
    listed = client.get(reverse("interventions:requests")).context["requests"]
    assert list(listed) == [mine] and theirs not in listed


def test_the_speaker_accepts_from_their_space(client, speaker, frozen_now, django_capture_on_commit_callbacks):
    workshop_request = workflow.apply(StaffFactory(), WorkshopRequestFactory(), "propose", speaker=speaker)
    client.force_login(speaker.user)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert workshop_request.school.name in dashboard
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interventions:move", args=[workshop_request.pk, "accept"]))
    workshop_request.refresh_from_db()
    assert workshop_request.state == State.ACCEPTED
    assert mail.outbox[-1].to == [workshop_request.teacher.email]


# The admin -------------------------------------------------------------------------------------------------


def test_staff_rank_and_propose_from_the_admin(client, speaker, frozen_now):
    workshop_request = WorkshopRequestFactory()
    speaker.domains.add(workshop_request.grand_domaine)
    staff = StaffFactory()
    client.force_login(staff)
    url = reverse("interventions_match", args=[workshop_request.pk])
    page = client.get(url)
    assert page.status_code == 200 and speaker.job in page.content.decode()
    client.post(url, {"speaker": speaker.pk})
    workshop_request.refresh_from_db()
    assert workshop_request.state == State.PROPOSED and workshop_request.speaker == speaker
    client.post(url, {"speaker": "x"})  # bad input: a message, no error page
    assert client.get(url).status_code == 200


def test_the_match_page_is_for_staff_only(client, teacher, frozen_now):
    workshop_request = WorkshopRequestFactory()
    client.force_login(teacher)
    assert client.get(reverse("interventions_match", args=[workshop_request.pk])).status_code in (302, 403)


def test_the_coordination_list_filters_and_exports_a_safe_csv(client, frozen_now):
    workshop_request = WorkshopRequestFactory()
    workshop_request.school.name = "=HYPERLINK(1)"
    workshop_request.school.save()
    client.force_login(StaffFactory())
    index = reverse("interventions_requests:index")
    assert client.get(index, {"state": State.REQUESTED, "month": "2026-12"}).status_code == 200
    response = client.get(index, {"export": "csv"})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "'=HYPERLINK(1)" in body
    assert "l'équipe (proposer un intervenant)" in body


def test_a_teacher_sees_their_requests_in_their_space(client, teacher_of, school_class, frozen_now):
    WorkshopRequestFactory(teacher=teacher_of, classes=[school_class], school=school_class.school)
    client.force_login(teacher_of)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Interventions demandées pour mes classes" in page and "Demandée" in page


def test_pupils_parents_and_partners_have_no_request_page(client, consented_pupil, parent, partner):
    for person in (consented_pupil, parent, partner):
        client.force_login(person)
        assert client.get(reverse("interventions:requests")).status_code == 404


def test_the_export_and_the_erasure_of_a_teachers_and_a_speakers_data(speaker, frozen_now):
    from accounts import extensions

    workshop_request = WorkshopRequestFactory(already_done="Visite du CDI.")
    workflow.apply(StaffFactory(), workshop_request, "propose", speaker=speaker)
    teacher_data = extensions.personal_data(workshop_request.teacher)
    assert teacher_data["interventions demandées"][0]["ce que la classe a déjà fait"] == "Visite du CDI."
    assert extensions.personal_data(speaker.user)["profil d'intervenant"]["métier"] == "Infirmière"

    extensions.erase_personal_data(workshop_request.teacher)
    extensions.erase_personal_data(speaker.user)
    workshop_request.refresh_from_db()
    assert workshop_request.already_done == "" and workshop_request.speaker is None
    assert not Speaker.objects.filter(pk=speaker.pk).exists()


def test_a_speaker_who_has_not_answered_is_reminded_once(
    speaker, frozen_now, time_machine, django_capture_on_commit_callbacks
):
    from interventions.reminders import send_reminders

    workshop_request = WorkshopRequestFactory(slot_1=next_school_day(20), slot_2=next_school_day(27))
    workflow.apply(StaffFactory(), workshop_request, "propose", speaker=speaker)
    mail.outbox.clear()
    assert send_reminders() == 0  # too soon
    time_machine.move_to(timezone.now() + datetime.timedelta(days=4), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1 and send_reminders() == 0
    assert mail.outbox[-1].to == [speaker.user.email] and "attend votre réponse" in mail.outbox[-1].subject

    workflow.apply(speaker.user, workshop_request, "accept")  # the teacher's turn: their reminder later
    time_machine.move_to(timezone.now() + datetime.timedelta(days=4), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1
    assert mail.outbox[-1].to == [workshop_request.teacher.email]


def test_staff_add_a_speaker_in_the_admin_with_the_same_rules(client, professional, frozen_now):
    client.force_login(StaffFactory())
    domain = GrandDomaineFactory()
    data = {
        "user": professional.pk,
        "job": "Infirmière",
        "domains": [domain.pk],
        "formats": [Format.TALK],
        "weekdays": ["2"],
        "home_commune": "Saint-Denis",
        "communes_text": "Bobigny",
        "departements_text": "",
        "dates_text": "pas une date",
        "monthly_limit": 2,
        "active": "on",
    }
    url = reverse("interventions_speakers:add")
    response = client.post(url, data)
    assert response.status_code == 200 and "Dates illisibles" in response.content.decode()
    data["dates_text"] = "12/03/2027"
    assert client.post(url, data).status_code == 302
    speaker = Speaker.objects.get(user=professional)
    assert speaker.communes == ["93008"] and speaker.dates == ["2027-03-12"] and speaker.formats == [Format.TALK]
    assert client.get(reverse("interventions_speakers:edit", args=[speaker.pk])).status_code == 200


def test_staff_invite_a_speaker_without_an_account(client, django_capture_on_commit_callbacks):
    staff = StaffFactory()
    client.force_login(staff)
    assert "Inviter un intervenant" in client.get(reverse("interventions_speakers:index")).content.decode()
    data = {
        "first_name": "Léa",
        "last_name": "Martin",
        "email": "Lea@Example.org",
        "role": "Bénévole",
        "job": "Étudiante",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interventions_invite"), data)
    assert response.status_code == 302
    speaker = Speaker.objects.get(user__email="lea@example.org")
    assert not speaker.active and not speaker.user.has_usable_password()
    assert speaker.user.has_role(Role.VOLUNTEER)
    assert mail.outbox[-1].to == ["lea@example.org"]
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/compte/" in line)
    client.logout()
    chosen = client.get(urlparse(link).path, follow=True)  # Django's « choose a new password » page
    assert "new_password1" in chosen.content.decode()

    client.force_login(staff)
    again = client.post(reverse("interventions_invite"), data)  # the same address twice: a message, no account
    assert again.status_code == 200 and "Un compte existe déjà" in again.content.decode()


def test_the_place_pupils_will_read_holds_no_contact_details(teacher_of, school_class, frozen_now):
    data = form_data(school_class, GrandDomaineFactory(), room="Salle 12, appelez-moi au 06 12 34 56 78")
    form = WorkshopRequestForm(data, teacher=teacher_of)
    assert not form.is_valid() and "élèves mineurs" in form.errors["room"][0]
    visit = form_data(school_class, GrandDomaineFactory(), place="Boulangerie, 12 rue de la République, Saint-Denis")
    assert WorkshopRequestForm(visit, teacher=teacher_of).is_valid()  # an address is what a place is


def test_the_pool_shows_each_speakers_load_this_year(client, speaker, frozen_now):
    for _ in range(2):
        WorkshopRequestFactory(speaker=speaker, state=State.CONFIRMED)
    WorkshopRequestFactory(speaker=speaker, state=State.CANCELLED)
    client.force_login(StaffFactory())
    response = client.get(reverse("interventions_speakers:index"))
    assert "Interventions cette année" in response.content.decode()
    row = next(item for item in response.context["object_list"] if item.pk == speaker.pk)
    assert row.year_load == 2


def test_the_teachers_and_speakers_pages_cost_the_same_with_1_or_6_requests(client, agenda, frozen_now):
    from tests.test_home_query_budget import warm_queries

    counts = {}
    for size in (1, 6):
        teacher, speaker = TeacherFactory(), SpeakerFactory()
        school_class = SchoolClassFactory()
        school_class.teachers.add(teacher)
        for _ in range(size):
            workshop_request = WorkshopRequestFactory(
                teacher=teacher, school=school_class.school, classes=[school_class]
            )
            workflow.apply(StaffFactory(), workshop_request, "propose", speaker=speaker)
        client.force_login(teacher)
        teacher_page = warm_queries(client, reverse("interventions:requests"))
        client.force_login(speaker.user)
        counts[size] = (teacher_page, warm_queries(client, reverse("interventions:speaker")))
    assert counts[1] == counts[6], counts


def test_a_request_started_with_bad_ids_in_the_address_opens_an_empty_form(client, teacher_of):
    client.force_login(teacher_of)
    for query in ("?classe=abc&fiche=" + "9" * 20, "?classe=-1&fiche=0&fiche=x", "?fiche=" + "1," * 50):
        response = client.get(reverse("interventions:requests") + query)
        assert response.status_code == 200
        assert "checked" not in response.content.decode().split('name="classes"')[1][:200]
