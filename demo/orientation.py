"""Demo guidance articles: real, useful answers in plain French, for pupils (« tu »), parents and
teachers (« vous »). Idempotent: pages are updated in place, found by slug."""

from wagtail.models import Locale

from demo.localize import translate_page
from demo.orientation_translations import PARENTS_ARTICLE, TRANSLATIONS
from metiers.models import MetierPage
from orientation.models import (
    Audience,
    GuidanceArticleMetier,
    GuidanceArticlePage,
    GuidanceArticleRelated,
    GuidanceIndexPage,
    Topic,
)

INDEX = {
    "slug": "orientation",
    "title": "Orientation",
    "introduction": (
        "Le stage de 3e, les choix après le collège, l'apprentissage, la lettre de motivation : "
        "des réponses simples, pour les élèves, les parents et les professeurs."
    ),
}


def steps(title, items):
    return ("steps", {"title": title, "steps": [{"title": step, "text": text} for step, text in items]})


def faq(items):
    return (
        "faq",
        {"title": "Questions fréquentes", "items": [{"question": q, "answer": a} for q, a in items]},
    )


def callout(style, title, text):
    return ("callout", {"style": style, "title": title, "text": text})


ARTICLES = [
    {
        "slug": "stage-de-3e-etape-par-etape",
        "title": "Le stage de 3e, étape par étape",
        "introduction": "En 3e, tu passes une semaine dans un lieu de travail pour découvrir un métier. Voici comment faire, dans l'ordre.",
        "audience": Audience.PUPILS,
        "topic": Topic.STAGE,
        "easy_read": True,
        "metier_keywords": ["électricien", "infirmier", "boulanger"],
        "body": [
            (
                "paragraph",
                "<p>Le stage de 3e dure <b>5 jours</b>. Tu n'es pas payé. Tu ne travailles pas comme un salarié : tu <b>observes</b>, tu poses des questions, tu aides un peu si on te le propose.</p>",
            ),
            steps(
                "Les 6 étapes",
                [
                    (
                        "Connaître la date",
                        "<p>Ton collège choisit la semaine du stage. Demande-la à ton professeur principal.</p>",
                    ),
                    (
                        "Choisir un métier",
                        "<p>Pense à ce que tu aimes : bouger, dessiner, aider, réparer, compter… Regarde les fiches métiers du portail.</p>",
                    ),
                    (
                        "Faire la liste des lieux",
                        "<p>Entreprises, magasins, hôpitaux, mairies, associations : note les noms, les adresses et les numéros.</p>",
                    ),
                    (
                        "Demander",
                        "<p>Appelle, envoie un mail ou passe sur place avec ta lettre de motivation. Si on te dit non, ce n'est pas grave : demande ailleurs.</p>",
                    ),
                    (
                        "Faire signer la convention",
                        "<p>C'est le contrat du stage. Ton collège, le lieu de stage, tes parents et toi la signez <b>avant</b> le premier jour.</p>",
                    ),
                    (
                        "Faire ton rapport",
                        "<p>Pendant la semaine, prends des notes. Après, tu écris un rapport et souvent tu le présentes à l'oral.</p>",
                    ),
                ],
            ),
            callout(
                "tip", "Commence tôt", "<p>Cherche ton stage <b>2 à 3 mois avant</b>. Les places partent vite.</p>"
            ),
            callout(
                "warning",
                "Sans convention, pas de stage",
                "<p>Si la convention n'est pas signée, tu ne peux pas commencer. Elle te protège.</p>",
            ),
            faq(
                [
                    (
                        "Je ne trouve pas de stage. Que faire ?",
                        "<p>Parle à ton professeur principal. Connecte-toi au portail : l'association propose des places chez des professionnels.</p>",
                    ),
                    (
                        "Est-ce que je peux faire mon stage chez un parent ?",
                        "<p>Oui, si c'est un vrai lieu de travail et que la convention est signée. Mais c'est bien aussi de découvrir un autre monde.</p>",
                    ),
                    (
                        "Quels horaires ?",
                        "<p>Ils sont écrits dans la convention et adaptés à ton âge. Tu ne travailles pas la nuit.</p>",
                    ),
                ]
            ),
        ],
    },
    {
        "slug": "apres-la-3e-les-voies",
        "title": "Après la 3e : voie générale, technologique ou professionnelle ?",
        "introduction": "À la fin de la 3e, tu choisis une voie pour le lycée. Chaque voie mène à un bac, et on peut changer de chemin plus tard.",
        "audience": Audience.PUPILS,
        "topic": Topic.AFTER_3E,
        "easy_read": False,
        "metier_keywords": ["technicien", "comptable"],
        "body": [
            ("heading", "Trois voies, trois façons d'apprendre"),
            (
                "paragraph",
                "<ul><li><b>Voie générale</b> : en seconde générale et technologique, puis un bac général. Beaucoup de cours théoriques, pour faire des études longues.</li><li><b>Voie technologique</b> : la même seconde, puis un bac technologique (STMG pour la gestion, STI2D pour l'industrie, ST2S pour la santé et le social…). Des cours concrets, des projets, puis souvent un BTS ou un BUT.</li><li><b>Voie professionnelle</b> : un CAP en 2 ans ou un bac professionnel en 3 ans, au lycée professionnel ou en apprentissage. Tu apprends un métier, avec des stages en entreprise.</li></ul>",
            ),
            callout(
                "info",
                "Aucune voie n'est « pour les mauvais élèves »",
                "<p>Chaque voie peut mener à un diplôme, à un emploi et à des études après le bac. Choisis celle qui te ressemble.</p>",
            ),
            steps(
                "Comment se passe le choix",
                [
                    (
                        "Au 2e trimestre",
                        "<p>Tu dis tes intentions sur la fiche dialogue. Le conseil de classe donne un premier avis.</p>",
                    ),
                    (
                        "Au 3e trimestre",
                        "<p>Tu fais tes vœux définitifs avec tes parents. Le conseil de classe donne son avis sur la voie.</p>",
                    ),
                    (
                        "En juin-juillet",
                        "<p>Tu reçois ton affectation dans un lycée. N'oublie pas de t'inscrire dans les délais.</p>",
                    ),
                ],
            ),
            faq(
                [
                    (
                        "Et si je me trompe ?",
                        "<p>On peut changer : des passerelles existent entre les voies, surtout en fin de seconde ou après un CAP.</p>",
                    ),
                    (
                        "Qui peut m'aider à choisir ?",
                        "<p>Ton professeur principal, le psychologue de l'Éducation nationale (PsyEN) du collège, le CIO, et les bénévoles de l'association.</p>",
                    ),
                ]
            ),
        ],
    },
    {
        "slug": "l-apprentissage-comment-ca-marche",
        "title": "L'apprentissage, comment ça marche ?",
        "introduction": "Apprendre un métier en travaillant dans une entreprise, tout en allant en cours : c'est l'apprentissage.",
        "audience": Audience.PUPILS,
        "topic": Topic.APPRENTICESHIP,
        "easy_read": True,
        "metier_keywords": ["boulanger", "coiffeur", "mécanicien"],
        "body": [
            (
                "paragraph",
                "<p>Un apprenti <b>alterne</b> : quelques semaines dans une entreprise, quelques semaines au centre de formation (le CFA). Il prépare un vrai diplôme, comme un CAP ou un bac pro.</p>",
            ),
            ("heading", "Ce qui change"),
            (
                "paragraph",
                "<ul><li>Tu signes un <b>contrat de travail</b> avec un employeur.</li><li>Tu as un <b>salaire</b> : une partie du SMIC, qui augmente avec ton âge et les années.</li><li>Tu as un <b>maître d'apprentissage</b> qui t'apprend le métier.</li><li>Tu as des congés payés, comme les salariés.</li></ul>",
            ),
            callout(
                "warning",
                "Il faut trouver un employeur",
                "<p>Le CFA ne suffit pas : sans entreprise, pas de contrat. Commence à chercher dès le printemps de la 3e.</p>",
            ),
            callout("info", "À partir de quel âge ?", "<p>À partir de 16 ans, ou dès 15 ans si tu as fini ta 3e.</p>"),
            faq(
                [
                    (
                        "Est-ce plus facile que le lycée ?",
                        "<p>Non, c'est différent. Il faut être à l'heure, suivre les règles de l'entreprise et réussir les cours du CFA.</p>",
                    ),
                    (
                        "Où trouver des offres ?",
                        "<p>Sur le portail de l'alternance, auprès des CFA et en demandant directement aux artisans et entreprises près de chez toi.</p>",
                    ),
                ]
            ),
        ],
    },
    {
        "slug": "ecrire-ta-lettre-de-motivation",
        "title": "Écrire ta lettre de motivation",
        "introduction": "Une lettre courte et sincère aide le professionnel à dire oui. Voici un plan simple en trois parties.",
        "audience": Audience.PUPILS,
        "topic": Topic.CV_LETTER,
        "easy_read": True,
        "metier_keywords": [],
        "body": [
            steps(
                "Le plan en 3 parties",
                [
                    (
                        "Qui tu es",
                        "<p>« Je suis en 3e au collège Jean-Moulin à Saint-Denis. Je cherche un stage d'observation du 8 au 12 décembre. »</p>",
                    ),
                    (
                        "Pourquoi ce lieu",
                        "<p>Dis ce qui t'intéresse dans ce métier ou cette entreprise. Un exemple vaut mieux qu'une longue phrase.</p>",
                    ),
                    (
                        "Ce que tu proposes",
                        "<p>« Je suis curieux, ponctuel et j'aime apprendre. Je serais heureux de vous rencontrer. »</p>",
                    ),
                ],
            ),
            callout(
                "tip",
                "Relis-toi",
                "<p>Fais relire ta lettre par un adulte. Les bénévoles de l'association peuvent t'aider à la corriger.</p>",
            ),
            ("heading", "Les erreurs à éviter"),
            (
                "paragraph",
                "<ul><li>Copier une lettre trouvée sur Internet.</li><li>Écrire plus d'une page.</li><li>Oublier la date du stage et ton numéro de téléphone.</li><li>Commencer par « Salut ».</li></ul>",
            ),
        ],
    },
    {
        "slug": "aider-votre-enfant-a-trouver-un-stage",
        "title": "Comment aider votre enfant à trouver un stage",
        "introduction": "Vous n'avez pas besoin de carnet d'adresses pour aider votre enfant : votre présence et quelques gestes simples comptent beaucoup.",
        "audience": Audience.PARENTS,
        "topic": Topic.STAGE,
        "easy_read": False,
        "metier_keywords": [],
        "body": [
            (
                "paragraph",
                "<p>Le stage d'observation de 3e dure une semaine. Il est obligatoire et n'est pas rémunéré. Il aide votre enfant à découvrir le monde du travail et à réfléchir à son orientation.</p>",
            ),
            steps(
                "Ce que vous pouvez faire",
                [
                    (
                        "Parler métiers",
                        "<p>Racontez votre travail, celui de vos proches. Demandez à votre enfant ce qu'il aime faire.</p>",
                    ),
                    (
                        "Chercher ensemble",
                        "<p>Aidez-le à faire une liste de lieux près de chez vous. Laissez-le appeler lui-même : c'est aussi un apprentissage.</p>",
                    ),
                    (
                        "Signer la convention",
                        "<p>Vous la signez avec le collège et l'entreprise avant le début du stage. Lisez les horaires et l'adresse.</p>",
                    ),
                    ("L'encourager", "<p>Les refus sont normaux. Aidez-le à ne pas se décourager et à relancer.</p>"),
                ],
            ),
            callout(
                "tip",
                "L'association peut vous aider",
                "<p>Si votre enfant ne trouve pas de stage, parlez-en à son professeur principal : l'association propose aux collèges partenaires des places chez des professionnels bénévoles.</p>",
            ),
            faq(
                [
                    (
                        "Mon enfant est-il assuré pendant le stage ?",
                        "<p>Oui, la convention prévoit l'assurance. Vérifiez avec le collège que votre assurance responsabilité civile est à jour.</p>",
                    ),
                    (
                        "Et si le stage se passe mal ?",
                        "<p>Votre enfant doit en parler tout de suite à vous et à son professeur. Le collège peut arrêter le stage.</p>",
                    ),
                ]
            ),
        ],
    },
    {
        "slug": "accompagner-vos-eleves-vers-le-stage",
        "title": "Accompagner vos élèves vers le stage de 3e",
        "introduction": "Comment l'association travaille avec les équipes des collèges, de la préparation au retour de stage.",
        "audience": Audience.TEACHERS,
        "topic": Topic.STAGE,
        "easy_read": False,
        "metier_keywords": [],
        "body": [
            (
                "paragraph",
                "<p>Nous intervenons à la demande des professeurs principaux et des équipes d'orientation, surtout dans les collèges en éducation prioritaire.</p>",
            ),
            steps(
                "Notre accompagnement",
                [
                    (
                        "Avant",
                        "<p>Ateliers métiers en classe, aide au CV et à la lettre, mise en relation avec des professionnels.</p>",
                    ),
                    ("Pendant", "<p>Un bénévole référent reste joignable par le tuteur et par vous.</p>"),
                    ("Après", "<p>Aide à la préparation du rapport et de l'oral.</p>"),
                ],
            ),
            callout(
                "info",
                "Nous contacter",
                "<p>Connectez-vous avec votre compte professeur pour suivre les élèves de vos classes.</p>",
            ),
        ],
    },
]

# Which articles point to which, by slug.
RELATED = {
    "stage-de-3e-etape-par-etape": ["ecrire-ta-lettre-de-motivation", "apres-la-3e-les-voies"],
    "apres-la-3e-les-voies": ["l-apprentissage-comment-ca-marche", "stage-de-3e-etape-par-etape"],
    "l-apprentissage-comment-ca-marche": ["apres-la-3e-les-voies"],
    "ecrire-ta-lettre-de-motivation": ["stage-de-3e-etape-par-etape"],
    "aider-votre-enfant-a-trouver-un-stage": ["stage-de-3e-etape-par-etape", "apres-la-3e-les-voies"],
    "accompagner-vos-eleves-vers-le-stage": ["stage-de-3e-etape-par-etape"],
}


def upsert_child(parent, model, slug, locale, **fields):
    """The child page of `parent` with this slug, created with `fields` or updated (not yet saved)."""
    page = model.objects.child_of(parent).filter(slug=slug, locale=locale).first()
    if page is None:
        page = model(slug=slug, locale=locale, **fields)
        parent.add_child(instance=page)
    for name, value in fields.items():
        setattr(page, name, value)
    return page


def find_metiers(keywords):
    """Live métier sheets whose title contains one of `keywords` (the métiers demo is loaded first)."""
    found = []
    for keyword in keywords:
        page = MetierPage.objects.live().public().filter(title__icontains=keyword).order_by("title").first()
        if page is not None and page not in found:
            found.append(page)
    return found


def load(command, home):
    fr = Locale.get_default()
    index = upsert_child(
        home, GuidanceIndexPage, INDEX["slug"], fr, title=INDEX["title"], introduction=INDEX["introduction"]
    )
    index.show_in_menus = True
    index.save_revision().publish()

    articles = {}
    for data in ARTICLES:
        fields = {field: data[field] for field in ("title", "introduction", "audience", "topic", "easy_read", "body")}
        article = upsert_child(index, GuidanceArticlePage, data["slug"], fr, **fields)
        article.related_metiers = [
            GuidanceArticleMetier(metier=metier, sort_order=position)
            for position, metier in enumerate(find_metiers(data["metier_keywords"]))
        ]
        article.save_revision().publish()
        articles[data["slug"]] = article

    for slug, related_slugs in RELATED.items():
        article = GuidanceArticlePage.objects.get(pk=articles[slug].pk)
        article.related_articles = [
            GuidanceArticleRelated(article=articles[related], sort_order=position)
            for position, related in enumerate(related_slugs)
        ]
        article.save_revision().publish()
    command.stdout.write(f"Orientation : {len(articles)} articles.")

    # The section and the parents' article in English and Arabic, through wagtail-localize.
    for code, strings in TRANSLATIONS.items():
        locale, _created = Locale.objects.get_or_create(language_code=code)
        for page in (index, articles[PARENTS_ARTICLE]):
            _translated, missing = translate_page(page, locale, strings)
            for text in missing:
                command.stdout.write(f"  Orientation ({code}) : texte sans traduction : {text[:60]}")
