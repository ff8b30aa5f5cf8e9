"""Embedding practices in the background, never inside the request that saved them.

``vectors_queue(ids)`` runs after the transaction commits and hands the work to:
- Celery (production, when ``CELERY_BROKER_URL`` is set: Redis), task ``embed_practices``;
- a single in-process worker thread (the embedded mode: ``make run`` needs no other service);
- nothing, or the caller itself, when ``PEARLS_EMBEDDINGS`` is "off" or "sync" (tests).
Until a practice has its vectors, search finds it by its words.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import close_old_connections, transaction

log = logging.getLogger(__name__)
BATCH = 32
_executor = None
_executor_lock = threading.Lock()


def mode():
    return getattr(settings, "PEARLS_EMBEDDINGS", "thread")


def embed_practices(practice_ids):
    """Embed the given practices (published or not) in batches. Returns passages embedded."""
    from pearls.catalogue.models import Practice

    from . import semantic

    done = 0
    ids = list(practice_ids)
    for start in range(0, len(ids), BATCH):
        practices = Practice.objects.filter(pk__in=ids[start : start + BATCH]).only(
            "pk",
            "title",
            "summary",
            "description",
            "original_language",
            "challenges",
            "domains",
            "target_groups",
        )
        done += semantic.store(practices)
    return done


def _in_thread(practice_ids):
    try:
        embed_practices(practice_ids)
    except Exception:  # a failed batch leaves those practices to lexical search
        log.exception("Embedding %d practices failed", len(practice_ids))
    finally:
        close_old_connections()


def _dispatch(practice_ids):
    global _executor
    current = mode()
    if current == "celery":
        from .celery_tasks import embed_practices_task

        embed_practices_task.delay(practice_ids)
    elif current == "sync":
        embed_practices(practice_ids)
    elif current == "thread":
        with _executor_lock:
            if _executor is None:
                _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        _executor.submit(_in_thread, practice_ids)


def vectors_queue(practice_ids):
    """Embed these practices once the current transaction has committed."""
    ids = [int(pk) for pk in practice_ids]
    if ids and mode() != "off":
        transaction.on_commit(lambda: _dispatch(ids))


def wait_for_thread():
    """Block until the in-process worker has finished what is queued (commands, tests)."""
    if _executor is not None:
        _executor.submit(lambda: None).result()
