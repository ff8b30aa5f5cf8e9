from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """Language-switch links for the current page: one per interface language."""
    path = request.get_full_path()
    current = get_language()
    return {
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
