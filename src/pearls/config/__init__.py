"""Project configuration. The Celery app is loaded with Django so that tasks queued by the web
process reach the broker of CELERY_BROKER_URL, not Celery's default."""

from .celery import app as celery_app

__all__ = ["celery_app"]
