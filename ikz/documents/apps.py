from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ikz.documents"
    verbose_name = _("Dokumente")

    def ready(self) -> None:
        from ikz.documents import sources

        sources.register()
