"""The data generation (decisions 205, 208): one row whose token changes right after every
transaction with a recorded change commits, so a page rendered under one token is not shown after
a write."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

ROW = 1  # the one row


class Generation(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW)
    counter = models.BigIntegerField(_("Zähler"), default=0)
    # random per change: a database restored from a backup (counter back to an old value) never
    # meets a page rendered under the same number before the restore
    token = models.CharField(_("Kennung"), max_length=32, default="")

    class Meta:
        verbose_name = _("Datenstand")
        verbose_name_plural = _("Datenstände")

    def __str__(self) -> str:
        return f"{self.counter}:{self.token}"
