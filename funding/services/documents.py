"""Documents attached to a đề án while it is carried out."""

from django.db import transaction
from django.utils.translation import gettext as _

from funding.services.common import lock_for_step
from projects.documents import attachment_store
from projects.events import log_project_step
from projects.models import Attachment, Project


def attachment_add(*, user, project: Project, kind: str, upload) -> Attachment:
    """Attach a document (type judged by content, ≤ 20 MB) to a đề án that is not settled."""
    with transaction.atomic():
        project = lock_for_step(user, project, "attach")
        attachment = attachment_store(
            upload, user=user, plan=project.plan, project=project, kind=kind
        )
        log_project_step(
            project, user, _("Document attached: %(name)s") % {"name": attachment.original_name}
        )
    return attachment
