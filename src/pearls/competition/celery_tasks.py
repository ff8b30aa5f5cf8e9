"""Celery tasks of the competition (production with a broker and a beat scheduler).

The beat schedule (``CELERY_BEAT_SCHEDULE`` in the settings) runs ``jury_remind`` once a day;
without Celery, a daily cron line ``pearls jury_remind`` does the same."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="pearls.competition.jury_remind")
def jury_remind_task():
    call_command("jury_remind")
