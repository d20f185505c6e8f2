"""Demo translations made the way staff make them: through wagtail-localize.

Each translated page gets a wagtail-localize `Translation` whose strings (`StringTranslation`) come from a
dictionary {French source text: translation}; staff can then open it in the admin's translation editor and
change any string, and a later change of the French page shows up there as a string to translate. Strings
with no entry in the dictionary keep their French text (reported, so that the demo's dictionaries stay
complete).
"""

from django.db import transaction

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


@transaction.atomic
def translate_page(page, locale, strings):
    """Create or update `page`'s translation into `locale` from `strings`; return (page, untranslated texts)."""
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = segment.string.data
        translated = strings.get(text)
        if translated is None:
            missing.append(text)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translated, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    # As `Translation.save_target` does, but publishing now rather than when the transaction commits: the
    # next page translated (a child) must find this one live and with its current tree fields.
    source.create_or_update_translation(locale, publish=False, copy_parent_pages=True, fallback=True)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated.specific, missing
