from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        from funding.dashboard import implementation_panel
        from khuyencong.dashboard import register_panel

        register_panel(implementation_panel)
