from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.notifications"
    verbose_name = _("Benachrichtigungen")

    def ready(self) -> None:
        from ikz.accounts import outbox
        from ikz.notifications import sources
        from ikz.notifications.services.outbox import queue_mail

        sources.register_builtin()
        outbox.plug_in(queue_mail)
