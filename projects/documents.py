"""Documents of plans and đề án: decision files and attachments, checked by content and size and
kept in private storage (MEDIA_ROOT, no public URL): served only after the scope check."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from khuyencong.uploads import ATTACHMENT_KINDS, check_document, document_name, private_name
from projects.models import Attachment


def store_decision_file(field_file, upload) -> None:
    """Check an uploaded decision by content and size, and keep it in private storage."""
    if upload is None:
        return
    kind = check_document(upload)
    field_file.save(private_name(kind), upload, save=False)


def attachment_store(upload, *, user, plan, project, kind: str) -> Attachment:
    """Check an upload by content and size (PDF, DOCX, XLSX, JPEG, PNG; ≤ 20 MB), keep it in
    private storage and record it as a document of the plan or đề án."""
    file_kind = check_document(upload, kinds=ATTACHMENT_KINDS)
    if kind not in Attachment.Kind.values:
        raise ValidationError(_("Choose the kind of document."), code="kind")
    attachment = Attachment(
        plan=plan,
        project=project,
        kind=kind,
        original_name=document_name(upload.name, file_kind),
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(private_name(file_kind), upload, save=False)
    attachment.save()
    return attachment
