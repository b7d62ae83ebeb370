"""Crisis language: what fires, what must not (figurative, negated, third person), and the notice."""

from __future__ import annotations

import time

import pytest

from attunement import safety
from attunement.safety import (
    ABUSE_MESSAGE,
    MESSAGES,
    SELF_HARM_MESSAGE,
    VIOLENCE_MESSAGE,
    SafetyNotice,
    safety_check,
)


def check(text: str) -> SafetyNotice:
    notice = safety_check(text)
    assert notice is not None, f"no notice for {text!r}"
    return notice


@pytest.mark.parametrize(
    "text",
    [
        "I want to die",
        "i just want to die",
        "I want to kill myself",
        "I don't want to be here anymore",
        "I dont want to live anymore.",
        "I've been thinking about ending it",
        "sometimes I think about killing myself",
        "I can't stop thinking about killing myself",
        "I'm going to hurt myself",
        "I keep hurting myself",
        "I'm cutting again",
        "there's no reason to live",
        "I have nothing left to live for",
        "everyone would be better off without me",
        "sometimes I think everyone would be better off without me",
        "I wish I was dead",
        "I hope I don't wake up tomorrow",
        "I'm suicidal",
        "I'll end it all tonight",
        "I don't think I want to live anymore",
        "I don't know why I want to die",
        "not gonna lie I want to die",
        "I'm not sure I want to live anymore",
        "kms",
        "I want to die lol",  # a laugh does not make it safe
        "I’m going to kill myself",  # curly apostrophe
    ],
)
def test_self_harm_fires(text: str) -> None:
    assert check(text).kind == "self_harm"


@pytest.mark.parametrize(
    "text",
    [
        "he hits me",
        "he hit me again last night",
        "She hurt me again.",
        "my husband always beats me",
        "he's hit me before",
        "I'm scared to go home",
        "he won't let me leave",
        "he won't let me see my friends",
        "he touched me",
        "my stepdad touches me",
        "she locked me in the bathroom",
        "he threatened to kill me",
        "I was raped",
        "I'm in an abusive relationship",
        "I'm scared of my boyfriend",
        "you hit me!",
    ],
)
def test_abuse_fires(text: str) -> None:
    assert check(text).kind == "abuse"


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to kill him",
        "I'll hurt them",
        "I'm gonna stab that guy",
        "I want to punch him",
        "I swear I'll kill you",
        "I'm going to bring a gun to school",
        "bring a gun",
        "I'm going to beat him up",
    ],
)
def test_violence_fires(text: str) -> None:
    assert check(text).kind == "violence"


@pytest.mark.parametrize(
    "text",
    [
        # figurative
        "this traffic is killing me",
        "I'm dying to see that film",
        "I could kill for a coffee",
        "that joke killed me",
        "my feet are killing me",
        "I'd die of embarrassment lol",
        "I want to die of embarrassment",
        "I nearly killed myself laughing",
        "I'd rather die than wear that",
        "this song slaps",
        "you're killing it!",
        "kill them with kindness",
        # negated
        "I'm not going to hurt myself, don't worry",
        "I would never kill myself",
        "I'm not suicidal",
        "I don't want to die, I'm just tired",
        "he's never hit me",
        "he doesn't hit me",
        "I'm not going to kill him",
        "I'd never hurt them",
        "don't bring a gun to a knife fight",
        # third person and fiction
        "the movie where he kills himself",
        "the main character hurts herself in chapter 3",
        "he hits her in the film",
        # ordinary uses of the same words
        "she beat me at chess",
        "he hit me up yesterday",
        "that song hit me hard",
        "I don't want to live in London",
        "I don't want to be here at this party",
        "I'm going to hit you up later",
        "I need to end it with him",
        "I'm going to shoot him a text",
        "his words touched me deeply",
        "she hurt my feelings",
        "my boss won't let me leave early",
        "I hurt myself at the gym",
        "I can't go on the trip",
        "she pushed me to apply",
        "he grabbed me a coffee",
        "It hit me that I was wrong",
        # nothing at all
        "",
        "   ",
        "😊😊",
        "🙄",
    ],
)
def test_does_not_fire(text: str) -> None:
    assert safety_check(text) is None


def test_a_denial_suppresses_only_its_own_phrase() -> None:
    # Documented choice: a denied phrase is dropped, any other undenied crisis phrase fires.
    assert safety_check("I'm not going to hurt myself") is None
    notice = check("I'm not going to hurt myself, but I want to die")
    assert notice.kind == "self_harm"
    assert [s[2] for s in notice.spans] == ["want to die"]


def test_quotes_are_not_skipped() -> None:
    # A friend's words passed on are exactly what should be surfaced.
    assert check("she texted me 'I want to die'").kind == "self_harm"


def test_spans_point_at_the_words() -> None:
    text = "Honestly, sometimes I think everyone would be better off without me."
    notice = check(text)
    assert notice.spans == [(text.index("better"), text.index("."), "better off without me")]
    for start, end, words in notice.spans:
        assert text[start:end] == words


def test_several_kinds_pick_the_most_urgent_and_keep_all_spans() -> None:
    text = "He hits me and I'm going to kill him. Sometimes I want to die."
    notice = check(text)
    assert notice.kind == "self_harm"
    assert notice.kinds == ("self_harm", "abuse", "violence")
    assert notice.message == SELF_HARM_MESSAGE
    assert [s[2] for s in notice.spans] == ["He hits me", "I'm going to kill him", "want to die"]
    assert notice.spans == sorted(notice.spans)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("I want to die", SELF_HARM_MESSAGE),
        ("he hits me", ABUSE_MESSAGE),
        ("I'll hurt them", VIOLENCE_MESSAGE),
    ],
)
def test_each_kind_gets_its_message(text: str, message: str) -> None:
    assert check(text).message == message


@pytest.mark.parametrize("message", list(MESSAGES.values()))
def test_messages_are_calm_plain_and_point_to_help(message: str) -> None:
    lower = message.lower()
    assert "more than a well-tuned reply" in lower
    assert "stay with them" in lower
    assert "seriously" in lower
    assert "emergency number" in lower
    assert "you don't have to handle this alone" in lower
    # no diagnosis, no alarm
    for word in ("depress", "disorder", "diagnos", "suicidal", "!", "psych", "mental illness"):
        assert word not in lower
    assert set(MESSAGES) == {"self_harm", "abuse", "violence"}


def test_every_message_names_a_crisis_line() -> None:
    assert "crisis line" in SELF_HARM_MESSAGE
    assert "crisis line" in ABUSE_MESSAGE
    assert "crisis line" in VIOLENCE_MESSAGE


def test_notice_is_frozen_and_serialises() -> None:
    notice = check("he hits me")
    with pytest.raises(AttributeError):
        notice.kind = "violence"  # type: ignore[misc]
    data = notice.to_dict()
    assert data == {
        "kind": "abuse",
        "kinds": ["abuse"],
        "spans": [[0, 10, "he hits me"]],
        "message": ABUSE_MESSAGE,
    }


def test_a_long_input_works_and_finds_the_crisis_at_the_end() -> None:
    text = "Work was fine today, the traffic was killing me though. " * 200 + "I want to die."
    assert len(text) > 10_000
    notice = check(text)
    (span,) = notice.spans
    assert text[span[0] : span[1]] == "want to die"


def test_a_long_calm_input_finds_nothing_quickly() -> None:
    text = "I'm dying to see that film, my feet are killing me! " * 300
    started = time.perf_counter()
    assert safety_check(text) is None
    assert time.perf_counter() - started < 1.0


def test_patterns_are_compiled_once() -> None:
    assert all(hasattr(pattern, "finditer") for _, pattern in safety._PATTERNS)


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to be here anymore",
        "I don't want to be alive",
        "I wish I could just disappear forever",
        "I can't do this anymore, I don't want to be here",
        "I can’t do this anymore. I don’t want to be here.",
        "there's no reason to live",
        "everyone would be better off without me",
    ],
)
def test_passive_crisis_phrasings_fire_regression(text: str) -> None:
    assert check(text).kind == "self_harm"


@pytest.mark.parametrize(
    "text",
    [
        "I can't do this anymore",
        "I can't do this anymore, this spreadsheet",
        "this traffic is killing me",
        "I could kill for a coffee",
        "I don't want to be here, this party is so boring",
        "I'm not suicidal, just tired",
    ],
)
def test_exhaustion_and_figures_of_speech_do_not_fire_regression(text: str) -> None:
    assert safety_check(text) is None


def test_a_writer_gets_the_notice_addressed_to_them() -> None:
    notice = safety_check("I want to kill myself", writer=True)
    assert notice is not None and notice.kind == "self_harm"
    assert "yourself" in notice.message and notice.message != SELF_HARM_MESSAGE
