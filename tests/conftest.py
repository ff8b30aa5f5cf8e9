import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="secretariat", password="pw-secretariat-1", is_staff=True, is_superuser=True
    )
