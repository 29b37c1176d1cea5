from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zit.core"
    label = "core"
    verbose_name = _("Rdzeń: audyt, decyzje, zadania")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from zit.core.sqlite import install_unicode_like

        connection_created.connect(install_unicode_like, dispatch_uid="zit-unicode-like")

        from zit.core.backup import job  # noqa: F401  registers the recurring backup with the jobs
