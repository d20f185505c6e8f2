"""English and Arabic translations of the guidance section and of the parents' article, keyed by the French
text of each wagtail-localize string (see `demo.localize`). Slugs stay the same in every language, so that a
page's address differs only by its language prefix."""

PARENTS_ARTICLE = "aider-votre-enfant-a-trouver-un-stage"

TRANSLATIONS = {
    "en": {
        "Orientation": "Guidance",
        "orientation": "orientation",
        "Le stage de 3e, les choix après le collège, l'apprentissage, la lettre de motivation : des réponses "
        "simples, pour les élèves, les parents et les professeurs.": (
            "The Year 10 work placement, the choices after collège, apprenticeships, the cover letter: simple "
            "answers for pupils, parents and teachers."
        ),
        "Comment aider votre enfant à trouver un stage": "How to help your child find a work placement",
        "aider-votre-enfant-a-trouver-un-stage": "aider-votre-enfant-a-trouver-un-stage",
        "Vous n'avez pas besoin de carnet d'adresses pour aider votre enfant : votre présence et quelques gestes "
        "simples comptent beaucoup.": (
            "You do not need a network of contacts to help your child: being there and a few simple steps matter a lot."
        ),
        "Le stage d'observation de 3e dure une semaine. Il est obligatoire et n'est pas rémunéré. Il aide votre "
        "enfant à découvrir le monde du travail et à réfléchir à son orientation.": (
            "The Year 10 observation placement lasts one week. It is compulsory and unpaid. It helps your child "
            "discover the world of work and think about what to do next."
        ),
        "Ce que vous pouvez faire": "What you can do",
        "Parler métiers": "Talk about jobs",
        "Racontez votre travail, celui de vos proches. Demandez à votre enfant ce qu'il aime faire.": (
            "Talk about your work and the work of people you know. Ask your child what they like doing."
        ),
        "Chercher ensemble": "Look together",
        "Aidez-le à faire une liste de lieux près de chez vous. Laissez-le appeler lui-même : c'est aussi un "
        "apprentissage.": (
            "Help them list places near your home. Let them make the calls: that is part of learning too."
        ),
        "Signer la convention": "Sign the agreement",
        "Vous la signez avec le collège et l'entreprise avant le début du stage. Lisez les horaires et l'adresse.": (
            "You sign it with the school and the host before the placement starts. Check the hours and the address."
        ),
        "L'encourager": "Encourage them",
        "Les refus sont normaux. Aidez-le à ne pas se décourager et à relancer.": (
            "Being turned down is normal. Help your child keep going and ask again."
        ),
        "L'association peut vous aider": "The association can help",
        "Si votre enfant ne trouve pas de stage, parlez-en à son professeur principal : l'association propose "
        "aux collèges partenaires des places chez des professionnels bénévoles.": (
            "If your child cannot find a placement, talk to their form tutor: the association offers partner "
            "schools placements with volunteer professionals."
        ),
        "Questions fréquentes": "Frequently asked questions",
        "Mon enfant est-il assuré pendant le stage ?": "Is my child insured during the placement?",
        "Oui, la convention prévoit l'assurance. Vérifiez avec le collège que votre assurance responsabilité "
        "civile est à jour.": (
            "Yes, the agreement covers insurance. Check with the school that your liability insurance is up to date."
        ),
        "Et si le stage se passe mal ?": "What if the placement goes badly?",
        "Votre enfant doit en parler tout de suite à vous et à son professeur. Le collège peut arrêter le stage.": (
            "Your child should tell you and their teacher straight away. The school can end the placement."
        ),
    },
    "ar": {
        "Orientation": "التوجيه",
        "orientation": "orientation",
        "Le stage de 3e, les choix après le collège, l'apprentissage, la lettre de motivation : des réponses "
        "simples, pour les élèves, les parents et les professeurs.": (
            "تدريب السنة الثالثة، والاختيارات بعد الإعدادي، والتكوين بالتناوب، ورسالة التحفيز: أجوبة بسيطة "
            "للتلاميذ والأولياء والأساتذة."
        ),
        "Comment aider votre enfant à trouver un stage": "كيف تساعد طفلك على إيجاد تدريب",
        "aider-votre-enfant-a-trouver-un-stage": "aider-votre-enfant-a-trouver-un-stage",
        "Vous n'avez pas besoin de carnet d'adresses pour aider votre enfant : votre présence et quelques gestes "
        "simples comptent beaucoup.": (
            "لا تحتاج إلى معارف كثيرة لتساعد طفلك: حضورك وبعض الخطوات البسيطة لها أهمية كبيرة."
        ),
        "Le stage d'observation de 3e dure une semaine. Il est obligatoire et n'est pas rémunéré. Il aide votre "
        "enfant à découvrir le monde du travail et à réfléchir à son orientation.": (
            "يدوم تدريب الملاحظة في السنة الثالثة أسبوعًا واحدًا. هو إجباري وغير مدفوع الأجر. يساعد طفلك على "
            "اكتشاف عالم الشغل والتفكير في توجهه."
        ),
        "Ce que vous pouvez faire": "ما يمكنك فعله",
        "Parler métiers": "تحدّث عن المهن",
        "Racontez votre travail, celui de vos proches. Demandez à votre enfant ce qu'il aime faire.": (
            "احكِ عن عملك وعمل أقاربك. واسأل طفلك عمّا يحب أن يفعله."
        ),
        "Chercher ensemble": "ابحثا معًا",
        "Aidez-le à faire une liste de lieux près de chez vous. Laissez-le appeler lui-même : c'est aussi un "
        "apprentissage.": ("ساعده على كتابة قائمة بالأماكن القريبة من منزلكم. اتركه يتصل بنفسه: فهذا أيضًا تعلّم."),
        "Signer la convention": "وقّع الاتفاقية",
        "Vous la signez avec le collège et l'entreprise avant le début du stage. Lisez les horaires et l'adresse.": (
            "توقّعها مع المدرسة والمؤسسة قبل بداية التدريب. اقرأ المواعيد والعنوان."
        ),
        "L'encourager": "شجّعه",
        "Les refus sont normaux. Aidez-le à ne pas se décourager et à relancer.": (
            "الرفض أمر عادي. ساعده على ألا ييأس وعلى أن يعيد المحاولة."
        ),
        "L'association peut vous aider": "الجمعية تستطيع مساعدتك",
        "Si votre enfant ne trouve pas de stage, parlez-en à son professeur principal : l'association propose "
        "aux collèges partenaires des places chez des professionnels bénévoles.": (
            "إذا لم يجد طفلك تدريبًا، تحدّث مع أستاذه الرئيسي: تقترح الجمعية على المدارس الشريكة أماكن تدريب "
            "عند مهنيين متطوعين."
        ),
        "Questions fréquentes": "أسئلة شائعة",
        "Mon enfant est-il assuré pendant le stage ?": "هل طفلي مؤمَّن عليه أثناء التدريب؟",
        "Oui, la convention prévoit l'assurance. Vérifiez avec le collège que votre assurance responsabilité "
        "civile est à jour.": (
            "نعم، الاتفاقية تنص على التأمين. تأكّد مع المدرسة من أن تأمين المسؤولية المدنية الخاص بك ساري المفعول."
        ),
        "Et si le stage se passe mal ?": "وإذا لم يمر التدريب بشكل جيد؟",
        "Votre enfant doit en parler tout de suite à vous et à son professeur. Le collège peut arrêter le stage.": (
            "على طفلك أن يخبرك ويخبر أستاذه فورًا. تستطيع المدرسة إيقاف التدريب."
        ),
    },
}
