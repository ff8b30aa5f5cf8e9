"""Default criteria of a new edition, paraphrased from the programme's published criteria
(the shared programme facts); the secretariat edits them per edition."""

PRE_SELECTION = [
    ("motivation", "Clear and convincing motivation to become a Pearl"),
    (
        "approach",
        "Innovative and holistic general approach to the programme and the planned activities",
    ),
    ("impact", "Potential for real and lasting impact on culture-driven resilience"),
    (
        "involvement",
        "Open, inclusive, cross-sector involvement of stakeholders in application and "
        "implementation",
    ),
]
FINAL = [
    ("holistic", "Innovative and holistic approach"),
    ("participation", "Use of participatory methods and cultural tools"),
    ("capacity", "Capacity to deliver the planned actions"),
]

# The default application form: (key, kind, label, guidance, options). Written for municipal
# officers who write in English as a second language: short sentences, one thing per question.
# Options: "words" (word limit), "required" (default True), "file_types", "max_size_mb".
QUESTIONS = [
    (
        "motivation",
        "text",
        "Why does your town want to become a Cultural Pearl?",
        "Tell us what the title would change for your town and its people. Be concrete: "
        "name the changes you hope for in the next three years.",
        {"words": 500},
    ),
    (
        "town",
        "text",
        "Your town and its challenges",
        "Describe your town in a few sentences (size, location, economy, people) and the main "
        "social challenges it faces today, for example an ageing population, young people "
        "leaving, isolation or tensions between groups.",
        {"words": 500},
    ),
    (
        "assets",
        "text",
        "Cultural assets and strengths",
        "Which cultural places, traditions, organisations, events and people does your town "
        "have? What works well already?",
        {"words": 400},
    ),
    (
        "team",
        "text",
        "Your team and partners across sectors",
        "Who prepares this application and who will carry out the programme? Name the partners "
        "from the municipality, culture, social services, education, business and civil "
        "society, and say how residents take part.",
        {"words": 400},
    ),
    (
        "ideas",
        "text",
        "First ideas for activities",
        "Which activities could strengthen your community through culture? First ideas are "
        "enough: the detailed plan comes later, in the development phase.",
        {"words": 500},
    ),
    (
        "learning",
        "text",
        "What does your town hope to learn?",
        "What would you like to learn from the other towns, the mentors and the network?",
        {"words": 300},
    ),
    (
        "population",
        "number",
        "Population of the town",
        "The number of inhabitants, as in the latest official statistics.",
        {},
    ),
    (
        "contact",
        "text",
        "Contact person",
        "The name and position of the person the secretariat should contact about this "
        "application.",
        {"words": 20},
    ),
    (
        "commitment",
        "file",
        "Letter of commitment signed by the mayor",
        "A letter in which the mayor (or the head of the municipality) supports the application "
        "and commits the municipality to take part in the programme. Upload it as a PDF file of "
        "at most 5 MB.",
        {"file_types": "pdf", "max_size_mb": 5},
    ),
]
