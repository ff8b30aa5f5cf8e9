"""Storing practice vectors and finding the nearest ones, per database.

SQLite (embedded default): the vectors are read once into a numpy matrix held by the process
and refreshed when the table changes (rows are replaced, so the highest id tells); a query is
one matrix product. PostgreSQL: pgvector's HNSW index (cosine distance) picks the candidate
practices, which are then scored exactly like on SQLite. A practice's score is its best
language version plus a share of its codes passage (see ``_scores``).
"""

import hashlib
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from django.db import connection, transaction
from django.db.models import Q

from . import embeddings
from .models import PracticeVector

_index = None  # the SQLite index (see ``_matrix``), replaced whole, never changed in place
_pg_centroids = None  # (checked at, {language: mean vector}) on PostgreSQL
# Weight of the codes passage (English vocabulary labels) added to the best language version;
# measured on the labelled set: 0.6 (0.0: 0.622, 0.3: 0.635, 0.6: 0.649, 1.0: 0.652 nDCG@10
# with more spread across languages).
CODES_WEIGHT = 0.6
_lock = threading.Lock()
# How often a process looks whether another process (a Celery worker) changed the vectors;
# writes in this process refresh at once (``store`` forgets the cache).
REFRESH_SECONDS = 2.0
# How many vector rows PostgreSQL's HNSW search returns per requested practice (several
# language versions of one practice compete for places).
PG_OVERFETCH = 4
CHUNK_ROWS = 8_192
# Above this many index rows the product is split across threads (numpy releases the GIL):
# the product is bound by one core's memory bandwidth, and with two cores it fell from 14.4 to
# 8.4 ms for 116,667 rows. Below it, one thread is cheaper than the hand-over.
PARALLEL_ROWS = 20_000
_pool = None


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
    digests = {key: _digest(text) for key, text in wanted.items()}
    todo = {key: text for key, text in wanted.items() if existing.get(key) != digests[key]}
    stale = [key for key in existing if key not in wanted or key in todo]
    vectors = embeddings.embed_passages(list(todo.values())) if todo else []
    with transaction.atomic():
        if stale:
            gone = Q(pk__in=[])
            for practice_id, language in stale:
                gone |= Q(practice_id=practice_id, language=language)
            PracticeVector.objects.filter(gone).delete()
        rows = PracticeVector.objects.bulk_create(
            [
                PracticeVector(
                    practice_id=practice_id,
                    language=language,
                    model=embeddings.MODEL,
                    text_hash=digests[(practice_id, language)],
                    vector=np.asarray(vector, dtype="<f4").tobytes(),
                )
                for (practice_id, language), vector in zip(todo, vectors, strict=True)
            ]
        )
        if connection.vendor == "postgresql" and rows:
            _store_pgvector(rows)
    forget()
    return len(todo)


def forget():
    """Drop this process's copy of the vectors (and PostgreSQL's language means); the next
    search reads them again."""
    global _index, _pg_centroids
    _index = None
    _pg_centroids = None


def _literal(vector):
    """A pgvector literal for a float32 array."""
    return "[" + ",".join(f"{value:.7g}" for value in vector) + "]"


def _store_pgvector(rows):
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE search_practicevector SET embedding = %s::vector WHERE id = %s",
            [(_literal(np.frombuffer(bytes(row.vector), dtype="<f4")), row.pk) for row in rows],
        )


def _table_key():
    """Changes whenever rows are added or removed: rows are replaced, never updated, and ids
    are never reused (AUTOINCREMENT; only rolled-back test transactions reuse them, and the
    tests forget the cache between them)."""
    from django.db.models import Count, Max

    found = PracticeVector.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return (found["n"], found["last"])


def _load(rows, count=0):
    """(practice ids, languages, float16 matrix) from (practice id, language, vector bytes)
    rows ordered by practice; ``_build`` folds them into float32. Filled in place: no list of
    per-row arrays, whose overhead once doubled the memory of a 100,000-practice index."""
    ids = np.empty(count, dtype=np.int64)
    matrix = np.empty((count, embeddings.DIMENSIONS), dtype=np.float16)
    languages = []
    for index, (practice_id, language, vector) in enumerate(rows):
        if index >= len(ids):  # rows added since they were counted
            grown = max(16, 2 * len(ids))
            ids = np.resize(ids, grown)
            matrix = np.resize(matrix, (grown, embeddings.DIMENSIONS))
        ids[index] = practice_id
        matrix[index] = np.frombuffer(bytes(vector), dtype="<f4")
        languages.append(language)
    size = len(languages)
    return ids[:size], np.asarray(languages), matrix[:size]


def _starts(ids):
    """Where each practice's rows begin in ``ids`` (rows grouped by practice)."""
    return np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]]) if len(ids) else np.array([], int)


def _chunks(size, step=CHUNK_ROWS):
    return ((start, min(size, start + step)) for start in range(0, size, step))


def _centroids(matrix, language_index, count):
    """The mean vector of each language, summed in chunks (one-hot product, float32)."""
    sums = np.zeros((count, embeddings.DIMENSIONS), dtype=np.float32)
    for start, end in _chunks(len(matrix)):
        onehot = np.zeros((end - start, count), dtype=np.float32)
        onehot[np.arange(end - start), language_index[start:end]] = 1.0
        sums += onehot.T @ matrix[start:end].astype(np.float32)
    counts = np.bincount(language_index, minlength=count).astype(np.float32)
    return sums / np.maximum(counts, 1.0)[:, None]


def _build(ids, languages, matrix, centroids=None):
    """The search index: one row per language version of each practice, with the practice's
    scoring folded in, so that a query is one matrix product and a maximum per practice.

    A practice's score is its best language version plus ``CODES_WEIGHT`` times its codes
    passage, each taken relative to its language's mean vector (``_scores``). Both terms are
    linear in the query, so each row stores ``(text - mean of its language) + CODES_WEIGHT ×
    (codes - mean of codes)``; a practice with only a codes passage gets that term alone.
    Folding halved the rows to read per query (100,000 practices: 216,667 stored vectors,
    116,667 index rows, 178 MB): the product is bound by memory bandwidth. A coarse projection
    (128 principal directions, then exact rescoring) was tried and dropped: it kept only a
    quarter of the exact top 50.
    """
    names = sorted(set(languages.tolist()))
    position = {name: i for i, name in enumerate(names)}
    language_index = np.fromiter(
        (position[name] for name in languages.tolist()), dtype=np.int16, count=len(languages)
    )
    if centroids is None:
        centroids = _centroids(matrix, language_index, len(names))
    elif names:  # given per name (PostgreSQL: the whole catalogue's, not the candidates')
        # A language newer than the cached means falls back to its candidates' own mean.
        local = None
        rows = []
        for i, name in enumerate(names):
            if name not in centroids and local is None:
                local = _centroids(matrix, language_index, len(names))
            rows.append(centroids[name] if name in centroids else local[i])
        centroids = np.vstack(rows)
    is_codes = languages == embeddings.CODES
    starts = _starts(ids)
    owner = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(ids)]))
    codes_row = np.full(len(starts), -1, dtype=np.int64)
    codes_row[owner[is_codes]] = np.flatnonzero(is_codes)
    has_text = np.zeros(len(starts), dtype=bool)
    has_text[owner[~is_codes]] = True
    # Rows of the index: every text row, and the codes row of practices without text.
    source = np.flatnonzero(~is_codes | ~has_text[owner])
    folded = np.empty((len(source), embeddings.DIMENSIONS), dtype=np.float32)
    codes_centroid = centroids[position[embeddings.CODES]] if embeddings.CODES in position else 0
    for start, end in _chunks(len(source)):
        rows = source[start:end]
        text = matrix[rows].astype(np.float32) - centroids[language_index[rows]]
        text[is_codes[rows]] = 0.0
        codes = codes_row[owner[rows]]
        with_codes = codes >= 0
        text[with_codes] += CODES_WEIGHT * (
            matrix[codes[with_codes]].astype(np.float32) - codes_centroid
        )
        folded[start:end] = text
    return {"ids": ids[source], "rows": folded, "starts": _starts(ids[source])}


def _matrix():
    """The search index of every stored vector (``_build``).

    The index is built aside and swapped in whole, so a search that holds the old one keeps a
    consistent copy while another thread refreshes or forgets it.
    """
    global _index
    index, now = _index, time.monotonic()
    if index is not None and now - index["checked"] < REFRESH_SECONDS:
        return index
    key = _table_key()  # a full count at 100,000 practices (~20 ms): not on every query
    if index is not None and index["key"] == key:
        index["checked"] = now
        return index
    with _lock:
        rows = PracticeVector.objects.order_by("practice_id", "pk").values_list(
            "practice_id", "language", "vector"
        )
        index = {
            **_build(*_load(rows.iterator(chunk_size=5000), key[0])),
            "key": key,
            "checked": now,
        }
        _index = index
    return index


def _scores(index, query):
    """(practice ids, scores) of every practice in the index, exactly."""
    starts = index["starts"]
    if not len(starts):
        return index["ids"][:0], np.zeros(0, dtype=np.float32)
    scores = _product(index["rows"], query)
    return index["ids"][starts], np.maximum.reduceat(scores, starts)


def _product(rows, query):
    """``rows @ query``, in parallel slices for a large index."""
    global _pool
    workers = min(4, os.cpu_count() or 1)
    if len(rows) < PARALLEL_ROWS or workers < 2:
        return rows @ query
    if _pool is None:
        with _lock:
            if _pool is None:
                _pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vectors")
    bounds = np.linspace(0, len(rows), workers + 1, dtype=int)
    parts = _pool.map(lambda i: rows[bounds[i] : bounds[i + 1]] @ query, range(workers))
    return np.concatenate(list(parts))


def nearest(query_vector, *, limit=100):
    """[(practice id, score)] best first, at most ``limit``."""
    query = np.asarray(query_vector, dtype=np.float32)
    if connection.vendor == "postgresql":
        candidates = _candidates_postgres(query, limit)
        index = _build(*candidates, centroids=_centroids_postgres()) if len(candidates[0]) else None
    else:
        index = _matrix()
    if index is None or not len(index["ids"]):
        return []
    practice_ids, best = _scores(index, query)
    if len(best) > limit:
        top = np.argpartition(-best, limit - 1)[:limit]
    else:
        top = np.arange(len(best))
    order = top[np.lexsort((practice_ids[top], -best[top]))]
    return [(int(practice_ids[i]), float(best[i])) for i in order]


def _centroids_postgres():
    """The mean vector of each language, refreshed like the SQLite index."""
    global _pg_centroids
    cached, now = _pg_centroids, time.monotonic()
    if cached is not None and now - cached[0] < REFRESH_SECONDS:
        return cached[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT language, AVG(embedding)::text FROM search_practicevector GROUP BY language"
        )
        centroids = {
            language: np.asarray(json.loads(text), dtype=np.float32)
            for language, text in cursor.fetchall()
        }
    _pg_centroids = (now, centroids)
    return centroids


def _candidates_postgres(query, limit):
    """Rows of the practices that pgvector's HNSW index finds nearest (all their languages)."""
    with transaction.atomic(), connection.cursor() as cursor:
        # HNSW returns at most ef_search rows (40 by default): ask for as many as needed.
        cursor.execute("SET LOCAL hnsw.ef_search = %s", [limit * PG_OVERFETCH])
        cursor.execute(
            "SELECT practice_id FROM search_practicevector "
            "ORDER BY embedding <=> %s::vector LIMIT %s",
            [_literal(query), limit * PG_OVERFETCH],
        )
        candidates = sorted({row[0] for row in cursor.fetchall()})
    rows = (
        PracticeVector.objects.filter(practice_id__in=candidates)
        .order_by("practice_id", "pk")
        .values_list("practice_id", "language", "vector")
    )
    return _load(rows, 3 * len(candidates))


def nearest_in(queryset, query_vector, *, limit):
    """The practice ids of ``queryset`` nearest to ``query_vector``, best first.

    Nearest over every stored vector, then one query keeps those in ``queryset`` (drafts have
    vectors too): cheaper than passing the ids of the whole catalogue as candidates.
    """
    ids = [pk for pk, _score in nearest(query_vector, limit=2 * limit)]
    kept = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in kept][:limit]


def missing(practice_ids):
    """The practices among ``practice_ids`` that have no vector yet."""
    done = set(
        PracticeVector.objects.filter(practice_id__in=practice_ids).values_list(
            "practice_id", flat=True
        )
    )
    return [pk for pk in practice_ids if pk not in done]


def practice_vector(practice_id):
    """The mean of a practice's stored text vectors (normalised), or None without vectors."""
    rows = PracticeVector.objects.filter(practice_id=practice_id).exclude(language=embeddings.CODES)
    vectors = [
        np.frombuffer(bytes(vector), dtype="<f4")
        for vector in rows.values_list("vector", flat=True)
    ]
    if not vectors:
        return None
    mean = np.mean(vectors, axis=0)
    return mean / np.linalg.norm(mean)
