"""The orientation notebook (carnet): marking sheets, wishes and their validation, what it gathers from the
workshops and the stage, questions and answers, parents' comments, the teacher's class view, the printable
sheet and its PDF, the export, the erasure and a consent withdrawal."""

import io
import re

import pytest
from pypdf import PdfReader

from accounts import consent, extensions, rights
from accounts.factories import ConsentedPupilFactory, ParentFactory, PupilFactory, UserFactory
from accounts.models import ConsentRecord
from accounts.roles import Role
from ateliers.factories import SessionFactory, SignUpFactory
from ateliers.models import Feedback
from carnet.factories import InterestMarkFactory, NotebookFactory, QuestionFactory, WishFactory
from carnet.models import InterestMark, ParentComment, Question, Wish
from metiers.factories import MetierPageFactory
from stages.factories import PlaceWeekFactory, StageRequestFactory
from stages.models import RequestState, StageReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def ines():
    return ConsentedPupilFactory(first_name="Inès", last_name="Diallo")


@pytest.fixture
def sheets(metiers_index):
    return [
        MetierPageFactory(parent=metiers_index, title="Boulanger / Boulangère", formations="CAP boulanger"),
        MetierPageFactory(parent=metiers_index, title="Infirmier / Infirmière", access_level=6),
    ]


def notebook_url(pupil):
    return f"/fr/carnet/eleves/{pupil.pk}/"


def teacher_of(pupil):
    teacher = UserFactory(role=Role.TEACHER, first_name="Claire")
    pupil.school_class.teachers.add(teacher)
    return teacher


def parent_of(pupil):
    parent = ParentFactory(first_name="Samia")
    parent.children.add(pupil)
    return parent


class TestMarking:
    def test_a_pupil_marks_a_sheet_from_its_page_and_unmarks_it(self, client, ines, sheets):
        client.force_login(ines)
        page = client.get(sheets[0].url)
        assert "Ce métier m'intéresse" in page.content.decode()
        response = client.post(f"/fr/carnet/fiches/{sheets[0].pk}/interesse/", {"next": sheets[0].url})
        assert response.status_code == 302 and response.url == sheets[0].url
        assert InterestMark.objects.filter(pupil=ines, sheet=sheets[0]).exists()
        assert "Ne plus garder ce métier" in client.get(sheets[0].url).content.decode()
        client.post(f"/fr/carnet/fiches/{sheets[0].pk}/interesse/")
        assert not InterestMark.objects.filter(pupil=ines).exists()

    def test_no_button_without_consent_or_session(self, client, sheets):
        anonymous = client.get(sheets[0].url).content.decode()
        # Nothing personal and no CSRF token for an anonymous visitor: the sheet stays in the page cache.
        assert "Ce métier m'intéresse" not in anonymous and "csrfmiddlewaretoken" not in anonymous
        waiting = PupilFactory()
        client.force_login(waiting)
        assert "Ce métier m'intéresse" not in client.get(sheets[0].url).content.decode()
        assert client.post(f"/fr/carnet/fiches/{sheets[0].pk}/interesse/").status_code == 404
        assert not InterestMark.objects.exists()

    def test_marking_needs_a_post_and_a_published_sheet(self, client, ines, sheets):
        client.force_login(ines)
        assert client.get(f"/fr/carnet/fiches/{sheets[0].pk}/interesse/").status_code == 405
        sheets[1].unpublish()
        assert client.post(f"/fr/carnet/fiches/{sheets[1].pk}/interesse/").status_code == 404
        assert client.post("/fr/carnet/fiches/999999/interesse/").status_code == 404

    def test_marking_is_protected_by_csrf(self, ines, sheets):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(ines)
        assert client.post(f"/fr/carnet/fiches/{sheets[0].pk}/interesse/").status_code == 403


class TestSearchResults:
    def test_a_pupil_marks_a_sheet_from_the_search_results(self, client, ines, metiers_index, home_page):
        from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory

        sheet = MetierPageFactory(parent=metiers_index, title="Zanzibar fiche", title_masculine="Zanzibar fiche")
        GuidanceArticlePageFactory(parent=GuidanceIndexPageFactory(parent=home_page), title="Zanzibar article")
        url = "/fr/recherche/?q=zanzibar"
        assert "carnet-mark" not in client.get(url).content.decode()  # anonymous: nothing
        client.force_login(ines)
        page = client.get(url).content.decode()
        assert page.count('class="carnet-mark carnet-mark--compact"') == 1  # the sheet, not the article
        assert 'Ce métier m\'intéresse<span class="visually-hidden"> : Zanzibar fiche</span>' in page
        response = client.post(f"/fr/carnet/fiches/{sheet.pk}/interesse/", {"next": url})
        assert response.url == url
        assert "Ne plus garder ce métier" in client.get(url).content.decode()


class TestWishes:
    def post(self, client, **data):
        return client.post("/fr/carnet/voeux/", data)

    def test_two_wishes_with_their_sheets_and_how_to_get_there(self, client, ines, sheets):
        for sheet in sheets:
            InterestMarkFactory(pupil=ines, sheet=sheet)
        client.force_login(ines)
        self.post(client, path="cap", sheets=[sheets[0].pk], note="J'aime le pain.")
        self.post(
            client, path="vocational", field="Accompagnement, soins et services à la personne", sheets=[sheets[1].pk]
        )
        wishes = list(Wish.objects.filter(pupil=ines))
        assert [(w.rank, w.path) for w in wishes] == [(1, "cap"), (2, "vocational")]
        page = client.get(notebook_url(ines)).content.decode()
        assert "CAP boulanger" in page  # the sheet's training
        assert "Bac + 3 ou + 4" in page  # the sheet's level of access
        assert "Accompagnement, soins et services à la personne" in page

    def test_at_most_three_wishes(self, client, ines):
        client.force_login(ines)
        for path in ["general", "cap", "apprenticeship"]:
            self.post(client, path=path)
        response = self.post(client, path="vocational", field="Commerce")
        assert "Tu as déjà trois vœux" in response.content.decode()
        assert Wish.objects.filter(pupil=ines).count() == 3

    def test_no_duplicate_and_vocational_needs_its_field(self, client, ines):
        client.force_login(ines)
        self.post(client, path="vocational", field="Métiers de la relation client")
        response = self.post(client, path="vocational", field="métiers de la RELATION client ")
        assert "Tu as déjà écrit ce vœu." in response.content.decode()
        response = self.post(client, path="vocational", field="")
        assert "écris la spécialité ou le domaine" in response.content.decode()
        assert Wish.objects.filter(pupil=ines).count() == 1

    def test_sheets_must_exist_be_published_and_marked(self, client, ines, sheets):
        InterestMarkFactory(pupil=ines, sheet=sheets[1])
        sheets[1].unpublish()
        client.force_login(ines)
        for bad in [sheets[1].pk, sheets[0].pk, 999999, "abc"]:
            response = self.post(client, path="general", sheets=[bad], note="Je garde ce texte")
            assert response.status_code == 200
            page = response.content.decode()
            assert "n&#x27;existe pas ou n&#x27;est plus en ligne" in page
            assert "Je garde ce texte" in page
        assert not Wish.objects.exists()

    def test_bad_path_is_refused_in_french(self, client, ines):
        client.force_login(ines)
        response = self.post(client, path="lycee-hors-liste")
        assert "Choisis une des voies de la liste." in response.content.decode()

    def test_a_pupil_removes_only_their_own_wish(self, client, ines):
        other = WishFactory()
        mine = WishFactory(pupil=ines)
        client.force_login(ines)
        assert client.post(f"/fr/carnet/voeux/{other.pk}/enlever/").status_code == 404
        client.post(f"/fr/carnet/voeux/{mine.pk}/enlever/")
        assert list(Wish.objects.all()) == [other]

    def test_database_refuses_a_fourth_rank(self, ines):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            WishFactory(pupil=ines, rank=4)
        WishFactory(pupil=ines, rank=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            WishFactory(pupil=ines, rank=1)


class TestGathering:
    def test_the_centres_d_interet_of_the_marked_sheets(self, client, ines, metiers_index):
        from metiers.factories import CentreInteretFactory

        hands = CentreInteretFactory(name="Travailler de ses mains")
        others = CentreInteretFactory(name="Aider les autres")
        for title, tags in [("Boulanger", [hands]), ("Ébéniste", [hands]), ("Infirmier", [others])]:
            InterestMarkFactory(pupil=ines, sheet=MetierPageFactory(parent=metiers_index, title=title, interests=tags))
        MetierPageFactory(parent=metiers_index, title="Pilote", interests=[CentreInteretFactory(name="Voyager")])
        client.force_login(ines)
        page = client.get(notebook_url(ines)).content.decode()
        assert page.index("Travailler de ses mains") < page.index("Aider les autres")  # the most shared first
        assert "Voyager" not in page  # a sheet she did not mark

    def test_workshops_attended_with_own_feedback_and_stage_report(self, client, ines):
        attended = SignUpFactory(pupil=ines, session=SessionFactory(page__title="Atelier pâtisserie"), attended=True)
        Feedback.objects.create(
            session=attended.session,
            signup=attended,
            liked=3,
            learned=2,
            comment="Trop bien, appelle-moi au 06 12 34 56 78",
        )
        SignUpFactory(pupil=ines, session=SessionFactory(page__title="Forum absent"), attended=False)
        stage = StageRequestFactory(
            pupil=ines, state=RequestState.DONE, place_week=PlaceWeekFactory(place__title="Découvrir la boulangerie")
        )
        StageReport.objects.create(
            request=stage, saw="Le four à 5 h du matin.", liked="Tout.", next="Un CAP.", submitted_at=stage.created_at
        )
        client.force_login(ines)
        page = client.get(notebook_url(ines)).content.decode()
        assert "Atelier pâtisserie" in page and "Forum absent" not in page
        assert "beaucoup" in page and "06 12 34 56 78" in page  # the pupil reads their own words
        assert "Découvrir la boulangerie" in page and "Le four à 5 h du matin." in page
        parent = parent_of(ines)
        client.force_login(parent)
        page = client.get(notebook_url(ines)).content.decode()
        assert "Atelier pâtisserie" in page and "06 12 34 56 78" not in page and "[coordonnées masquées]" in page


class TestQuestionsAndComments:
    def test_the_pupil_asks_the_teacher_answers(self, client, ines):
        teacher = teacher_of(ines)
        client.force_login(ines)
        client.post("/fr/carnet/questions/", {"text": "C'est quoi un bac pro ?"})
        question = Question.objects.get(pupil=ines)
        client.force_login(teacher)
        page = client.get(notebook_url(ines)).content.decode()
        assert "C&#x27;est quoi un bac pro ?" in page and "Répondre" in page
        response = client.post(
            f"/fr/carnet/questions/{question.pk}/reponse/",
            {f"q{question.pk}-answer": "Écris-moi sur julie@example.org"},
        )
        assert "ne doit pas contenir" in response.content.decode()
        assert "julie@example.org" in response.content.decode()  # the typed text kept
        client.post(
            f"/fr/carnet/questions/{question.pk}/reponse/",
            {f"q{question.pk}-answer": "Un bac en trois ans après la 3e."},
        )
        client.force_login(ines)
        assert "Un bac en trois ans après la 3e." in client.get(notebook_url(ines)).content.decode()

    def test_a_pupils_question_with_a_phone_is_masked_for_adults_and_explained(self, client, ines):
        client.force_login(ines)
        response = client.post("/fr/carnet/questions/", {"text": "Appelez-moi au 06 12 34 56 78"}, follow=True)
        assert "les adultes ne te contactent jamais" in response.content.decode()
        client.force_login(teacher_of(ines))
        page = client.get(notebook_url(ines)).content.decode()
        assert "06 12 34 56 78" not in page and "[coordonnées masquées]" in page

    def test_only_the_class_teacher_answers(self, client, ines):
        question = QuestionFactory(pupil=ines)
        client.force_login(parent_of(ines))
        assert (
            client.post(f"/fr/carnet/questions/{question.pk}/reponse/", {f"q{question.pk}-answer": "Oui"}).status_code
            == 404
        )
        question.refresh_from_db()
        assert not question.is_answered

    def test_a_parent_comments_in_arabic_and_contact_details_are_refused(self, client, ines):
        parent = parent_of(ines)
        client.force_login(parent)
        response = client.post(f"/ar/carnet/eleves/{ines.pk}/commentaire/", {"text": "اتصلي بي على 0612345678"})
        assert response.status_code == 200 and not ParentComment.objects.exists()
        client.post(f"/ar/carnet/eleves/{ines.pk}/commentaire/", {"text": "أنا فخورة بك يا إيناس"})
        assert ParentComment.objects.get().author == parent
        client.force_login(ines)
        assert "أنا فخورة بك يا إيناس" in client.get(notebook_url(ines)).content.decode()

    def test_a_teacher_cannot_comment_as_a_parent(self, client, ines):
        client.force_login(teacher_of(ines))
        assert client.post(f"/fr/carnet/eleves/{ines.pk}/commentaire/", {"text": "Bien"}).status_code == 404


class TestClassView:
    def test_who_has_no_wish_who_waits_and_the_spread(self, client, ines):
        teacher = teacher_of(ines)
        yanis = ConsentedPupilFactory(first_name="Yanis", school_class=ines.school_class)
        sarah = PupilFactory(first_name="Sarah", school_class=ines.school_class)  # no consent: not listed
        WishFactory(pupil=ines, path="cap")
        WishFactory(pupil=ines, rank=2, path="apprenticeship")
        QuestionFactory(pupil=yanis)
        client.force_login(teacher)
        response = client.get(f"/fr/carnet/classes/{ines.school_class.pk}/")
        page = response.content.decode()
        without = page.split('id="class-without"')[1].split("</section>")[0]
        waiting = page.split('id="class-waiting"')[1].split("</section>")[0]
        assert "Yanis" in without and "Inès" not in without
        assert "Yanis" in waiting
        assert sarah.first_name not in page and "1 élève n'a pas encore l'accord" in page
        spread = page.split('id="class-spread"')[1].split("</section>")[0]
        assert '<th scope="row">CAP</th><td>1</td>' in spread

    def test_one_click_starts_a_workshop_request_on_the_sheets_the_class_names_most(self, client, ines, sheets):
        teacher = teacher_of(ines)
        yanis = ConsentedPupilFactory(first_name="Yanis", school_class=ines.school_class)
        WishFactory(pupil=ines, path="cap").sheets.add(sheets[0])
        InterestMarkFactory(pupil=yanis, sheet=sheets[0])
        InterestMarkFactory(pupil=yanis, sheet=sheets[1])
        client.force_login(teacher)
        page = client.get(f"/fr/carnet/classes/{ines.school_class.pk}/").content.decode()
        theme = page.split('id="class-theme"')[1].split("</section>")[0]
        assert "Boulanger / Boulangère, Infirmier / Infirmière" in theme  # the most named first
        link = theme.split('href="')[1].split('"')[0].replace("&amp;", "&")
        assert link == (f"/fr/interventions/?classe={ines.school_class.pk}&fiche={sheets[0].pk}&fiche={sheets[1].pk}")
        form = client.get(link).content.decode()
        assert re.search(rf'name="classes" value="{ines.school_class.pk}"[^>]*checked', form)
        for sheet in sheets:
            assert re.search(rf'value="{sheet.pk}"[^>]*selected', form)

    def test_no_workshop_link_for_staff_or_without_sheets(self, client, staff, ines, sheets):
        teacher = teacher_of(ines)
        client.force_login(teacher)
        assert 'id="class-theme"' not in client.get(f"/fr/carnet/classes/{ines.school_class.pk}/").content.decode()
        InterestMarkFactory(pupil=ines, sheet=sheets[0])
        client.force_login(staff)  # staff read the class view but do not request workshops for a class
        assert 'id="class-theme"' not in client.get(f"/fr/carnet/classes/{ines.school_class.pk}/").content.decode()

    def test_another_teacher_a_parent_and_a_pupil_get_404(self, client, ines):
        teacher_of(ines)
        url = f"/fr/carnet/classes/{ines.school_class.pk}/"
        for user in [UserFactory(role=Role.TEACHER), parent_of(ines), ines]:
            client.force_login(user)
            assert client.get(url).status_code == 404


class TestSheet:
    def test_printable_page_and_pdf_text(self, client, ines, sheets):
        InterestMarkFactory(pupil=ines, sheet=sheets[0])
        wish = WishFactory(pupil=ines, path="cap", field="Boulangerie")
        wish.sheets.set([sheets[0]])
        client.force_login(ines)
        page = client.get(f"/fr/carnet/eleves/{ines.pk}/fiche/").content.decode()
        assert "Fiche orientation de Inès" in page and "Boulangerie" in page
        response = client.get(f"/fr/carnet/eleves/{ines.pk}/fiche-orientation.pdf")
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert "Fiche orientation de Inès" in text
        assert "CAP : Boulangerie" in text
        assert "CAP boulanger" in text
        assert len(PdfReader(io.BytesIO(response.content)).pages) == 1

    def test_in_another_language_the_family_gets_a_second_page_in_it(self, client, ines):
        WishFactory(pupil=ines, path="cap", field="Boulangerie")
        parent = parent_of(ines)
        client.force_login(parent)
        page = client.get(f"/ar/carnet/eleves/{ines.pk}/fiche/").content.decode()
        assert '<div class="carnet-page" lang="fr" dir="ltr">' in page
        assert '<div class="carnet-page" lang="ar" dir="rtl">' in page
        response = client.get(f"/ar/carnet/eleves/{ines.pk}/fiche-orientation.pdf")
        pages = PdfReader(io.BytesIO(response.content)).pages
        assert len(pages) == 2
        assert "Boulangerie" in pages[0].extract_text() and "Boulangerie" in pages[1].extract_text()

    def test_a_neighbour_gets_no_pdf(self, client, ines):
        client.force_login(ConsentedPupilFactory(school_class=ines.school_class))
        assert client.get(f"/fr/carnet/eleves/{ines.pk}/fiche-orientation.pdf").status_code == 404


class TestPersonalData:
    def test_export_and_erasure(self, ines, sheets):
        parent = parent_of(ines)
        teacher = teacher_of(ines)
        InterestMarkFactory(pupil=ines, sheet=sheets[0])
        WishFactory(pupil=ines, path="general")
        QuestionFactory(pupil=ines, answer="Oui.", answered_by=teacher, answered_at=ines.date_joined)
        ParentComment.objects.create(pupil=ines, author=parent, text="Bravo.")
        data = extensions.personal_data(ines)["carnet_orientation"]
        assert data["vœux"][0]["voie"] == "Seconde générale et technologique"
        assert data["métiers_qui_m_intéressent"][0]["fiche"] == sheets[0].title
        assert (
            extensions.personal_data(parent)["commentaires_sur_le_carnet_d_orientation"][0]["commentaire"] == "Bravo."
        )
        assert extensions.personal_data(teacher)["réponses_aux_questions_d_orientation"][0]["réponse"] == "Oui."
        extensions.erase_personal_data(parent)
        assert ParentComment.objects.get().author is None
        rights.anonymise(ines)  # the erasure (and the yearly anonymisation) runs every app's hook
        for model in (InterestMark, Wish, Question, ParentComment):
            assert not model.objects.exists()


class TestConsentWithdrawn:
    def test_sharing_stops_and_the_circle_no_longer_reads(self, client, ines):
        from accompagnement.factories import AssignmentFactory, DocumentFactory

        volunteer = AssignmentFactory(document=DocumentFactory(pupil=ines)).volunteer
        NotebookFactory(pupil=ines, shared_with_volunteer=True)
        WishFactory(pupil=ines)
        parent = parent_of(ines)
        listed = [str(item) for item in consent.what_stops(ines)]
        assert any("n'est plus partagé avec son bénévole" in item for item in listed)
        assert any("n'est plus lu par ses parents" in item for item in listed)
        assert ines.notebook.shared_with_volunteer  # the list changed nothing
        consent.withdraw(ines, method=ConsentRecord.Method.PARENT_SPACE, by_user=parent)
        ines.notebook.refresh_from_db()
        assert not ines.notebook.shared_with_volunteer
        for user in [parent, volunteer]:
            client.force_login(user)
            assert client.get(notebook_url(ines)).status_code == 404
        client.force_login(ines)
        page = client.get(notebook_url(ines)).content.decode()
        assert client.get(notebook_url(ines)).status_code == 200 and "Enregistrer mon vœu" not in page
        assert client.post("/fr/carnet/voeux/", {"path": "cap"}).status_code == 404


class TestMonEspace:
    def test_each_role_finds_its_way_to_the_notebook(self, client, ines):
        from accompagnement.factories import AssignmentFactory, DocumentFactory

        parent, teacher = parent_of(ines), teacher_of(ines)
        QuestionFactory(pupil=ines)
        volunteer = AssignmentFactory(document=DocumentFactory(pupil=ines)).volunteer
        waiting_child = PupilFactory(first_name="Yanis")
        parent.children.add(waiting_child)
        client.force_login(ines)
        page = client.get("/fr/compte/mon-espace/").content.decode()
        assert "Mon orientation" in page and 'href="/fr/carnet/"' in page
        client.force_login(parent)
        page = client.get("/fr/compte/mon-espace/").content.decode()
        assert f'href="/fr/carnet/eleves/{ines.pk}/"' in page
        assert f'href="/fr/carnet/eleves/{waiting_child.pk}/"' not in page  # nothing before consent
        client.force_login(teacher)
        page = client.get("/fr/compte/mon-espace/").content.decode()
        assert f'href="/fr/carnet/classes/{ines.school_class.pk}/"' in page
        assert "1 question(s) d&#x27;élèves attendent une réponse." in page
        client.force_login(volunteer)
        assert f"/fr/carnet/eleves/{ines.pk}/" not in client.get("/fr/compte/mon-espace/").content.decode()
        NotebookFactory(pupil=ines, shared_with_volunteer=True)
        assert f"/fr/carnet/eleves/{ines.pk}/" in client.get("/fr/compte/mon-espace/").content.decode()


class TestGuidance:
    def test_articles_that_fit_the_wishes_and_the_reader(self, client, ines, sheets, home_page):
        from orientation.factories import GuidanceArticlePageFactory, GuidanceIndexPageFactory
        from orientation.models import Audience, Topic

        index = GuidanceIndexPageFactory(parent=home_page)
        apprenticeship = GuidanceArticlePageFactory(
            parent=index, title="L'apprentissage en 5 questions", topic=Topic.APPRENTICESHIP
        )
        for_parents = GuidanceArticlePageFactory(
            parent=index,
            title="Accompagner son enfant vers l'apprentissage",
            audience=Audience.PARENTS,
            topic=Topic.APPRENTICESHIP,
        )
        stage = GuidanceArticlePageFactory(parent=index, title="Réussir son stage", topic=Topic.STAGE)
        WishFactory(pupil=ines, path="apprenticeship")
        client.force_login(ines)
        page = client.get(notebook_url(ines)).content.decode()
        assert apprenticeship.title.replace("'", "&#x27;") in page
        assert for_parents.title.replace("'", "&#x27;") not in page and stage.title not in page
        client.force_login(parent_of(ines))
        page = client.get(notebook_url(ines)).content.decode()
        assert for_parents.title.replace("'", "&#x27;") in page
        assert apprenticeship.title.replace("'", "&#x27;") not in page


class TestRanks:
    def test_a_collision_on_the_rank_takes_the_next_free_one(self, ines, monkeypatch):
        from carnet import views

        WishFactory(pupil=ines, rank=1)
        calls = iter([1, 2])  # the first look saw rank 1 free (another tab took it meanwhile)
        monkeypatch.setattr(views, "free_rank", lambda pupil: next(calls))
        data = {"path": "cap", "field": "", "note": "", "sheets": []}
        assert views._create_wish(ines, data).rank == 2


class TestCalendar:
    def test_the_year_steps_in_the_notebook_and_one_reminder_a_week_before(
        self, client, ines, frozen_now, django_capture_on_commit_callbacks, mailoutbox
    ):
        import datetime

        from django.core.management import call_command
        from django.utils import timezone

        from carnet.models import Step

        today = timezone.localdate()
        school = ines.school_class.school
        soon = Step.objects.create(school=school, kind=Step.Kind.PROVISIONAL, on=today + datetime.timedelta(days=5))
        Step.objects.create(school=school, kind=Step.Kind.FINAL, on=today + datetime.timedelta(days=40))
        elsewhere = ConsentedPupilFactory(email="ailleurs@example.org")
        Step.objects.create(school=elsewhere.school_class.school, kind=Step.Kind.MEETING, on=soon.on)
        parent_of(ines)
        PupilFactory(school_class=ines.school_class, email="sans.accord@example.org")  # no consent: no mail
        client.force_login(ines)
        page = client.get(notebook_url(ines)).content.decode()
        assert "Vœux provisoires" in page and "Vœux définitifs" in page
        assert "Rencontre entre la famille" not in page  # another collège's step
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_orientation_reminders", stdout=io.StringIO())
        # One mail per pupil who takes part (to them and their parents), each about their own collège's step.
        assert sorted(sorted(mail.to) for mail in mailoutbox) == sorted(
            [sorted([ines.email, ines.parents.get().email]), [elsewhere.email]]
        )
        mail = next(mail for mail in mailoutbox if ines.email in mail.to)
        assert "Vœux provisoires" in mail.subject
        assert f"/carnet/eleves/{ines.pk}/" in mail.body
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_orientation_reminders", stdout=io.StringIO())
        assert len(mailoutbox) == 2  # once

    def test_staff_set_the_calendar_in_the_admin(self, staff_client):
        from django.urls import reverse

        from carnet.models import Step
        from carnet.wagtail_hooks import step_viewset

        response = staff_client.get(reverse(step_viewset.get_url_name("index")))
        assert response.status_code == 200
        assert "Calendrier de l" in response.content.decode()
        school = ConsentedPupilFactory().school_class.school
        data = {"school": school.pk, "kind": "final", "title": "", "on": "2027-05-28"}
        response = staff_client.post(reverse(step_viewset.get_url_name("add")), data)
        assert response.status_code == 302
        assert str(Step.objects.get(school=school)) == "Vœux définitifs (28/05/2027)"


def test_staff_see_a_held_question_whole_in_the_safeguarding_report(staff_client, ines):
    from django.urls import reverse

    QuestionFactory(pupil=ines, text="Écrivez-moi sur insta : ines_93")
    QuestionFactory(pupil=ines, text="C'est quoi un CFA ?")
    page = staff_client.get(reverse("safeguarding_held_texts")).content.decode()
    assert "Écrivez-moi sur insta : ines_93" in page and "un CFA" not in page
    assert reverse("carnet:notebook", args=[ines.pk]) in page
