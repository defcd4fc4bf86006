"""A downloaded document keeps the uploader's words and takes the extension of the type found in
its content: never .exe, .html or .jar, whatever name it was uploaded under."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from funding import services
from khuyencong.uploads import document_name
from projects.models import Attachment
from tests.funding.impl_world import approved_project, pdf

pytestmark = pytest.mark.django_db


def docx(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(
    ("typed", "kind", "expected"),
    [
        ("bao-cao.jar", "docx", "bao-cao.docx"),
        ("quyet-dinh.html", "pdf", "quyet-dinh.pdf"),
        ("hóa đơn\u202efdp.exe", "pdf", "hóa đơnfdp.pdf"),
        ("Dự toán chi tiết.xlsx", "xlsx", "Dự toán chi tiết.xlsx"),
        ("bien ban", "pdf", "bien ban.pdf"),
        ("..\\..\\windows\\evil.exe", "pdf", "evil.pdf"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        (".htaccess", "png", "htaccess.png"),
        ("", "jpg", "tai-lieu.jpg"),
        (None, "pdf", "tai-lieu.pdf"),
        ("anh.tar.gz", "png", "anh.tar.png"),
    ],
)
def test_the_name_takes_the_extension_of_the_content(typed, kind, expected):
    assert document_name(typed, kind) == expected


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (lambda: docx("bao-cao.jar"), "bao-cao.docx"),
        (lambda: pdf("quyet-dinh.html"), "quyet-dinh.pdf"),
        (lambda: pdf("hóa đơn\u202efdp.exe"), "hóa đơnfdp.pdf"),
    ],
)
def test_a_document_downloads_under_its_words_and_its_real_type(client, world, upload, expected):
    project = approved_project(world.cantho)
    attachment = services.attachment_add(
        user=world.cantho.center_staff, project=project, kind="estimate", upload=upload()
    )
    assert attachment.original_name == expected
    client.force_login(world.cantho.center_staff)
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    extension = expected.rsplit(".", 1)[1]
    assert f".{extension}" in disposition
    assert not any(bad in disposition for bad in (".jar", ".html", ".exe", "\u202e", "%E2%80%AE"))


def test_a_name_stored_before_the_rule_still_downloads_with_the_real_extension(client, world):
    project = approved_project(world.cantho)
    attachment = services.attachment_add(
        user=world.cantho.center_staff, project=project, kind="estimate", upload=pdf()
    )
    Attachment.objects.filter(pk=attachment.pk).update(original_name="hoa-don\u202efdp.exe")
    client.force_login(world.cantho.center_staff)
    disposition = client.get(f"/attachments/{attachment.pk}/").headers["Content-Disposition"]
    assert 'filename="hoa-donfdp.pdf"' in disposition
