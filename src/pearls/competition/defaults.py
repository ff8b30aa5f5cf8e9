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
