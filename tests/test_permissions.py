"""The permission table: every route of the project's own apps × every role → expected status.

Routes are read from the URL configuration, so a new route without a row here fails the test.
Forbidden objects answer 404 like missing ones.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from pearls.catalogue.models import Practice
from tests.factories import make_practice

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "signed_in", "secretariat"]
# URL name → (kwargs or object key, {role: expected status})
PUBLIC = {role: 200 for role in ROLES}
TABLE = {
    "home": ({}, PUBLIC),
    "catalogue:practice-list": ({}, PUBLIC),
    "catalogue:practice-map": ({}, PUBLIC),
    "catalogue:practice-detail:published": ({"slug": "published"}, PUBLIC),
    "catalogue:practice-detail:draft": (
        {"slug": "draft"},
        {"anonymous": 404, "signed_in": 404, "secretariat": 200},
    ),
    "catalogue:practice-detail:missing": ({"slug": "missing"}, {role: 404 for role in ROLES}),
    "api:practices": ({}, PUBLIC),
    "api:practice:published": ({"practice_id": "published"}, PUBLIC),
    "api:practice:draft": ({"practice_id": "draft"}, {role: 404 for role in ROLES}),
    "api:vocabulary_labels": ({}, PUBLIC),
    "api:dataset_jsonl": ({}, PUBLIC),
    "api:dataset_csv": ({}, PUBLIC),
    "api:openapi-json": ({}, PUBLIC),
    "api:openapi-view": ({}, PUBLIC),
}


def project_route_names():
    """Names of every route whose view lives in the project's own code (or its API)."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                module = getattr(pattern.callback, "__module__", "")
                if module.startswith(("pearls.", "ninja.")) and pattern.name:
                    names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_project_route_has_a_rule():
    covered = {key.rsplit(":", 1)[0] if key.count(":") > 1 else key for key in TABLE}
    covered |= {key.split(":")[0] + ":" + key.split(":")[1] for key in TABLE if key.count(":") > 1}
    assert project_route_names() - covered == set()


@pytest.fixture
def objects():
    make_practice(id="published")
    draft = make_practice(id="draft")
    Practice.objects.filter(pk=draft.pk).update(status=Practice.Status.DRAFT)


def _login(client, role, django_user_model):
    if role == "signed_in":
        client.force_login(django_user_model.objects.create_user("someone", password="x-pass-1"))
    elif role == "secretariat":
        client.force_login(
            django_user_model.objects.create_user("sec", password="x-pass-1", is_staff=True)
        )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", list(TABLE))
def test_permission_table(client, django_user_model, objects, role, key):
    from django.urls import reverse

    kwargs, expected = TABLE[key]
    name = (
        key
        if key.count(":") < 2 and not key.endswith((":published", ":draft", ":missing"))
        else key.rsplit(":", 1)[0]
    )
    _login(client, role, django_user_model)
    path = reverse(name, kwargs=kwargs)
    assert client.get(path).status_code == expected[role], (key, role, path)
