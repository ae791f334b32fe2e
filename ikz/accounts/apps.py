from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ikz.accounts"
    verbose_name = "Personen und Rollen"

    def ready(self) -> None:
        # The queue sits below the accounts (decision 156): it asks for roles through this hook.
        from ikz.accounts.access import roles_of
        from ikz.jobs import access as jobs_access

        if roles_of not in jobs_access.ROLES_OF:
            jobs_access.ROLES_OF.append(roles_of)
