"""Documents of plans and đề án, at every stage (description, estimate, approval, contract,
minutes, close-out, settlement, photos)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models.plans import Plan
from projects.models.projects import Project


class Attachment(models.Model):
    """A document of a plan or a đề án, in private storage: served only by
    funding.views.attachment_download after the scope check."""

    class Kind(models.TextChoices):
        DESCRIPTION = "description", _("Description (thuyết minh)")
        ESTIMATE = "estimate", _("Cost estimate (dự toán)")
        APPROVAL = "approval", _("Approval decision")
        CONTRACT = "contract", _("Contract")
        MINUTES = "minutes", _("Acceptance minutes")
        CLOSE_OUT = "close_out", _("Close-out (thanh lý)")
        SETTLEMENT = "settlement", _("Settlement (quyết toán)")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="attachments")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="attachments/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # Kept in its first app's table: moved here without rewriting the rows.
        db_table = "funding_attachment"
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
