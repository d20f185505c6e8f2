"""Create one group per role, each with the permissions it needs and no more.

Only the staff group (« Équipe ») reaches the Wagtail admin. The other roles get no model
permission: the portal's own views decide what each person may see of their own data.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from accounts.roles import STAFF_PAGE_PERMISSIONS, STAFF_PERMISSIONS, Role

COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "delete_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "delete_document", "choose_document"]),
]


def ensure_permissions(apps):
    # Permissions are normally created after all migrations; create them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    for role in Role:
        Group.objects.get_or_create(name=role.value)

    # Wagtail's initial migrations create "Moderators" and "Editors": the portal uses its roles instead.
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()

    staff = Group.objects.get(name=Role.STAFF.value)
    collection_codenames = {codename for _app, _model, codenames in COLLECTION_PERMISSIONS for codename in codenames}
    for app_label, codename in STAFF_PERMISSIONS:
        if codename in collection_codenames:
            continue
        staff.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))

    root_page = Page.objects.get(depth=1)
    for codename in STAFF_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=staff, page=root_page, permission=permission)

    root_collection = Collection.objects.get(depth=1)
    for app_label, _model, codenames in COLLECTION_PERMISSIONS:
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(
                group=staff, collection=root_collection, permission=permission
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=[role.value for role in Role]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("wagtailredirects", "__latest__"),
        ("wagtailsearchpromotions", "__latest__"),
        ("wagtail_localize", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
