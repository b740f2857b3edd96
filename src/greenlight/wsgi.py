"""WSGI entry point for any WSGI server (waitress via `greenlight serve`, gunicorn, uwsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greenlight.settings")
application = get_wsgi_application()
