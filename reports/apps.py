from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Reference data the reports read that keeps no history: saving or deleting any of it clears
# the reuse keys of finished report files (reports.background.forget_reports).
REFERENCE_MODELS = (
    "projects.Content",
    "projects.Indicator",
    "projects.Activity",
    "projects.ActivityContent",
    "projects.ResultsRow",
    "khuyencong.Organisation",
    "khuyencong.Province",
)


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from reports.background import forget_reports

        for label in REFERENCE_MODELS:
            model = apps.get_model(label)
            post_save.connect(forget_reports, sender=model, dispatch_uid=f"reports-{label}")
            post_delete.connect(forget_reports, sender=model, dispatch_uid=f"reports-{label}-d")
