"""Storing practice vectors and finding the nearest ones, per database.

SQLite (embedded default): the vectors are read once into a numpy matrix held by the process
and refreshed when the table changes (rows are replaced, so the highest id tells); a query is
one matrix product. PostgreSQL: pgvector with an HNSW index (cosine distance).
A practice's score is the best of its language versions.
"""

import hashlib
import threading

import numpy as np
from django.db import connection, transaction

from . import embeddings
from .models import PracticeVector

_cache = {"key": None, "ids": None, "matrix": None}
_cache_lock = threading.Lock()
# How many vector rows PostgreSQL's HNSW search returns per requested practice (several
# language versions of one practice compete for places).
PG_OVERFETCH = 4


def _digest(text):
    return hashlib.sha256(f"{embeddings.MODEL}\n{text}".encode()).hexdigest()


def store(practices):
    """Embed and store the passages of ``practices`` whose text changed. Returns the number of
    passages embedded (unchanged ones are skipped)."""
    practices = list(practices)
    wanted = {}
    for practice in practices:
        for language, text in embeddings.passages(practice):
            wanted[(practice.pk, language)] = text
    existing = {
        (row.practice_id, row.language): row.text_hash
        for row in PracticeVector.objects.filter(practice__in=[p.pk for p in practices]).only(
            "practice_id", "language", "text_hash"
        )
    }
    todo = {key: text for key, text in wanted.items() if existing.get(key) != _digest(text)}
    stale = [key for key in existing if key not in wanted or key in todo]
    vectors = embeddings.embed_passages(list(todo.values())) if todo else []
    with transaction.atomic():
        for practice_id, language in stale:
            PracticeVector.objects.filter(practice_id=practice_id, language=language).delete()
        rows = PracticeVector.objects.bulk_create(
            [
                PracticeVector(
                    practice_id=practice_id,
                    language=language,
                    model=embeddings.MODEL,
                    text_hash=_digest(text),
                    vector=np.asarray(vector, dtype="<f4").tobytes(),
                )
                for ((practice_id, language), text), vector in zip(
                    todo.items(), vectors, strict=True
                )
            ]
        )
        if connection.vendor == "postgresql" and rows:
            _store_pgvector(rows)
    return len(todo)


def _literal(vector):
    return "[" + ",".join(f"{value:.7g}" for value in np.frombuffer(vector, dtype="<f4")) + "]"


def _store_pgvector(rows):
    if rows[0].pk is None:
        rows = PracticeVector.objects.filter(
            practice_id__in=[row.practice_id for row in rows]
        ).only("pk", "vector")
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE search_practicevector SET embedding = %s::vector WHERE id = %s",
            [(_literal(bytes(row.vector)), row.pk) for row in rows],
        )


def _matrix():
    """(practice ids per row, matrix) of every stored vector, rows grouped by practice."""
    key = PracticeVector.objects.order_by("-pk").values_list("pk", flat=True).first()
    count = PracticeVector.objects.count()
    if _cache["key"] != (key, count):
        with _cache_lock:
            if _cache["key"] != (key, count):
                rows = PracticeVector.objects.order_by("practice_id", "pk").values_list(
                    "practice_id", "vector"
                )
                ids, vectors = [], []
                for practice_id, vector in rows.iterator(chunk_size=5000):
                    ids.append(practice_id)
                    vectors.append(np.frombuffer(bytes(vector), dtype="<f4"))
                matrix = (
                    np.vstack(vectors)
                    if vectors
                    else np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
                )
                _cache.update(key=(key, count), ids=np.asarray(ids, dtype=np.int64), matrix=matrix)
    return _cache["ids"], _cache["matrix"]


def nearest(query_vector, *, limit=100, among=None):
    """[(practice id, cosine similarity)] best first, at most ``limit``.

    ``among`` (a set of practice ids, optional) restricts the candidates.
    """
    if connection.vendor == "postgresql":
        return _nearest_postgres(query_vector, limit, among)
    ids, matrix = _matrix()
    if not len(ids):
        return []
    scores = matrix @ np.asarray(query_vector, dtype=np.float32)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    best = np.maximum.reduceat(scores, starts)
    practice_ids = ids[starts]
    if among is not None:
        keep = np.isin(practice_ids, np.fromiter(among, dtype=np.int64, count=len(among)))
        practice_ids, best = practice_ids[keep], best[keep]
    if len(best) > limit:
        top = np.argpartition(-best, limit - 1)[:limit]
    else:
        top = np.arange(len(best))
    order = top[np.argsort(-best[top], kind="stable")]
    return [(int(practice_ids[i]), float(best[i])) for i in order]


def _nearest_postgres(query_vector, limit, among):
    literal = "[" + ",".join(f"{value:.7g}" for value in query_vector) + "]"
    with connection.cursor() as cursor:
        if among is not None:
            cursor.execute(
                "SELECT practice_id, MAX(1 - (embedding <=> %s::vector)) AS score "
                "FROM search_practicevector WHERE practice_id = ANY(%s) "
                "GROUP BY practice_id ORDER BY score DESC LIMIT %s",
                [literal, list(among), limit],
            )
            return [(row[0], float(row[1])) for row in cursor.fetchall()]
        cursor.execute(
            "SELECT practice_id, 1 - (embedding <=> %s::vector) FROM search_practicevector "
            "ORDER BY embedding <=> %s::vector LIMIT %s",
            [literal, literal, limit * PG_OVERFETCH],
        )
        best = {}
        for practice_id, score in cursor.fetchall():
            best.setdefault(practice_id, float(score))
    return sorted(best.items(), key=lambda item: -item[1])[:limit]


def missing(practice_ids):
    """The practices among ``practice_ids`` that have no vector yet."""
    done = set(
        PracticeVector.objects.filter(practice_id__in=practice_ids).values_list(
            "practice_id", flat=True
        )
    )
    return [pk for pk in practice_ids if pk not in done]
