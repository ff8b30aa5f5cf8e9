"""English and Polish are complete; vocabulary labels exist in all nine interface languages."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|\{\{[^}]*\}\}")
# Names and codes that are the same in Polish and English.
# Words that are spelled the same in Polish.
SAME_IN_POLISH = {
    *("Pearls", "Cultural Pearls", "API", "EUR", "CSV", "JSON", "NUTS"),
    *("region", "Region", "logo", "administrator", "link", "Link %(number)s"),
    *("Plan", "Sponsor", "%(section)s (%(language)s)", "%(region)s (NUTS %(code)s)"),
    *("Helsinki", "Berlin", "Hamburg"),  # place names that Polish writes the same way
    # the title's name stays as the programme brands it; "ranking" is a Polish word too
    *("Cultural Pearl", "Cultural Pearl %(year)s", "Cultural Pearls %(year)s", "Ranking"),
    *("Cultural Pearl %(year)s: %(name)s", "BSR Cultural Pearls", "%(year)s (%(outcome)s)"),
}


def catalogue(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"missing {path}"
    return polib.pofile(str(path))


def test_polish_is_complete_not_fuzzy_and_not_english():
    problems = []
    for entry in catalogue("pl"):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid}")
        if not entry.translated():
            problems.append(f"untranslated: {entry.msgid}")
        elif (
            not entry.msgid_plural
            and entry.msgstr == entry.msgid
            and entry.msgid not in SAME_IN_POLISH
        ):
            problems.append(f"identical to English: {entry.msgid}")
    assert problems == []


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_placeholders_survive_translation(language):
    for entry in catalogue(language):
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if text:
                assert sorted(PLACEHOLDER.findall(text)) == sorted(
                    PLACEHOLDER.findall(entry.msgid)
                ), (language, entry.msgid, text)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_vocabulary_labels_are_translated_in_every_interface_language(language):
    entries = [entry for entry in catalogue(language) if entry.msgctxt and ":" in entry.msgctxt]
    assert len(entries) == 60
    assert [e.msgctxt for e in entries if not e.translated() or "fuzzy" in e.flags] == []


def test_every_interface_string_is_in_the_catalogues():
    """A string added to the code without `make messages` is caught here."""
    import shutil
    import subprocess

    if shutil.which("xgettext") is None:
        pytest.skip("xgettext (Debian gettext) is needed to extract strings")
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue("pl")}
    out = subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            "--keyword=_",
            "--keyword=gettext_lazy",
            "--keyword=pgettext_lazy:1c,2",
            "--keyword=gettext",
            "-o",
            "-",
            *map(str, Path(settings.PACKAGE_DIR).rglob("*.py")),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    extracted = {(e.msgctxt, e.msgid) for e in polib.pofile(out) if e.msgid}
    assert sorted(extracted - known, key=str) == []
