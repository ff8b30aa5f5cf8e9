"""The public Pearls pages: every published edition's Pearls and shortlisted candidates on a map
and in a list, and one edition's published results; nothing before publication."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition.models import (
    Application,
    Award,
    Criterion,
    Decision,
    Edition,
    Score,
    ScoreSheet,
)
from pearls.competition.services import criteria_defaults_create
from tests.people import give_role, join, make_edition, make_municipality, make_user

pytestmark = pytest.mark.django_db
PUBLISHED = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
PEARLS = reverse("competition:pearls")


def _year_url(year):
    return reverse("competition:pearls-year", kwargs={"year": year})


def _application(edition, slug, country="PL", status=Application.Status.SHORTLISTED, **town):
    town.setdefault("latitude", 54.0)
    town.setdefault("longitude", 18.8)
    municipality = make_municipality(slug, country, **town)
    return Application.objects.create(edition=edition, municipality=municipality, status=status)


def _edition(year, *, pearls=(), extra=(), candidates=(), others=(), published=True, rationale=""):
    """An edition with a decision: Awards for ``pearls`` and ``extra`` (slug → citation),
    shortlisted ``candidates`` without a title and not shortlisted ``others`` (slugs)."""
    edition = make_edition(year, phase=Edition.Phase.RESULTS)
    decision = Decision.objects.create(
        edition=edition,
        rationale=rationale or f"Why the jury chose in {year}.",
        published_at=PUBLISHED if published else None,
    )
    for position, (slug, citation) in enumerate([*pearls, *extra]):
        Award.objects.create(
            decision=decision,
            application=_application(edition, slug),
            citation=citation,
            extra=(slug, citation) in extra,
            position=position,
        )
    for slug in candidates:
        _application(edition, slug, "LT")
    for slug in others:
        _application(edition, slug, "EE", status=Application.Status.NOT_SHORTLISTED)
    return edition


@pytest.fixture
def published():
    return _edition(
        2027,
        pearls=[("gniew-27", "A town that sings together."), ("cesis-27", "")],
        extra=[("valga-27", "An exceptional youth plan.")],
        candidates=["birzai-27", "rokiskis-27"],
        others=["rakvere-27"],
        rationale="Three towns whose plans <b>convinced</b> the jury.\n\nA close call.",
    )


@pytest.fixture
def history():
    """A past edition as the demo loads it: applications without answers or scores, awards
    whose citation may be empty."""
    return _edition(2025, pearls=[("kuldiga-25", ""), ("ystad-25", "The town of the sea.")])


# The year's results page


def test_results_page_shows_pearls_numbers_and_rationale(client, published):
    response = client.get(_year_url(2027))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cultural Pearls 2027: the results" in html
    assert "Gniew-27" in html and "A town that sings together." in html
    assert "Valga-27" in html and "Extra title" in html and "An exceptional youth plan." in html
    assert html.index("Gniew-27") < html.index("Valga-27")  # the extra title comes last
    assert "published on Dec. 1, 2026" in html
    # the rationale is public, its text escaped
    assert "Three towns whose plans &lt;b&gt;convinced&lt;/b&gt; the jury." in html
    assert "<p>A close call.</p>" in html
    # the other shortlisted candidates, not those left out at the pre-selection
    assert "Birzai-27" in html and "Rokiskis-27" in html and "Rakvere-27" not in html
    context = response.context
    assert (context["applicants"], context["shortlisted"], context["finalists"]) == (6, 5, 0)
    assert f'href="{reverse("accounts:municipality-detail", args=["gniew-27"])}"' in html
    assert f'href="{PEARLS}?year=2027"' in html
    # no documents or archive for the public
    assert "certificate.pdf" not in html and "feedback.pdf" not in html
    assert "scores.csv" not in html


def test_results_page_counts_the_finalists_the_jury_scored(client, published):
    edition = published
    criteria_defaults_create(edition)
    criterion = edition.criteria.filter(stage=Criterion.Stage.FINAL).first()
    juror = make_user(name="Juror")
    for application in Application.objects.filter(edition=edition, status="shortlisted")[:3]:
        sheet = ScoreSheet.objects.create(
            application=application, user=juror, stage="final", submitted_at=timezone.now()
        )
        Score.objects.create(sheet=sheet, criterion=criterion, value=7, comment="Good.")
    draft = ScoreSheet.objects.create(
        application=Application.objects.get(municipality__slug="rokiskis-27"),
        user=juror,
        stage="final",
    )
    Score.objects.create(sheet=draft, criterion=criterion, value=7, comment="Draft.")
    response = client.get(_year_url(2027))
    assert response.context["finalists"] == 3
    assert "Action plans scored by the jury" in response.content.decode()


def test_results_are_not_public_before_publication(client, published):
    _edition(2028, pearls=[("gniew-28", "Soon.")], published=False)
    assert client.get(_year_url(2028)).status_code == 404
    assert client.get(_year_url(2029)).status_code == 404  # no edition
    make_edition(2030)
    assert client.get(_year_url(2030)).status_code == 404  # no decision
    secretariat = make_user(mfa=True)
    give_role(secretariat, RoleAssignment.Role.SECRETARIAT)
    client.force_login(secretariat)
    assert client.get(_year_url(2028)).status_code == 404  # not even for the secretariat
    Decision.objects.filter(edition__title_year=2028).update(published_at=timezone.now())
    client.logout()
    assert client.get(_year_url(2028)).status_code == 200


def test_results_of_a_past_edition_without_scores_or_citations(client, history):
    response = client.get(_year_url(2025))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kuldiga-25" in html and "Ystad-25" in html and "The town of the sea." in html
    assert "Action plans scored by the jury" not in html


def test_team_and_secretariat_find_their_documents_on_the_results_page(client, published):
    town = Application.objects.get(municipality__slug="gniew-27").municipality
    candidate = Application.objects.get(municipality__slug="birzai-27")
    member = make_user(name="Member")
    join(member, town, Membership.Role.MEMBER)
    join(member, candidate.municipality, Membership.Role.MEMBER)
    criteria_defaults_create(published)
    criterion = published.criteria.filter(stage=Criterion.Stage.FINAL).first()
    sheet = ScoreSheet.objects.create(
        application=candidate, user=make_user(), stage="final", submitted_at=timezone.now()
    )
    Score.objects.create(sheet=sheet, criterion=criterion, value=6, comment="Fine.")
    client.force_login(member)
    html = client.get(_year_url(2027)).content.decode()
    assert reverse("competition:certificate", args=["gniew-27", 2027]) in html
    assert reverse("competition:certificate", args=["valga-27", 2027]) not in html
    # Gniew has no jury sheet here, Birzai has one
    assert reverse("competition:feedback-letter", args=["gniew-27", 2027]) not in html
    assert reverse("competition:feedback-letter", args=["birzai-27", 2027]) in html
    assert "scores.csv" not in html
    secretariat = make_user(mfa=True)
    give_role(secretariat, RoleAssignment.Role.SECRETARIAT)
    client.force_login(secretariat)
    html = client.get(_year_url(2027)).content.decode()
    for slug in ("gniew-27", "cesis-27", "valga-27"):
        assert reverse("competition:certificate", args=[slug, 2027]) in html
    assert reverse("competition:scores-csv", args=[2027]) in html


# The map page


def _markers(response):
    html = response.content.decode()
    start = html.index('<script id="pearls-markers" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def test_map_lists_pearls_and_candidates_of_published_editions(client, published, history):
    _edition(2028, pearls=[("secret-28", "Not yet.")], candidates=["hidden-28"], published=False)
    response = client.get(PEARLS)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="pearls-map"' in html and "pearls-map.js" in html
    features = _markers(response)["features"]
    by_name = {f["properties"]["name"]: f["properties"] for f in features}
    assert set(by_name) == {
        "Gniew-27",
        "Cesis-27",
        "Valga-27",
        "Birzai-27",
        "Rokiskis-27",
        "Kuldiga-25",
        "Ystad-25",
    }
    assert by_name["Gniew-27"]["kind"] == "pearl"
    assert by_name["Gniew-27"]["citation"] == "A town that sings together."
    assert by_name["Gniew-27"]["label"] == "Cultural Pearl 2027"
    assert by_name["Gniew-27"]["url"] == reverse("accounts:municipality-detail", args=["gniew-27"])
    assert by_name["Gniew-27"]["results"] == _year_url(2027)
    assert by_name["Valga-27"]["kind"] == "extra"
    assert by_name["Birzai-27"]["kind"] == "candidate"
    assert by_name["Kuldiga-25"]["citation"] == "" and by_name["Kuldiga-25"]["year"] == 2025
    feature = next(f for f in features if f["properties"]["name"] == "Gniew-27")
    assert feature["geometry"]["coordinates"] == [18.8, 54.0]
    # the list says the same, grouped by edition, newest first
    assert html.index("Cultural Pearls 2027") < html.index("Cultural Pearls 2025")
    assert "Secret-28" not in html and "Hidden-28" not in html and "Rakvere-27" not in html
    assert "5 Pearls · 2 other shortlisted candidates" in html
    assert response.context["pearl_count"] == 5
    assert response.context["candidate_count"] == 2
    assert f'href="{_year_url(2025)}"' in html


def test_map_filters_by_edition(client, published, history):
    response = client.get(PEARLS, {"year": 2025})
    assert response.status_code == 200
    names = {f["properties"]["name"] for f in _markers(response)["features"]}
    assert names == {"Kuldiga-25", "Ystad-25"}
    assert '<option value="2025" selected>' in response.content.decode()
    assert "Gniew-27" not in response.content.decode()


@pytest.mark.parametrize("year", ["2028", "abc", "2025; drop"])
def test_map_refuses_an_unknown_edition_and_shows_all(client, published, history, year):
    _edition(2028, pearls=[("secret-28", "")], published=False)
    response = client.get(PEARLS, {"year": year})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There are no published results for the edition" in html
    assert "All editions are shown." in html
    assert len(_markers(response)["features"]) == 7
    assert "Secret-28" not in html


def test_towns_without_coordinates_are_only_in_the_list(client, published):
    Application.objects.get(municipality__slug="cesis-27").municipality.__class__.objects.filter(
        slug="cesis-27"
    ).update(latitude=None, longitude=None)
    response = client.get(PEARLS)
    assert "Cesis-27" not in {f["properties"]["name"] for f in _markers(response)["features"]}
    html = response.content.decode()
    assert "Cesis-27" in html
    assert "1 town has no coordinates yet and is only in the list." in html


def test_map_without_any_published_result(client):
    _edition(2028, pearls=[("secret-28", "")], published=False)
    response = client.get(PEARLS)
    assert response.status_code == 200
    assert "No results are published yet." in response.content.decode()
    assert _markers(response)["features"] == []


def test_pages_render_in_polish(client, published):
    with translation.override("pl"):
        urls = [reverse("competition:pearls"), reverse("competition:pearls-year", args=[2027])]
    for url in urls:
        assert url.startswith("/pl/")
        response = client.get(url)
        assert response.status_code == 200
        assert '<html lang="pl">' in response.content.decode()
        assert "Gniew-27" in response.content.decode()


# Queries stay bounded


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_public_pages_run_a_fixed_number_of_queries(client):
    _edition(2025, pearls=[("a-25", "")], candidates=["b-25"])
    few_map, few_year = _count(client, PEARLS), _count(client, _year_url(2025))
    _edition(
        2026,
        pearls=[(f"p{n}-26", f"Citation {n}.") for n in range(5)],
        extra=[("x-26", "Extra.")],
        candidates=[f"c{n}-26" for n in range(6)],
    )
    for n in range(4):
        join(make_user(), Application.objects.get(municipality__slug=f"p{n}-26").municipality)
    assert _count(client, PEARLS) == few_map
    assert _count(client, _year_url(2026)) == few_year
    assert (few_map, few_year) == (3, 4)
    # a signed-in team member: one more query for their teams, whatever the number of towns
    member = make_user()
    join(member, Application.objects.get(municipality__slug="p0-26").municipality)
    client.force_login(member)
    signed_in = _count(client, _year_url(2026))
    for slug in ("p1-26", "c1-26"):
        join(member, Application.objects.get(municipality__slug=slug).municipality)
    assert _count(client, _year_url(2026)) == signed_in
