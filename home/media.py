"""Media rules: images never live in a private collection; private documents get unguessable file names.

Wagtail serves images as files under `/media/images/` (renditions) and `/media/original_images/` (uploads),
without any permission check, whatever the collection's view restrictions say: an image put in a private
collection (such as « Procédures internes ») would be public to anyone who has or guesses its address.
So private collections are refused for images, in the upload and edit forms (`ImageForm`, wired by
`WAGTAILIMAGES_IMAGE_FORM_BASE`) and in the « add to collection » bulk action (`home.wagtail_hooks`). Private
files go in documents, which are always served by Wagtail's checked view.

A document of a private collection is stored as `documents/<name>-<random>.<ext>`: should `/media/documents/`
ever be served directly by a misconfigured proxy, its address still cannot be guessed from its title.
"""

import secrets
from pathlib import PurePosixPath

from django import forms
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection, CollectionViewRestriction

PRIVATE_COLLECTION_MESSAGE = _(
    "Les images sont publiques : elles ne peuvent pas être rangées dans une collection privée "
    "(« %(name)s »). Déposez un document à la place, ou choisissez une autre collection."
)


def is_private_collection(collection):
    """Whether `collection` or one of its ancestors carries a view restriction."""
    return collection is not None and collection.get_view_restrictions().exists()


def private_collection_ids():
    """Ids of every collection restricted by itself or by an ancestor."""
    ids = set()
    for restricted in Collection.objects.filter(pk__in=CollectionViewRestriction.objects.values("collection_id")):
        ids.update(restricted.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


class ImageForm(BaseImageForm):
    """Wagtail's image form, with private collections left out of the choices and refused if posted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "collection" in self.fields:
            self.fields["collection"].queryset = self.fields["collection"].queryset.exclude(
                pk__in=private_collection_ids()
            )

    def clean(self):
        cleaned_data = super().clean()
        collection = cleaned_data.get("collection") or (None if "collection" in self.fields else self.collections[0])
        if is_private_collection(collection):
            error = forms.ValidationError(PRIVATE_COLLECTION_MESSAGE % {"name": collection.name})
            self.add_error("collection" if "collection" in self.fields else None, error)
        return cleaned_data


@receiver(pre_save, sender=get_document_model())
def unguessable_private_file_name(sender, instance, **kwargs):
    """A new file uploaded into a private collection gets a random part in its name before it is stored."""
    file = instance.file
    if not file or getattr(file, "_committed", True) or not is_private_collection(instance.collection):
        return
    name = PurePosixPath(file.name).name
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    file.name = f"{stem[:60]}-{secrets.token_urlsafe(16)}" + (f".{extension}" if extension else "")
