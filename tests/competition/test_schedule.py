"""The jury's reminders run daily under Celery beat, through the same command as cron."""

import pytest
from celery.schedules import crontab
from django.conf import settings

from pearls.competition.celery_tasks import jury_remind_task
from pearls.config.celery import app


def test_beat_schedule_runs_the_reminders_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["jury-remind"]
    assert entry["task"] == "pearls.competition.jury_remind"
    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {0}


def test_the_scheduled_task_is_registered():
    app.loader.import_default_modules()
    app.autodiscover_tasks(["pearls.competition"], related_name="celery_tasks", force=True)
    assert "pearls.competition.jury_remind" in app.tasks


@pytest.mark.django_db
def test_the_task_calls_the_command(monkeypatch):
    called = []
    monkeypatch.setattr(
        "pearls.competition.celery_tasks.call_command", lambda *args: called.append(args)
    )
    jury_remind_task()
    assert called == [("jury_remind",)]
