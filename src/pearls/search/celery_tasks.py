"""Celery tasks of the search app (production with a broker; see tasks.py)."""

from celery import shared_task


@shared_task(name="pearls.search.embed_practices")
def embed_practices_task(practice_ids):
    from .tasks import embed_practices

    return embed_practices(practice_ids)
