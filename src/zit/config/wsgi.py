import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zit.config.settings")
application = get_wsgi_application()

# What the first request after a restart would otherwise wait for is done while the server starts (in each
# gunicorn worker before it takes a request, or once in the master with --preload): the URLs, with every view
# and what the views import, and their table for building links; and the Polish search dictionary.
from django.urls import reverse  # noqa: E402

from zit.opendata.search import prepare  # noqa: E402

reverse("portal:home")
prepare()
