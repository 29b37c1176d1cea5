import sys

from django.apps import AppConfig

# the processes that search or index the catalogue for a long time: they read the Polish dictionary as they
# start (the web server does it in zit.config.wsgi)
PREPARED_AT_START = {"db_worker"}


class OpendataConfig(AppConfig):
    name = "zit.opendata"
    label = "opendata"
    verbose_name = "Otwarte dane"

    def ready(self):
        if sys.argv[1:2] and sys.argv[1] in PREPARED_AT_START:
            from zit.opendata.search import prepare

            prepare()
