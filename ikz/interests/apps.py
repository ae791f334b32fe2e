from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterestsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.interests"
    verbose_name = _("Interessenbekundungen")

    def ready(self) -> None:
        from ikz.interests import sources

        sources.register()
