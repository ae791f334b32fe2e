from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.notifications"
    verbose_name = _("Benachrichtigungen")

    def ready(self) -> None:
        from ikz.notifications import sources

        sources.register_builtin()
