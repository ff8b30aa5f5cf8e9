import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def staff_user(django_user_model):
    from tests.people import make_user

    return make_user("secretariat@example.org", name="Sec", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Sign-in throttling and e-mail rate limits count in the cache: each test starts at zero.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_vectors():
    # Rolled-back tests reuse row ids: a vector matrix kept from another test could look current.
    from pearls.search import semantic

    semantic.forget()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    # Uploads made by tests (logos, application files) never land in the project's var/.
    settings.MEDIA_ROOT = tmp_path / "media"
