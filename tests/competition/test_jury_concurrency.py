"""Two jurors saving the same candidate at the same moment, in two threads with their own
database connections: both sheets are kept whole (each scorer writes only their own rows, the
application row lock orders the two transactions)."""

import threading

import pytest
from django.db import connection, connections

from pearls.competition import preselection as services
from pearls.competition.models import Score, ScoreSheet
from tests.competition.test_jury import STAGE, _all, _candidate, _juror

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def edition():
    from tests.competition.test_jury import edition as make

    return make.__wrapped__()


def test_two_jurors_saving_at_the_same_moment_lose_nothing(edition):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("An in-memory SQLite database locks whole tables; PostgreSQL runs this.")
    candidate = _candidate(edition, "gniew")
    criteria = list(edition.criteria.filter(stage=STAGE))
    jurors = [_juror(edition, f"j{n}@example.org", f"Juror {n}") for n in range(2)]
    start = threading.Barrier(2)
    errors = []

    def save(juror, value):
        try:
            start.wait()
            for round_ in range(5):
                services.score_save(
                    application=candidate,
                    user=juror,
                    values=_all(criteria, value, f"{juror.name}, round {round_}."),
                    actor=juror,
                    stage=STAGE,
                )
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(j, 4 + 5 * n)) for n, j in enumerate(jurors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert ScoreSheet.objects.filter(application=candidate, stage=STAGE).count() == 2
    for n, juror in enumerate(jurors):
        kept = Score.objects.filter(sheet__user=juror, sheet__stage=STAGE)
        assert {s.value for s in kept} == {4 + 5 * n}
        assert {s.comment for s in kept} == {f"{juror.name}, round 4."}
        assert kept.count() == len(criteria)
