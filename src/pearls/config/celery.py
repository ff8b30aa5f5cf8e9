"""The Celery application: used in production when CELERY_BROKER_URL names Redis.

Start a worker with the web process's settings:
    DJANGO_SETTINGS_MODULE=pearls.config.settings.production celery -A pearls.config worker
and the scheduler of the daily jobs (CELERY_BEAT_SCHEDULE: the jury's reminders) beside it:
    DJANGO_SETTINGS_MODULE=pearls.config.settings.production celery -A pearls.config beat
"""

from celery import Celery

app = Celery("pearls")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["pearls.search", "pearls.competition"], related_name="celery_tasks")
