"""Plan builder timings on the embedded SQLite: exporting a plan with 20 actions to PDF (with
its page count) and answering an autosave. Prints figures and writes bench/reports/plans.json.
Not a test.

    make bench-plans        (or: python bench/bench_plans.py [--actions 20] [--runs 5])

Targets from the toolkit issue: the PDF of a 20-action plan in under 5 s; autosave under
100 ms. The autosave is timed through Django's test client (the whole view: permission check,
lock, save, audit entry and the version snapshot), median and 95th percentile.
"""

import argparse
import io
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = (
    "Residents of all ages meet in the castle, the library and on the market square. "
    "Older people tell stories, young people record them, new residents cook and sing. "
)


def _setup():
    home = tempfile.mkdtemp(prefix="pearls-bench-")
    os.environ["PEARLS_HOME"] = home
    os.environ["DJANGO_SETTINGS_MODULE"] = "pearls.config.settings.test"
    os.environ["PEARLS_NODE_MODULES"] = str(ROOT / "node_modules")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = str(Path(home) / "bench.sqlite3")
    call_command("migrate", verbosity=0)


def _plan(actions):
    from pearls.accounts.models import Membership, Municipality
    from pearls.competition.models import Edition
    from pearls.ecosystem.models import Sector, Stakeholder
    from pearls.plans import services
    from pearls.plans.sections import SECTIONS
    from pearls.toolkit import services as toolkit
    from pearls.toolkit.statements import CODES
    from tests.people import make_user

    town = Municipality.objects.create(slug="bench", official_name="Benchtown", country="PL")
    user = make_user(name="Bench Coordinator")
    Membership.objects.create(user=user, municipality=town, role="coordinator")
    edition = Edition.objects.create(name="Cultural Pearls 2027", title_year=2027)
    partners = [
        Stakeholder.objects.create(
            municipality=town,
            name=f"Partner {n}",
            organisation_type="ngo",
            sector=list(Sector)[n % len(Sector)],
        )
        for n in range(8)
    ]
    round_ = toolkit.assessment_open(municipality=town, title="Baseline", actor=user)
    for n in range(6):
        toolkit.response_save(
            assessment=round_,
            answers={code: (n + i) % 5 + 1 for i, code in enumerate(CODES)},
            kind="team",
            user=make_user(name=f"Respondent {n}"),
        )
    plan = services.plan_create(
        municipality=town, edition=edition, title="Benchmark plan", languages=["pl"], actor=user
    )
    for key in SECTIONS:
        services.section_save(
            plan=plan,
            key=key,
            language="en",
            body="\n\n".join([PARAGRAPH * 3] * 3),
            base_revision=plan.sections.filter(key=key, language="en")
            .values_list("revision", flat=True)
            .first()
            or 0,
            actor=user,
        )
    services.objectives_save(
        plan=plan, texts=[(None, f"Objective {n}") for n in range(5)], language="en", actor=user
    )
    objectives = list(plan.objectives.all())
    for n in range(actions):
        services.action_save(
            plan=plan,
            item={
                "ref": None,
                "title": {"en": f"Action {n + 1}: culture that brings people together"},
                "description": {"en": PARAGRAPH * 4},
                "tools": {"en": "Workshops, recordings, a stage."},
                "risks": {"en": "Few volunteers; we rotate hosts."},
                "objectives": [objectives[n % 5].pk],
                "domains": ["music", "intangible_heritage"],
                "methods": ["co_creation", "storytelling"],
                "target_groups": ["seniors", "youth"],
                "dimensions": ["belonging", "trust"],
                "partners": [
                    {"id": p.pk, "name": p.name, "sector": p.sector}
                    for p in partners[n % 8 : n % 8 + 3]
                ],
                "practices": [],
                "start": f"2027-{n % 6 + 1:02d}",
                "end": f"2027-{n % 6 + 6:02d}",
                "responsible": "Bench Coordinator",
                "budget": [
                    {"item": "Materials", "amount": "120.00", "source": "seed_money"},
                    {"item": "Venue", "amount": "300.00", "source": "in_kind"},
                    {"item": "Staff", "amount": "450.00", "source": "municipality"},
                ],
                "indicators": [
                    {
                        "name": "Participants",
                        "baseline": "0",
                        "target": "50",
                        "unit": "people",
                        "verification": "lists",
                    },
                    {
                        "name": "Events",
                        "baseline": "0",
                        "target": "6",
                        "unit": "events",
                        "verification": "programme",
                    },
                ],
            },
            base_revision=0,
            actor=user,
        )
    return plan, user


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    _setup()
    from django.test import Client
    from django.urls import reverse
    from pypdf import PdfReader

    from pearls.plans import export

    plan, user = _plan(args.actions)
    export.plan_pdf(plan, "en")  # warm up fonts and templates
    pdf_times, pages, size = [], 0, 0
    for _ in range(args.runs):
        started = time.perf_counter()
        pdf = export.plan_pdf(plan, "en")
        pdf_times.append(time.perf_counter() - started)
        pages, size = len(PdfReader(io.BytesIO(pdf)).pages), len(pdf)
    client = Client()
    client.force_login(user)
    url = reverse("plans:section", args=[plan.municipality.slug, plan.pk, "context"]) + "?lang=en"
    revision = plan.sections.get(key="context", language="en").revision
    save_times = []
    for n in range(args.saves):
        started = time.perf_counter()
        response = client.post(
            url,
            {"body": f"Autosaved text {n}. " + PARAGRAPH * 5, "revision": revision},
            HTTP_HX_REQUEST="true",
        )
        save_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and b"Saved at" in response.content, response.content
        revision += 1
    save_times.sort()
    report = {
        "database": "sqlite",
        "actions": args.actions,
        "pdf": {
            "runs": args.runs,
            "median_s": round(statistics.median(pdf_times), 2),
            "max_s": round(max(pdf_times), 2),
            "pages": pages,
            "bytes": size,
        },
        "autosave": {
            "saves": args.saves,
            "p50_ms": round(save_times[len(save_times) // 2], 1),
            "p95_ms": round(save_times[int(len(save_times) * 0.95)], 1),
            "max_ms": round(save_times[-1], 1),
        },
    }
    print(
        f"PDF of a {args.actions}-action plan: median {report['pdf']['median_s']} s, "
        f"max {report['pdf']['max_s']} s over {args.runs} runs, {pages} pages "
        f"(target < 5 s)"
    )
    print(
        f"Autosave: p50 {report['autosave']['p50_ms']} ms, p95 {report['autosave']['p95_ms']} ms,"
        f" max {report['autosave']['max_ms']} ms over {args.saves} saves (target < 100 ms)"
    )
    out = ROOT / "bench" / "reports"
    out.mkdir(exist_ok=True)
    (out / "plans.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    main()
