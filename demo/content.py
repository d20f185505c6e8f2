"""The demo site's texts, in plain French for pupils of 13 to 15 and their parents."""

HOME = {
    "title": "Accueil",
    "hero_title": "Découvre des métiers, trouve ton stage de 3e",
    "hero_text": (
        "Un stage et après aide les élèves de 4e et de 3e de Seine-Saint-Denis à découvrir des métiers, "
        "à trouver un stage utile et à choisir leur orientation."
    ),
    "introduction": "Le portail de l'association Un stage et après.",
    "mission": (
        "<p>Beaucoup d'élèves cherchent leur stage de 3e sans carnet d'adresses. Nous les mettons en relation "
        "avec des professionnels, nous animons des ateliers au collège et nous aidons chacun à écrire son CV "
        "et sa lettre de motivation.</p>"
        "<p>Notre but : que chaque élève choisisse son orientation, au lieu de la subir.</p>"
    ),
    "calls_to_action": [
        {
            "audience": "Tu es élève",
            "text": "Découvre plus de 500 métiers : ce qu'on y fait, où, et les études pour y arriver.",
            "link_label": "Explorer les métiers",
            "link_url": "/fr/metiers/",
        },
        {
            "audience": "Vous êtes parent",
            "text": "Comprenez le stage de 3e et l'orientation après le collège : des réponses simples pour aider votre enfant.",
            "link_label": "Les articles pour les parents",
            "link_url": "/fr/orientation/?audience=parents",
        },
        {
            "audience": "Vous êtes professionnel",
            "text": "Accueillez un élève une semaine ou animez un atelier métier dans un collège.",
            "link_label": "Proposer un stage ou intervenir",
            "link_url": "/fr/stages/proposer/",
        },
    ],
}

HOME_TRANSLATIONS = {
    "en": {
        "title": "Home",
        "introduction": "The portal of the association Un stage et après.",
        "hero_title": "Discover jobs, find your Year 10 work placement",
        "hero_text": (
            "Un stage et après helps pupils in Seine-Saint-Denis discover occupations, find a useful one-week "
            "work placement and choose their path after collège."
        ),
        "mission": (
            "<p>Many pupils look for their work placement without a network. We put them in touch with "
            "professionals, run workshops at school and help each pupil write a CV and a cover letter.</p>"
        ),
        "calls_to_action": [
            {
                "audience": "You are a pupil",
                "text": "Discover more than 500 jobs: what people do, where, and how to get there.",
                "link_label": "Explore jobs",
                "link_url": "/en/metiers/",
            },
            {
                "audience": "You are a parent",
                "text": "Understand the Year 10 placement and the paths after collège: simple answers to help your child.",
                "link_label": "Articles for parents",
                "link_url": "/en/orientation/?audience=parents",
            },
            {
                "audience": "You are a professional",
                "text": "Host a pupil for a week or lead a job workshop in a school.",
                "link_label": "Offer a placement or a talk",
                "link_url": "/en/stages/proposer/",
            },
        ],
    },
    "ar": {
        "title": "الصفحة الرئيسية",
        "introduction": "بوابة جمعية «Un stage et après».",
        "hero_title": "اكتشف المهن وابحث عن تدريبك في السنة الثالثة",
        "hero_text": (
            "تساعد جمعية «Un stage et après» تلاميذ السنتين الرابعة والثالثة إعدادي في سين سان دوني على اكتشاف "
            "المهن وإيجاد تدريب مفيد واختيار توجههم الدراسي."
        ),
        "mission": (
            "<p>يبحث كثير من التلاميذ عن تدريبهم دون معارف. نربطهم بمهنيين، وننظم ورشات في المدرسة، "
            "ونساعد كل تلميذ على كتابة سيرته الذاتية ورسالة التحفيز.</p>"
        ),
        "calls_to_action": [
            {
                "audience": "أنت تلميذ",
                "text": "اكتشف أكثر من 500 مهنة: ماذا يفعل أصحابها، وأين، وكيف تصل إليها.",
                "link_label": "اكتشف المهن",
                "link_url": "/ar/metiers/",
            },
            {
                "audience": "أنت وليّ أمر",
                "text": "افهم تدريب السنة الثالثة والتوجيه بعد الإعدادي: أجوبة بسيطة لمساعدة طفلك.",
                "link_label": "مقالات للأولياء",
                "link_url": "/ar/orientation/?audience=parents",
            },
            {
                "audience": "أنت مهني",
                "text": "استقبل تلميذًا لمدة أسبوع أو نشّط ورشة عن مهنتك.",
                "link_label": "اقترح تدريبًا أو تدخّلًا",
                "link_url": "/ar/stages/proposer/",
            },
        ],
    },
}

LEGAL_PAGES = [
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "introduction": "Qui publie ce portail et qui l'héberge.",
        "setting": "legal_notice_page",
        "body": [
            ("heading", "Éditeur"),
            (
                "paragraph",
                "<p>Ce portail est publié par l'association Un stage et après, association loi 1901 "
                "dont le siège est en Seine-Saint-Denis. Directrice de la publication : la présidente de "
                "l'association.</p>",
            ),
            ("heading", "Sources des fiches métiers"),
            (
                "paragraph",
                "<p>Source : France Travail – ROME 4.0 v460 (septembre 2025), Licence Ouverte 2.0. "
                "Idéo-Fiches métiers, Onisep, 25/06/2024, sous licence ODbL.</p>",
            ),
        ],
    },
    {
        "slug": "donnees-personnelles",
        "title": "Données personnelles",
        "introduction": "Quelles données nous gardons, pourquoi, et comment exercer vos droits.",
        "setting": "privacy_page",
        "body": [
            (
                "paragraph",
                "<p>Les élèves ont entre 13 et 15 ans. Nous ne gardons que ce qui sert à les accompagner : "
                "nom, prénom, classe et collège, date de naissance (pour savoir qui donne l'accord), un "
                "identifiant de connexion fait de mots au hasard, et l'adresse e-mail d'un parent. Les codes "
                "des cartes d'activation ne sont gardés que sous forme d'empreinte et expirent après 30 jours.</p>",
            ),
            ("heading", "L'accord des parents"),
            (
                "paragraph",
                "<p>Avant 15 ans, un parent donne son accord, avec le code de la carte de son enfant ou le lien "
                "reçu par e-mail ; à partir de 15 ans, l'élève décide lui-même. Nous gardons chaque réponse : "
                "qui, quand, par quel moyen et quelle version du texte a été lue. Sans accord, ou après un "
                "retrait, nous ne transmettons rien à personne en dehors de l'association (entreprise de stage, "
                "intervenant d'atelier, bénévole pour le CV).</p>",
            ),
            ("heading", "Combien de temps"),
            (
                "paragraph",
                "<p>Les données d'un élève sont anonymisées au plus tard un an après la fin de son année "
                "scolaire, ainsi que le compte d'un parent qui n'a plus d'enfant suivi. Seuls des chiffres "
                "sans nom restent, pour rendre compte de l'action. Les consultations et modifications faites "
                "par l'équipe sont inscrites dans un journal d'audit.</p>",
            ),
            (
                "callout",
                {
                    "style": "info",
                    "title": "Vos droits",
                    "text": "<p>Depuis « Mon espace », vous pouvez voir et télécharger vos données (ou celles de "
                    "votre enfant) et retirer votre accord. Pour les corriger ou les faire effacer, écrivez à "
                    "l'association.</p>",
                },
            ),
        ],
    },
    {
        "slug": "accessibilite",
        "title": "Déclaration d'accessibilité",
        "introduction": "Ce que nous avons vérifié, ce qui n'est pas encore accessible, et comment nous le signaler.",
        "setting": "accessibility_page",
        # Follows the model of the RGAA 4.1.2 (accessibilite.numerique.gouv.fr, « Modèle de déclaration »).
        "body": [
            (
                "paragraph",
                "<p>L'association Un stage et après s'engage à rendre son portail accessible, conformément à "
                "l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s'applique au portail "
                "Un stage et après, en français, en anglais et en arabe.</p>",
            ),
            ("heading", "État de conformité"),
            (
                "paragraph",
                "<p>Le portail Un stage et après est <b>non conforme</b> avec le RGAA 4.1.2 : aucun audit complet "
                "des 106 critères n'a encore été réalisé. Un audit par un organisme indépendant est prévu. Les "
                "vérifications déjà faites sont décrites ci-dessous.</p>",
            ),
            ("heading", "Résultats des tests"),
            (
                "paragraph",
                "<p>Date des vérifications : 30 novembre 2026. Elles ont été faites par l'équipe du portail :</p>"
                "<ul><li>à chaque version, des parcours automatisés (un élève qui explore les métiers, un parent "
                "qui lit un article en arabe, une recherche) passent l'outil axe-core sur chaque "
                "page visitée, sur des écrans de 320, 375 et 390 pixels de large et d'ordinateur : aucune erreur "
                "n'est acceptée ;</li>"
                "<li>ces parcours vérifient aussi que les pages ne défilent pas de côté à 320 pixels de large "
                "(critère 10.11) ;</li>"
                "<li>une vérification manuelle : navigation au clavier seul, ordre et visibilité du focus, "
                "affichage à 320 pixels, langue des contenus (attribut lang), messages d'erreur des "
                "formulaires.</li></ul>"
                "<p>Technologies utilisées : HTML5, CSS, JavaScript (le portail fonctionne sans JavaScript). "
                "Environnement de test : navigateur Chromium, axe-core.</p>",
            ),
            ("heading", "Contenus non accessibles"),
            (
                "paragraph",
                "<p>Non-conformités connues :</p>"
                "<ul><li>les fiches métiers reprennent des textes de France Travail (ROME) et de l'Onisep écrits "
                "pour des adultes : certains mots sont difficiles ; nous ajoutons un encadré « En bref » et un "
                "lexique, fiche par fiche ;</li>"
                "<li>les fiches métiers et une partie des articles ne sont pas encore traduits : ils sont "
                "affichés en français, avec un message, sous l'adresse anglaise ou arabe (critère 8.7 "
                "respecté : leur langue est indiquée) ;</li>"
                "<li>certains documents à télécharger (PDF) ne sont pas balisés pour les lecteurs d'écran "
                "(critère 13.3) : demandez-nous une version accessible.</li></ul>",
            ),
            ("heading", "Dérogations pour charge disproportionnée"),
            ("paragraph", "<p>Aucune.</p>"),
            ("heading", "Contenus non soumis à l'obligation d'accessibilité"),
            (
                "paragraph",
                "<p>Les vidéos hébergées par des services tiers (lecteur YouTube) : nous en donnons un titre et, "
                "quand elle existe, une transcription.</p>",
            ),
            ("heading", "Retour d'information et contact"),
            (
                "paragraph",
                "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous à "
                '<a href="mailto:contact@unstageetapres.fr">contact@unstageetapres.fr</a> ou par courrier à '
                "l'association Un stage et après, Saint-Denis (93). Nous vous répondrons et vous donnerons "
                "l'information sous une autre forme.</p>",
            ),
            ("heading", "Voies de recours"),
            (
                "paragraph",
                "<p>Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu "
                "ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le "
                "Défenseur des droits :</p>"
                "<ul><li>par le formulaire en ligne : "
                '<a href="https://formulaire.defenseurdesdroits.fr/">formulaire.defenseurdesdroits.fr</a> ;</li>'
                "<li>en contactant le délégué du Défenseur des droits de votre région : "
                '<a href="https://www.defenseurdesdroits.fr/saisir/delegues">defenseurdesdroits.fr/saisir/delegues'
                "</a> ;</li>"
                "<li>par téléphone : 09 69 39 00 00 ;</li>"
                "<li>par courrier, gratuit et sans timbre : Défenseur des droits, Libre réponse 71120, 75342 "
                "Paris CEDEX 07.</li></ul>",
            ),
        ],
    },
]

SCHOOL = {"name": "Collège Louise-Michel", "uai": "0930999Z", "commune": "Saint-Denis", "priority_education": "REP+"}
CLASSES = [("3e A", "3e"), ("4e B", "4e")]

# One demo account per role: (role, email, first name, last name, password).
USERS = [
    ("Équipe", "equipe@demo.unstageetapres.fr", "Samia", "Benali", "demo-equipe-2026"),
    ("Professeur", "professeur@demo.unstageetapres.fr", "Julien", "Moreau", "demo-professeur-2026"),
    ("Bénévole", "benevole@demo.unstageetapres.fr", "Claire", "Durand", "demo-benevole-2026"),
    ("Professionnel", "pro@demo.unstageetapres.fr", "Karim", "Haddad", "demo-pro-2026"),
    ("Élève", "eleve@demo.unstageetapres.fr", "Inès", "Diallo", "demo-eleve-2026"),
    ("Parent", "parent@demo.unstageetapres.fr", "Aminata", "Diallo", "demo-parent-2026"),
    ("Partenaire", "partenaire@demo.unstageetapres.fr", "Marc", "Lefèvre", "demo-partenaire-2026"),
]
