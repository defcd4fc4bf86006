from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KhuyenCongConfig(AppConfig):
    name = "khuyencong"
    verbose_name = _("Portal core")
