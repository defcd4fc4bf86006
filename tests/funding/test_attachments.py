"""Documents of a đề án: judged by content and size, kept outside any public URL, downloaded
only through the scoped view with their original name."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from funding import services
from khuyencong import uploads
from projects.models import Attachment
from tests.funding.impl_world import approved_project, pdf, xlsx

pytestmark = pytest.mark.django_db


def attach(world, project, upload, kind="estimate"):
    return services.attachment_add(
        user=world.cantho.center_staff, project=project, kind=kind, upload=upload
    )


def test_pdf_and_xlsx_are_accepted_by_content_with_the_original_name_kept(world):
    project = approved_project(world.cantho)
    doc = attach(world, project, xlsx("Dự toán chi tiết.xlsx"))
    assert doc.original_name == "Dự toán chi tiết.xlsx"
    assert doc.file.name.endswith(".xlsx") and "Dự" not in doc.file.name
    assert attach(world, project, pdf("scan.txt")).file.name.endswith(".pdf")


def test_a_renamed_executable_is_refused(world):
    project = approved_project(world.cantho)
    with pytest.raises(ValidationError):
        attach(world, project, SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00\x03binary"))
    assert not Attachment.objects.exists()


def test_a_file_above_20_mb_is_refused_with_a_clear_message(world, monkeypatch):
    project = approved_project(world.cantho)
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(ValidationError) as error:
        attach(world, project, pdf())
    assert "MB" in " ".join(error.value.messages)


def test_the_upload_page_refuses_a_bad_file_with_400(client, world):
    project = approved_project(world.cantho)
    client.force_login(world.cantho.center_staff)
    response = client.post(
        f"/projects/{project.pk}/attachments/new/",
        {"kind": "photo", "file": SimpleUploadedFile("anh.png", b"<html>")},
    )
    assert response.status_code == 400
    assert not Attachment.objects.exists()
    response = client.post(
        f"/projects/{project.pk}/attachments/new/", {"kind": "photo", "file": pdf("anh.pdf")}
    )
    assert response.status_code == 302
    assert Attachment.objects.get().kind == "photo"


def test_download_keeps_the_name_and_applies_the_province_scope(client, world):
    project = approved_project(world.cantho)
    doc = attach(world, project, pdf("Biên bản nghiệm thu.pdf"))
    for user in (world.cantho.department_reviewer, world.ministry):
        client.force_login(user)
        response = client.get(f"/attachments/{doc.pk}/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "Bi%C3%AAn%20b%E1%BA%A3n" in response["Content-Disposition"] or (
            "Biên bản" in response["Content-Disposition"]
        )
    client.force_login(world.phutho.center_staff)
    assert client.get(f"/attachments/{doc.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/attachments/{doc.pk}/").status_code == 302  # to the login page


def test_the_stored_file_is_not_reachable_under_media_url(client, world, settings):
    project = approved_project(world.cantho)
    doc = attach(world, project, pdf())
    client.force_login(world.cantho.center_staff)
    assert client.get(settings.MEDIA_URL + doc.file.name).status_code == 404
    with override_settings(DEBUG=True):
        assert client.get(settings.MEDIA_URL + doc.file.name).status_code == 404
