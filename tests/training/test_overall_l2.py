"""The overall ranker's regularisation rule (no data needed)."""

from attunement.training.overall import one_standard_error


def test_regression_a_flat_curve_took_the_weakest_l2_and_saturated_the_score():
    # overall-v5's first fit took L2 0.01 from a flat curve like this one and put 44% of dev
    # replies under 5 or over 95; the one-standard-error rule takes the strongest L2 within reach.
    cv = {"0.01": 0.8686, "0.03": 0.8662, "0.1": 0.8637, "0.3": 0.8637, "1.0": 0.8491, "3.0": 0.8248}
    assert one_standard_error(cv, 411) == 0.3


def test_a_clear_maximum_is_kept():
    cv = {"0.1": 0.70, "1.0": 0.90, "10.0": 0.75}
    assert one_standard_error(cv, 400) == 1.0
