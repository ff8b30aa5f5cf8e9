"""Browser tests: Debian's Chromium driven by Playwright, axe-core on every visited page."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it).")
    return {"executable_path": executable, "args": CHROMIUM_FLAGS}


@pytest.fixture
def page(page):
    # No test touches the internet: anything not served by the live server is refused.
    page.route("**/*", _local_only)
    return page


def _local_only(route):
    url = route.request.url
    if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:")):
        return route.continue_()
    return route.abort()


def axe_violations(page):
    """WCAG 2.1 A/AA violations that axe-core finds on the current page."""
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (make test does)."
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return result


@pytest.fixture
def check_a11y():
    def check(page):
        violations = axe_violations(page)
        assert violations == [], f"axe-core on {page.url}: {violations}"

    return check
