from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "ikz.municipalities"
    verbose_name = "Kommunen und Regionen"

    def ready(self) -> None:
        from ikz.municipalities import sources

        sources.register()
