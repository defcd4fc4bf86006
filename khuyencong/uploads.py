"""Checking and serving uploaded documents (decisions, minutes...): generic, for any app.

Rules:
- A file's type is judged by its content (magic bytes), never by its name or the browser's
  Content-Type: PDF, DOCX (a ZIP holding word/document.xml), XLSX (a ZIP holding
  xl/workbook.xml), JPEG, PNG.
- At most MAX_UPLOAD_BYTES (20 MB).
- Files are stored under MEDIA_ROOT, which no URL serves; a view serves one only after the
  caller's permission check (`serve_private_file`).
- A download keeps the uploader's words and takes the extension of the type found in the content
  (`document_name`): a file is never offered as .exe, .html or .jar.
"""

import re
import unicodedata
import uuid
import zipfile
from pathlib import PurePath, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from khuyencong.text import BIDI_CONTROLS

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

PDF, DOCX, XLSX, JPEG, PNG = "pdf", "docx", "xlsx", "jpg", "png"
DOCUMENT_KINDS = (PDF, DOCX, JPEG, PNG)
# Attachments of plans and đề án (projects.models.Attachment) also take spreadsheets (dự toán).
ATTACHMENT_KINDS = (PDF, DOCX, XLSX, JPEG, PNG)
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JPEG: "image/jpeg",
    PNG: "image/png",
}


def sniff_kind(upload: UploadedFile) -> str | None:
    """The kind of a file from its first bytes (and, for a ZIP, its members), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    return None


def check_document(upload: UploadedFile, kinds=DOCUMENT_KINDS) -> str:
    """The file's kind, or a ValidationError with a message for the user."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB is accepted.")
            % {
                "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
            },
            code="too_large",
        )
    kind = sniff_kind(upload)
    if kind not in kinds:
        if XLSX in kinds:
            message = _(
                "The file must be a PDF, DOCX, XLSX, JPEG or PNG document; this one is not."
            )
        else:
            message = _("The file must be a PDF, DOCX, JPEG or PNG document; this one is not.")
        raise ValidationError(message, code="file_type")
    return kind


# Control characters and the marks that reorder text on screen ("hóa đơn\u202efdp.exe" shows as
# "hóa đơnexe.pdf") have no place in a file name.
_NAME_NOISE = re.compile(rf"[\x00-\x1f\x7f{BIDI_CONTROLS}]")
FALLBACK_NAME = "tai-lieu"


def document_name(name: str | None, kind: str) -> str:
    """The name a document is downloaded under: the uploader's words, with the extension of the
    type found in the file's content (never the one typed): "bao-cao.jar" holding a DOCX is
    "bao-cao.docx", "quyet-dinh.html" holding a PDF is "quyet-dinh.pdf"."""
    text = _NAME_NOISE.sub("", unicodedata.normalize("NFC", name or ""))
    text = PurePosixPath(text.replace("\\", "/")).name.strip(" .")
    stem, dot, _suffix = text.rpartition(".")
    stem = (stem if dot else text).strip(" .") or FALLBACK_NAME
    return f"{stem[:200]}.{kind}"


def private_name(kind: str) -> str:
    """A name that says nothing about the content and cannot be guessed."""
    return f"{uuid.uuid4().hex}.{kind}"


def serve_private_file(field_file, download_name: str, *, keep_name: bool = False) -> FileResponse:
    """Serve a stored FileField value to a user the caller has already checked. `keep_name`:
    `download_name` is the full original file name (an attachment's), used as it is."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # The stored name's suffix is the kind found in the content when it was uploaded.
    kind = PurePath(field_file.name).suffix.lstrip(".")
    if kind not in CONTENT_TYPES:
        handle.close()
        raise Http404
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document_name(download_name, kind) if keep_name else f"{download_name}.{kind}",
        content_type=CONTENT_TYPES[kind],
    )
