"""Searching in Polish and Latvian finds the right practices in other languages (Chromium)."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_practices
from tests.search.test_hybrid import CATALOGUE


@pytest.fixture
def embedded_catalogue(transactional_db, settings):
    settings.PEARLS_EMBEDDINGS = "sync"  # vectors are written when the import commits
    make_practices(*CATALOGUE)


def test_a_latvian_officer_finds_the_swedish_library(
    page, live_server, embedded_catalogue, check_a11y
):
    page.goto(f"{live_server.url}/lv/practices/")
    page.get_by_role("searchbox").fill("bibliotēka vientuļiem senioriem")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    first = page.locator(".cards .card").first
    expect(first).to_contain_text("Biblioteket som mötesplats för ensamma äldre")
    expect(first.locator(".match-reason")).to_be_visible()  # found by meaning, not by words
    check_a11y(page)


def test_a_polish_team_finds_danish_and_finnish_practices_against_loneliness(
    page, live_server, embedded_catalogue, check_a11y
):
    page.goto(f"{live_server.url}/pl/practices/?q=samotność+osób+starszych")
    top = (
        page.locator(".cards .card").nth(0).inner_text()
        + page.locator(".cards .card").nth(1).inner_text()
        + page.locator(".cards .card").nth(2).inner_text()
    )
    assert "Fællessang mod ensomhed" in top or "Käsityöpiiri yksinäisille" in top
    check_a11y(page)
    page.get_by_role("link", name="Fællessang mod ensomhed").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fællessang mod ensomhed")
    check_a11y(page)
