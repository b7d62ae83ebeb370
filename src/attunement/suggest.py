"""Suggest: one to three concrete next moves, for the weakest capacities of a reply.

Each suggestion names what to change in this reply (quoting its words where a rule found
them) and offers a line to say, chosen from the message's own feeling and need. A reply that
is attuned on every capacity gets a short note that says what worked instead of filler.
"""

from __future__ import annotations

from attunement.capacities import CAPACITIES, Readings, Verdict, intensity_label

WEAK = 0.6  # a capacity under this gets a suggestion (the weakest one always does, if under GOOD)
GOOD = 0.8

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


def _quote(r: Readings, group: str, *kinds: str) -> str | None:
    spans = r.reply_signals.of(group, *kinds)
    return spans[0].text if spans else None


def _feeling(r: Readings) -> str | None:
    emotions = {k: v for k, v in r.message_cues.emotions.items() if k != "neutral"}
    top = max(emotions, key=lambda k: emotions[k]) if emotions else None
    return FEELING_LINES.get(top) if top and emotions[top] >= 0.15 else None


def _presence(r: Readings) -> list[str]:
    out = []
    if away := _quote(r, "self_focus"):
        out.append(f'Keep the focus on them: leave "{away}" for later and reflect back what they said first.')
    if wall := _quote(r, "horsemen", "stonewalling"):
        out.append(
            f'Stay in the conversation: instead of "{wall}", say you need a moment and will come back.'
        )
    if not out:
        out.append("Engage with what they actually said: reflect one detail back before anything else.")
    return out


def _curiosity(r: Readings) -> list[str]:
    if assumed := _quote(r, "emotion_words", "assuming"):
        return [
            f'Ask instead of assuming: replace "{assumed}" with an open question, '
            'such as "What\'s going on for you?"'
        ]
    return ['Check in with an open question before concluding: "What\'s been the hardest part?"']


def _naming(r: Readings) -> list[str]:
    line = _feeling(r)
    named = _quote(r, "emotion_words", "naming")
    if named and line:
        return [f'"{named}" may not be the feeling they have; try naming what the message shows: "{line}"']
    if line:
        return [f'Name the feeling first: "{line}" Then ask what happened.']
    return ['Name what you notice they might feel, tentatively: "It sounds like that got to you. Did it?"']


def _self_regulation(r: Readings) -> list[str]:
    flagged = _quote(r, "horsemen", "criticism", "contempt") or _quote(r, "flooding")
    lead = (
        f'Take a breath before sending: "{flagged}" will land as an attack. '
        if flagged
        else "Take a breath before sending. "
    )
    return [lead + 'Say what you feel and need instead: "I feel ... when ..., and I need ...".']


def _responsive_action(r: Readings) -> list[str]:
    out = []
    need = r.need.label
    advice = _quote(r, "advice")
    if advice and need in ("comfort", "presence", "space"):
        out.append(f'They seem to want {need}, not solutions: hold back "{advice}" unless they ask for it.')
    intensity = intensity_label(r)
    if intensity == "under-reaction" and need in ("celebration", "comfort", "reassurance", "presence"):
        out.append("Match their intensity: this matters a lot to them, and a flat reply reads as not caring.")
    elif intensity == "over-reaction" and need in ("none", "help", "space"):
        out.append("Match their intensity: they sound calm about it, so keep your reply calm and brief.")
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
    return [NEED_MOVES["repair"]]


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
    """One to three concrete suggestions for the weakest capacities (none below GOOD: what worked).
    When the message carries crisis language, the first suggestion is always the safety move."""
    if r.safety is not None:
        return [SAFETY_MOVE, *[s for s in _capacity_moves(r, verdict) if s != NEED_MOVES["none"]][:1]]
    return _capacity_moves(r, verdict)


def _capacity_moves(r: Readings, verdict: Verdict) -> list[str]:
    ranked = sorted(CAPACITIES, key=lambda c: verdict.capacities[c])
    chosen = [c for c in ranked if verdict.capacities[c] < WEAK]
    if not chosen and verdict.capacities[ranked[0]] < GOOD:
        chosen = ranked[:1]
    out: list[str] = []
    for capacity in chosen:
        for line in MOVES[capacity](r):
            if line not in out:
                out.append(line)
    if not out:
        best = max(CAPACITIES, key=lambda c: verdict.capacities[c]).replace("_", " ")
        out.append(f"Well attuned: keep doing this. Strongest here: {best}.")
    return out[:3]
