"""The rule-based signals: positive and negative cases, negation, quotes, sarcasm and offsets."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest

from attunement import signals
from attunement.signals import (
    PHRASE_WORDS,
    Span,
    advice,
    disclosure,
    emotion_words,
    flooding,
    flooding_score,
    horsemen,
    non_apology,
    questions,
    repair,
    rupture,
    self_focus,
)

FUNCTIONS: list[Callable[[str], list[Span]]] = [
    questions,
    repair,
    non_apology,
    rupture,
    flooding,
    horsemen,
    emotion_words,
    advice,
    self_focus,
]


def kinds(spans: list[Span]) -> list[str]:
    return [s.kind for s in spans]


def found(spans: list[Span], kind: str) -> list[str]:
    return [s.text for s in spans if s.kind == kind]


# --- shared behaviour ------------------------------------------------------------------------


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("text", ["", "   ", "😊😊", "❤️🔥", "👍", "\n\n"])
def test_empty_and_emoji_only_input_finds_nothing(function: Callable[[str], list[Span]], text: str) -> None:
    assert function(text) == []


def test_the_eye_roll_emoji_alone_is_contempt() -> None:
    # The one emoji that is itself a marker; documented as contempt.
    assert kinds(horsemen("🙄")) == ["contempt"]


MIXED = (
    "WHY DON'T YOU EVER LISTEN?! You never listen, you're an idiot. Whatever. "
    "I'm sorry I snapped, I got defensive. I'm sorry you feel that way. "
    "That sounds really exhausting. You should talk to him. Anyway, same thing happened to me. "
    "Tell me more. How did it go? Forget it. Calm down, it's not a big deal. Oh great. Fine."
)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_spans_point_at_their_text_and_are_sorted(function: Callable[[str], list[Span]]) -> None:
    spans = function(MIXED)
    assert spans, f"{function.__name__} found nothing in the mixed text"
    for s in spans:
        assert MIXED[s.start : s.end] == s.text
        assert s.text.strip() == s.text
    assert [s.start for s in spans] == sorted(s.start for s in spans)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_a_long_input_works(function: Callable[[str], list[Span]]) -> None:
    text = (MIXED + " ") * 40
    assert len(text) > 10_000
    spans = function(text)
    assert len(spans) >= 40
    assert all(text[s.start : s.end] == s.text for s in spans)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_pathological_input_stays_fast(function: Callable[[str], list[Span]]) -> None:
    # Many quote openers and repeated words must not make a regex backtrack for long.
    for text in ("'" + "a '" * 4000, "you " * 4000, "!" * 10_000, "SO " * 4000):
        started = time.perf_counter()
        function(text)
        assert time.perf_counter() - started < 1.0


def test_short_texts_are_fast() -> None:
    text = "Honestly you never listen!! Why don't you just calm down? That sounds hard."
    rounds = 200
    started = time.perf_counter()
    for _ in range(rounds):
        for function in FUNCTIONS:
            function(text)
    per_call = (time.perf_counter() - started) / (rounds * len(FUNCTIONS))
    assert per_call < 0.002  # typically ~0.03 ms; generous for a busy machine


def test_span_is_frozen() -> None:
    span = Span("open", 0, 3, "How")
    with pytest.raises(AttributeError):
        span.kind = "closed"  # type: ignore[misc]


def test_word_lists_are_module_tuples() -> None:
    for name in ("INSULTS", "ACRONYMS", "SARCASM", "NEGATIVE_TRAITS", "FEELINGS", "ASSUMING", "ADVICE"):
        value = getattr(signals, name)
        assert isinstance(value, tuple) and value, name


# --- questions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("How are you feeling?", "open"),
        ("What happened?", "open"),
        ("what's going on?", "open"),
        ("Why did he say that?", "open"),
        ("where were you", None),  # no "?": not a question by rule
        ("Who else was there?", "open"),
        ("Which part hurt the most?", "open"),
        ("So, what happened next?", "open"),
        ("Sam, why did he say that?", "open"),
        ("I'm curious, how did it go?", "open"),
        ("how's your mum doing?", "open"),
        ("Tell me, what did she say?", "open"),
        ("Can you tell me more?", "open"),
        ("what?!", "open"),
        ("Did you sleep?", "closed"),
        ("Are you okay?", "closed"),
        ("Is it still bothering you?", "closed"),
        ("Can I help?", "closed"),
        ("Would you like a hug?", "closed"),
        ("Have you eaten?", "closed"),
        ("Should I call her?", "closed"),
        ("Do you know what happened?", "closed"),
        ("You're coming, right?", "closed"),
        ("ok?", "closed"),
        ("You were there?", "closed"),
        ("That's it?", "closed"),
    ],
)
def test_question_kind(text: str, kind: str | None) -> None:
    spans = questions(text)
    if kind is None:
        assert spans == []
    else:
        assert kinds(spans) == [kind]
        assert spans[0].text == text


@pytest.mark.parametrize(
    "text",
    ["Tell me more.", "Talk to me", "tell me what happened", "Say more, I'm here.", "I'd love to hear more."],
)
def test_invitations_are_open_questions_without_a_question_mark(text: str) -> None:
    assert kinds(questions(text)) == ["open"]


@pytest.mark.parametrize(
    "text",
    [
        "That was a good day.",
        "I went home.",
        "Don't talk to me.",
        "Please don't tell me more.",
        "He asked 'are you ok?' and left.",
        'She said "why?" and walked out.',
        "It’s fine. I’m fine.",
        "I'll talk to him tomorrow.",
    ],
)
def test_not_questions(text: str) -> None:
    assert questions(text) == []


def test_questions_in_a_turn_are_each_found_with_offsets() -> None:
    text = "Oh no. How are you? Did you sleep at all? Tell me more."
    spans = questions(text)
    assert [(s.kind, s.text) for s in spans] == [
        ("open", "How are you?"),
        ("closed", "Did you sleep at all?"),
        ("open", "Tell me more."),
    ]
    assert text[spans[1].start : spans[1].end] == "Did you sleep at all?"


def test_question_followed_by_an_emoji() -> None:
    assert kinds(questions("how are you?😊")) == ["open"]


# --- repair and non-apology ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I missed what you were saying.", "acknowledge"),
        ("I got that wrong.", "acknowledge"),
        ("I wasn't listening, I'm sorry.", "acknowledge"),
        ("I got defensive.", "acknowledge"),
        ("my bad", "acknowledge"),
        ("That was my fault.", "acknowledge"),
        ("I was being unfair.", "acknowledge"),
        ("I shouldn't have snapped.", "acknowledge"),
        ("I'm sorry I snapped at you.", "apology"),
        ("I'm so sorry for yelling.", "apology"),
        ("sorry, that was harsh of me", "apology"),
        ("I apologise for earlier.", "apology"),
        ("Sorry about that.", "apology"),
        ("I’m really sorry I forgot", "apology"),
        ("Can we try again?", "reopen"),
        ("can we start over", "reopen"),
        ("Tell me again?", "reopen"),
        ("I want to understand.", "reopen"),
        ("Help me understand what happened.", "reopen"),
        ("I'd like to understand", "reopen"),
    ],
)
def test_repair_moves(text: str, kind: str) -> None:
    assert kind in kinds(repair(text))


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry you feel that way.",
        "sorry if you were offended",
        "I'm sorry, but you're wrong.",
        "sorry you took it that way",
        "I'm sorry I yelled, but you started it.",
        "Sorry for your loss.",  # condolence, not an apology
        "It's not my fault.",
        "I wasn't wrong.",
        "I don't think I was wrong.",
        "I'm not sorry I said it.",
        "I missed the bus.",
        "I missed it, the train left early.",
        "The drinks are on me.",
        "I don't want to understand.",
        "he said 'I'm sorry I snapped' but didn't mean it",
    ],
)
def test_not_repair(text: str) -> None:
    assert repair(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry you feel that way.",
        "Sorry if you were offended.",
        "I'm sorry if that upset you",
        "I'm sorry, but you're wrong.",
        "sorry but I won't do it",
        "sorry you took it that way",
        "I’m sorry you feel like that",
        "I'm sorry I yelled, but you started it.",
        "I apologize if anyone was hurt.",
        "sorry not sorry",
    ],
)
def test_non_apology(text: str) -> None:
    assert kinds(non_apology(text)) == ["non_apology"]


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry I hurt you.",
        "I'm sorry for what I said.",
        "I'm so sorry you're going through this.",
        "Sorry for your loss.",
        "I'm sorry I was late, the traffic was awful.",
        "sorry, that was unfair",
        "I apologise.",
        "she said 'sorry you feel that way'",
    ],
)
def test_not_non_apology(text: str) -> None:
    assert non_apology(text) == []


def test_non_apology_span_covers_the_phrase() -> None:
    text = "Look. I'm sorry you feel that way."
    (span,) = non_apology(text)
    assert span.text == "I'm sorry you feel that way"
    assert text[span.start : span.end] == span.text


# --- rupture ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You're not listening.", "unseen"),
        ("you dont get it", "unseen"),
        ("You don't get it.", "unseen"),
        ("That's not what I needed.", "unseen"),
        ("that's not what I meant", "unseen"),
        ("that's not what I asked", "unseen"),
        ("You never listen!", "unseen"),
        ("Are you even listening?", "unseen"),
        ("I don't feel heard.", "unseen"),
        ("Forget it.", "withdrawal"),
        ("never mind", "withdrawal"),
        ("nevermind.", "withdrawal"),
        ("Whatever.", "withdrawal"),
        ("ok whatever", "withdrawal"),
        ("Fine.", "withdrawal"),
        ("I'm done.", "withdrawal"),
        ("Why do I even bother.", "withdrawal"),
        ("It doesn't matter.", "withdrawal"),
        ("I give up", "withdrawal"),
    ],
)
def test_rupture(text: str, kind: str) -> None:
    assert kind in kinds(rupture(text))


@pytest.mark.parametrize(
    "text",
    [
        "I'm fine, thanks!",
        "That's fine by me.",
        "I'll eat whatever.",
        "Whatever you need, I'm here.",
        "I'm done with my homework.",
        "Don't forget it's Sam's birthday.",
        "I'll never forget it.",
        "It's not like you never listen.",
        "I know you're listening.",
        "It doesn't matter what they think, you're great.",
        "he yelled 'you never listen' at the TV",
        "That's exactly what I needed.",
    ],
)
def test_not_rupture(text: str) -> None:
    assert rupture(text) == []


# --- flooding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("WHY DON'T YOU EVER LISTEN", "caps", "WHY DON'T YOU EVER LISTEN"),
        ("I said STOP IT now", "caps", "STOP IT"),
        ("OMG I CAN'T BELIEVE YOU", "caps", "CAN'T BELIEVE YOU"),
        ("what!!", "exclamation", "!!"),
        ("seriously?!", "exclamation", "?!"),
        ("no!!!", "exclamation", "!!!"),
        ("You're an idiot.", "insult", "You're an idiot"),
        ("you're so pathetic", "insult", "you're so pathetic"),
        ("you idiot", "insult", "you idiot"),
        ("ur useless", "insult", "ur useless"),
        ("You're being ridiculous.", "insult", "You're being ridiculous"),
        ("your stupid excuses", "insult", "your stupid excuses"),
        ("You always do this.", "absolute", "You always"),
        ("you never call", "absolute", "you never"),
        ("You're always late.", "absolute", "You're always"),
    ],
)
def test_flooding(text: str, kind: str, span: str) -> None:
    assert span in found(flooding(text), kind)


@pytest.mark.parametrize(
    "text",
    [
        "OK LOL",
        "I live in the USA and watch TV",
        "I HATE mondays",  # one shouted word is not a run
        "ASAP FYI",
        "This is ridiculous.",  # about a situation, not a person
        "You're not stupid.",
        "I don't think you're stupid.",
        "Nobody thinks you're crazy.",
        "You're crazy good at this!",
        "your stupid boss",  # an insult at someone else, said in sympathy
        "I'm not saying you always forget.",
        "You always know how to make me laugh.",
        "You never know.",
        "Do you always feel this way?",
        "He said 'you never listen'.",
        "she wrote “YOU ARE AN IDIOT” on the wall",
        "What?",
        "I'm not angry.",
    ],
)
def test_not_flooding(text: str) -> None:
    assert flooding(text) == []


def test_flooding_score_formula() -> None:
    assert flooding_score("") == 0.0
    assert flooding_score("hello there") == 0.0
    assert flooding_score("no!!") == pytest.approx(0.2)
    assert flooding_score("STOP IT!!") == pytest.approx(1 - 0.7 * 0.8)
    assert flooding_score("you're an idiot") == pytest.approx(0.5)
    calm = flooding_score("you always do this")
    hot = flooding_score("YOU ALWAYS DO THIS!! you're an idiot")
    assert 0 < calm < hot < 1


def test_flooding_score_grows_with_markers_and_stays_below_one() -> None:
    text = "YOU NEVER LISTEN!! you're an idiot!! you always lie!!"
    scores = [flooding_score(text * n) for n in (1, 2, 5, 20)]
    assert scores == sorted(scores)
    assert all(0.0 <= s <= 1.0 for s in scores)


# --- horsemen --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You always do this.", "criticism"),
        ("You never help with anything.", "criticism"),
        ("What's wrong with you?", "criticism"),
        ("what is wrong with you", "criticism"),
        ("You're so selfish.", "criticism"),
        ("you’re so inconsiderate", "criticism"),
        ("Why do you always have to ruin everything?", "criticism"),
        ("you only think about yourself", "criticism"),
        ("You're pathetic.", "contempt"),
        ("Oh great, another meeting.", "contempt"),
        ("Wow, thanks a lot.", "contempt"),
        ("yeah right", "contempt"),
        ("Whatever you say.", "contempt"),
        ("lol ok", "contempt"),
        ("sure 🙄", "contempt"),
        ("thanks for nothing", "contempt"),
        ("That's not fair!", "defensiveness"),
        ("It's not my fault.", "defensiveness"),
        ("I was just trying to help.", "defensiveness"),
        ("Well, you started it.", "defensiveness"),
        ("What about you?", "defensiveness"),
        ("I didn't do anything!", "defensiveness"),
        ("Don't blame me.", "defensiveness"),
        ("Yeah but you did it too.", "defensiveness"),
        ("Whatever.", "stonewalling"),
        ("I'm done talking.", "stonewalling"),
        ("Fine.", "stonewalling"),
        ("Leave me alone.", "stonewalling"),
        ("I don't care.", "stonewalling"),
        ("...", "stonewalling"),
        ("I don't want to talk about it.", "stonewalling"),
        ("I'm not doing this again.", "stonewalling"),
    ],
)
def test_horsemen(text: str, kind: str) -> None:
    assert kind in kinds(horsemen(text))


@pytest.mark.parametrize(
    "text",
    [
        "I'm not angry.",
        "I'm not saying you always forget.",
        "It's not that you never help.",
        "You always know what to say.",
        "You never let me down.",
        "You're so kind.",
        "Do you always walk this way?",
        "Oh great, I mean it, thanks!",  # sincerity marker cancels the sarcasm marker
        "Thanks a lot for your help!",
        "That's not fair to you.",  # validation, not defence
        "I was just thinking about you.",
        "Whatever you need, I'm here.",
        "I don't care what they think, you matter.",
        "I'm fine.",
        "I'll eat whatever.",
        "I don't think it's your fault.",
        "Please don't leave me alone.",
        'He said "whatever you say" and left.',
        "She rolled her eyes? That's hurtful.",
        "I'm not saying 'yeah right'.",
    ],
)
def test_not_horsemen(text: str) -> None:
    assert horsemen(text) == []


@pytest.mark.parametrize(
    "text",
    ["I don't mean yeah right.", "not in a thanks for nothing way", "I'm not saying whatever you say"],
)
def test_negated_sarcasm_markers_are_not_contempt(text: str) -> None:
    assert "contempt" not in kinds(horsemen(text))


def test_a_trait_attack_is_criticism_not_also_contempt() -> None:
    assert kinds(horsemen("You're so selfish.")) == ["criticism"]
    assert kinds(horsemen("You're selfish.")) == ["contempt"]


def test_horsemen_in_a_heated_turn_with_offsets() -> None:
    text = "Oh great. You never listen. It's not my fault! Whatever."
    spans = horsemen(text)
    assert [(s.kind, s.text) for s in spans] == [
        ("contempt", "Oh great"),
        ("criticism", "You never"),
        ("defensiveness", "It's not my fault"),
        ("stonewalling", "Whatever"),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_silence_marker_only_when_it_stands_alone() -> None:
    assert kinds(horsemen("...")) == ["stonewalling"]
    assert kinds(horsemen("ok\n…\n")) == ["stonewalling"]
    assert horsemen("I was thinking... maybe we could go?") == []


# --- feelings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("That sounds really exhausting.", "That sounds really exhausting"),
        ("that sounds so hard", "that sounds so hard"),
        ("You must feel so alone.", "You must feel so alone"),
        ("It makes sense you're upset.", "It makes sense you're upset"),
        ("I can hear how hurt you are.", "I can hear how hurt you are"),
        ("Sounds like you're overwhelmed.", "Sounds like you're overwhelmed"),
        ("You seem really tired.", "You seem really tired"),
        ("That must have been scary.", "That must have been scary"),
        ("No wonder you're angry.", "No wonder you're angry"),
        ("I can't imagine how hard that was.", "I can't imagine how hard that was"),
    ],
)
def test_naming_feelings(text: str, span: str) -> None:
    assert found(emotion_words(text), "naming") == [span]


@pytest.mark.parametrize(
    "text",
    [
        "You're just tired.",
        "You're overreacting.",
        "you're being dramatic",
        "You just need to sleep on it.",
        "Don't be sad.",
        "Calm down.",
        "Just relax, ok?",
        "You need to calm down.",
        "It's not a big deal.",
        "Dreams don't mean anything.",
        "You'll get over it.",
        "it's all in your head",
        "Other people have it worse.",
    ],
)
def test_assuming(text: str) -> None:
    assert kinds(emotion_words(text)) == ["assuming"]


@pytest.mark.parametrize(
    "text",
    [
        "I don't think you're overreacting.",
        "You're not overreacting.",
        "I'm not saying it's not a big deal.",
        "I'm not telling you to calm down.",
        "I need to calm down.",
        "I'm trying to relax.",
        "It doesn't sound like you're upset.",
        "You don't seem tired.",
        "He said 'calm down' and I lost it.",
        "I went to the beach.",
        "You seem to think I'm wrong.",
    ],
)
def test_not_emotion_words(text: str) -> None:
    assert emotion_words(text) == []


# --- advice ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You should talk to him.",
        "Why don't you just leave?",
        "Have you tried meditating?",
        "Just ignore her.",
        "What you need to do is rest.",
        "I would talk to HR.",
        "I'd just block him.",
        "My advice? Quit.",
        "If I were you I'd go.",
        "You need to tell her.",
        "Maybe try yoga.",
        "Try talking to her first.",
    ],
)
def test_advice(text: str) -> None:
    assert "advice" in kinds(advice(text))


@pytest.mark.parametrize(
    "text",
    [
        "That sounds hard.",
        "You should be proud.",
        "You shouldn't have to deal with that.",
        "Do you have to go?",
        "I just ignore him, honestly.",
        "I'm not saying you should leave.",
        "I don't know if you should.",
        "I'd love to hear more.",
        "He told me 'you should quit'.",
        "You don't have to apologise.",
    ],
)
def test_not_advice(text: str) -> None:
    assert advice(text) == []


# --- self-focus ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("That reminds me of when I lost my job.", "self_turn"),
        ("Same thing happened to me last year.", "self_turn"),
        ("I had that too.", "self_turn"),
        ("Something similar happened to me.", "self_turn"),
        ("You think that's bad? Listen to this.", "self_turn"),
        ("Anyway, how was work?", "subject_change"),
        ("anyways. dinner?", "subject_change"),
        ("Speaking of which, did you see the game?", "subject_change"),
        ("Enough about that.", "subject_change"),
        ("Oh by the way, mum called.", "subject_change"),
        ("On another note, I got the job!", "subject_change"),
        ("That reminds me, did you call mom?", "subject_change"),
    ],
)
def test_self_focus(text: str, kind: str) -> None:
    assert kind in kinds(self_focus(text))


@pytest.mark.parametrize(
    "text",
    [
        "I'll go anyway.",
        "That sounds awful.",
        "Nothing like that happened to me.",
        "It's not that the same thing happened to me.",
        "He said 'same thing happened to me'.",
        "What happened to you?",
        "I did it anyway, and it worked.",
    ],
)
def test_not_self_focus(text: str) -> None:
    assert self_focus(text) == []


# --- chat spelling ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "text", "kind"),
    [
        (rupture, "youre not listening", "unseen"),
        (rupture, "you’re not listening", "unseen"),
        (flooding, "ur an idiot", "insult"),
        (repair, "im sorry i snapped", "apology"),
        (emotion_words, "dont be sad", "assuming"),
        (horsemen, "its not my fault", "defensiveness"),
    ],
)
def test_chat_spelling(function: Callable[[str], list[Span]], text: str, kind: str) -> None:
    assert kind in kinds(function(text))


# --- quotes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    ["'{}'", '"{}"', "“{}”", "‘{}’", "«{}»"],
)
def test_quoted_attacks_are_reported_speech(quote: str) -> None:
    inner = "you never listen, you're an idiot"
    text = "he said " + quote.format(inner) + " and I cried"
    assert horsemen(text) == []
    assert flooding(text) == []
    # The same words unquoted are the writer's own.
    assert {"criticism", "contempt"} <= set(kinds(horsemen("he said " + inner)))


def test_a_quote_does_not_hide_the_writers_own_words_after_it() -> None:
    text = "He said 'you never listen' and honestly you never listen."
    spans = found(horsemen(text), "criticism")
    assert spans == ["you never"]
    (span,) = [s for s in horsemen(text) if s.kind == "criticism"]
    assert span.start == text.rindex("you never")


def test_apostrophes_are_not_quotes() -> None:
    assert kinds(horsemen("you're always late and you don't care about me")) == ["criticism", "criticism"]


# --- negation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "text"),
    [
        (horsemen, "I'm not angry."),
        (flooding, "you're not stupid"),
        (horsemen, "you're not stupid"),
        (emotion_words, "I don't think you're overreacting"),
        (horsemen, "I'm not saying you always forget"),
        (flooding, "I'm not saying you always forget"),
        (advice, "I'm not saying you should leave"),
        (rupture, "It's not that you don't get it."),
        (repair, "It's not my fault"),
        (self_focus, "Nothing like that happened to me."),
    ],
)
def test_negation(function: Callable[[str], list[Span]], text: str) -> None:
    assert function(text) == []


def test_negation_does_not_reach_past_the_clause() -> None:
    assert kinds(horsemen("I'm not angry, but you always do this.")) == ["criticism"]
    assert kinds(horsemen("No, you always do this.")) == ["criticism"]


def test_one_attack_does_not_negate_the_next() -> None:
    # "never" in "you never listen" is an attack, not a negation of what follows it.
    text = "You never listen and you never help."
    assert found(horsemen(text), "criticism") == ["You never", "you never"]
    assert [s.start for s in flooding(text)] == [0, text.rindex("you never")]


def test_patterns_are_precompiled() -> None:
    compiled = [v for k, v in vars(signals).items() if k.startswith("_") and isinstance(v, re.Pattern)]
    assert len(compiled) > 20


@pytest.mark.parametrize(
    "text, expected",
    [
        ("you leave your crap EVERYWHERE", ["EVERYWHERE"]),
        ("it was HALF a curry. pathetic", ["HALF"]),
        ("whose side are you on??", ["??"]),
        ("I said STOP IT now", []),  # a run of shouted words is flooding's caps, not emphasis
        ("OK LOL", []),  # no lower case: nothing stands out
        ("lol OMG and the BBC said so", []),  # acronyms
        ('she wrote "HELP" on the wall', []),  # quoted
    ],
)
def test_emphasis(text: str, expected: list[str]) -> None:
    from attunement.signals import emphasis

    assert [s.text for s in emphasis(text)] == expected


def test_read_runs_every_rule() -> None:
    from attunement.signals import read

    found = read("I'm sorry you feel that way, but you ALWAYS do this!!")
    assert found.non_apology and found.flooding and found.flooding_score > 0
    assert found.kinds("flooding") >= {"exclamation"}
    assert found.of("horsemen", "nonexistent") == []


@pytest.mark.parametrize(
    "text, kind, span",
    [
        ("I'm sorry for being late, the bus broke down.", "apology", "I'm sorry for being late"),
        ("I'm sorry. That was a mean thing to say.", "apology", "I'm sorry. That was a mean thing to say"),
        (
            "I hear that you're under a lot of pressure.",
            "naming",
            "I hear that you're under a lot of pressure",
        ),
        ("It sounds like you're feeling left out.", "naming", "It sounds like you're feeling left out"),
        ("That must have hurt so much.", "naming", "That must have hurt so much"),
    ],
)
def test_evidence_spans_run_to_the_end_of_the_phrase_regression(text: str, kind: str, span: str) -> None:
    found = repair(text) + emotion_words(text)
    assert [s.text for s in found if s.kind == kind] == [span]


def test_a_phrase_span_stops_after_a_few_words() -> None:
    [span] = emotion_words("It sounds like you're feeling so many things at once right now with all of it")
    assert span.text.endswith("at once right") and len(span.text.split()) == 5 + PHRASE_WORDS


@pytest.mark.parametrize(
    "text",
    ["that's all you have to say?", "Is that everything you need to know?", "what you have to understand"],
)
def test_you_have_to_in_a_relative_clause_is_not_advice_regression(text: str) -> None:
    assert advice(text) == []


def test_you_have_to_said_to_them_is_still_advice() -> None:
    assert found(advice("you have to tell her"), "advice") == ["you have to"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("I'm so nervous about tomorrow", "feeling"),
        ("I just want someone to sit with me.", "wish"),
        ("I feel so alone", "feeling"),
    ],
)
def test_disclosure_finds_the_writers_own_feeling(text: str, kind: str) -> None:
    assert [s.kind for s in disclosure(text)] == [kind]


@pytest.mark.parametrize("text", ["I'm so proud of you!", "I'm not upset", 'he said "I am so sad"'])
def test_disclosure_skips_praise_negation_and_quotes(text: str) -> None:
    assert disclosure(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("omg congrats!! so proud of you", ["congrats", "so proud of you"]),
        ("AAAH YOU PASSED!!! 🎉 well done", ["🎉", "well done"]),
        ("I'm so proud of you! Let's celebrate tonight", ["so proud of you", "Let's celebrate"]),
        ("nice one 👍", []),
        ("I'm not proud of you", []),
        ('I said "congrats" already', []),
        ("oh great, congrats on another promotion that means you're never home", []),
    ],
)
def test_celebration_regression_a_congratulation_did_not_count_as_celebrating(text, found):
    # "omg congrats!! so proud of you" to "I passed!!" read as no celebration (joy 0.4 from the
    # cue model) while "nice one 👍" read as one: the rule names what a celebration says.
    assert [s.text for s in signals.celebration(text)] == found


@pytest.mark.parametrize(
    "text", ["why would you do something so stupid", "that's a stupid idea", "what a dumb question"]
)
def test_an_insult_aimed_at_their_choice_is_contempt_regression(text: str) -> None:
    # "why would you do something so stupid" scored 87 as a reply to "I want to quit my job".
    assert [s.kind for s in horsemen(text)] == ["contempt"]
    assert "insult" in [s.kind for s in flooding(text)]


@pytest.mark.parametrize(
    "text",
    ["that's not a stupid idea at all", "it's not a stupid question", '"that\'s a stupid idea", he said'],
)
def test_a_negated_or_quoted_choice_insult_is_not_contempt(text: str) -> None:
    assert horsemen(text) == []
