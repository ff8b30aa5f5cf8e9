"""Jury-scoring timings: weighted means, normalisation, agreement, the award proposal and the
what-if scenarios for a final selection of 40 candidates, 12 jurors and 5 criteria (random
scores with a fixed seed, about one juror in ten conflicted per candidate). Prints
milliseconds. Not a test.

    python bench/bench_awards.py [--candidates 40] [--jurors 12] [--criteria 5] [--runs 20]

Everything here is pure Python over plain data; Django is set up only because the proposal's
reasons are translated sentences.
"""

import argparse
import os
import random
import statistics
import time

COUNTRIES = ["DK", "EE", "FI", "DE", "LV", "LT", "PL", "SE", "NO"]


def synthetic(candidates, jurors, criteria, seed=7):
    rng = random.Random(seed)
    codes = [f"c{n}" for n in range(criteria)]
    criteria_rows = [
        {"code": code, "weight": rng.choice([1, 1, 2, 3]), "scale_min": 1, "scale_max": 10}
        for code in codes
    ]
    meta = [
        {"id": n, "name": f"Candidate {n:02d}", "country": rng.choice(COUNTRIES)}
        for n in range(candidates)
    ]
    scores = {}
    for juror in range(jurors):
        leniency = rng.uniform(-1.5, 1.5)
        for candidate in range(candidates):
            if rng.random() < 0.1:
                continue  # conflicted: no entries
            for code in codes:
                value = round(rng.gauss(6 + leniency, 1.8))
                scores[(f"j{juror:02d}", candidate, code)] = min(10, max(1, value))
    return scores, criteria_rows, meta


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--jurors", type=int, default=12)
    parser.add_argument("--criteria", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pearls.config.settings.test")
    import django

    django.setup()
    from pearls.competition.awards import Candidate, Rule, award_proposal, what_if
    from pearls.competition.normalise import agreement, normalised, weighted_means

    scores, criteria, meta = synthetic(args.candidates, args.jurors, args.criteria)
    rule = Rule(
        titles=3, max_per_country=1, extra_title=True, extra_title_country_rule=False,
        tie_threshold=0.1,
    )  # fmt: skip

    def once():
        means = weighted_means(scores, criteria)
        normalised(scores, criteria)
        agreement(scores, criteria)
        proposal = award_proposal(
            [Candidate(m["id"], m["name"], m["country"], means[m["id"]].mean) for m in meta],
            rule,
        )
        scenarios = what_if(scores, criteria, meta, rule)
        return proposal, scenarios

    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        proposal, scenarios = once()
        timings.append((time.perf_counter() - start) * 1000)

    print(
        f"{args.candidates} candidates x {args.jurors} jurors x {args.criteria} criteria "
        f"({len(scores)} scores), {args.runs} runs"
    )
    print(f"all five steps: median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms")
    print(f"awarded: {[c.name for c in proposal.awarded]}")
    changed = [s.key for s in scenarios if s.differs]
    print(f"scenarios that change the outcome: {changed or 'none'}")


if __name__ == "__main__":
    main()
