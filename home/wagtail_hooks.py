"""Admin wiring of the base app: images are kept out of private collections (see `home.media`)."""

from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.images import get_image_model

from .media import PRIVATE_COLLECTION_MESSAGE, is_private_collection


@hooks.register("before_bulk_action")
def refuse_images_in_private_collections(request, action_type, objects, action_class_instance):
    if action_type != "add_to_collection" or get_image_model() not in action_class_instance.models:
        return None
    collection = action_class_instance.cleaned_form.cleaned_data.get("collection")
    if is_private_collection(collection):
        messages.error(request, PRIVATE_COLLECTION_MESSAGE % {"name": collection.name})
        return redirect(action_class_instance.next_url or "wagtailimages:index")
    return None
