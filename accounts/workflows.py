"""The moderation workflow of the content sections (guidance, procedures…): drafts by anyone who may
not publish are approved by staff before they go live. It lives here, beside the roles, so that content
apps share it without importing each other.
"""

from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from accounts.roles import Role

# Stored names, in French like every name staff see in the admin; not translated (they are data).
STAFF_WORKFLOW_NAME = "Validation par l'équipe"
STAFF_TASK_NAME = "Relecture par l'équipe"


def staff_workflow():
    """The « Validation par l'équipe » workflow, created with its single task if it is missing."""
    workflow, created = Workflow.objects.get_or_create(name=STAFF_WORKFLOW_NAME, defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=STAFF_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=STAFF_TASK_NAME)
            task.groups.set(Group.objects.filter(name=Role.STAFF))
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_staff_workflow(page):
    """Give `page` (a section index) the staff workflow unless it already has a workflow of its own."""
    if not WorkflowPage.objects.filter(page=page).exists():
        WorkflowPage.objects.create(page=page, workflow=staff_workflow())
