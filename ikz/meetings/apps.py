from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.meetings"
    verbose_name = _("Sitzungen")

    def ready(self) -> None:
        from ikz.meetings import sources

        sources.register()
