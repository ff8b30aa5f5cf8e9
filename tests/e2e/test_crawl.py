"""Every page reachable from the home page, in English and Polish, passes axe-core."""

from urllib.parse import urldefrag, urlparse

import pytest

from tests.factories import RecordFactory, make_practices

MAX_PAGES = 60


@pytest.fixture
def catalogue(transactional_db):
    return make_practices(
        RecordFactory(id="pl-krosno-archive", country="PL", place="Krosno"),
        RecordFactory(
            id="fi-jakobstad-station",
            title={"sv": "Brandstationen", "en": "The old fire station"},
            summary={"sv": "En mötesplats.", "en": "A meeting place."},
            original_language="sv",
            country="FI",
            place="Jakobstad",
            links=[{"url": "https://example.org/pearls-demo/fi", "title": "Project page (demo)"}],
        ),
    )


def _internal(base, href):
    href, _fragment = urldefrag(href)
    parsed = urlparse(href)
    if parsed.netloc and f"{parsed.scheme}://{parsed.netloc}" != base:
        return None
    path = parsed.path
    # The admin (sign-in) and the API's machine-readable files are not pages for the crawl.
    if path.startswith("/api/v1/dataset") or path.endswith(".json") or "/admin/" in path:
        return None
    if path.startswith("/api/v1/practices"):
        return None
    return f"{base}{path}{'?' + parsed.query if parsed.query else ''}"


@pytest.mark.parametrize("language", ["en", "pl"])
def test_every_reachable_page_passes_axe(page, live_server, catalogue, check_a11y, language):
    start = f"{live_server.url}/{language}/"
    queue, seen = [start], set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        assert response.status == 200, url
        if "/api/v1/docs" in url:
            continue
        check_a11y(page)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target = _internal(live_server.url, href)
            if target and f"/{language}/" in target or (target and "/api/v1/docs" in target):
                if target not in seen:
                    queue.append(target)
    assert len(seen) >= 8
