"""Uploaded documents are judged by their content and size, never by their name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from khuyencong.uploads import MAX_UPLOAD_BYTES, check_document


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("qd.pdf", b"%PDF-1.7\n...", "pdf"),
        ("qd.docx", docx_bytes(), "docx"),
        ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
        ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        ("misnamed.txt", b"%PDF-1.4\n", "pdf"),  # the content decides, not the name
    ],
)
def test_documents_are_recognised_by_content(name, content, kind):
    assert check_document(SimpleUploadedFile(name, content)) == kind


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00executable", b"<html>", b"PK\x03\x04not really a zip", b""],
)
def test_other_content_is_refused_in_vietnamese(content):
    with pytest.raises(ValidationError) as error:
        check_document(SimpleUploadedFile("qd.pdf", content))
    assert "PDF, DOCX, JPEG hoặc PNG" in " ".join(error.value.messages)


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "x")
    with pytest.raises(ValidationError):
        check_document(SimpleUploadedFile("qd.docx", buffer.getvalue()))


def test_a_file_over_20_mb_is_refused():
    upload = SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n")
    upload.size = MAX_UPLOAD_BYTES + 1
    with pytest.raises(ValidationError) as error:
        check_document(upload)
    assert "tối đa 20 MB" in " ".join(error.value.messages)
