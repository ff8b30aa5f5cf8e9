"""Which countries, target groups and cultural domains a query names, in any of our languages.

"museums for young people in Latvia", "muzeji jauniešiem Latvijā" and "muzea dla młodzieży na
Łotwie" all name the domain *museums*, the group *youth* and the country *LV*. The words come
from the translated vocabulary (the .po catalogues) and the translated country names, plus the
adjectives of the countries below; matching is on folded word stems, so inflected forms match.
"""

from functools import cache

from django.conf import settings
from django.utils import translation

from pearls.catalogue import vocabulary
from pearls.core.languages import fold

from .lexical import query_terms

FACETS = {"group": "target_groups", "domain": "domains"}
# Themes a query may name; they steer the ranking but are not shown as named facets.
THEMES = {"challenge": "challenges", "dimension": "dimensions"}
# Country adjectives and inflected names that a stem of the country's name does not reach.
COUNTRY_WORDS = {
    "DK": "danish dansk danske dänisch duński duńskie tanska taani dānijas danijos",
    "EE": "estonian estnisch estisk eesti estoński estońskie viro viron igaunijas estijos",
    "FI": "finnish finnisch finsk finska suomi suomen suomalainen fiński fińskie soome somijas "
    "suomijos",
    "DE": "german germany deutsch deutsche tysk tyska niemiecki niemieckie niemczech saksa "
    "saksan vācijas vokietijos",
    "LV": "latvian lettisch lettisk lettiska łotewski łotewskie łotwie latvian latvialainen läti "
    "latviešu latvijā latvijas latvijoje",
    "LT": "lithuanian litauisch litauisk litauiska litewski litewskie litwie liettua leedu "
    "lietuvas lietuvių lietuvoje",
    "PL": "polish polnisch polsk polska polski polskie polsce puola puolan poola polijas lenkijos",
    "SE": "swedish schwedisch svensk svenska szwedzki szwedzkie szwecji ruotsi rootsi zviedrijas "
    "švedijos",
    "NO": "norwegian norwegisch norsk norweski norweskie norwegii norja norra norvēģijas "
    "norvegijos",
}
# Label words too general to name a facet on their own.
STOPWORDS = set(
    "people person persons local public other their culture cultural with from osoby ludzie "
    "menschen personer mennesker manniskor ihmiset inimesed cilveki zmones social sociale "
    "spoleczna spoleczne sociala sosiaalinen sotsiaalne socialas socialine".split()
)
MIN_STEM = 4


def _stem(word):
    word = fold(word)
    return word[: max(MIN_STEM, len(word) - 2)]


@cache
def _lexicon():
    """{stem: {(facet, code), ...}} over every interface language."""
    lexicon = {}

    def add(text, facet, code):
        for word in query_terms(text):
            if len(word) >= MIN_STEM and word not in STOPWORDS:
                lexicon.setdefault(_stem(word), set()).add((facet, code))

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for facet, name in {**FACETS, **THEMES}.items():
                for code in vocabulary.codes(name):
                    add(str(vocabulary.label(name, code)), facet, code)
            for code in COUNTRY_WORDS:
                add(str(vocabulary.country_name(code)), "country", code)
    for code, words in COUNTRY_WORDS.items():
        add(words, "country", code)
    return lexicon


def detected(text):
    """{"country": {codes}, "group": ..., "domain": ..., "challenge": ..., "dimension": ...}
    named by ``text``."""
    found = {"country": set(), **{facet: set() for facet in (*FACETS, *THEMES)}}
    lexicon = _lexicon()
    for term in query_terms(text):
        if len(term) < MIN_STEM:
            continue
        for length in range(len(term), MIN_STEM - 1, -1):
            hits = lexicon.get(term[:length])
            if hits:
                for facet, code in hits:
                    found[facet].add(code)
                break
    return found
