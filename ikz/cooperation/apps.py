from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "ikz.cooperation"
    verbose_name = "Aufgabengebiete und Kooperationen"

    def ready(self) -> None:
        from ikz.cooperation import sources

        sources.register()
