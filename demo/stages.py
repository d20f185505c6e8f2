"""Demo stages: 25 host organisations (five of each kind) in Seine-Saint-Denis and Paris with about 60
places on the demo métier sheets, the stage weeks of two collèges, and requests in every state. The demo
pupil Inès did her stage in November at the demo professional's bakery: convention signed by the four
parties, her report and the host's appreciation, so her notebook, her parent and her teacher show a stage
done. Her brother Ilyes, at the second collège, has an accepted place whose convention waits for their
parent (the demo parent's account signs it). Pupils of the second collège hold the other states; the
stages done have their report and their host's appreciation.
Idempotent: organisations by name, places by title, pupils by identifier, requests by pupil and week."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import consent
from accounts.models import ConsentRecord, School, SchoolClass, User, current_school_year
from accounts.roles import Role
from metiers.models import MetierPage
from stages.models import (
    HostAppreciation,
    HostOrganisation,
    Place,
    PlaceStatus,
    PlaceWeek,
    RequestEvent,
    RequestState,
    StageReport,
    StageRequest,
    StageWeek,
    Wish,
)

from .content import SCHOOL, USERS
from .pupils import PUPIL_PASSWORD

# The demo parent's second child, at the second collège: his convention waits for her signature.
BROTHER = "stage-demo-05"
PARENT_EMAIL = "parent@demo.unstageetapres.fr"

SECOND_SCHOOL = {"name": "Collège Gisèle-Halimi", "uai": "0930998Y", "commune": "Bobigny", "priority_education": "REP"}
KINDS = list(HostOrganisation.Kind)
LEGAL_KINDS = {HostOrganisation.Kind.ADMINISTRATION: HostOrganisation.LegalKind.PUBLIC}
# (name, commune INSEE code) – five per kind, in the order of KINDS.
HOSTS = [
    ("Groupe Horizon Énergie", "92026"),
    ("Banque du Canal", "75056"),
    ("RailCité", "93066"),
    ("Aéroparc Services", "93001"),
    ("Médias Lumière", "75056"),
    ("Mairie de quartier Pleyel", "93066"),
    ("Hôpital Delafontaine (démo)", "93066"),
    ("Médiathèque Elsa-Triolet", "93008"),
    ("Caisse d'allocations (démo)", "93008"),
    ("Tribunal de proximité (démo)", "93005"),
    ("Atelier Numérique 93", "93048"),
    ("Imprimerie du Canal", "93001"),
    ("Cabinet Archi-Plaine", "93066"),
    ("Logistique Nord Express", "93005"),
    ("Studio Graphik", "75056"),
    ("Boulangerie du Marché", "93066"),
    ("Garage Moulin", "93008"),
    ("Salon Coiffure Étoile", "93048"),
    ("Fleuriste Les Lilas", "93045"),
    ("Menuiserie Bois d'Ici", "93070"),
    ("Restos du Quartier (démo)", "93066"),
    ("Maison des sciences (démo)", "93008"),
    ("Club de foot Pleyel", "93066"),
    ("Théâtre de la Cité (démo)", "75056"),
    ("Jardins partagés du 93", "93048"),
]
STATES = [
    RequestState.DRAFT,
    RequestState.SENT,
    RequestState.SENT,
    RequestState.PROPOSED,
    RequestState.ACCEPTED,
    RequestState.CONVENTION,
    RequestState.DONE,
    RequestState.CANCELLED,
    RequestState.REFUSED,
    RequestState.NO_SOLUTION,
]
# What the stages done say: the pupil's report (what I saw, what I liked, what next) and the host's sentence.
REPORT = (
    "Une équipe qui prépare les commandes, le stock, les clients au téléphone.",
    "On m'a laissé préparer une commande tout seul le jeudi.",
    "J'aimerais un bac pro logistique. Je vais demander au lycée des métiers.",
)
SENTENCE = "Tu as posé de très bonnes questions : reviens nous voir quand tu veux."
INES_REPORT = (
    "Le fournil à 6 heures : le pétrissage, la pousse, la cuisson, puis la vente au comptoir.",
    "J'ai façonné des baguettes le mercredi et on les a vendues le jour même.",
    "Je veux faire un CAP boulanger. Je vais demander au lycée des métiers si on peut le faire en apprentissage.",
)
INES_SENTENCE = "Tu as le geste sûr et tu poses les bonnes questions : notre porte t'est ouverte."
REASONS = {
    RequestState.CANCELLED: "Stage trouvé par la famille.",
    RequestState.REFUSED: "Notre tuteur est absent cette semaine-là.",
    RequestState.NO_SOLUTION: "Aucune place dans ce domaine à moins de 45 minutes.",
}


def monday(year, month, day):
    date = datetime.date(year, month, day)
    return date - datetime.timedelta(days=date.weekday())


def load(command, home):
    year = int(current_school_year()[:4])
    first = School.objects.get(uai=SCHOOL["uai"])
    second, _ = School.objects.update_or_create(uai=SECOND_SCHOOL["uai"], defaults=SECOND_SCHOOL)
    weeks = {
        first: [
            StageWeek.objects.get_or_create(school=first, starts_on=monday(year, 12, 8))[0],
            # Inès's class went in November: her stage is done.
            StageWeek.objects.get_or_create(school=first, starts_on=monday(year, 11, 24))[0],
        ],
        second: [
            StageWeek.objects.get_or_create(school=second, starts_on=monday(year + 1, 1, 19))[0],
            StageWeek.objects.get_or_create(school=second, starts_on=monday(year, 12, 8))[0],
        ],
    }
    mondays = sorted({week.starts_on for school_weeks in weeks.values() for week in school_weeks})
    sheets = list(MetierPage.objects.live().filter(locale__language_code="fr").order_by("rome_code"))
    professional = User.objects.get(email=next(email for role, email, *_rest in USERS if role == Role.PROFESSIONAL))
    place_weeks = []
    for number, (name, commune) in enumerate(HOSTS):
        host, _ = HostOrganisation.objects.update_or_create(
            name=name,
            defaults={
                "kind": KINDS[number // 5],
                "legal_kind": LEGAL_KINDS.get(KINDS[number // 5], HostOrganisation.LegalKind.PRIVATE),
                "address": f"{number + 1} rue de la République",
                "commune_code": commune,
            },
        )
        if number == 15:
            host.members.add(professional)
        for place_number in range(3 if number % 3 == 0 else 2):  # 9 × 3 + 16 × 2 = 59 places
            sheet = sheets[(number * 2 + place_number) % len(sheets)] if sheets else None
            status = PlaceStatus.APPROVED
            if number == 24 and place_number == 1:
                status = PlaceStatus.PENDING
            fields = {
                "description": "Tu suivras une personne de l'équipe et tu poseras toutes tes questions.",
                "tutor": "Tuteur ou tutrice de démonstration",
                "tutor_contact": "01 48 00 00 00",
                # Lawful for a minor (stages.legal): 6 h 30 of presence, a one-hour break.
                "hours": "9 h – 16 h 30, pause d'une heure",
                "starts_at": datetime.time(9, 0),
                "ends_at": datetime.time(16, 30),
                "break_minutes": 60,
                "lunch": "Cantine de l'entreprise" if number < 10 else "Pause d'une heure, apporte ton repas",
                "school_year": current_school_year(),
            }
            place, _ = Place.objects.update_or_create(
                host=host,
                title=f"Découvrir : {sheet.title}" if sheet else f"Découvrir {name}",
                defaults=fields,
                # The state is set when the place is made, then only by its transitions (staff's decisions).
                create_defaults={**fields, "status": status},
            )
            if sheet:
                place.sheets.set([sheet])
            for starts_on in mondays:
                place_week, _ = PlaceWeek.objects.get_or_create(place=place, starts_on=starts_on, defaults={"seats": 2})
                if status == PlaceStatus.APPROVED:
                    place_weeks.append(place_week)
    pupils = _requesting_pupils(second)
    demo_pupil = User.objects.get(email=next(email for role, email, *_rest in USERS if role == Role.PUPIL))
    staff = User.objects.get(email=next(email for role, email, *_rest in USERS if role == Role.STAFF))
    # Inès is placed at the demo professional's host, so that its member can sign her convention.
    own_host_first = [pw for pw in place_weeks if pw.place.host.members.filter(pk=professional.pk).exists()]
    _request(demo_pupil, weeks[first][1], RequestState.ACCEPTED, sheets, own_host_first + place_weeks, staff)
    for pupil, state in zip(pupils, STATES, strict=True):
        # Ilyes, the demo parent's son, is placed at the demo professional's host too (he signs online).
        candidates = own_host_first + place_weeks if pupil.identifier == BROTHER else place_weeks
        _request(pupil, weeks[second][0], state, sheets, candidates, staff)
    _after_stage(weeks[second][0])
    _conventions(demo_pupil, weeks, first, second, staff, professional, place_weeks, command)
    _ines_stage_done(demo_pupil, weeks[first][1], staff)
    command.stdout.write(
        f"Stages : {HostOrganisation.objects.count()} structures, {Place.objects.count()} places, {StageRequest.objects.count()} demandes."
    )


def _conventions(demo_pupil, weeks, first, second, staff, professional, place_weeks, command):
    """The conventions a newcomer should see: Inès's signed online by the four parties (her stage is done),
    her brother Ilyes's waiting for their parent (host, collège and Ilyes signed online), the second collège's
    fully signed ones (« Convention signée »), and a 13-year-old's request that the rules refused at a
    private company (the message is the request's reason)."""
    from stages import signatures
    from stages.models import Convention, ConventionSignature, ConventionState, Party, SignatureMethod

    teacher = demo_pupil.school_class.teachers.first() if demo_pupil.school_class_id else None
    parent = demo_pupil.parents.filter(email=PARENT_EMAIL).first()
    ines_request = StageRequest.objects.filter(pupil=demo_pupil, week=weeks[first][1]).first()
    brother_request = StageRequest.objects.filter(pupil__identifier=BROTHER, week=weeks[second][0]).first()
    # (request, who signs for the collège, whether the parent signs now)
    for stage_request, for_school, parent_signs in [
        (ines_request, teacher or staff, True),
        (brother_request, staff, False),
    ]:
        if not stage_request or not stage_request.place_week_id or hasattr(stage_request, "convention"):
            continue
        convention = signatures.draw_up(stage_request, by=staff)
        if convention.host.members.filter(pk=professional.pk).exists():
            signatures.sign(convention, Party.HOST, professional)
        signatures.sign(convention, Party.SCHOOL, for_school, acting_for="Mme Hélène Martin")
        signatures.sign(convention, Party.PUPIL, stage_request.pupil)
        if parent_signs and parent is not None:
            signatures.sign(convention, Party.PARENT, parent)
    # The stages « convention signée » and « réalisé » of the second collège: signed by the four parties
    # (demo rows written directly, as the demo sets the requests' states directly).
    for stage_request in StageRequest.objects.filter(
        week=weeks[second][0], state__in=[RequestState.CONVENTION, RequestState.DONE], place_week__isnull=False
    ):
        if hasattr(stage_request, "convention"):
            continue
        convention = signatures.draw_up(stage_request, by=staff)
        names = {
            Party.HOST: ("Représentant de la structure (démo)", ""),
            Party.SCHOOL: ("Julien Moreau", "Mme Hélène Martin"),
            Party.PUPIL: (f"{stage_request.pupil.first_name} Démo", ""),
            Party.PARENT: ("Parent de démonstration", ""),
        }
        for party, (name, acting_for) in names.items():
            ConventionSignature.objects.create(
                convention=convention,
                party=party,
                signer_name=name,
                acting_for=acting_for,
                method=SignatureMethod.LINK if party == Party.PARENT else SignatureMethod.ACCOUNT,
                text_version=convention.text.version,
                content_hash=convention.content_hash,
            )
        Convention.objects.filter(pk=convention.pk).update(
            state=ConventionState.SIGNED, principal_name="Mme Hélène Martin", signed_at=timezone.now()
        )
    _refused_by_the_rules(weeks[second][0], staff, place_weeks, command)


def _refused_by_the_rules(week, staff, place_weeks, command):
    """A 13-year-old at a private company: refused by the rules, the rule named."""
    from stages.workflow import PlaceDoesNotFit, apply

    school_class = SchoolClass.objects.get(school=week.school, school_year=current_school_year(), name="3e C")
    monday = week.starts_on
    pupil = User.objects.filter(identifier="stage-demo-13-ans").first() or User(identifier="stage-demo-13-ans")
    pupil.first_name, pupil.last_name, pupil.school_class = "Yanis", "Démo", school_class
    pupil.birth_date = datetime.date(monday.year - 13, monday.month, 1) - datetime.timedelta(days=60)  # 13 then
    pupil.is_active = True
    pupil.activated_at = pupil.activated_at or timezone.now()
    pupil.set_password(PUPIL_PASSWORD)
    pupil.save()
    pupil.groups.add(Group.objects.get(name=Role.PUPIL))
    if not pupil.consent_records.exists():
        consent.record(pupil, "given", ConsentRecord.Method.LINK, by_name="Parent de démonstration")
    young, created = StageRequest.objects.get_or_create(
        pupil=pupil,
        week=week,
        defaults={"motivation": "Je voudrais voir comment on répare les voitures.", "state": RequestState.SENT},
    )
    if created:
        private = next(
            (pw for pw in place_weeks if pw.starts_on == monday and pw.place.host.legal_kind == "prive"), None
        )
        try:
            if private is not None:
                apply(staff, young, "propose", place_week=private)
        except PlaceDoesNotFit as refusal:
            StageRequest.objects.filter(pk=young.pk).update(reason=str(refusal))
            command.stdout.write(f"Convention refusée par les règles (démo) : {refusal}")


def _ines_stage_done(pupil, week, staff):
    """Inès's stage, its convention signed, is done: her report and the bakery's appreciation."""
    stage_request = StageRequest.objects.filter(pupil=pupil, week=week, state=RequestState.CONVENTION).first()
    if stage_request is None:
        return
    StageRequest.objects.filter(pk=stage_request.pk).update(state=RequestState.DONE)
    RequestEvent.objects.create(
        request=stage_request,
        from_state=RequestState.CONVENTION,
        to_state=RequestState.DONE,
        by=staff,
        by_role=Role.STAFF,
    )
    _report_and_appreciation(stage_request, INES_REPORT, INES_SENTENCE)


def _after_stage(week):
    """The stage done has its report (three steps) and its host's appreciation."""
    done = StageRequest.objects.filter(week=week, state=RequestState.DONE).select_related("place_week__place__host")
    for stage_request in done:
        _report_and_appreciation(stage_request, REPORT, SENTENCE)


def _report_and_appreciation(stage_request, report, sentence):
    """A stage done: the pupil's report (three steps, submitted) and the host's appreciation, once."""
    StageReport.objects.get_or_create(
        request=stage_request,
        defaults={**dict(zip(("saw", "liked", "next"), report, strict=True)), "submitted_at": timezone.now()},
    )
    host = stage_request.place_week.place.host if stage_request.place_week_id else None
    HostAppreciation.objects.get_or_create(
        request=stage_request,
        defaults={
            "punctuality": HostAppreciation.Punctuality.ALWAYS,
            "curiosity": HostAppreciation.Curiosity.VERY,
            "sentence": sentence,
            "by": host.members.first() if host else None,
        },
    )


def _requesting_pupils(school):
    school_class, _ = SchoolClass.objects.update_or_create(
        school=school, school_year=current_school_year(), name="3e C", defaults={"level": "3e"}
    )
    group = Group.objects.get(name=Role.PUPIL)
    pupils = []
    names = ["Rayan", "Fatou", "Noah", "Aya", "Ilyes", "Maëlys", "Sofiane", "Chloé", "Bilal", "Nour"]
    for number, first_name in enumerate(names):
        identifier = f"stage-demo-{number + 1:02d}"
        pupil = User.objects.filter(identifier=identifier).first() or User(identifier=identifier)
        brother = identifier == BROTHER
        pupil.first_name, pupil.school_class = first_name, school_class
        pupil.last_name = "Diallo" if brother else "Démo"
        pupil.birth_date = datetime.date(2012, 1 + number, 5)
        pupil.is_active = True
        pupil.activated_at = pupil.activated_at or timezone.now()
        pupil.set_password(PUPIL_PASSWORD)
        pupil.save()
        pupil.groups.add(group)
        parent = User.objects.filter(email=PARENT_EMAIL).first() if brother else None
        if parent is not None:
            parent.children.add(pupil)
        if not pupil.consent_records.exists():
            if parent is not None:
                consent.record(pupil, "given", ConsentRecord.Method.CODE, by_user=parent)
            else:
                consent.record(pupil, "given", ConsentRecord.Method.LINK, by_name="Parent de démonstration")
        pupils.append(pupil)
    return pupils


def _request(pupil, week, state, sheets, place_weeks, staff):
    if StageRequest.objects.filter(pupil=pupil, week=week).exists():
        return
    stage_request = StageRequest.objects.create(
        pupil=pupil,
        week=week,
        motivation="Je veux voir comment on travaille en équipe et ce que l'on fait toute une journée.",
        travel_minutes=45,
        state=state,
        reason=REASONS.get(state, ""),
    )
    for rank, sheet in enumerate(sheets[pupil.pk % max(len(sheets), 1) :][:2], start=1):
        Wish.objects.create(request=stage_request, rank=rank, sheet=sheet)
    if state in {RequestState.PROPOSED, RequestState.ACCEPTED, RequestState.CONVENTION, RequestState.DONE}:
        for place_week in place_weeks:
            if place_week.starts_on == week.starts_on and place_week.reserve():
                StageRequest.objects.filter(pk=stage_request.pk).update(place_week=place_week)
                break
    if state != RequestState.DRAFT:
        RequestEvent.objects.create(
            request=stage_request,
            from_state=RequestState.DRAFT,
            to_state=RequestState.SENT,
            by=pupil,
            by_role=Role.PUPIL,
        )
        if state != RequestState.SENT:
            RequestEvent.objects.create(
                request=stage_request,
                from_state=RequestState.SENT,
                to_state=state,
                by=staff,
                by_role=Role.STAFF,
                reason=REASONS.get(state, ""),
            )
