import pytest
from django.core.exceptions import ValidationError

from pearls.core.models import AuditEntry
from pearls.worksheets import selectors, services
from pearls.worksheets.canvases import CANVASES, PHASES, canvas_get
from pearls.worksheets.models import WorksheetAnswer
from tests.people import join, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return make_municipality("town-a", "PL")


@pytest.fixture
def member(town):
    person = make_user(name="Member")
    join(person, town)
    return person


def save(town, member, answers, base_revision=0, canvas="entry-point"):
    return services.worksheet_save(
        municipality=town,
        canvas=canvas,
        answers=answers,
        base_revision=base_revision,
        actor=member,
    )


def test_roadmap_has_five_phases_and_eleven_canvases():
    assert [phase.number for phase in PHASES] == [1, 2, 3, 4, 5]
    assert len(CANVASES) == 11 and len({canvas.key for canvas in CANVASES}) == 11
    for canvas in CANVASES:
        assert 4 <= len(canvas.prompts) <= 8, canvas.key
        assert canvas.own == (canvas.phase >= 3)
        assert len(set(canvas.prompt_keys)) == len(canvas.prompts)
        for prompt in canvas.prompts:
            assert prompt.kind in {"text", "list"}
            assert not prompt.is_list or "line" in str(prompt.help), (canvas.key, prompt.key)
    for phase in PHASES[2:]:
        assert len(phase.canvases) == 2
    assert canvas_get("collaboration-agreement").prompt("partners").is_list


def test_save_strips_counts_revisions_and_audits_without_text(town, member):
    first = save(
        town, member, {"challenge": "  Young people leave.  ", "assets": "Castle\r\n\r\n Library "}
    )
    assert first.revision == 1
    assert first.answers == {"challenge": "Young people leave.", "assets": "Castle\nLibrary"}
    second = save(town, member, {"challenge": "Young people leave.", "why_now": " "}, 1)
    assert second.revision == 2 and second.answers == {"challenge": "Young people leave."}
    entries = list(AuditEntry.objects.filter(action="worksheet.save").order_by("pk"))
    assert [entry.changed_fields for entry in entries] == [["assets", "challenge"], ["assets"]]
    assert entries[1].details == {"canvas": "entry-point", "revision": 2}
    assert "Young" not in str([entry.details for entry in entries])
    # Saving the same again changes nothing.
    assert save(town, member, {"challenge": "Young people leave."}, 2).revision == 2
    assert AuditEntry.objects.filter(action="worksheet.save").count() == 2


@pytest.mark.parametrize(
    ("canvas", "answers", "message"),
    [
        ("entry-point", {"password": "x"}, "no such question"),
        ("entry-point", {"challenge": "x" * 4001}, "longer than 4000"),
        ("entry-point", {"assets": "\n".join(["x"] * 61)}, "more than 60 lines"),
        ("no-such-canvas", {}, "no such worksheet"),
    ],
)
def test_unknown_and_oversized_answers_are_refused(town, member, canvas, answers, message):
    with pytest.raises(ValidationError, match=message):
        save(town, member, answers, canvas=canvas)
    assert not WorksheetAnswer.objects.exists()
    assert not AuditEntry.objects.filter(action="worksheet.save").exists()


def test_conflict_keeps_both_versions_and_changes_nothing(town, member):
    other = make_user(name="Other Member")
    join(other, town)
    save(town, other, {"challenge": "Loneliness of older people."})
    # The member opened the empty canvas (revision 0) before the other one saved.
    with pytest.raises(services.WorksheetConflict) as caught:
        save(town, member, {"challenge": "Young people leave."}, 0)
    conflict = caught.value
    assert conflict.current == {"challenge": "Loneliness of older people."}
    assert conflict.revision == 1 and conflict.updated_by == other
    assert isinstance(conflict, ValidationError)
    stored = WorksheetAnswer.objects.get()
    assert stored.revision == 1 and stored.answers == {"challenge": "Loneliness of older people."}
    assert AuditEntry.objects.filter(action="worksheet.save").count() == 1
    # Merged and saved from the revision the member has now seen.
    merged = save(town, member, {"challenge": "Young people leave; older people are lonely."}, 1)
    assert merged.revision == 2 and merged.updated_by == member


def test_progress_per_canvas(town, member):
    save(town, member, {"challenge": "A", "why_now": "B", "assets": "C"})
    roadmap = selectors.worksheets_of(town)
    assert [step["phase"].number for step in roadmap] == [1, 2, 3, 4, 5]
    entry = roadmap[0]["canvases"][0]
    assert entry["canvas"].key == "entry-point"
    assert (entry["answered"], entry["total"], entry["revision"]) == (3, 6, 1)
    assert roadmap[1]["canvases"][1]["answered"] == 0
    assert roadmap[1]["canvases"][1]["updated_at"] is None


def test_worksheet_answers(town, member):
    assert selectors.worksheet_answers(town, "preparedness") == {}
    save(town, member, {"mandate": "The mayor supports it."}, canvas="preparedness")
    assert selectors.worksheet_answers(town, "preparedness") == {
        "mandate": "The mayor supports it."
    }
    with pytest.raises(KeyError):
        selectors.worksheet_answers(town, "nothing")


def test_agreement_partners_are_parsed(town, member):
    assert selectors.agreement_partners(town) == []
    partners = "\n".join(
        [
            "Gniew Cultural Centre — lead, venues and staff",
            "Castle Museum – heritage venue",
            "- Seniors' Club 'Złota Jesień' - volunteers",
            "Town hall: funding",
            "Kwidzyn-Gniew Rowing Club",
            "  ",
            "2. Library —",
        ]
    )
    save(town, member, {"partners": partners}, canvas="collaboration-agreement")
    assert selectors.agreement_partners(town) == [
        {"name": "Gniew Cultural Centre", "role": "lead, venues and staff"},
        {"name": "Castle Museum", "role": "heritage venue"},
        {"name": "Seniors' Club 'Złota Jesień'", "role": "volunteers"},
        {"name": "Town hall", "role": "funding"},
        {"name": "Kwidzyn-Gniew Rowing Club", "role": ""},
        {"name": "Library", "role": ""},
    ]
