from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.funding"
    verbose_name = _("Fördermitteldatenbank")

    def ready(self) -> None:
        from ikz.funding import sources

        sources.register()
