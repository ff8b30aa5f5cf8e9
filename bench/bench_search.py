"""Search quality and speed: lexical-only against hybrid, on the labelled set in bench/search/.

    make bench-search     (or: python bench/bench_search.py [--speed-sizes 1000 10000 100000])

Quality: nDCG@10, Recall@10 and MRR overall and per query language, on the benchmark corpus
(the demo practices with the English text removed from two in three of those first written in
another language, so that over 30 % have no English). Speed: latency of the batch search
(query embedding included) with 1,000, 10,000 and 100,000 practices (synthetic copies of the
demo set with perturbed real vectors), peak memory, index build throughput on 1,000 real
texts and the cost of one incremental update. Prints the figures and writes
bench/reports/search.json. Not a test.
"""

import os

# As in the settings: one BLAS thread, or OpenBLAS workers starve the embedding model.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import math
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "pearls" / "catalogue" / "demo_data"
QUERIES = ROOT / "bench" / "search" / "queries.jsonl"
TEXT_FIELDS = ("title", "summary", "description", "results", "lessons", "transferability")


def setup_django(home):
    os.environ["PEARLS_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "pearls.config.settings.test"
    os.environ["PEARLS_NODE_MODULES"] = str(ROOT / "node_modules")
    os.environ["PEARLS_EMBEDDINGS"] = "off"  # the benchmark embeds explicitly, timed
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(Path(home) / "bench.sqlite3")
    call_command("migrate", verbosity=0)


def benchmark_corpus():
    """Demo records; English removed from two in three of those first written elsewhere."""
    records = []
    for path in sorted(DEMO.glob("practices-*.jsonl")):
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    records.sort(key=lambda record: record["id"])
    local = [r for r in records if r["original_language"] != "en"]
    for index, record in enumerate(local):
        if index % 3 != 0:
            for name in TEXT_FIELDS:
                if name in record and record["original_language"] in record[name]:
                    record[name].pop("en", None)
    return records


def ndcg_at_10(ranked, grades):
    dcg = sum((2 ** grades.get(pid, 0) - 1) / math.log2(i + 2) for i, pid in enumerate(ranked[:10]))
    ideal = sorted(grades.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at_10(ranked, grades):
    relevant = {pid for pid, grade in grades.items() if grade >= 1}
    return len(relevant & set(ranked[:10])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked, grades):
    for i, pid in enumerate(ranked, 1):
        if grades.get(pid, 0) >= 1:
            return 1 / i
    return 0.0


def evaluate(name, search, queries):
    per_language = defaultdict(lambda: defaultdict(list))
    for query in queries:
        ranked = search(query["text"])
        for metric, value in (
            ("nDCG@10", ndcg_at_10(ranked, query["relevant"])),
            ("Recall@10", recall_at_10(ranked, query["relevant"])),
            ("MRR", reciprocal_rank(ranked, query["relevant"])),
        ):
            per_language[query["lang"]][metric].append(value)
            per_language["all"][metric].append(value)
    return {
        language: {metric: round(statistics.mean(values), 3) for metric, values in metrics.items()}
        for language, metrics in per_language.items()
    }


def quality(report):
    from django.test import override_settings

    from pearls.catalogue import selectors, services
    from pearls.catalogue.models import Practice
    from pearls.search import hybrid, semantic

    records = benchmark_corpus()
    no_english = sum(1 for r in records if "en" not in r["title"])
    services.practices_import(records=records)
    practices = list(Practice.objects.all())
    started = time.perf_counter()
    passages = semantic.store(practices)
    seconds = time.perf_counter() - started
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines()]
    report["corpus"] = {
        "practices": len(records),
        "without_english_pct": round(100 * no_english / len(records), 1),
        "passages_embedded": passages,
        "embedding_seconds": round(seconds, 1),
        "queries": len(queries),
        "queries_naming_a_facet": sum(1 for q in queries if q.get("names_facet")),
    }

    def page_search(text):
        results = selectors.practices_search(query=text, filters={}, language="en", facets=False)
        return results.slugs(10)

    published = selectors.practices_published()
    slug_of = dict(Practice.objects.values_list("pk", "slug"))

    def variant(**options):
        def search(text):
            ranking = hybrid.rank(published, text, **options)
            return [slug_of[pk] for pk in ranking.ids[:10]]

        return search

    systems = {}
    with override_settings(PEARLS_SEMANTIC_SEARCH=False):
        systems["lexical only"] = evaluate("lexical", page_search, queries)
    systems["dense only"] = evaluate(
        "dense", variant(weights={"lexical": 0.0, "semantic": 1.0}, use_facets=False), queries
    )
    systems["hybrid, no vocabulary"] = evaluate("rrf", variant(use_facets=False), queries)
    systems["hybrid (shipped)"] = evaluate("hybrid", page_search, queries)
    report["quality"] = systems
    languages = sorted(systems["hybrid (shipped)"])
    print(f"\nBenchmark corpus: {report['corpus']}")
    for metric in ("nDCG@10", "Recall@10", "MRR"):
        print(f"\n{metric:22}" + "".join(f"{lang:>7}" for lang in languages))
        for name, result in systems.items():
            print(
                f"{name:22}"[:22] + "".join(f"{result[lang][metric]:>7.3f}" for lang in languages)
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed-sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="pearls-bench-search-"))
    setup_django(home)
    report = {"database": "sqlite"}
    quality(report)
    if args.speed_sizes:
        from bench_search_speed import speed  # noqa: PLC0415 - same folder

        report["speed"] = speed(args.speed_sizes)
    out = ROOT / "bench" / "reports"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nreport: {out / 'search.json'}")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    return 0


if __name__ == "__main__":
    random.seed(7)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
