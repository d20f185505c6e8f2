"""Wagtail's default workflow asks the « Moderators » group to approve, but the portal replaces that
group with its roles (0002): staff (« Équipe ») approve instead, so a draft submitted anywhere can be
approved by someone other than a superuser."""

from django.db import migrations

from accounts.roles import Role


def staff_approve_by_default(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    staff = Group.objects.get(name=Role.STAFF.value)
    for task in GroupApprovalTask.objects.filter(name="Moderators approval"):
        task.name = "Validation par l'équipe"
        task.save(update_fields=["name"])
        task.groups.set([staff])
    Workflow.objects.filter(name="Moderators approval").update(name="Validation par l'équipe (par défaut)")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles"), ("wagtailcore", "__latest__")]

    operations = [migrations.RunPython(staff_approve_by_default, migrations.RunPython.noop)]
