from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def audit_guard_reinstall(sender, using: str = "default", **kwargs) -> None:
    """After every migrate: SQLite loses a table's triggers whenever a migration rebuilds the table."""
    from zit.core import audit_guard

    connection = connections[using]
    if set(audit_guard.TABLES) <= set(connection.introspection.table_names()):
        audit_guard.install(connection)


class CoreConfig(AppConfig):
    name = "zit.core"
    label = "core"
    verbose_name = _("Rdzeń: audyt, decyzje, zadania")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from zit.core.sqlite import install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="zit-unicode-like")
        post_migrate.connect(audit_guard_reinstall, sender=self, dispatch_uid="zit-audit-guard")

        from zit.core import integrity  # noqa: F401  registers the daily integrity check with the jobs
        from zit.core.backup import job  # noqa: F401  registers the recurring backup with the jobs
