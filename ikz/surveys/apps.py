from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.surveys"
    verbose_name = _("Bestandsaufnahmen")

    def ready(self) -> None:
        from ikz.surveys import sources

        sources.register()
