"""A demo ecosystem map for the demo team's town, Gniew in Poland (development only): realistic
kinds of stakeholders, cultural assets with coordinates around the old town, and how they are
connected. Names are typical of such a town; contacts are invented."""

from django.db import transaction

from .models import CulturalAsset, Relationship, Stakeholder

STAKEHOLDERS = [
    # name, organisation type, sector, contact, influence, interest, notes
    (
        "Gniew Centre for Culture",
        "cultural_institution",
        "culture",
        "Anna Nowak",
        5,
        5,
        "Runs the culture house, the town's events and most of the festival programme.",
    ),
    (
        "Gniew Castle Museum",
        "cultural_institution",
        "culture",
        "Piotr Zieliński",
        4,
        5,
        "Manages the castle's exhibitions and heritage education.",
    ),
    (
        "Town and Municipality Office of Gniew",
        "municipality",
        "public",
        "",
        5,
        3,
        "Decides the culture budget and owns most venues.",
    ),
    (
        "Seniors' Club “Wrzos”",
        "ngo",
        "civil",
        "Halina Kowalska",
        2,
        4,
        "About sixty members; meets weekly at the culture house.",
    ),
    (
        "Youth Association “Vistula Horizons”",
        "ngo",
        "civil",
        "Kacper Wiśniewski",
        2,
        5,
        "Volunteers for festivals; wants a place for young people in the evenings.",
    ),
    (
        "Kociewie Bakery and Café",
        "business",
        "private",
        "Tomasz Lewandowski",
        2,
        2,
        "Sponsors small prizes; the café on the market square is a meeting point.",
    ),
    (
        "Primary School No. 1",
        "school",
        "education",
        "Ewa Dąbrowska",
        3,
        3,
        "Interested in heritage lessons at the castle.",
    ),
    (
        "Parish of St Nicholas",
        "religious",
        "civil",
        "",
        4,
        2,
        "Owns the church; the parish hall is used for concerts.",
    ),
    (
        "Regional Public Library in Gniew",
        "cultural_institution",
        "public",
        "Marta Wójcik",
        3,
        4,
        "Reading clubs, local history collection, digital skills courses.",
    ),
]

ASSETS = [
    # name, kind, address, latitude, longitude, description
    (
        "Gniew Castle",
        "heritage",
        "ul. Zamkowa 3",
        53.8371,
        18.8192,
        "Teutonic Order castle from the 13th and 14th centuries on the Vistula escarpment.",
    ),
    (
        "Market square of Gniew",
        "heritage",
        "Plac Grunwaldzki",
        53.8357,
        18.8249,
        "Medieval market square with arcaded houses; the stage for open-air events.",
    ),
    (
        "Church of St Nicholas",
        "heritage",
        "ul. Kościelna",
        53.8364,
        18.8261,
        "Gothic parish church; concerts in summer.",
    ),
    (
        "Culture house of the Centre for Culture",
        "venue",
        "ul. Sambora 7",
        53.8344,
        18.8231,
        "Hall for 200, rehearsal rooms, a small gallery.",
    ),
    (
        "Vivat Vasa! festival",
        "event",
        "Gniew Castle",
        53.8368,
        18.8198,
        "Historical re-enactment festival every summer, thousands of visitors.",
    ),
    (
        "Folk ensemble “Kociewiacy”",
        "group",
        "",
        None,
        None,
        "Song and dance group of the Kociewie region; rehearses at the culture house.",
    ),
]

RELATIONSHIPS = [
    # stakeholder, kind, asset or stakeholder (by name), note
    ("Gniew Castle Museum", "owns", "Gniew Castle", ""),
    ("Gniew Centre for Culture", "owns", "Culture house of the Centre for Culture", ""),
    ("Gniew Centre for Culture", "owns", "Vivat Vasa! festival", "with the castle museum"),
    ("Parish of St Nicholas", "owns", "Church of St Nicholas", ""),
    ("Seniors' Club “Wrzos”", "uses", "Culture house of the Centre for Culture", "weekly"),
    ("Youth Association “Vistula Horizons”", "supports", "Vivat Vasa! festival", "volunteers"),
    ("Town and Municipality Office of Gniew", "supports", "Gniew Centre for Culture", "budget"),
    ("Primary School No. 1", "partners", "Gniew Castle Museum", "heritage lessons"),
    ("Kociewie Bakery and Café", "supports", "Market square of Gniew", "summer events"),
    ("Regional Public Library in Gniew", "partners", "Seniors' Club “Wrzos”", "reading club"),
]


def ecosystem_create(municipality, actor=None):
    """Stakeholders, cultural assets and relationships of the demo map for ``municipality``.
    Idempotent: records are matched by name and left as they are when present. Returns the
    number of records created."""
    created = 0
    with transaction.atomic():
        stakeholders = {}
        for name, org_type, sector, contact, influence, interest, notes in STAKEHOLDERS:
            email = f"{contact.split()[0].lower()}@example.org" if contact else ""
            stakeholders[name], new = Stakeholder.objects.get_or_create(
                municipality=municipality,
                name=name,
                defaults={
                    "organisation_type": org_type,
                    "sector": sector,
                    "contact_name": contact,
                    "contact_email": email,
                    "influence": influence,
                    "interest": interest,
                    "notes": notes,
                    "created_by": actor,
                },
            )
            created += new
        assets = {}
        for name, kind, address, latitude, longitude, description in ASSETS:
            assets[name], new = CulturalAsset.objects.get_or_create(
                municipality=municipality,
                name=name,
                defaults={
                    "kind": kind,
                    "address": address,
                    "latitude": latitude,
                    "longitude": longitude,
                    "description": description,
                    "created_by": actor,
                },
            )
            created += new
        for who, kind, target, note in RELATIONSHIPS:
            _relationship, new = Relationship.objects.get_or_create(
                municipality=municipality,
                stakeholder=stakeholders[who],
                kind=kind,
                asset=assets.get(target),
                other=stakeholders.get(target),
                defaults={"note": note},
            )
            created += new
    return created
