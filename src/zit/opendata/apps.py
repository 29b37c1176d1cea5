import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# the background worker's commands (django-tasks' own, and the platform's wrapper that the systemd unit
# starts): they index the catalogue, so they read the Polish dictionary as they start (the web server does it
# in zit.config.wsgi)
PREPARED_AT_START = {"db_worker", "run_worker"}


class OpendataConfig(AppConfig):
    name = "zit.opendata"
    label = "opendata"
    verbose_name = _("Otwarte dane")

    def ready(self):
        if sys.argv[1:2] and sys.argv[1] in PREPARED_AT_START:
            from zit.opendata.search import prepare

            prepare()
