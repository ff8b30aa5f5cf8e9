"""The competition's documents: the Pearl's certificate, the candidate's feedback letter and the
archive's CSV of every score; who may have them; jurors never named."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from pearls.accounts.models import Membership, RoleAssignment
from pearls.competition import documents
from pearls.competition.models import (
    Application,
    Award,
    ConflictOfInterest,
    Criterion,
    Decision,
    Edition,
    Score,
    ScoreSheet,
)
from pearls.competition.services import criteria_defaults_create
from tests.people import give_role, join, make_edition, make_municipality, make_user

pytestmark = pytest.mark.django_db
Role = RoleAssignment.Role
FINAL = Criterion.Stage.FINAL
PRE = Criterion.Stage.PRE_SELECTION
PUBLISHED = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)  # 1 Dec in Warsaw


def _sheet(application, user, stage, values, *, submitted=True):
    """A sheet of ``user`` with ``values`` = {code: (value, comment)}."""
    sheet = ScoreSheet.objects.create(
        application=application,
        user=user,
        stage=stage,
        submitted_at=timezone.now() if submitted else None,
    )
    criteria = {c.code: c for c in application.edition.criteria.filter(stage=stage)}
    for code, (value, comment) in values.items():
        Score.objects.create(sheet=sheet, criterion=criteria[code], value=value, comment=comment)
    return sheet


def _candidate(edition, slug, country, name=None, **fields):
    town = make_municipality(slug, country, official_name=name or slug.capitalize(), **fields)
    return Application.objects.create(
        edition=edition, municipality=town, status=Application.Status.SHORTLISTED
    )


@pytest.fixture
def edition():
    edition = make_edition(2027, phase=Edition.Phase.RESULTS)
    criteria_defaults_create(edition)
    Criterion.objects.filter(edition=edition, stage=FINAL, code="holistic").update(
        weight=2, guidance="Does the plan join culture, social work and education?"
    )
    return edition


@pytest.fixture
def people(edition):
    anna = make_user("anna.secret@example.org", name="Anna Secretname", mfa=True)
    ben = make_user("ben.hidden@example.org", name="Ben Hiddenname", mfa=True)
    carl = make_user("carl@example.org", name="Carl Draftwriter", mfa=True)
    cora = make_user("cora@example.org", name="Cora Committee", mfa=True)
    for juror in (anna, ben, carl):
        give_role(juror, Role.JURY, edition=edition)
    give_role(cora, Role.COMMITTEE, edition=edition)
    secretariat = make_user("sec@example.org", name="Sec", mfa=True)
    give_role(secretariat, Role.SECRETARIAT)
    Edition.objects.filter(pk=edition.pk).update(jury_chair=anna)
    return {"anna": anna, "ben": ben, "carl": carl, "cora": cora, "secretariat": secretariat}


@pytest.fixture
def candidates(edition, people):
    anna, ben = people["anna"], people["ben"]
    gniew = _candidate(edition, "gniew", "PL", local_name="Gmina Gniew", languages=["pl"])
    cesis = _candidate(edition, "cesis", "LV", name="Cēsis")
    valga = _candidate(edition, "valga", "EE")
    tukums = _candidate(edition, "tukums", "LV")
    _sheet(
        gniew,
        anna,
        FINAL,
        {
            "holistic": (8, "A plan that joins the library and the school."),
            "participation": (9, "Residents wrote the plan, street by street."),
            "capacity": (7, "The team is small, but the mayor backs it."),
        },
    )
    _sheet(
        gniew,
        ben,
        FINAL,
        {
            "holistic": (6, "Culture and care meet, education less so."),
            "participation": (7, "Good workshops."),
            "capacity": (9, "A realistic budget."),
        },
    )
    for application, value in ((cesis, 7), (valga, 5)):
        for juror in (anna, ben):
            _sheet(
                application,
                juror,
                FINAL,
                {
                    c: (value, f"Fair, {juror.pk}.")
                    for c in ("holistic", "participation", "capacity")
                },
            )
    # a draft counts nowhere: not in the letter, not in the CSV
    _sheet(tukums, people["carl"], FINAL, {"holistic": (2, "Draft thoughts.")}, submitted=False)
    _sheet(gniew, people["carl"], FINAL, {"holistic": (1, "Never submitted.")}, submitted=False)
    for application in (gniew, cesis, valga, tukums):
        _sheet(application, people["cora"], PRE, {"motivation": (6, "Convincing motivation.")})
    return {"gniew": gniew, "cesis": cesis, "valga": valga, "tukums": tukums}


@pytest.fixture
def decision(edition, candidates, people):
    decision = Decision.objects.create(
        edition=edition, rationale="Three strong plans.", recorded_by=people["secretariat"]
    )
    Award.objects.create(
        decision=decision,
        application=candidates["gniew"],
        citation="A town that sings together.",
        position=0,
    )
    Award.objects.create(
        decision=decision,
        application=candidates["cesis"],
        extra=True,
        citation="An exceptional plan for young people.",
        position=1,
    )
    return decision


def _publish(decision):
    Decision.objects.filter(pk=decision.pk).update(published_at=PUBLISHED)
    decision.refresh_from_db()


def _pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def _team(town, role=Membership.Role.MEMBER):
    user = make_user(name=f"Team of {town.slug}")
    join(user, town, role)
    return user


# The certificate


def test_certificate_context_names_the_town_citation_and_date(decision):
    award = decision.awards.get(application__municipality__slug="gniew")
    context = documents.certificate_context(award)
    assert context["municipality"].official_name == "Gniew"
    assert context["local_name"] == "Gmina Gniew"
    assert context["local_language"] == "pl"
    assert context["citation"] == "A town that sings together."
    assert context["year"] == 2027
    assert context["extra"] is False
    assert context["published"] is False and context["published_on"] is None
    _publish(decision)
    award.refresh_from_db()
    context = documents.certificate_context(Award.objects.get(pk=award.pk))
    # the date of publication in the edition's time zone (Warsaw), not UTC
    assert context["published_on"] == datetime.date(2026, 12, 1)


def test_certificate_pdf_is_one_landscape_page_with_the_town_and_citation(client, decision):
    _publish(decision)
    town = decision.awards.get(extra=False).application.municipality
    client.force_login(_team(town))
    response = client.get(reverse("competition:certificate", args=["gniew", 2027]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="cultural-pearl-2027-gniew.pdf"' in response["Content-Disposition"]
    text, reader = _pdf_text(response.content)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height  # A4 landscape
    flat = " ".join(text.split())
    assert "Cultural Pearl 2027" in flat
    assert "BSR Cultural Pearls" in flat
    assert "Gniew" in flat and "Gmina Gniew" in flat
    assert "Poland" in flat
    assert "A town that sings together." in flat
    assert "Awarded by the jury of Cultural Pearls 2027" in flat
    assert "Published on Dec. 1, 2026" in flat
    assert "Extra title" not in flat


def test_certificate_of_the_extra_title_says_so(client, decision, people):
    client.force_login(people["secretariat"])
    response = client.get(reverse("competition:certificate", args=["cesis", 2027]))
    assert response.status_code == 200
    flat = " ".join(_pdf_text(response.content)[0].split())
    assert "Cēsis" in flat
    assert "Extra title awarded by the jury of Cultural Pearls 2027" in flat
    # the secretariat checks it before publication: it says so
    assert "Preview for the secretariat" in flat


def test_certificate_without_citation_still_renders(client, decision, people):
    Award.objects.filter(application__municipality__slug="gniew").update(citation="")
    client.force_login(people["secretariat"])
    response = client.get(reverse("competition:certificate", args=["gniew", 2027]))
    assert response.status_code == 200
    assert len(_pdf_text(response.content)[1].pages) == 1


def test_certificate_in_polish_interface_keeps_the_town_name(client, decision, people):
    client.force_login(people["secretariat"])
    with translation.override("pl"):
        url = reverse("competition:certificate", args=["cesis", 2027])
    assert url.startswith("/pl/")
    response = client.get(url)
    assert response.status_code == 200
    assert "Cēsis" in _pdf_text(response.content)[0]


# The feedback letter


def test_letter_context_groups_justifications_per_criterion(decision, candidates, people):
    context = documents.feedback_letter_context(candidates["gniew"])
    assert [row.code for row in context["criteria"]] == ["holistic", "participation", "capacity"]
    holistic, participation, capacity = context["criteria"]
    assert holistic.guidance == "Does the plan join culture, social work and education?"
    assert (holistic.mean, participation.mean, capacity.mean) == (7, 8, 8)
    assert (holistic.scale_min, holistic.scale_max) == (1, 10)
    # two submitted sheets; the draft of Carl counts nowhere
    assert context["jurors"] == 2
    assert len(holistic.justifications) == 2
    texts = {text for _number, text in holistic.justifications}
    assert texts == {
        "A plan that joins the library and the school.",
        "Culture and care meet, education less so.",
    }
    # jurors keep their number from criterion to criterion, ordered by their opaque id
    first = min((people["anna"], people["ben"]), key=lambda user: str(user.public_id))
    expected_first = "A plan that joins" if first == people["anna"] else "Culture and care meet"
    assert holistic.justifications[0][0] == 1
    assert holistic.justifications[0][1].startswith(expected_first)
    numbers = {text: n for row in context["criteria"] for n, text in row.justifications}
    assert (
        numbers["A plan that joins the library and the school."]
        == numbers["Residents wrote the plan, street by street."]
    )
    # weighted: Anna (2*8 + 9 + 7) / 4 = 8, Ben (2*6 + 7 + 9) / 4 = 7 → 7.5
    assert context["mean"] == pytest.approx(7.5)
    assert context["scale"] == (1, 10)
    assert context["rank"] == 1 and context["ranked"] == 3
    assert context["outcome"] == "pearl"
    assert context["published"] is False and context["published_on"] is None


def test_letter_outcomes_extra_and_not_awarded(decision, candidates):
    assert documents.feedback_letter_context(candidates["cesis"])["outcome"] == "extra"
    valga = documents.feedback_letter_context(candidates["valga"])
    assert valga["outcome"] == "not_awarded"
    assert valga["rank"] == 3


def test_letter_pdf_has_justifications_and_never_names_jurors(client, decision, candidates):
    _publish(decision)
    client.force_login(_team(candidates["gniew"].municipality, Membership.Role.COORDINATOR))
    response = client.get(reverse("competition:feedback-letter", args=["gniew", 2027]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    flat = " ".join(_pdf_text(response.content)[0].split())
    assert "Feedback from the jury of Cultural Pearls 2027" in flat
    assert "awarded Gniew the title Cultural Pearl 2027" in flat
    assert "Innovative and holistic approach" in flat
    assert "Mean score: 7.0 on a scale from 1 to 10." in flat
    assert "Residents wrote the plan, street by street." in flat
    assert "Juror 1:" in flat and "Juror 2:" in flat and "Juror 3" not in flat
    assert "Weighted score: 7.50 on a scale from 1 to 10." in flat
    assert "Rank 1 of 3 candidates scored by the jury." in flat
    for secret in ("Secretname", "Hiddenname", "anna.secret", "ben.hidden", "Draft", "Never"):
        assert secret not in flat


def test_letter_to_a_candidate_without_a_title(client, decision, candidates):
    _publish(decision)
    client.force_login(_team(candidates["valga"].municipality))
    response = client.get(reverse("competition:feedback-letter", args=["valga", 2027]))
    assert response.status_code == 200
    flat = " ".join(_pdf_text(response.content)[0].split())
    assert "The jury did not award Valga a title in Cultural Pearls 2027." in flat
    assert "you are welcome to apply again" in flat


# Who may have them


@pytest.mark.parametrize("route", ["competition:certificate", "competition:feedback-letter"])
def test_team_gets_documents_only_once_published(client, decision, candidates, people, route):
    url = reverse(route, args=["gniew", 2027])
    team = _team(candidates["gniew"].municipality)
    client.force_login(team)
    assert client.get(url).status_code == 404
    client.force_login(people["secretariat"])
    assert client.get(url).status_code == 200  # to check them before publication
    _publish(decision)
    client.force_login(team)
    assert client.get(url).status_code == 200
    client.force_login(_team(candidates["valga"].municipality))  # another town
    assert client.get(url).status_code == 404
    client.force_login(people["anna"])  # a juror, even the chair
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(team)
    assert client.post(url).status_code == 405


def test_no_certificate_for_a_candidate_without_a_title(client, decision, candidates, people):
    _publish(decision)
    for user in (people["secretariat"], _team(candidates["valga"].municipality)):
        client.force_login(user)
        assert (
            client.get(reverse("competition:certificate", args=["valga", 2027])).status_code == 404
        )
        assert (
            client.get(reverse("competition:certificate", args=["nowhere", 2027])).status_code
            == 404
        )
        assert (
            client.get(reverse("competition:certificate", args=["gniew", 2026])).status_code == 404
        )


def test_no_letter_without_a_submitted_final_sheet(client, decision, candidates, people):
    _publish(decision)
    client.force_login(people["secretariat"])
    # Tukums has only a juror's draft
    assert (
        client.get(reverse("competition:feedback-letter", args=["tukums", 2027])).status_code == 404
    )


def test_no_documents_before_the_decision_is_recorded(client, candidates, people):
    client.force_login(people["secretariat"])
    for route in ("competition:certificate", "competition:feedback-letter"):
        assert client.get(reverse(route, args=["gniew", 2027])).status_code == 404


# The scores CSV


def _csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_every_submitted_score_of_both_stages(decision, candidates, people):
    rows = _csv_rows(documents.scores_csv(decision.edition))
    assert rows[0] == documents.CSV_COLUMNS
    body = rows[1:]
    # 4 candidates × 1 pre-selection score + 3 finalists × 2 jurors × 3 criteria; no drafts
    assert len(body) == 4 + 18
    assert {row[1] for row in body} == {"pre_selection", "final"}
    assert all(row[0] == "2027" for row in body)
    assert not any("Never submitted" in row[12] or "Draft" in row[12] for row in body)
    gniew = [row for row in body if row[3] == "Gniew" and row[1] == "final"]
    assert len(gniew) == 6
    row = next(r for r in gniew if r[12] == "Residents wrote the plan, street by street.")
    assert row[2] == str(candidates["gniew"].pk)
    assert row[4] == "PL"
    assert row[6:12] == [
        "participation",
        "Use of participatory methods and cultural tools",
        "1.00",
        "1",
        "10",
        "9",
    ]
    assert datetime.datetime.fromisoformat(row[13]).tzinfo is not None
    # within an application the pre-selection comes first
    stages = [r[1] for r in body if r[3] == "Gniew"]
    assert stages == ["pre_selection"] + ["final"] * 6
    final_only = _csv_rows(documents.scores_csv(decision.edition, stage=FINAL))[1:]
    assert len(final_only) == 18 and {r[1] for r in final_only} == {"final"}


def test_csv_names_scorers_by_stable_pseudonyms_only(decision, candidates, people):
    text = documents.scores_csv(decision.edition)
    for secret in ("Secretname", "Hiddenname", "Cora", "anna.secret", "@example.org"):
        assert secret not in text
    pseudonyms = documents.juror_pseudonyms(decision.edition)
    # Anna, Ben (jury) and Cora (committee) submitted sheets; Carl only drafts
    assert sorted(pseudonyms.values()) == ["J1", "J2", "J3"]
    assert people["carl"].pk not in pseudonyms
    rows = _csv_rows(text)[1:]
    anna = pseudonyms[people["anna"].pk]
    assert {r[5] for r in rows if r[12] == "A plan that joins the library and the school."} == {
        anna
    }
    assert {r[5] for r in rows if r[1] == "pre_selection"} == {pseudonyms[people["cora"].pk]}
    # stable: the same again
    assert documents.juror_pseudonyms(decision.edition) == pseudonyms
    assert documents.scores_csv(decision.edition) == text


def test_csv_quotes_text_and_neutralises_formulas(edition, candidates, people):
    town = candidates["valga"].municipality
    town.official_name = "=cmd|' /C calc'!A0"
    town.save()
    Criterion.objects.filter(edition=edition, code="capacity").update(
        label="@SUM(1+1)", scale_min=-2, scale_max=2
    )
    score = Score.objects.get(
        sheet__application=candidates["gniew"],
        sheet__user=people["anna"],
        criterion__code="capacity",
    )
    score.value = -1
    score.comment = '-2+3, said "the jury"\nand a second line'
    score.save()
    Score.objects.filter(
        sheet__application=candidates["gniew"],
        sheet__user=people["ben"],
        criterion__code="capacity",
    ).update(comment='+HYPERLINK("http://example.org")', value=2)
    text = documents.scores_csv(edition)
    rows = _csv_rows(text)
    by_comment = {row[12]: row for row in rows[1:]}
    row = by_comment['\'-2+3, said "the jury"\nand a second line']
    assert row[7] == "'@SUM(1+1)"
    assert row[9:12] == ["-2", "2", "-1"]  # numbers stay numbers
    assert '\'+HYPERLINK("http://example.org")' in by_comment
    assert {row[3] for row in rows[1:] if row[2] == str(candidates["valga"].pk)} == {
        "'=cmd|' /C calc'!A0"
    }
    # the raw text quotes the cell with the comma, quotes and line break
    assert '"\'-2+3, said ""the jury""\nand a second line"' in text
    assert documents.csv_safe("Plain") == "Plain"
    assert documents.csv_safe("\tTab") == "'\tTab"
    assert documents.csv_safe(-3) == -3


def test_csv_download_for_the_secretariat_and_the_chair(client, decision, people):
    url = reverse("competition:scores-csv", args=[2027])
    for user in (people["secretariat"], people["anna"]):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="pearls-2027-scores.csv"'
        assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
        text = response.content.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("edition,stage,application_id,municipality")
        assert "Cēsis" in text
    client.force_login(people["ben"])  # a juror, not the chair
    assert client.get(url).status_code == 404
    client.force_login(people["cora"])
    assert client.get(url).status_code == 404
    client.force_login(people["secretariat"])
    assert client.get(reverse("competition:scores-csv", args=[1999])).status_code == 404
    assert client.post(url).status_code == 405
    client.logout()
    assert client.get(url).status_code == 302


def test_chair_who_left_the_jury_gets_no_csv(client, decision, people):
    RoleAssignment.objects.filter(user=people["anna"], role=Role.JURY).delete()
    client.force_login(people["anna"])
    assert client.get(reverse("competition:scores-csv", args=[2027])).status_code == 404


def test_chair_without_two_factor_is_sent_to_set_it_up(client, edition):
    chair = make_user(name="New chair")
    give_role(chair, Role.JURY, edition=edition)
    Edition.objects.filter(pk=edition.pk).update(jury_chair=chair)
    client.force_login(chair)
    response = client.get(reverse("competition:scores-csv", args=[2027]))
    assert response.status_code == 302
    assert "/2fa/totp/activate/" in response["Location"]


def test_csv_leaves_out_the_chairs_conflicted_candidates(client, decision, candidates, people):
    ConflictOfInterest.objects.create(
        edition=decision.edition, user=people["anna"], application=candidates["valga"], stage=FINAL
    )
    url = reverse("competition:scores-csv", args=[2027])
    client.force_login(people["anna"])
    towns = {row[3] for row in _csv_rows(client.get(url).content.decode("utf-8-sig"))}
    assert "Valga" not in towns and "Gniew" in towns
    client.force_login(people["secretariat"])
    towns = {row[3] for row in _csv_rows(client.get(url).content.decode("utf-8-sig"))}
    assert "Valga" in towns


def test_letter_leaves_out_a_sheet_behind_a_conflict_of_interest(decision, candidates, people):
    # recorded by the secretariat after Ben's sheet was in: the results do not count it either
    ConflictOfInterest.objects.create(
        edition=decision.edition, user=people["ben"], application=candidates["gniew"], stage=FINAL
    )
    context = documents.feedback_letter_context(candidates["gniew"])
    assert context["jurors"] == 1
    holistic = context["criteria"][0]
    assert holistic.mean == 8
    assert [text for _n, text in holistic.justifications] == [
        "A plan that joins the library and the school."
    ]
    assert context["mean"] == pytest.approx(8.0)
