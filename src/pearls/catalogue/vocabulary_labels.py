"""Translatable labels of the controlled vocabularies, keyed by (vocabulary, code).

Written from schema/vocabulary.json; a test checks that both agree, code for code and label
for label. The message context "vocabulary:code" keeps a code that appears in two
vocabularies (``wellbeing``) apart in the .po catalogues.
"""

from django.utils.translation import pgettext_lazy

LABELS = {
    ("challenges", "ageing"): pgettext_lazy("challenges:ageing", "Ageing population"),
    ("challenges", "depopulation"): pgettext_lazy(
        "challenges:depopulation", "Depopulation and out-migration"
    ),
    ("challenges", "migration"): pgettext_lazy(
        "challenges:migration", "Arrival and integration of migrants and refugees"
    ),
    ("challenges", "segregation"): pgettext_lazy(
        "challenges:segregation", "Social segregation and exclusion"
    ),
    ("challenges", "isolation"): pgettext_lazy(
        "challenges:isolation", "Loneliness and social isolation"
    ),
    ("challenges", "youth"): pgettext_lazy(
        "challenges:youth", "Youth disengagement and lack of prospects"
    ),
    ("challenges", "pandemic"): pgettext_lazy(
        "challenges:pandemic", "Pandemic and public-health crisis"
    ),
    ("challenges", "climate"): pgettext_lazy(
        "challenges:climate", "Climate change and environmental hazards"
    ),
    ("challenges", "economic"): pgettext_lazy(
        "challenges:economic", "Economic decline and unemployment"
    ),
    ("challenges", "polarisation"): pgettext_lazy(
        "challenges:polarisation", "Polarisation, political tension and disinformation"
    ),
    ("challenges", "security"): pgettext_lazy(
        "challenges:security", "Security threats, war and crisis preparedness"
    ),
    ("challenges", "wellbeing"): pgettext_lazy(
        "challenges:wellbeing", "Mental health and wellbeing"
    ),
    ("challenges", "identity"): pgettext_lazy(
        "challenges:identity", "Loss of local identity and heritage at risk"
    ),
    ("challenges", "digital"): pgettext_lazy("challenges:digital", "Digital divide"),
    ("dimensions", "belonging"): pgettext_lazy(
        "dimensions:belonging", "Sense of belonging and local identity"
    ),
    ("dimensions", "trust"): pgettext_lazy("dimensions:trust", "Trust and social capital"),
    ("dimensions", "participation"): pgettext_lazy(
        "dimensions:participation", "Civic engagement and participation"
    ),
    ("dimensions", "inclusion"): pgettext_lazy(
        "dimensions:inclusion", "Inclusion and equal access"
    ),
    ("dimensions", "wellbeing"): pgettext_lazy("dimensions:wellbeing", "Health and wellbeing"),
    ("dimensions", "cooperation"): pgettext_lazy(
        "dimensions:cooperation", "Cross-sector cooperation and networks"
    ),
    ("dimensions", "adaptability"): pgettext_lazy(
        "dimensions:adaptability", "Learning, adaptation and innovation"
    ),
    ("dimensions", "preparedness"): pgettext_lazy(
        "dimensions:preparedness", "Preparedness and crisis response"
    ),
    ("domains", "tangible_heritage"): pgettext_lazy(
        "domains:tangible_heritage", "Built and tangible heritage"
    ),
    ("domains", "intangible_heritage"): pgettext_lazy(
        "domains:intangible_heritage", "Intangible heritage and traditions"
    ),
    ("domains", "museums"): pgettext_lazy("domains:museums", "Museums and collections"),
    ("domains", "libraries"): pgettext_lazy("domains:libraries", "Libraries, archives and reading"),
    ("domains", "music"): pgettext_lazy("domains:music", "Music"),
    ("domains", "performing_arts"): pgettext_lazy(
        "domains:performing_arts", "Theatre, dance and performing arts"
    ),
    ("domains", "visual_arts"): pgettext_lazy("domains:visual_arts", "Visual arts and public art"),
    ("domains", "literature"): pgettext_lazy("domains:literature", "Literature and storytelling"),
    ("domains", "film_media"): pgettext_lazy("domains:film_media", "Film, media and photography"),
    ("domains", "design_architecture"): pgettext_lazy(
        "domains:design_architecture", "Design, architecture and public space"
    ),
    ("domains", "crafts"): pgettext_lazy("domains:crafts", "Crafts and making"),
    ("domains", "festivals"): pgettext_lazy("domains:festivals", "Festivals and community events"),
    ("domains", "digital_culture"): pgettext_lazy(
        "domains:digital_culture", "Digital culture and games"
    ),
    ("domains", "food_culture"): pgettext_lazy("domains:food_culture", "Food culture"),
    ("target_groups", "all_residents"): pgettext_lazy(
        "target_groups:all_residents", "All residents"
    ),
    ("target_groups", "children"): pgettext_lazy("target_groups:children", "Children"),
    ("target_groups", "youth"): pgettext_lazy("target_groups:youth", "Young people"),
    ("target_groups", "seniors"): pgettext_lazy("target_groups:seniors", "Older people"),
    ("target_groups", "families"): pgettext_lazy("target_groups:families", "Families"),
    ("target_groups", "migrants"): pgettext_lazy("target_groups:migrants", "Migrants and refugees"),
    ("target_groups", "minorities"): pgettext_lazy(
        "target_groups:minorities", "National and linguistic minorities"
    ),
    ("target_groups", "disabilities"): pgettext_lazy(
        "target_groups:disabilities", "People with disabilities"
    ),
    ("target_groups", "unemployed"): pgettext_lazy("target_groups:unemployed", "Unemployed people"),
    ("target_groups", "rural"): pgettext_lazy(
        "target_groups:rural", "Rural and remote communities"
    ),
    ("target_groups", "creatives"): pgettext_lazy(
        "target_groups:creatives", "Artists and cultural professionals"
    ),
    ("organisation_types", "municipality"): pgettext_lazy(
        "organisation_types:municipality", "Municipality or local authority"
    ),
    ("organisation_types", "region"): pgettext_lazy(
        "organisation_types:region", "Regional authority"
    ),
    ("organisation_types", "cultural_institution"): pgettext_lazy(
        "organisation_types:cultural_institution", "Cultural institution"
    ),
    ("organisation_types", "ngo"): pgettext_lazy(
        "organisation_types:ngo", "NGO or civic association"
    ),
    ("organisation_types", "school"): pgettext_lazy(
        "organisation_types:school", "School or kindergarten"
    ),
    ("organisation_types", "university"): pgettext_lazy(
        "organisation_types:university", "University or research body"
    ),
    ("organisation_types", "business"): pgettext_lazy(
        "organisation_types:business", "Business or creative enterprise"
    ),
    ("organisation_types", "religious"): pgettext_lazy(
        "organisation_types:religious", "Religious community"
    ),
    ("organisation_types", "health_social"): pgettext_lazy(
        "organisation_types:health_social", "Health or social-care provider"
    ),
    ("organisation_types", "other"): pgettext_lazy("organisation_types:other", "Other"),
    ("organisation_roles", "lead"): pgettext_lazy("organisation_roles:lead", "Lead organisation"),
    ("organisation_roles", "partner"): pgettext_lazy("organisation_roles:partner", "Partner"),
    ("organisation_roles", "funder"): pgettext_lazy("organisation_roles:funder", "Funder"),
}
