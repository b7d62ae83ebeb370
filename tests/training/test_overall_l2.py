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


def test_chat_replies_are_the_starts_of_ruptures_and_the_replies_of_calm_conversations():
    from attunement.training.overall import chat_replies

    calm = {"turns": [{"speaker": "A", "text": "guess what"}, {"speaker": "B", "text": "what?"},
                      {"speaker": "B", "text": "tell me"}, {"speaker": "A", "text": "I passed"}],
            "episodes": []}  # fmt: skip
    broken = {"turns": [{"speaker": "A", "text": "I passed"}, {"speaker": "B", "text": "k"},
                        {"speaker": "A", "text": "wow ok"}, {"speaker": "B", "text": "sorry! amazing news"}],
              "episodes": [{"start": 1, "repair": 3, "status": "repaired"}]}  # fmt: skip
    items, attuned, conversation = chat_replies([calm, broken])
    # B's second turn in a row answers nobody; in a conversation with a rupture only its start counts
    assert items == [("guess what", "what?", []), ("tell me", "I passed", ["guess what", "what?"]),
                     ("I passed", "k", [])]  # fmt: skip
    assert attuned == [1, 1, 0] and conversation == [0, 0, 1]
