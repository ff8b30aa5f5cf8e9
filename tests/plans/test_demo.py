import pytest

from pearls.accounts.demo import demo_load
from pearls.plans.models import Plan
from pearls.plans.readiness import readiness_of

pytestmark = pytest.mark.django_db


def test_demo_town_has_a_shared_plan_with_actions_and_a_mentor_comment():
    demo_load()
    plan = Plan.objects.get(municipality__slug="gniew")
    assert plan.state == Plan.State.SHARED
    assert plan.actions.count() == 4
    assert plan.languages == ["en", "pl"]
    assert plan.comments.filter(resolved_at__isnull=True).count() == 1
    assert plan.actions.filter(partners__isnull=False).exists()
    readiness = readiness_of(plan)
    assert readiness.met >= readiness.total // 2
    demo_load()  # idempotent
    assert Plan.objects.count() == 1
