"""WeasyPrint reads only the portal's static files (print CSS, fonts) while drawing a PDF:
anything else (another host, another scheme, a private upload, a file outside static/) is
refused, and every PDF render goes through that fetcher."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from khuyencong.pdf import allowed_path, static_only_fetcher

STATIC = Path(settings.BASE_DIR) / "static"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def test_the_print_css_and_fonts_are_served():
    assert allowed_path((STATIC / "css" / "print.css").as_uri()) is not None
    assert allowed_path((STATIC / "fonts" / "DejaVuSans.ttf").as_uri()) is not None


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (STATIC / ".." / "manage.py").as_uri(),
        (STATIC / "css" / ".." / ".." / "README.md").as_uri(),
        "http://127.0.0.1:9/secret.css",
        "https://example.org/font.ttf",
        "ftp://example.org/x",
        "data:text/css,body{color:red}",
        "file://evil.example/etc/passwd",
        (STATIC / "css" / "nothing-here.css").as_uri(),
    ],
)
def test_anything_else_is_refused(url):
    assert allowed_path(url) is None
    with pytest.raises(ValueError):
        static_only_fetcher().fetch(url)


def _images(pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    return sum(len(page.images) for page in reader.pages)


def test_a_pdf_draws_a_static_image_but_not_a_private_one(tmp_path, settings):
    from weasyprint import HTML

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    secret = settings.MEDIA_ROOT / "quyet-dinh.png"
    secret.write_bytes(PNG)
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_ROOT.mkdir()
    public = settings.STATIC_ROOT / "logo.png"
    public.write_bytes(PNG)

    def render(src):
        html = f'<p>Báo cáo</p><img src="{src}" width="20" height="20">'
        return HTML(string=html, url_fetcher=static_only_fetcher()).write_pdf()

    assert _images(render(public.as_uri())) == 1
    assert _images(render(secret.as_uri())) == 0
    assert _images(render("http://127.0.0.1:9/x.png")) == 0


def test_every_weasyprint_render_uses_the_fetcher():
    """A new call of WeasyPrint's HTML(...) must pass url_fetcher=static_only_fetcher()."""
    root = Path(settings.BASE_DIR)
    calls = []
    for path in root.glob("*/**/*.py"):
        if path.parts[len(root.parts)] in (".venv", "tests", "staticfiles", ".bench"):
            continue
        text = path.read_text()
        if "weasyprint" not in text:
            continue
        for match in re.finditer(r"\bHTML\((.*?)\)\.write_pdf", text, re.S):
            calls.append((path, match.group(1)))
    assert calls, "no WeasyPrint render found"
    for path, arguments in calls:
        assert "url_fetcher=static_only_fetcher()" in arguments, path
