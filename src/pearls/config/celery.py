"""The Celery application: used in production when CELERY_BROKER_URL names Redis.

Start a worker with the web process's settings:
    DJANGO_SETTINGS_MODULE=pearls.config.settings.production celery -A pearls.config worker
"""

from celery import Celery

app = Celery("pearls")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["pearls.search"], related_name="celery_tasks")
