"""Speed part of bench_search.py: latency and memory at 1,000, 10,000 and 100,000 practices.

Synthetic practices are copies of the demo practices (new ids, the same texts) whose vectors
are the real demo vectors with a small random perturbation, so the index has the shape of a
real catalogue without embedding 100,000 texts. Query latency includes embedding the query.
"""

import os

# As in the settings: one BLAS thread, or OpenBLAS workers starve the embedding model.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import json
import random
import resource
import statistics
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return None


def _grow(size, rng):
    """Add synthetic practices (and vectors) until the catalogue has ``size`` practices."""
    from django.db import transaction

    from pearls.catalogue import services
    from pearls.catalogue.interchange import record_from_practice
    from pearls.catalogue.models import Practice
    from pearls.search.models import PracticeVector

    demo = list(Practice.objects.filter(slug__regex=r"^[a-z]{2}-").order_by("pk"))
    vectors = {}
    for row in PracticeVector.objects.filter(practice__in=demo):
        vectors.setdefault(row.practice_id, []).append((row.language, bytes(row.vector)))
    have = Practice.objects.count()
    n = have
    while n < size:
        chunk = min(5000, size - n)
        records = []
        sources = []
        for i in range(chunk):
            source = demo[(n + i) % len(demo)]
            record = record_from_practice(source)
            record["id"] = f"syn-{n + i:06d}"
            records.append(record)
            sources.append(source)
        services.practices_import(records=records)
        ids = dict(
            Practice.objects.filter(slug__in=[r["id"] for r in records]).values_list("slug", "pk")
        )
        rows = []
        for record, source in zip(records, sources, strict=True):
            for language, vector in vectors.get(source.pk, []):
                v = np.frombuffer(vector, dtype="<f4") + rng.normal(0, 0.02, 384).astype("<f4")
                v /= np.linalg.norm(v)
                rows.append(
                    PracticeVector(
                        practice_id=ids[record["id"]],
                        language=language,
                        model="synthetic",
                        text_hash="synthetic",
                        vector=v.astype("<f4").tobytes(),
                    )
                )
        with transaction.atomic():
            PracticeVector.objects.bulk_create(rows, batch_size=2000)
        n += chunk


def _latencies(queries):
    from pearls.catalogue import selectors

    times = []
    for query in queries:
        started = time.perf_counter()
        selectors.practices_search(query=query, filters={}, language="en", facets=False).slugs(20)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()

    def pct(p):
        return round(times[min(len(times) - 1, int(round(p / 100 * (len(times) - 1))))], 1)

    return {
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "mean_ms": round(statistics.mean(times), 1),
    }


def _build_throughput():
    """Embedding throughput on 1,000 real texts (fields of the demo practices)."""
    from pearls.catalogue.models import Practice
    from pearls.search import embeddings

    texts = []
    for practice in Practice.objects.filter(slug__regex=r"^[a-z]{2}-").order_by("pk"):
        for field in ("title", "summary", "description", "results", "lessons", "transferability"):
            texts += [t for t in (getattr(practice, field) or {}).values() if t]
    texts = (texts * (1000 // max(len(texts), 1) + 1))[:1000]
    started = time.perf_counter()
    embeddings.embed_passages(texts)
    seconds = time.perf_counter() - started
    return {
        "texts": len(texts),
        "seconds": round(seconds, 1),
        "texts_per_second": round(len(texts) / seconds, 1),
    }


def _incremental_update():
    """One practice edited: the lexical index and its vectors are rewritten."""
    from pearls.catalogue.models import Practice
    from pearls.search import lexical, semantic

    practice = Practice.objects.filter(slug__regex=r"^[a-z]{2}-").first()
    practice.summary = {**practice.summary, "en": "A changed summary for the benchmark."}
    practice.save()
    started = time.perf_counter()
    lexical.index_practices([practice])
    embedded = semantic.store([practice])
    return {"passages": embedded, "ms": round((time.perf_counter() - started) * 1000, 1)}


def speed(sizes):
    from pearls.search import embeddings

    queries = [
        json.loads(line)["text"]
        for line in (ROOT / "bench" / "search" / "queries.jsonl").read_text().splitlines()
    ]
    rng = np.random.default_rng(7)
    random.seed(7)
    embeddings.embed_queries(["warm up"])
    report = {"build": _build_throughput(), "update": _incremental_update(), "sizes": {}}
    print(f"\nIndex build: {report['build']}; incremental update: {report['update']}")
    for size in sorted(sizes):
        started = time.perf_counter()
        _grow(size, rng)
        grow_s = round(time.perf_counter() - started, 1)
        _latencies(queries[:5])  # load the vector matrix once
        figures = _latencies(queries)
        figures["rss_mb_web_process_model_loaded"] = _rss_mb()
        figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        figures["setup_seconds"] = grow_s
        report["sizes"][size] = figures
        print(f"{size:>7,} practices: {figures}")
    return report
