"""Documents of plans and đề án: decision files and attachments, checked by content and size and
kept in private storage (MEDIA_ROOT, no public URL): served only after the scope check."""

from khuyencong.uploads import check_document, private_name


def store_decision_file(field_file, upload) -> None:
    """Check an uploaded decision by content and size, and keep it in private storage."""
    if upload is None:
        return
    kind = check_document(upload)
    field_file.save(private_name(kind), upload, save=False)
