from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class KhuyenCongConfig(AppConfig):
    name = "khuyencong"
    verbose_name = _("Portal core")

    def ready(self):
        # Each domain app declares its exportable lists in its own exports.py (the core imports
        # no domain app; it only looks the modules up by name). khuyencong.exports itself is
        # found the same way, and registers the list export's job kind.
        autodiscover_modules("exports")
        # ... and the spreadsheets they import in imports.py (khuyencong.importing).
        autodiscover_modules("imports")
        # The import's check and write are job kinds: registered here, so the worker knows them
        # without loading the pages.
        import khuyencong.importing.batches  # noqa: F401

        # The idle clock starts at every login, whichever view or test signs the user in.
        from khuyencong.accounts import middleware  # noqa: F401
