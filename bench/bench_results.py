"""Results-view timings on the embedded SQLite: the secretariat's results page of a final
selection with 40 candidates, 12 jurors and 5 criteria (random scores with a fixed seed, about
one juror in ten conflicted per candidate), through Django's test client: the whole view
(permission checks, the reads, normalisation, proposal, what-if, the template). Prints the
median, 95th percentile and maximum in milliseconds and the number of queries, and writes
bench/reports/results.json. Not a test.

    make bench-results      (or: python bench/bench_results.py [--candidates 40] [--runs 20])

Target from the title-competition issue: under 300 ms, with a bounded number of queries (the
count is pinned in tests/competition/test_results_views.py).
"""

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["DK", "EE", "FI", "DE", "LV", "LT", "PL", "SE", "NO"]


def _setup():
    home = tempfile.mkdtemp(prefix="pearls-bench-")
    os.environ["PEARLS_HOME"] = home
    os.environ["DJANGO_SETTINGS_MODULE"] = "pearls.config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(Path(home) / "bench.sqlite3")
    call_command("migrate", verbosity=0)


def _edition(candidates, jurors, criteria, seed=7):
    """An edition in its jury phase with every juror's submitted sheets; returns the
    secretary (with two-factor authentication) who reads the results."""
    from django.utils import timezone

    from pearls.accounts.models import Municipality, RoleAssignment
    from pearls.competition.models import (
        Application,
        ConflictOfInterest,
        Criterion,
        Edition,
        Score,
        ScoreSheet,
    )
    from pearls.competition.services import edition_create
    from pearls.plans.models import Plan
    from tests.people import give_role, make_user

    rng = random.Random(seed)
    edition = edition_create(title_year=2027, name="Cultural Pearls 2027", actor=None)
    Edition.objects.filter(pk=edition.pk).update(phase=Edition.Phase.JURY, tie_threshold=0.1)
    final = list(edition.criteria.filter(stage=Criterion.Stage.FINAL))
    for n in range(len(final), criteria):
        final.append(
            Criterion.objects.create(
                edition=edition,
                stage=Criterion.Stage.FINAL,
                code=f"extra-{n}",
                label=f"Extra criterion {n}",
                position=n,
                weight=rng.choice([1, 1, 2, 3]),
            )
        )
    final = final[:criteria]
    Criterion.objects.filter(edition=edition, stage=Criterion.Stage.FINAL).exclude(
        pk__in=[c.pk for c in final]
    ).delete()
    applications = []
    for n in range(candidates):
        town = Municipality.objects.create(
            slug=f"town-{n:02d}", official_name=f"Town {n:02d}", country=rng.choice(COUNTRIES)
        )
        applications.append(
            Application.objects.create(
                edition=edition, municipality=town, status=Application.Status.SHORTLISTED
            )
        )
        Plan.objects.create(
            municipality=town, edition=edition, title=f"Plan {n}", state=Plan.State.SUBMITTED
        )
    now = timezone.now()
    for j in range(jurors):
        juror = make_user(f"juror{j}@example.org", name=f"Juror {j}", mfa=True)
        give_role(juror, RoleAssignment.Role.JURY, edition=edition)
        leniency = rng.uniform(-1.5, 1.5)
        for application in applications:
            if rng.random() < 0.1:
                ConflictOfInterest.objects.create(
                    edition=edition, user=juror, application=application, stage="final"
                )
                continue
            sheet = ScoreSheet.objects.create(
                application=application, user=juror, stage="final", submitted_at=now
            )
            Score.objects.bulk_create(
                Score(
                    sheet=sheet,
                    criterion=criterion,
                    value=min(10, max(1, round(rng.gauss(6 + leniency, 1.8)))),
                    comment="Justified.",
                )
                for criterion in final
            )
    secretary = make_user("secretariat@example.org", name="Secretariat", mfa=True)
    give_role(secretary, RoleAssignment.Role.SECRETARIAT)
    return secretary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--jurors", type=int, default=12)
    parser.add_argument("--criteria", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    _setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    secretary = _edition(args.candidates, args.jurors, args.criteria)
    client = Client()
    client.force_login(secretary)
    url = reverse("competition:results", kwargs={"year": 2027})
    response = client.get(url)  # warm up templates and translations
    assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # now: the next request clears the connection's log
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    report = {
        "database": "sqlite",
        "candidates": args.candidates,
        "jurors": args.jurors,
        "criteria": args.criteria,
        "runs": args.runs,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 1),
        "max_ms": round(timings[-1], 1),
        "queries": query_count,
        "bytes": len(response.content),
    }
    print(
        f"Results view, {args.candidates} candidates x {args.jurors} jurors x {args.criteria} "
        f"criteria, {args.runs} runs: median {report['median_ms']} ms, p95 {report['p95_ms']} ms,"
        f" max {report['max_ms']} ms (target < 300 ms); {report['queries']} queries; "
        f"{report['bytes'] // 1024} KiB of HTML"
    )
    out = ROOT / "bench" / "reports"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    main()
