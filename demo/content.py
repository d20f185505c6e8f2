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
            "text": "Explore les métiers, inscris-toi aux ateliers et prépare ta demande de stage.",
            "link_label": "Me connecter",
            "link_url": "/fr/compte/connexion/",
        },
        {
            "audience": "Vous êtes parent",
            "text": "Comprenez le stage de 3e et l'orientation après le collège, et donnez votre accord.",
            "link_label": "Espace parents",
            "link_url": "/fr/compte/connexion/",
        },
        {
            "audience": "Vous êtes professionnel",
            "text": "Accueillez un élève une semaine ou animez un atelier métier dans un collège.",
            "link_label": "Proposer un stage",
            "link_url": "/fr/compte/connexion/",
        },
    ],
}

HOME_TRANSLATIONS = {
    "en": {
        "title": "Home",
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
                "text": "Explore jobs, join workshops and prepare your placement request.",
                "link_label": "Log in",
                "link_url": "/en/compte/connexion/",
            },
            {
                "audience": "You are a parent",
                "text": "Understand the Year 10 placement and the paths after collège.",
                "link_label": "Parents' area",
                "link_url": "/en/compte/connexion/",
            },
            {
                "audience": "You are a professional",
                "text": "Host a pupil for a week or lead a job workshop in a school.",
                "link_label": "Offer a placement",
                "link_url": "/en/compte/connexion/",
            },
        ],
    },
    "ar": {
        "title": "الصفحة الرئيسية",
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
                "text": "اكتشف المهن وسجّل في الورشات وحضّر طلب التدريب.",
                "link_label": "تسجيل الدخول",
                "link_url": "/ar/compte/connexion/",
            },
            {
                "audience": "أنت وليّ أمر",
                "text": "افهم تدريب السنة الثالثة والتوجيه بعد الإعدادي، وأعطِ موافقتك.",
                "link_label": "فضاء الأولياء",
                "link_url": "/ar/compte/connexion/",
            },
            {
                "audience": "أنت مهني",
                "text": "استقبل تلميذًا لمدة أسبوع أو نشّط ورشة عن مهنتك.",
                "link_label": "اقترح تدريبًا",
                "link_url": "/ar/compte/connexion/",
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
        "title": "Accessibilité",
        "introduction": "Déclaration d'accessibilité du portail (RGAA 4.1).",
        "setting": "accessibility_page",
        "body": [
            (
                "paragraph",
                "<p>L'association s'engage à rendre son portail accessible, conformément à l'article 47 de la "
                "loi n° 2005-102 du 11 février 2005. Le portail vise la conformité au RGAA 4.1 et aux WCAG 2.1 "
                "niveau AA ; chaque parcours principal est vérifié automatiquement avec axe-core.</p>",
            ),
            (
                "paragraph",
                "<p>Si vous ne pouvez pas accéder à un contenu, écrivez-nous : nous vous le fournirons sous une "
                "autre forme.</p>",
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
