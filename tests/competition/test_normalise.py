import math

import pytest

from pearls.competition.normalise import (
    Criterion,
    agreement,
    criteria_by_code,
    normalised,
    weighted_means,
)

# Two criteria on one 1–10 scale; "plan" weighs twice as much as "reach".
CRITERIA = [
    {"code": "plan", "weight": 2, "scale_min": 1, "scale_max": 10},
    Criterion(code="reach", weight=1.0, scale_min=1, scale_max=10),
]
ONE = [{"code": "q", "weight": 1, "scale_min": 1, "scale_max": 10}]


def test_weighted_means_over_the_jurors_who_scored():
    scores = {
        ("j1", "x", "plan"): 9,
        ("j1", "x", "reach"): 6,  # (2*9 + 6) / 3 = 8
        ("j2", "x", "plan"): 6,
        ("j2", "x", "reach"): 9,  # (2*6 + 9) / 3 = 7
        # j3 is conflicted on x: no entries, so x's mean is over j1 and j2 only.
        ("j3", "y", "plan"): 3,
        ("j3", "y", "reach"): 3,  # 3
        ("j1", "y", "plan"): 6,  # j1 scored only "plan" on y: weights renormalised, so 6
    }
    result = weighted_means(scores, CRITERIA)

    assert result["x"].mean == pytest.approx(7.5)
    assert result["x"].jurors == 2
    assert result["x"].per_criterion == {"plan": 7.5, "reach": 7.5}
    assert result["y"].mean == pytest.approx(4.5)
    assert result["y"].jurors == 2
    assert result["y"].per_criterion == {"plan": 4.5, "reach": 3.0}


def test_weighted_means_leaves_out_candidates_nobody_scored():
    assert weighted_means({}, CRITERIA) == {}


@pytest.mark.parametrize(
    ("criteria", "scores", "message"),
    [
        (ONE + ONE, {}, "listed twice"),
        ([{"code": "q", "weight": 0, "scale_min": 1, "scale_max": 10}], {}, "weight"),
        ([{"code": "q", "weight": 1, "scale_min": 5, "scale_max": 5}], {}, "scale"),
        (ONE, {("j", "x", "nope"): 5}, "unknown criterion"),
        (ONE, {("j", "x", "q"): 11}, "outside the scale"),
    ],
)
def test_bad_input_is_refused(criteria, scores, message):
    for function in (weighted_means, normalised, agreement):
        with pytest.raises(ValueError, match=message):
            function(scores, criteria)


def test_criteria_by_code_keeps_order_and_reads_objects_and_dicts():
    assert list(criteria_by_code(CRITERIA)) == ["plan", "reach"]
    assert criteria_by_code(CRITERIA)["plan"] == Criterion("plan", 2.0, 1.0, 10.0)


def test_normalised_takes_out_a_lenient_and_a_strict_juror():
    # The lenient juror spreads 10 vs 6, the strict one 3 vs 5: both z-scores are ±1.
    scores = {
        ("lenient", "x", "q"): 10,
        ("lenient", "y", "q"): 6,
        ("strict", "x", "q"): 3,
        ("strict", "y", "q"): 5,
    }
    # Pooled: mean 6, population variance (16 + 0 + 9 + 1) / 4 = 6.5.
    spread = math.sqrt(6.5)
    result = normalised(scores, ONE)

    assert result == pytest.approx(
        {
            ("lenient", "x", "q"): 6 + spread,
            ("lenient", "y", "q"): 6 - spread,
            ("strict", "x", "q"): 6 - spread,
            ("strict", "y", "q"): 6 + spread,
        }
    )
    # Raw means favour x (6.5 vs 5.5); normalised, both preferences weigh the same.
    raw = weighted_means(scores, ONE)
    assert (raw["x"].mean, raw["y"].mean) == (6.5, 5.5)
    normal = weighted_means(result, ONE)
    assert normal["x"].mean == pytest.approx(6.0)
    assert normal["y"].mean == pytest.approx(6.0)


def test_normalised_constant_juror_and_single_candidate_get_the_pooled_centre():
    scores = {
        ("a", "x", "q"): 8,
        ("a", "y", "q"): 4,  # z = ±1
        ("flat", "x", "q"): 7,
        ("flat", "y", "q"): 7,  # no preference: z = 0
        ("single", "x", "q"): 4,  # one candidate: z = 0
    }
    # Pooled: 8, 4, 7, 7, 4 → mean 6, variance (4 + 4 + 1 + 1 + 4) / 5 = 2.8.
    spread = math.sqrt(2.8)
    result = normalised(scores, ONE)

    assert result[("flat", "x", "q")] == pytest.approx(6.0)
    assert result[("flat", "y", "q")] == pytest.approx(6.0)
    assert result[("single", "x", "q")] == pytest.approx(6.0)
    assert result[("a", "x", "q")] == pytest.approx(6 + spread)
    assert result[("a", "y", "q")] == pytest.approx(6 - spread)


def test_normalised_treats_rounding_noise_on_equal_values_as_no_preference():
    # 131/97 three times averages to a hair below 131/97 in floating point, a spread of 2e-16:
    # without a guard the z-scores would be ±1 out of nothing.
    value = 131 / 97
    scores = {("flat", c, "q"): value for c in ("x", "y", "z")} | {
        ("a", "x", "q"): 9,
        ("a", "y", "q"): 1,
    }
    result = normalised(scores, ONE)
    centre = (3 * value + 10) / 5
    assert [result[("flat", c, "q")] for c in ("x", "y", "z")] == pytest.approx([centre] * 3)


def test_normalised_with_no_pooled_spread_gives_everyone_the_mean():
    scores = {(j, c, "q"): 5 for j in ("a", "b") for c in ("x", "y", "z")}
    assert normalised(scores, ONE) == {key: 5.0 for key in scores}


def test_normalised_scores_stay_within_the_scale():
    scores = {
        # a's lone 10 is far above a's own mean: z = √3, which would land above 10.
        ("a", "w", "q"): 1,
        ("a", "x", "q"): 1,
        ("a", "y", "q"): 1,
        ("a", "z", "q"): 10,
        ("b", "w", "q"): 1,
        ("b", "x", "q"): 10,
        ("b", "y", "q"): 1,
        ("b", "z", "q"): 10,
    }
    result = normalised(scores, ONE)

    assert result[("a", "z", "q")] == 10.0  # clamped: 4.375 + √3 · 4.357 ≈ 11.9
    assert all(1.0 <= value <= 10.0 for value in result.values())
    assert result.keys() == scores.keys()


def test_normalised_works_per_criterion_and_keeps_each_scale():
    criteria = [
        {"code": "q", "weight": 1, "scale_min": 1, "scale_max": 10},
        {"code": "r", "weight": 1, "scale_min": 0, "scale_max": 4},
    ]
    scores = {
        ("a", "x", "q"): 9,
        ("a", "y", "q"): 1,
        ("a", "x", "r"): 0,
        ("a", "y", "r"): 4,
    }
    result = normalised(scores, criteria)
    # One juror: their z of ±1 maps onto their own pooled mean and spread, i.e. unchanged.
    assert result == pytest.approx(scores)


def test_agreement_measures_spread_deviation_and_icc():
    scale = [{"code": "q", "weight": 1, "scale_min": 0, "scale_max": 10}]
    scores = {
        ("a", "x", "q"): 5,
        ("b", "x", "q"): 7,  # mean 6, deviation 1, pstdev 1
        ("a", "y", "q"): 4,
        ("b", "y", "q"): 4,  # deviation 0
        ("a", "z", "q"): 9,  # one juror only: not measured
    }
    result = agreement(scores, scale)["q"]

    assert result.spread == pytest.approx(0.5)
    assert result.deviation == pytest.approx(0.05)  # 0.5 of a 10-point range
    assert result.label == "high"
    assert result.candidates == 2
    # MSB = 2·(6−5)² + 2·(4−5)² = 4 (df 1), MSW = 2 / 2 = 1, k = 2 → (4 − 1) / (4 + 1) = 0.6.
    assert result.icc == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("b_scores", "label"),
    [
        ((5, 5), "high"),  # deviation 0
        ((7, 7), "moderate"),  # deviation 1 on a 9-point range: 11 %
        ((9, 9), "low"),  # deviation 2: 22 %
    ],
)
def test_agreement_labels(b_scores, label):
    scores = {
        ("a", "x", "q"): 5,
        ("a", "y", "q"): 5,
        ("b", "x", "q"): b_scores[0],
        ("b", "y", "q"): b_scores[1],
    }
    assert agreement(scores, ONE)["q"].label == label


def test_agreement_without_enough_data():
    # A single candidate: no ICC. Identical values everywhere: no variance, so no ICC either.
    single = {("a", "x", "q"): 2, ("b", "x", "q"): 8}
    assert agreement(single, ONE)["q"].icc is None
    assert agreement(single, ONE)["q"].label == "low"
    flat = {(j, c, "q"): 5 for j in ("a", "b") for c in ("x", "y")}
    assert agreement(flat, ONE)["q"].icc is None
    # Nobody scored by two jurors: the criterion cannot be measured.
    assert agreement({("a", "x", "q"): 5, ("b", "y", "q"): 6}, ONE) == {}
