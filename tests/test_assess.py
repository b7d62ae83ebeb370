"""assess / assess_many: the interface the issue names, batching, bad input, care, and clear cases."""

from __future__ import annotations

import json

import pytest

from attunement import CAPACITIES, Assessment, assess, assess_many
from attunement.conversation import Message
from attunement.errors import AttunementError

MESSAGE = "I didn't get the job. I really thought this one was mine."
CALM = "oh no, that's so disappointing after all that prep. how are you feeling about it?"


@pytest.fixture(scope="module")
def calm() -> Assessment:
    return assess(MESSAGE, CALM)


def test_assessment_has_the_documented_shape(calm):
    assert 0.0 <= calm.score <= 100.0
    assert tuple(calm.capacities) == CAPACITIES
    assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in calm.capacities.values())
    assert set(calm.evidence) == set(CAPACITIES)
    assert len(calm.suggestions) <= 3 and all(s.strip() for s in calm.suggestions)
    assert calm.suggestions == []  # scores high and already names a fitting feeling: nothing to change
    assert calm.safety is None
    assert calm.need is not None and abs(sum(calm.need.probabilities.values()) - 1.0) < 1e-3


def test_to_dict_is_json_and_complete(calm):
    data = json.loads(json.dumps(calm.to_dict()))
    for key in ("score", "capacities", "markers", "evidence", "suggestions", "safety", "need", "reading"):
        assert key in data
    assert data["capacities"] == calm.capacities


def test_evidence_spans_point_into_their_texts():
    found = assess("you never listen to me", "I'm sorry you feel that way. I was LISTENING the whole time!!")
    spans = [e for spans in found.evidence.values() for e in spans]
    assert spans
    for e in spans:
        source = found.reply if e["side"] == "reply" else found.message
        assert source[e["start"] : e["end"]] == e["text"]
    for m in found.markers:
        assert found.reply[m["start"] : m["end"]] == m["text"]


def test_one_pair_alone_or_in_a_batch_gets_the_same_assessment():
    pairs = [(MESSAGE, CALM), ("we're engaged!!!", "cool"), ("can you pass the salt", "sure")] * 4
    alone = assess(MESSAGE, CALM)
    batch = assess_many(pairs)
    assert batch[0] == alone and batch[9] == alone
    assert len(batch) == len(pairs)


@pytest.mark.parametrize(
    "context",
    [["any news?"], [Message("B", "any news?")], [{"speaker": "B", "text": "any news?"}], "any news?"],
)
def test_context_accepts_strings_turns_and_mappings(context):
    base = assess("nope 😭", "oh love, I'm sorry", context=["any news?"])
    assert assess("nope 😭", "oh love, I'm sorry", context=context).capacities == base.capacities


def test_mappings_and_tuples_are_both_pairs():
    a, b = assess_many([{"message": MESSAGE, "reply": CALM}, (MESSAGE, CALM, None)])
    assert a == b


@pytest.mark.parametrize("pair", [("", "ok"), ("hello", "   "), ("hello",), (None, "ok"), 42])
def test_bad_pairs_get_a_clear_error(pair):
    with pytest.raises(AttunementError) as error:
        assess_many([pair])
    assert error.value.code == "E031"


def test_no_pairs_is_no_assessments():
    assert assess_many([]) == []


def test_crisis_language_carries_a_safety_notice_and_figures_of_speech_do_not():
    crisis = assess("honestly I don't want to be alive anymore", "same lol, mondays")
    assert crisis.safety is not None and crisis.safety.kind == "self_harm"
    assert crisis.to_dict()["safety"]["message"]
    assert assess("this traffic is killing me", "ugh, same here").safety is None


# --- clear cases: what any reader would agree on ------------------------------------------------


def test_flooded_reply_is_less_self_regulated():
    calm = assess("you're late again", "I know, I'm sorry, I should have left earlier")
    hot = assess("you're late again", "OH MY GOD give it a REST!!! you ALWAYS do this")
    assert hot.capacities["self_regulation"] < calm.capacities["self_regulation"]
    assert hot.score < calm.score
    assert {"caps", "exclamation"} <= {m["kind"] for m in hot.markers}


def test_owning_the_miss_repairs_better_than_a_non_apology():
    owning = assess("you're not listening to me", "you're right, I missed that. can you tell me again?")
    non = assess("you're not listening to me", "I'm sorry you feel that way")
    assert owning.capacities["repair"] > non.capacities["repair"]
    assert any(e["kind"] == "non_apology" for e in non.evidence["repair"])


def test_defensiveness_is_a_marker_and_costs_overall():
    found = assess("you forgot to call", "it's not my fault, I was busy")
    assert "defensiveness" in {m["kind"] for m in found.markers}


def test_a_subject_change_lowers_presence():
    stay = assess("my grandad is in hospital", "oh no, what happened? how is he doing?")
    away = assess("my grandad is in hospital", "anyway, did you see the match last night?")
    assert away.capacities["presence"] < stay.capacities["presence"]


def test_suggestions_quote_the_words_to_change():
    found = assess("I feel like nobody at work respects me", "you're just tired, calm down")
    assert any("you're just tired" in s or "calm down" in s for s in found.suggestions)


def test_emoji_only_and_very_long_texts_are_assessed():
    assert 0 <= assess("😭😭😭", "🫂").score <= 100
    long = "I have been thinking about this for a long time. " * 400
    assert 0 <= assess(long, long).score <= 100


def test_regression_a_string_context_was_split_into_letters(monkeypatch):
    import sys

    assess_module = sys.modules["attunement.assess"]  # the package's name "assess" is the function

    seen = {}
    real = assess_module.read_pairs

    def spy(items, **kwargs):
        seen["context"] = items[0][2]
        return real(items, **kwargs)

    monkeypatch.setattr(assess_module, "read_pairs", spy)
    assess_module.assess("I lost my job", "oh no, I'm so sorry", context="I had a rough week")
    assert seen["context"] == ["I had a rough week"]


def test_one_bare_string_to_assess_many_is_e034():
    with pytest.raises(AttunementError) as error:
        assess_many("hello")
    assert error.value.code == "E034"


@pytest.mark.parametrize("reply", ["...", "whatever"])
def test_regression_a_stonewalling_reply_to_bad_news_scored_above_a_hug(reply, monkeypatch):
    import sys

    overall = sys.modules["attunement.overall"]
    costed = assess("I lost my job today", reply)
    assert any(m["kind"] == "stonewalling" for m in costed.markers)
    monkeypatch.setattr(overall, "HORSEMAN_COST", 0.0)
    free = assess("I lost my job today", reply)
    assert costed.score == pytest.approx(max(0.0, free.score - 10.0), abs=0.05)


def test_assess_of_only_zero_width_spaces_is_the_empty_text_error():
    with pytest.raises(AttunementError) as caught:
        assess("\u200b", "\u200b")
    assert caught.value.code == "E032"


def test_assess_many_of_none_is_e051_not_a_type_error():
    with pytest.raises(AttunementError) as caught:
        assess_many(None)  # type: ignore[arg-type]
    assert caught.value.code == "E051"


@pytest.mark.parametrize(
    "message, reply",
    [("I PASSED!!!", "YESSS!!! So proud of you!!"), ("I got the job!!", "OMG CONGRATULATIONS!!! 🎉")],
)
def test_celebration_is_not_escalation_regression(message, reply):
    found = assess(message, reply)
    assert found.capacities["self_regulation"] == 1.0
    assert found.evidence["self_regulation"] == [] and found.markers == []


def test_self_regulation_evidence_only_shows_what_lowered_it_regression():
    hot = assess("you're late again", "OH MY GOD give it a REST!!! you ALWAYS do this")
    assert hot.capacities["self_regulation"] < 1.0 and hot.evidence["self_regulation"]
    for a in (hot, assess("I PASSED!!!", "YESSS!!!")):
        assert bool(a.evidence["self_regulation"]) == (a.capacities["self_regulation"] < 1.0)


def test_a_flat_reply_to_crisis_language_is_not_responsive_regression():
    flat = assess("I want to kill myself", "lol same")
    caring = assess(
        "I want to kill myself", "I'm so glad you told me. That sounds so painful. Are you safe right now?"
    )
    assert flat.capacities["responsive_action"] < 0.3 < caring.capacities["responsive_action"]
    assert flat.to_dict()["need"]["overridden_by"] == "safety"


def test_the_safety_reply_to_crisis_language_outscores_a_brush_off_regression():
    # The learned score never saw crisis language (the labelled sets keep it out) and put "ok,
    # talk later" (46) above "I'm really glad you told me. Are you safe right now?" (24).
    safe, brush = assess_many(
        [
            ("I want to kill myself", "I'm really glad you told me. Are you safe right now?"),
            ("I want to kill myself", "ok, talk later"),
        ]
    )
    assert safe.safety is not None and safe.score > brush.score + 30


def test_are_you_safe_counts_as_checking_in_after_crisis_language_regression():
    # "Are you safe right now?" was a closed question held against curiosity, the move that matters most.
    after_crisis = assess("I want to kill myself", "I'm really glad you told me. Are you safe right now?")
    elsewhere = assess("I'm off to the shops", "I'm really glad you told me. Are you safe right now?")
    assert after_crisis.capacities["curiosity"] > elsewhere.capacities["curiosity"]
