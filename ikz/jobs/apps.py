from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "ikz.jobs"
    label = "jobs"
    verbose_name = _("Aufträge im Hintergrund")

    def ready(self) -> None:
        # Every app's job kinds live in ikz/<app>/jobs.py and register themselves.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
