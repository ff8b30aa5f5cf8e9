"""Catalogue timings on the embedded SQLite: import, list page and API with 1,000 and 10,000
practices. Prints figures and writes bench/reports/catalogue.json. Not a test.

    make bench        (or: python bench/bench_catalogue.py [--sizes 1000 10000] [--runs 15])

Server time is measured through Django's test client (no network), median of the runs.
Target from the foundation issue: list page and API under 100 ms at 10,000 practices.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = (
    "library choir heritage festival museum youth seniors neighbours crafts theatre garden "
    "reading music stage harbour village school archive film dance migrants volunteers "
    "biblioteka chór muzeum kultura młodzież seniorzy sąsiedzi rzemiosło teatr ogród "
    "kirjasto kuoro museo nuoret bibliotek kör museet ungdom kultūra bibliotēka jaunieši"
).split()
COUNTRIES = ["DK", "EE", "FI", "DE", "LV", "LT", "PL", "SE", "NO"]


def synthetic_records(count, vocabulary, seed=7):
    rng = random.Random(seed)
    for n in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(180))
        title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
        yield {
            "id": f"bench-{n:06d}",
            "title": {"en": f"{title} {n}", "pl": f"{title} {n} (pl)"},
            "summary": {"en": words[:400]},
            "description": {"en": words},
            "original_language": "en",
            "country": rng.choice(COUNTRIES),
            "place": f"Town {n % 700}",
            "population": rng.choice([900, 4000, 12000, 30000, 70000, 150000]),
            "location": {"lat": round(rng.uniform(53, 66), 4), "lon": round(rng.uniform(9, 28), 4)},
            "period": {"start": rng.randint(2005, 2026)},
            "challenges": rng.sample(list(vocabulary["challenges"]), 2),
            "dimensions": rng.sample(list(vocabulary["dimensions"]), 2),
            "domains": rng.sample(list(vocabulary["domains"]), 2),
            "target_groups": rng.sample(list(vocabulary["target_groups"]), 2),
            "source": "benchmark (synthetic)",
        }


def median_ms(client, url, runs):
    client.get(url)  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return round(statistics.median(times), 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    report = {"database": "sqlite", "runs": args.runs, "sizes": {}}
    for size in args.sizes:
        home = tempfile.mkdtemp(prefix="pearls-bench-")
        os.environ["PEARLS_HOME"] = home
        os.environ["DJANGO_SETTINGS_MODULE"] = "pearls.config.settings.test"
        os.environ["PEARLS_NODE_MODULES"] = str(ROOT / "node_modules")
        import django
        from django.conf import settings

        if not settings.configured or size == args.sizes[0]:
            django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from pearls.catalogue import services
        from pearls.catalogue.models import Practice
        from pearls.catalogue.validation import record_errors
        from pearls.catalogue.vocabulary import vocabulary

        connection.close()
        connection.settings_dict["NAME"] = str(Path(home) / "bench.sqlite3")
        call_command("migrate", verbosity=0)
        Practice.objects.all().delete()
        records = list(synthetic_records(size, vocabulary()))
        started = time.perf_counter()
        invalid = sum(1 for record in records if record_errors(record))
        services.practices_import(records=records)
        import_s = round(time.perf_counter() - started, 1)
        assert invalid == 0
        client = Client()
        urls = {
            "list page": "/en/practices/",
            "list page, search": "/en/practices/?q=library+choir",
            "list page, filters": (
                "/en/practices/?country=PL&country=LV&challenge=ageing&size=5k-20k"
            ),
            "list page, page 40": "/en/practices/?page=40",
            "API list": "/api/v1/practices",
            "API search + filter": "/api/v1/practices?q=museum&domain=music",
            "API record": "/api/v1/practices/bench-000042",
        }
        figures = {"import_seconds (validate + write)": import_s}
        figures.update({name: median_ms(client, url, args.runs) for name, url in urls.items()})
        report["sizes"][size] = figures
        print(f"\n{size:,} practices (SQLite), median of {args.runs} runs:")
        for name, value in figures.items():
            unit = "s" if "seconds" in name else "ms"
            print(f"  {name:38} {value:>8} {unit}")
    out = ROOT / "bench" / "reports"
    out.mkdir(parents=True, exist_ok=True)
    (out / "catalogue.json").write_text(json.dumps(report, indent=2))
    print(f"\nreport: {out / 'catalogue.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
