"""In-app notifications, what each person wants to receive, the secret calendar feed, and the
outbox: every e-mail of the platform is a :class:`Mail`, sent exactly once by a job of the queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SURVEY_OPENED = "survey_opened", _("Neue Bestandsaufnahme geöffnet")
    SURVEY_DEADLINE = "survey_deadline", _("Frist einer Bestandsaufnahme")
    INTEREST_OPENED = "interest_opened", _("Neues Interessenbekundungsverfahren geöffnet")
    INTEREST_DEADLINE = "interest_deadline", _("Frist eines Interessenbekundungsverfahrens")
    MATCH = "match", _("Treffer im Wiederverwendungsnetz")
    REUSE_INTEREST = "reuse_interest", _("Interesse an Ihrer Lösung")
    STALE_ENTRY = "stale_entry", _("Eintrag bitte bestätigen")
    MILESTONE = "milestone", _("Meilenstein eines Projekts")
    NOTICE_DEADLINE = "notice_deadline", _("Kündigungsfrist einer Kooperation")
    SUPERVISION_DEADLINE = "supervision_deadline", _("Frühester Vollzug nach Anzeige bei der Aufsicht")
    FUNDING_CALL = "funding_call", _("Neuer oder geänderter Förderaufruf")
    FUNDING_DEADLINE = "funding_deadline", _("Frist eines Förderaufrufs")
    FUNDING_OBLIGATION = "funding_obligation", _("Pflicht aus einem Förderbescheid")
    OTHER = "other", _("Sonstiges")


class Mail(models.Model):
    """One outgoing e-mail (decision 159). Written in the transaction that decided to send it, handed
    to the mail server by the job ``notifications.deliver``, which locks the row and sets
    ``sent_at``: the same ``key`` never makes a second mail, a sent mail is never sent again."""

    key = models.CharField(max_length=200, unique=True)
    recipients = models.JSONField(_("Empfänger"), default=list)
    subject = models.CharField(_("Betreff"), max_length=300)
    body = models.TextField(_("Text"), blank=True)
    reply_to = models.EmailField(_("Antwort an"), blank=True)
    # The account the mail is for, if any: deactivated or anonymised since → not sent; deleted → gone.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The text holds a secret link (invitation, password reset): emptied once the mail is sent.
    sensitive = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("vorgemerkt am"), auto_now_add=True)
    sent_at = models.DateTimeField(_("versendet am"), null=True, blank=True)
    region = models.ForeignKey(
        "municipalities.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("E-Mail")
        verbose_name_plural = _("E-Mails")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{', '.join(self.recipients)}: {self.subject}"


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("Art"), max_length=40)
    text = models.CharField(_("Text"), max_length=500)
    link = models.CharField(_("Verweis"), max_length=300, blank=True)
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    # Sent once: the same (user, key) never produces a second notification.
    key = models.CharField(max_length=200)
    in_app = models.BooleanField(_("im Posteingang"), default=True)
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelesen am"), null=True, blank=True)
    email_due = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(_("per E-Mail gesendet am"), null=True, blank=True)
    # The mail in the outbox; ``emailed_at`` is set when it has been sent.
    mail = models.OneToOneField(
        Mail, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification"
    )

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return self.text


class Preference(models.Model):
    """Per person and kind: in the inbox, by e-mail. No row: both on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("Art"), max_length=40)
    in_app = models.BooleanField(_("im Posteingang"), default=True)
    email = models.BooleanField(_("per E-Mail"), default=True)

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.kind}"


class CalendarFeed(models.Model):
    """The secret address of a person's calendar: only the SHA-256 of the token is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("erzeugt am"), auto_now=True)

    class Meta:
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")

    def __str__(self) -> str:
        return str(self.user)
