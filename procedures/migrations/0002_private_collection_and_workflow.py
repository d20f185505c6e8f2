"""Create what keeps procedures private and moderated:

- the « Procédures internes » document collection, with a « groups » view restriction (staff,
  volunteers, teachers, professionals), where procedure attachments live;
- the « Validation par l'équipe » workflow (also created by `orientation`: the first to run creates it).

Only staff author procedures, so no page permission is given to other roles here (see `models.py`).
"""

from django.db import migrations

COLLECTION_NAME = "Procédures internes"
READER_GROUPS = ["Équipe", "Bénévole", "Professeur", "Professionnel"]
WORKFLOW_NAME = "Validation par l'équipe"
TASK_NAME = "Relecture par l'équipe"
STAFF_GROUP = "Équipe"

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def next_child_path(parent, siblings):
    """Treebeard's materialised path for a new last child of `parent` (no tree API in migrations)."""
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    number = 0 if last is None else int(last[-STEPLEN:], 36)
    number += 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def create_private_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore.CollectionViewRestriction")
    Group = apps.get_model("auth.Group")

    root = Collection.objects.get(depth=1)
    collection = Collection.objects.filter(depth=2, name=COLLECTION_NAME).first()
    if collection is None:
        siblings = Collection.objects.filter(depth=2, path__startswith=root.path)
        collection = Collection.objects.create(
            name=COLLECTION_NAME, depth=2, numchild=0, path=next_child_path(root, siblings)
        )
        root.numchild = Collection.objects.filter(depth=2, path__startswith=root.path).count()
        root.save(update_fields=["numchild"])
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(collection=collection, restriction_type="groups")
    restriction.groups.set(Group.objects.filter(name__in=READER_GROUPS))


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if workflow.workflow_tasks.exists():
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=content_type, active=True)
        task.groups.set(Group.objects.filter(name=STAFF_GROUP))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def forwards(apps, schema_editor):
    create_private_collection(apps, schema_editor)
    create_workflow(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Reversing leaves the collection (it may hold documents) and the workflow (it may hold history).
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
