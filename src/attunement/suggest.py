"""Suggest: one to three concrete next moves, for the weakest capacities of a reply.

Each suggestion names what to change in this reply (quoting its words where a rule found
them) and offers a line to say, chosen from the message's own feeling and need: a phrase is
offered only when its mood agrees with how the message reads (never "That's wonderful!" to
a hurt message), else a neutral move. A reply that scores high with no weak capacity gets no
suggestion at all (an empty list); practical messages get no feelings questions; a turn in
which the writer shares their own feeling is not coached as if it had to comfort the other.
"""

from __future__ import annotations

from attunement import signals
from attunement.capacities import (
    CAPACITIES,
    COSTLY_HORSEMEN,
    PRACTICAL_NEEDS,
    Readings,
    Verdict,
    emotional_fit,
    intensity_label,
)
from attunement.notice import SENTIMENT, reads_negative, reads_positive

WEAK = 0.6  # a capacity under this gets a suggestion (the weakest one always does, if under GOOD)
GOOD = 0.8
QUIET_SCORE = 85.0  # an overall score at which, with no weak capacity, nothing is suggested
NOTHING_TO_CHANGE = "Nothing to change here."  # shown for no suggestions at QUIET_SCORE or more
NO_TIP = "No specific tip for this reply."  # shown for no suggestions below it


def without_suggestions(score: float) -> str:
    """What to show for a reply with no suggestions: nothing to change only when it scored well."""
    return NOTHING_TO_CHANGE if score >= QUIET_SCORE else NO_TIP


YOU = frozenset({"you", "your", "u", "ur", "you're", "youre", "yours"})
BRIEF_WORDS = 12  # a reply this short to a plain message already answers it plainly
FITS = 0.5  # emotional fit at which a feeling the reply names fits the message's

# A line that names each feeling, keyed by GoEmotions label (the message's strongest).
FEELING_LINES: dict[str, str] = {
    "anger": "That sounds infuriating.",
    "annoyance": "That sounds so frustrating.",
    "disapproval": "That really doesn't sit right, does it.",
    "disgust": "That's awful.",
    "fear": "That sounds frightening.",
    "nervousness": "That sounds nerve-racking.",
    "sadness": "That sounds really painful.",
    "grief": "I'm so sorry. That's a huge loss.",
    "disappointment": "That's so disappointing, especially after hoping for it.",
    "embarrassment": "That sounds humiliating.",
    "remorse": "It sounds like it's weighing on you.",
    "confusion": "That sounds confusing.",
    "surprise": "Wow, that's a lot to take in.",
    "joy": "That's wonderful!",
    "excitement": "That's so exciting!",
    "pride": "You must be so proud!",
    "relief": "What a relief.",
    "gratitude": "I'm really glad.",
    "love": "That's lovely.",
    "amusement": "Ha, that's brilliant.",
    "optimism": "That sounds hopeful.",
    "admiration": "That's impressive.",
    "caring": "You clearly care a lot about this.",
}
# A next move for each need the message may carry.
NEED_MOVES: dict[str, str] = {
    "comfort": "Stay with the hurt before anything else: \"I'm so sorry. I'm here.\"",
    "space": 'Give them room without pressing: "Take the time you need. I\'m here when you want to talk."',
    "presence": "Listen without fixing: \"I'm here. Tell me more, I'm listening.\"",
    "help": "Answer the practical need first, in one or two concrete steps or facts, then check it helps.",
    "celebration": 'Celebrate at their level first: "That\'s huge, congratulations!" Then ask how it feels.',
    "reassurance": "Reassure them directly: \"We're okay. I'm not going anywhere.\"",
    "repair": 'Own the miss before explaining: "You\'re right, I missed that. What did you need from me?"',
    "none": "Answer what they asked, plainly.",
}


# Open questions that fit each need; grief gets its own (see _question).
QUESTIONS: dict[str, str] = {
    "comfort": "What's been the hardest part?",
    "presence": "What's on your mind about it?",
    "reassurance": "What worries you most about it?",
    "celebration": "How does it feel? Tell me everything.",
    "repair": "What did you need from me there?",
}
GRIEF_QUESTION = "How are you holding up?"
NEUTRAL_NAMING = "Say what you notice in their words before moving on."
# Feeling lines by mood; surprise and confusion fit either.
NEGATIVE_FEELINGS = frozenset(SENTIMENT["negative"]) | {"confusion", "surprise"}
POSITIVE_FEELINGS = frozenset(SENTIMENT["positive"]) | {"surprise"}
# Needs whose move is aimed at the other person's feeling; not offered to a writer sharing their own.
FEELING_NEEDS = ("comfort", "space", "presence", "celebration", "reassurance")


def _quote(r: Readings, group: str, *kinds: str) -> str | None:
    spans = r.reply_signals.of(group, *kinds)
    return spans[0].text if spans else None


def _need(r: Readings) -> str | None:
    """The need suggestions may act on: None under crisis language or when it was ruled out, and
    "none" when help and none together outweigh the label ("❤️ see you at 8" is logistics)."""
    if r.safety is not None or not r.need.trusted:
        return None
    logistics = r.need.probabilities.get("help", 0.0) + r.need.probabilities.get("none", 0.0)
    return "none" if r.need.label not in PRACTICAL_NEEDS and logistics > r.need.confidence else r.need.label


def _moods(r: Readings) -> frozenset[str]:
    """The emotion labels whose line may be offered: negative ones for a message that reads hard,
    positive ones for good news, none when the two readings disagree (the cue model read
    "I PASSED!!!" as sad), only surprise and confusion when the message reads as neither."""
    # The model's own label (crisis language reads as hard), not the logistics reading of _need.
    need = "comfort" if r.safety is not None else (r.need.label if r.need.trusted else None)
    negative, positive = reads_negative(r.message_cues, need), reads_positive(r.message_cues, need)
    if negative and positive:
        return frozenset()
    if negative:
        return NEGATIVE_FEELINGS
    return POSITIVE_FEELINGS if positive else frozenset({"confusion", "surprise"})


def _feeling(r: Readings) -> str | None:
    """The line naming the message's strongest feeling among those its mood allows."""
    allowed = _moods(r)
    emotions = {k: v for k, v in r.message_cues.emotions.items() if k in allowed and k in FEELING_LINES}
    top = max(emotions, key=lambda k: emotions[k]) if emotions else None
    return FEELING_LINES[top] if top and emotions[top] >= 0.15 else None


def _names_fitting(r: Readings) -> bool:
    """The reply already names a feeling that fits: its tone agrees with the message's mood."""
    allowed = _moods(r)
    return any(emotional_fit(r.message_cues, c) >= FITS or c.top in allowed for c in r.named_cues)


def own_turn(r: Readings) -> bool:
    """The reply is its writer's own cue: it shares a feeling or a wish for company ("I'm so
    nervous", "I just want someone to sit with me") or answers a question about them."""
    asked = [q for q in r.message_signals.of("questions") if YOU & set(_words(q.text))]
    answers = bool(asked) and not r.reply_signals.of("questions")
    shares = signals.disclosure(r.reply)
    feeling = [s for s in shares if s.kind == "wish"] or (shares and reads_negative(r.reply_cues))
    words = set(_words(r.reply))
    # A hard turn about oneself that neither speaks to them nor repairs ("I can't think about any of that").
    of_self = (
        reads_negative(r.reply_cues) and "i" in words and not (words & YOU) and not r.reply_signals.repair
    )
    return bool(feeling) or answers or of_self


def _brief(r: Readings) -> bool:
    return len(r.reply.split()) <= BRIEF_WORDS


def _addressed(r: Readings) -> bool:
    """The message speaks to or about the replier ("you", a rupture signal), not only of others."""
    return bool(r.message_signals.rupture) or bool(YOU & set(_words(r.message)))


def _words(text: str) -> list[str]:
    return [w.strip(".,!?;:'\"").lower() for w in text.split()]


def _presence(r: Readings) -> list[str]:
    out = []
    if away := _quote(r, "self_focus"):
        out.append(f'Keep the focus on them: leave "{away}" for later and reflect back what they said first.')
    if wall := _quote(r, "horsemen", "stonewalling"):
        out.append(
            f'Stay in the conversation: instead of "{wall}", say you need a moment and will come back.'
        )
    if not out and not own_turn(r):
        out.append("Engage with what they actually said: reflect one detail back before anything else.")
    return out


def _question(r: Readings) -> str | None:
    """An open question that fits the message's need (None for help, logistics or a wish for space)."""
    need = _need(r)
    if need in PRACTICAL_NEEDS or own_turn(r):
        return None
    if r.message_cues.emotions.get("grief", 0.0) >= 0.15:
        return GRIEF_QUESTION
    if need == "repair" and not r.message_signals.rupture:
        need = "comfort"  # hurt by someone else, not by this reply's writer
    return QUESTIONS.get(need or "comfort")


def _curiosity(r: Readings) -> list[str]:
    if assumed := _quote(r, "emotion_words", "assuming"):
        return [
            f'Ask instead of assuming: replace "{assumed}" with an open question, '
            'such as "What\'s going on for you?"'
        ]
    question = _question(r)
    return [f'Check in with an open question before concluding: "{question}"'] if question else []


def _naming(r: Readings) -> list[str]:
    if _need(r) in PRACTICAL_NEEDS or own_turn(r) or _names_fitting(r):
        return []
    line = _feeling(r)
    named = _quote(r, "emotion_words", "naming")
    if named and line:
        return [f'"{named}" may not be the feeling they have; try naming what the message shows: "{line}"']
    if line:
        return [f'Name the feeling first: "{line}" Then ask what happened.']
    return [NEUTRAL_NAMING]


def _self_regulation(r: Readings) -> list[str]:
    flagged = _quote(r, "horsemen", "criticism", "contempt") or _quote(r, "flooding")
    lead = (
        f'Take a breath before sending: "{flagged}" will land as an attack. '
        if flagged
        else "Take a breath before sending. "
    )
    return [lead + 'Say what you feel and need instead: "I feel ... when ..., and I need ...".']


def _responsive_action(r: Readings) -> list[str]:
    out: list[str] = []
    need = _need(r)
    if need is None:
        return out
    advice = _quote(r, "advice")
    if advice and need in ("comfort", "presence", "space"):
        out.append(f'They seem to want {need}, not solutions: hold back "{advice}" unless they ask for it.')
    own = own_turn(r)
    intensity = intensity_label(r)
    if own:
        pass  # the writer shares their own feeling: no intensity or comfort moves aimed at the other
    elif intensity == "under-reaction" and need in ("celebration", "comfort", "reassurance", "presence"):
        out.append("Match their intensity: this matters a lot to them, and a flat reply reads as not caring.")
    elif intensity == "over-reaction" and need in ("none", "help", "space") and not _brief(r):
        out.append("Match their intensity: they sound calm about it, so keep your reply calm and brief.")
    plain = need == "none" and _brief(r)  # a brief answer to a plain message is the plain answer
    if not (own and need in FEELING_NEEDS) and not plain:
        out.append(NEED_MOVES[need])
    return out


def _repair(r: Readings) -> list[str]:
    if non := _quote(r, "non_apology"):
        return [
            f'"{non}" puts the problem on their feelings. '
            'Own your part: "I\'m sorry I missed that. Can we try again?"'
        ]
    if defended := _quote(r, "horsemen", "defensiveness"):
        return [
            f'Hold the explanation ("{defended}") for later; '
            'first acknowledge the miss: "You\'re right, I missed that."'
        ]
    return [NEED_MOVES["repair"]] if _addressed(r) else []  # hurt by others: no miss to own


MOVES = {
    "presence": _presence,
    "curiosity": _curiosity,
    "naming": _naming,
    "self_regulation": _self_regulation,
    "responsive_action": _responsive_action,
    "repair": _repair,
}


SAFETY_MOVE = (
    "This needs more than a well-tuned reply. Take it seriously and stay with them: "
    '"I\'m really glad you told me. Are you safe right now?" Then help them reach someone who can '
    "help: a crisis line, their doctor, or emergency services if they are in danger."
)


def suggestions_for(r: Readings, verdict: Verdict) -> list[str]:
    """Up to three concrete suggestions for the weakest capacities; none for a reply that scores
    :data:`QUIET_SCORE` or more with no weak capacity. When the message carries crisis language,
    the first suggestion is always the safety move."""
    if r.safety is not None:
        return [SAFETY_MOVE, *[s for s in _capacity_moves(r, verdict) if s != NEED_MOVES["none"]][:1]]
    return _capacity_moves(r, verdict)


def _capacity_moves(r: Readings, verdict: Verdict) -> list[str]:
    ranked = sorted(CAPACITIES, key=lambda c: verdict.capacities[c])
    chosen = [c for c in ranked if verdict.capacities[c] < WEAK]
    if not chosen and verdict.score >= QUIET_SCORE:
        return []
    if not chosen and verdict.capacities[ranked[0]] < GOOD:
        chosen = ranked[:1]
    out: list[str] = []
    for capacity in chosen:
        for line in MOVES[capacity](r):
            if line not in out:
                out.append(line)
    if not out and not chosen:
        best = max(CAPACITIES, key=lambda c: verdict.capacities[c]).replace("_", " ")
        out.append(f"Well attuned: keep doing this. Strongest here: {best}.")
    if not out and r.reply_signals.of("horsemen", *COSTLY_HORSEMEN):
        # Regression: every move of the weak capacities was gated out (a turn about the writer's
        # own state) and a defensive reply scoring 5 read "Nothing to change here."
        out.append(REPAIR_FALLBACK)
    return out[:3]


# What to do about a defensive, contemptuous or stonewalling reply when no other move fits.
REPAIR_FALLBACK = "Own the part you missed, then invite them back in."
