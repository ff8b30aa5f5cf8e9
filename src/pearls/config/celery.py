"""The Celery application: used in production when CELERY_BROKER_URL names Redis.

Start a worker with: celery -A pearls.config.celery worker --loglevel=INFO
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pearls.config.settings.production")

app = Celery("pearls")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["pearls.search"], related_name="celery_tasks")
