import pytest

from pearls.accounts.demo import demo_load
from pearls.toolkit import selectors
from pearls.toolkit.models import Assessment

pytestmark = pytest.mark.django_db


def test_demo_town_has_a_baseline_and_an_open_follow_up():
    demo_load()
    demo_load()  # idempotent
    baseline, follow_up = Assessment.objects.order_by("opened_at")
    assert not baseline.is_open and follow_up.is_open
    assert baseline.responses.filter(kind="stakeholder").count() == 6
    assert selectors.assessment_previous(follow_up) == baseline
    after = selectors.assessment_results(follow_up)
    before = selectors.assessment_results(baseline)
    assert after.score_of("participation") > before.score_of("participation")
