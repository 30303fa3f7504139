"""WSGI entry point for gunicorn (see gunicorn.conf.py); production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings.production")

application = get_wsgi_application()
