"""The two khuyến công programmes and the sources of a đề án's money.

A programme's public money comes from the source of the same name (KCQG money for a KCQG đề án,
KCĐP for KCĐP): `public_source`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    KCQG = "kcqg", _("National budget (KCQG)")
    KCDP = "kcdp", _("Local budget (KCĐP)")
    COUNTERPART = "counterpart", _("Counterpart")
    OTHER = "other", _("Other sources")


PUBLIC_SOURCES = (Source.KCQG, Source.KCDP)


class Program(models.TextChoices):
    KCQG = Source.KCQG.value, _("National (KCQG)")
    KCDP = Source.KCDP.value, _("Local (KCĐP)")


# Acronyms of the programmes as written in Vietnamese documents (not translated).
PROGRAM_SHORT = {Program.KCQG: "KCQG", Program.KCDP: "KCĐP"}


def public_source(program: str) -> str:
    """The budget source of a programme's money: KCQG money for a KCQG đề án, KCĐP for KCĐP."""
    return Source.KCQG if program == Program.KCQG else Source.KCDP
