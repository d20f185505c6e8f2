"""Create the « Validation par l'équipe » workflow: one task, approved by the staff group.

Section indexes are created later (by editors or the demo); their `save()` assigns them this workflow.
The same migration exists in `procedures`: whichever runs first creates the workflow, the other finds it.
"""

from django.db import migrations

WORKFLOW_NAME = "Validation par l'équipe"
TASK_NAME = "Relecture par l'équipe"
STAFF_GROUP = "Équipe"


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


class Migration(migrations.Migration):
    dependencies = [
        ("orientation", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Reversing leaves the workflow: it may moderate other sections and hold history.
    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
