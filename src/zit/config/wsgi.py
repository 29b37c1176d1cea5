import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zit.config.settings")
application = get_wsgi_application()

# the Polish search dictionary, read while the server starts, not in the first search after a restart
from zit.opendata.search import prepare  # noqa: E402

prepare()
