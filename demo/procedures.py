"""Demo internal procedures, with their steps, checklists and a blank stage convention (a small PDF
written here, without any library or network). Idempotent: pages are found by slug, the document by
title."""

import datetime

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Locale

from accounts.models import User
from accounts.roles import Role
from procedures.access import private_collection
from procedures.models import ProcedureAttachment, ProcedurePage, ProceduresIndexPage, ProcedureStep

from .content import USERS

INDEX = {
    "slug": "procedures",
    "title": "Procédures internes",
    "introduction": "Nos façons de faire, pour que chaque élève soit accueilli et protégé de la même manière.",
}

CONVENTION_TITLE = "Convention de stage d'observation (modèle vierge)"
CONVENTION_LINES = [
    "Convention de stage d'observation en milieu professionnel - classe de 3e",
    "",
    "Entre : le collège (nom, adresse, chef d'établissement)",
    "Et : l'organisme d'accueil (nom, adresse, représentant, tuteur)",
    "Pour : l'élève (nom, prénom, classe) et son représentant légal",
    "",
    "Dates du stage : du ..................... au .....................",
    "Horaires (adaptés à l'âge de l'élève) : ...................................",
    "Activités observées : .......................................................",
    "",
    "L'élève reste sous statut scolaire. Il n'est pas rémunéré.",
    "Il ne peut accéder ni aux machines ni aux produits dangereux.",
    "",
    "Signatures : chef d'établissement, organisme d'accueil, représentant légal, élève.",
]

TODAY = datetime.date.today()

PROCEDURES = [
    {
        "slug": "accueillir-un-eleve-en-stage",
        "title": "Accueillir un élève en stage",
        "introduction": "Du premier contact avec le professionnel au bilan de fin de semaine.",
        "audience": [Role.VOLUNTEER, Role.PROFESSIONAL],
        "last_reviewed": TODAY - datetime.timedelta(days=60),
        "review_period": 12,
        "attach_convention": True,
        "steps": [
            (
                "Vérifier l'offre de stage",
                Role.STAFF,
                "<p>Lieu, tuteur, horaires, activités possibles pour un élève de 14 ans.</p>",
            ),
            (
                "Présenter l'élève au tuteur",
                Role.VOLUNTEER,
                "<p>Un appel ou un mail avec le prénom de l'élève, sa classe et ce qui l'intéresse.</p>",
            ),
            (
                "Faire signer la convention",
                Role.TEACHER,
                "<p>Le collège envoie la convention ; elle doit revenir signée par tous avant le premier jour.</p>",
            ),
            (
                "Accueillir le premier jour",
                Role.PROFESSIONAL,
                "<p>Présenter l'équipe, les règles de sécurité, le programme de la semaine.</p>",
            ),
            (
                "Appeler à mi-stage",
                Role.VOLUNTEER,
                "<p>Un appel au tuteur et un message à l'élève : tout va bien ?</p>",
            ),
            ("Faire le bilan", Role.PROFESSIONAL, "<p>Remplir la fiche d'appréciation et la remettre à l'élève.</p>"),
        ],
        "checklists": [
            (
                "Avant le premier jour",
                [
                    "La convention est signée par les quatre parties.",
                    "Le tuteur a le numéro du collège et du bénévole référent.",
                    "L'élève connaît l'adresse, l'heure et la tenue.",
                ],
            ),
        ],
    },
    {
        "slug": "animer-un-atelier-metiers",
        "title": "Animer un atelier métiers au collège",
        "introduction": "Une heure en classe pour faire découvrir un métier, préparée avec le professeur.",
        "audience": [Role.VOLUNTEER, Role.TEACHER, Role.PROFESSIONAL],
        "last_reviewed": TODAY - datetime.timedelta(days=120),
        "review_period": 12,
        "attach_convention": False,
        "steps": [
            (
                "Fixer la date avec le professeur",
                Role.TEACHER,
                "<p>Classe, salle, matériel (vidéoprojecteur), durée.</p>",
            ),
            (
                "Préparer le déroulé",
                Role.VOLUNTEER,
                "<p>10 minutes de présentation, 30 minutes d'échanges, 10 minutes d'activité, 10 minutes de questions.</p>",
            ),
            (
                "Animer",
                Role.PROFESSIONAL,
                "<p>Parler simplement, montrer des objets ou des photos de son travail, laisser les élèves poser des questions.</p>",
            ),
            (
                "Envoyer le retour",
                Role.VOLUNTEER,
                "<p>Nombre d'élèves, questions posées, demandes de stage : à l'équipe sous 48 heures.</p>",
            ),
        ],
        "checklists": [
            (
                "Le jour de l'atelier",
                [
                    "Arriver 15 minutes avant.",
                    "Se présenter à l'accueil du collège avec une pièce d'identité.",
                    "Rester toujours avec le professeur dans la salle.",
                ],
            ),
        ],
    },
    {
        "slug": "quand-un-stage-se-passe-mal",
        "title": "Que faire quand un stage se passe mal",
        "introduction": "Absence, conflit, mise en danger : réagir vite, prévenir les bonnes personnes, garder une trace.",
        "audience": [Role.VOLUNTEER, Role.TEACHER],
        "last_reviewed": TODAY - datetime.timedelta(days=430),  # Due for review: shows in the staff report.
        "review_period": 12,
        "attach_convention": False,
        "steps": [
            (
                "Écouter l'élève ou le tuteur",
                Role.VOLUNTEER,
                "<p>Noter les faits, les dates, les mots employés. Ne pas juger.</p>",
            ),
            (
                "Prévenir le collège et l'équipe",
                Role.VOLUNTEER,
                "<p>Le jour même : le professeur principal et l'équipe de l'association.</p>",
            ),
            (
                "Décider de la suite",
                Role.TEACHER,
                "<p>Le chef d'établissement peut suspendre ou arrêter le stage. Les parents sont informés.</p>",
            ),
            (
                "Proposer une autre solution",
                Role.STAFF,
                "<p>Chercher un autre lieu pour finir la semaine si c'est possible.</p>",
            ),
        ],
        "checklists": [
            (
                "En cas de danger",
                [
                    "Mettre l'élève en sécurité.",
                    "Appeler le 15 (SAMU) ou le 17 (police) si nécessaire.",
                    "Prévenir les parents et le collège.",
                ],
            ),
        ],
    },
    {
        "slug": "protection-des-mineurs",
        "title": "Règles de protection des mineurs : adultes et élèves",
        "introduction": "Les règles que chaque adulte de l'association respecte avec les élèves, sans exception.",
        "audience": [Role.VOLUNTEER, Role.PROFESSIONAL],
        "last_reviewed": TODAY - datetime.timedelta(days=30),
        "review_period": 6,
        "attach_convention": False,
        "steps": [
            (
                "Signer la charte",
                Role.VOLUNTEER,
                "<p>Chaque bénévole signe la charte de l'association avant sa première action.</p>",
            ),
            (
                "Fournir l'attestation d'honorabilité",
                Role.VOLUNTEER,
                "<p>Demandée par l'équipe avant tout contact avec des élèves.</p>",
            ),
            (
                "Vérifier les attestations",
                Role.STAFF,
                "<p>L'équipe garde une trace de la vérification, pas le document lui-même.</p>",
            ),
        ],
        "checklists": [
            (
                "Toujours",
                [
                    "Jamais seul dans une pièce fermée avec un élève.",
                    "Pas d'échange sur un compte personnel : passer par le portail ou le collège.",
                    "Pas de photo d'élève sans l'accord écrit des parents.",
                    "Signaler tout doute à l'équipe le jour même.",
                ],
            ),
        ],
    },
]


def pdf_document(lines):
    """A one-page PDF showing `lines` in Helvetica (WinAnsi encoding covers French accents)."""

    def escape(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    commands = ["BT", "/F1 11 Tf", "14 TL", "56 780 Td"]
    for line in lines:
        commands.append(f"({escape(line)}) '")
    commands.append("ET")
    stream = "\n".join(commands).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)


def convention_document():
    Document = get_document_model()
    collection = private_collection()
    document = Document.objects.filter(title=CONVENTION_TITLE).first()
    if document is None:
        document = Document(title=CONVENTION_TITLE, collection=collection)
        document.file.save("convention-stage-3e-vierge.pdf", ContentFile(pdf_document(CONVENTION_LINES)), save=False)
        document.save()
    elif document.collection_id != collection.pk:
        document.collection = collection
        document.save(update_fields=["collection"])
    return document


def upsert_child(parent, model, slug, locale, **fields):
    """The child page of `parent` with this slug, created with `fields` or updated (not yet saved)."""
    page = model.objects.child_of(parent).filter(slug=slug, locale=locale).first()
    if page is None:
        page = model(slug=slug, locale=locale, **fields)
        parent.add_child(instance=page)
    for name, value in fields.items():
        setattr(page, name, value)
    return page


def load(command, home):
    fr = Locale.get_default()
    staff_email = next(email for role, email, *_rest in USERS if role == Role.STAFF)
    owner = User.objects.get(email__iexact=staff_email)

    index = upsert_child(
        home, ProceduresIndexPage, INDEX["slug"], fr, title=INDEX["title"], introduction=INDEX["introduction"]
    )
    index.save_revision().publish()

    convention = convention_document()
    for data in PROCEDURES:
        fields = {field: data[field] for field in ("title", "introduction", "last_reviewed", "review_period")}
        procedure = upsert_child(index, ProcedurePage, data["slug"], fr, procedure_owner=owner, **fields)
        procedure.audience_groups = list(Group.objects.filter(name__in=data["audience"]))
        procedure.steps = [
            ProcedureStep(title=title, responsible_role=role, description=text, sort_order=position)
            for position, (title, role, text) in enumerate(data["steps"])
        ]
        procedure.checklists = [("checklist", {"title": title, "items": items}) for title, items in data["checklists"]]
        procedure.attachments = (
            [ProcedureAttachment(document=convention, title="Convention de stage (modèle vierge, PDF)", sort_order=0)]
            if data["attach_convention"]
            else []
        )
        procedure.save_revision(user=owner).publish(user=owner)
    command.stdout.write(f"Procédures internes : {len(PROCEDURES)} procédures (réservées aux membres).")
