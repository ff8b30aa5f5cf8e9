"""Who may apply for the Cultural Pearls title: countries, German states and excluded capitals.

Pure functions: they read attributes of the municipalities passed in and return an
``Eligibility`` with the verdict and its reasons in the reader's language; nothing is written.

The rules are data (``RULES_DEFAULT``, from the shared programme facts) because an edition may
change them; ``Edition.eligibility_rules`` stores an override, and an empty one means the
defaults. Capitals and regions are matched by code (country + LAU or NUTS), never by spelling:
"Warszawa", "Warsaw" and "Warschau" are all the same town, and a town may share a capital's name.
When a code the check needs is missing, the municipality is not refused for it; the gap is listed
in ``unknown`` so the secretariat can confirm by hand.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop, ngettext

from pearls.catalogue.vocabulary import country_name, programme_countries


def _capital(country, lau, name, *, nuts3="", nuts1=""):
    return {"country": country, "lau": lau, "nuts3": nuts3, "nuts1": nuts1, "name": name}


# Names are marked with gettext_noop so makemessages extracts them while the rules stay plain,
# JSON-storable strings; they are translated when a sentence is written.
RULES_DEFAULT = {
    "countries": ["DK", "EE", "FI", "LV", "LT", "PL", "SE", "DE"],
    # In Germany only these states (NUTS-1) and regions (NUTS-2) take part.
    "germany_nuts1": ["DE3", "DE4", "DE5", "DE6", "DE8", "DEF"],
    "germany_nuts2": ["DE93"],
    # nuts3: only where the capital is a NUTS-3 region of its own (elsewhere the NUTS-3 region
    # also holds neighbours, which are eligible). nuts1: a city-state, where every municipality
    # of the region is the capital itself.
    "excluded_capitals": [
        _capital("SE", "0180", gettext_noop("Stockholm")),
        _capital("FI", "091", gettext_noop("Helsinki")),
        _capital("EE", "0784", gettext_noop("Tallinn")),
        _capital("LV", "0010000", gettext_noop("Riga"), nuts3="LV006"),
        _capital("LT", "13", gettext_noop("Vilnius")),
        _capital("PL", "1465011", gettext_noop("Warsaw"), nuts3="PL911"),
        _capital("DE", "11000000", gettext_noop("Berlin"), nuts3="DE300", nuts1="DE3"),
        _capital("DK", "101", gettext_noop("Copenhagen")),
    ],
}

# German states (NUTS-1); every state, so a refusal can name the one a town lies in.
GERMAN_STATES = {
    "DE1": gettext_noop("Baden-Württemberg"),
    "DE2": gettext_noop("Bavaria"),
    "DE3": gettext_noop("Berlin"),
    "DE4": gettext_noop("Brandenburg"),
    "DE5": gettext_noop("Bremen"),
    "DE6": gettext_noop("Hamburg"),
    "DE7": gettext_noop("Hesse"),
    "DE8": gettext_noop("Mecklenburg-Vorpommern"),
    "DE9": gettext_noop("Lower Saxony"),
    "DEA": gettext_noop("North Rhine-Westphalia"),
    "DEB": gettext_noop("Rhineland-Palatinate"),
    "DEC": gettext_noop("Saarland"),
    "DED": gettext_noop("Saxony"),
    "DEE": gettext_noop("Saxony-Anhalt"),
    "DEF": gettext_noop("Schleswig-Holstein"),
    "DEG": gettext_noop("Thuringia"),
}

# German NUTS-2 regions inside a state, as (name within its state, name on its own), for states
# that take part only in part. Only Lower Saxony's are needed today.
GERMAN_REGIONS = {
    "DE91": (
        gettext_noop("the Braunschweig region"),
        gettext_noop("the Braunschweig region of Lower Saxony"),
    ),
    "DE92": (
        gettext_noop("the Hanover region"),
        gettext_noop("the Hanover region of Lower Saxony"),
    ),
    "DE93": (
        gettext_noop("the Lüneburg region"),
        gettext_noop("the Lüneburg region of Lower Saxony"),
    ),
    "DE94": (
        gettext_noop("the Weser-Ems region"),
        gettext_noop("the Weser-Ems region of Lower Saxony"),
    ),
}


@dataclass
class Eligibility:
    """The verdict on one applicant.

    ``eligible`` is False only when a rule fails; checks that could not be made (missing codes)
    are listed in ``unknown`` and leave ``eligible`` True, for the secretariat to confirm.
    ``counts_for_country`` is the country whose per-country limit the application counts for.
    """

    eligible: bool
    reasons: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    counts_for_country: str = ""


def check_municipality(municipality, rules=RULES_DEFAULT):
    """Whether ``municipality`` may apply on its own, with the reasons in the reader's language.

    Reads ``country``, ``nuts2``, ``nuts3``, ``lau`` and the names; writes nothing, raises nothing.
    """
    eligible, reasons, _failures, unknown = _assess(municipality, _rules(rules))
    return Eligibility(
        eligible=eligible,
        reasons=reasons,
        unknown=unknown,
        counts_for_country=_code(municipality.country),
    )


def check_application(lead, members=(), rules=RULES_DEFAULT):
    """Whether a single municipality (no ``members``) or a joint application may apply.

    The lead partner and every member must be eligible; the application counts for the lead
    partner's country. ``members`` may include the lead (as ``Partnership.members`` does); it is
    checked once. Writes nothing, raises nothing.
    """
    rules = _rules(rules)
    lead_eligible, lead_reasons, _failures, unknown = _assess(lead, rules)
    country = _code(lead.country)
    others = _distinct_members(lead, members)
    if not others:
        return Eligibility(lead_eligible, lead_reasons, unknown, counts_for_country=country)

    reasons = [
        gettext("%(name)s leads the joint application, which counts for %(country)s.")
        % {"name": _name(lead), "country": country_name(country)}
    ]
    reasons += lead_reasons
    eligible = lead_eligible
    for member in others:
        member_eligible, _all, member_failures, member_unknown = _assess(member, rules)
        unknown += member_unknown
        if member_eligible:
            reasons.append(
                gettext("%(name)s, a member of the joint application, is eligible.")
                % {"name": _name(member)}
            )
            continue
        eligible = False
        # Only the failing rules: "Poland takes part" would read oddly under a refusal.
        reasons.append(
            gettext(
                "%(name)s, a member of the joint application, is not eligible, so the joint "
                "application cannot take part."
            )
            % {"name": _name(member)}
        )
        reasons += member_failures
    return Eligibility(eligible, reasons, unknown, counts_for_country=country)


def _rules(rules):
    # An edition stores only what it changes; an empty override means the programme's defaults.
    return {**RULES_DEFAULT, **(rules or {})}


def _assess(municipality, rules):
    """(eligible, all reasons, failing reasons, unknown) for one municipality."""
    checks = _country_checks(municipality, rules)
    if all(passed is not False for passed, _sentence in checks):
        checks += _capital_checks(municipality, rules)
    reasons = [sentence for passed, sentence in checks if passed is not None]
    failures = [sentence for passed, sentence in checks if passed is False]
    unknown = [sentence for passed, sentence in checks if passed is None]
    return not failures, reasons, failures, unknown


def _country_checks(municipality, rules):
    """(passed, sentence) pairs for the country and, in Germany, the state (None: unknown)."""
    country = _code(municipality.country)
    if not country:
        return [
            (
                False,
                gettext("The country of %(name)s is missing, so it cannot be checked.")
                % {"name": _name(municipality)},
            )
        ]
    params = {"country": country_name(country)}
    if country not in rules["countries"]:
        if country in programme_countries():
            sentence = gettext(
                "%(country)s belongs to the programme area but is not eligible for the title."
            )
        else:
            sentence = gettext("%(country)s is not in the programme area of the title.")
        return [(False, sentence % params)]
    checks = [(True, gettext("%(country)s takes part in the title.") % params)]
    if country == "DE":
        checks.append(_german_state_check(municipality, rules))
    return checks


def _german_state_check(municipality, rules):
    """(passed, sentence): whether a German town lies in a state or region that takes part."""
    nuts1_allowed = sorted(rules["germany_nuts1"])
    nuts2_allowed = sorted(rules["germany_nuts2"])
    # The NUTS-3 code starts with the NUTS-2 code, so either field will do.
    nuts2 = _code(municipality.nuts2) or _code(municipality.nuts3)[:4]
    if len(nuts2) < 4 or not nuts2.startswith("DE"):
        sentence = gettext(
            "The NUTS code of %(name)s is missing, so we could not check that it lies in a "
            "German state that takes part."
        )
        return None, sentence % {"name": _name(municipality)}

    nuts1 = nuts2[:3]
    if nuts1 in nuts1_allowed:
        return True, gettext("In Germany, %(area)s takes part in the title.") % {
            "area": _german_state(nuts1)
        }
    if nuts2 in nuts2_allowed:
        return True, gettext("In Germany, %(area)s takes part in the title.") % {
            "area": _german_region(nuts2, within_state=False)
        }

    regions_of_state = [code for code in nuts2_allowed if code.startswith(nuts1)]
    if regions_of_state:
        # A state that takes part only in part (Lower Saxony): name the regions that do.
        sentence = ngettext(
            "In %(state)s only %(areas)s takes part; %(region)s (NUTS %(code)s) does not.",
            "In %(state)s only %(areas)s take part; %(region)s (NUTS %(code)s) does not.",
            len(regions_of_state),
        )
        areas = [
            gettext("%(region)s (NUTS %(code)s)")
            % {"region": _german_region(code, within_state=True), "code": code}
            for code in regions_of_state
        ]
        return False, sentence % {
            "state": _german_state(nuts1),
            "areas": _join(areas),
            "region": _german_region(nuts2, within_state=True),
            "code": nuts2,
        }

    areas = [_german_state(code) for code in nuts1_allowed]
    areas += [_german_region(code, within_state=False) for code in nuts2_allowed]
    sentence = gettext("In Germany only %(areas)s take part; %(state)s (NUTS %(code)s) does not.")
    return False, sentence % {"areas": _join(areas), "state": _german_state(nuts1), "code": nuts1}


def _capital_checks(municipality, rules):
    """(passed, sentence) pairs: a refusal if the municipality is its country's excluded capital.

    Nothing is said when it is not the capital; an unknown when the codes to tell are missing.
    """
    country = _code(municipality.country)
    checks = []
    for capital in rules["excluded_capitals"]:
        if _code(capital["country"]) != country:
            continue
        is_capital = _is_capital(municipality, capital)
        if is_capital:
            if _code(capital.get("nuts1", "")):
                sentence = gettext(
                    "%(capital)s is the capital of %(country)s and excluded; as a city-state it "
                    "has no other municipality that could apply."
                )
            else:
                sentence = gettext(
                    "%(capital)s is the capital of %(country)s and excluded; its neighbours are "
                    "welcome."
                )
            params = {"capital": gettext(capital["name"]), "country": country_name(country)}
            checks.append((False, sentence % params))
        elif is_capital is None:
            if _code(capital.get("nuts3", "")):
                sentence = gettext(
                    "The LAU and NUTS-3 codes of %(name)s are missing, so we could not check "
                    "that it is not the capital."
                )
            else:
                sentence = gettext(
                    "The LAU code of %(name)s is missing, so we could not check that it is not "
                    "the capital."
                )
            checks.append((None, sentence % {"name": _name(municipality)}))
    return checks


def _is_capital(municipality, capital):
    """True, False, or None when the municipality lacks the codes to tell."""
    # A city-state (Berlin) is one municipality: everything in its region is the capital.
    capital_nuts1 = _code(capital.get("nuts1", ""))
    nuts = _code(municipality.nuts3) or _code(municipality.nuts2)
    if capital_nuts1 and nuts.startswith(capital_nuts1):
        return True
    lau = _lau(municipality.lau)
    if lau:
        return lau == _lau(capital.get("lau", ""))
    capital_nuts3 = _code(capital.get("nuts3", ""))
    nuts3 = _code(municipality.nuts3)
    if capital_nuts3 and nuts3:
        return nuts3 == capital_nuts3
    return None


def _distinct_members(lead, members):
    """The members other than the lead, each once, in the order given."""
    seen = [lead]
    distinct = []
    for member in members:
        if any(_same(member, other) for other in seen):
            continue
        seen.append(member)
        distinct.append(member)
    return distinct


def _same(one, other):
    if one is other:
        return True
    pk = getattr(one, "pk", None)
    return pk is not None and pk == getattr(other, "pk", None)


def _join(items):
    """``items`` as one phrase: "A, B and C"."""
    if len(items) == 1:
        return items[0]
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _german_state(nuts1):
    return gettext(GERMAN_STATES[nuts1]) if nuts1 in GERMAN_STATES else nuts1


def _german_region(nuts2, *, within_state):
    if nuts2 not in GERMAN_REGIONS:
        return gettext("the region %(code)s") % {"code": nuts2}
    return gettext(GERMAN_REGIONS[nuts2][0 if within_state else 1])


def _name(municipality):
    return municipality.official_name or municipality.local_name or gettext("the municipality")


def _code(value):
    return (value or "").strip().upper()


def _lau(value):
    # Spreadsheets drop leading zeros ("180" for Stockholm's "0180"); within one country LAU
    # codes have a fixed width, so comparing without them stays exact.
    code = (value or "").strip()
    return code.lstrip("0") or code
