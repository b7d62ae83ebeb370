"""Say it plainly: a short summary of a conversation's report, never a diagnosis.

What went well (each person's best reply, by turn), the moment that mattered most, one thing
each person could practise (their weakest capacity, shown on their own lowest-scoring reply and
worded for what the turn it answered needed), and what the measures can and cannot tell.
"""

from __future__ import annotations

import re
from typing import Any

from attunement.capacities import CAPACITIES
from attunement.conversation import turn_number
from attunement.needs import shown_label

PLAIN: dict[str, str] = {
    "presence": "staying with what the other person just said",
    "curiosity": "asking open questions instead of assuming",
    "naming": "noticing and naming the feeling",
    "self_regulation": "keeping calm when things heat up",
    "responsive_action": "giving the kind of response that is needed (comfort, space, help or celebration)",
    "repair": "owning a miss and reopening the conversation",
}
PRACTICE: dict[str, str] = {
    "presence": "Before replying, reflect back one thing they said, in their words.",
    "curiosity": 'Swap one assumption for an open question: "What was that like for you?"',
    "naming": 'Name the feeling you hear before anything else: "That sounds like it really matters to you."',
    "self_regulation": 'When you notice capitals or "!!" in your draft, pause and say how you feel instead.',
    "responsive_action": "Ask what they need now (comfort, space, help or celebration); give that first.",
    "repair": 'When they say you missed them, start with "You\'re right, I missed that" before explaining.',
}
LIMITS = (
    "These are estimates from text alone, by models trained on other people's writing: they cannot "
    "see tone of voice, history or what happened offline, and they read sarcasm and in-jokes "
    "literally. Use them to reflect and talk, not to judge or diagnose anyone."
)
STOOD_OUT = 60.0  # a reply scoring below this is not praised as "went well"

# What a reply did, by the kind of evidence that raised a capacity.
DID: dict[str, tuple[str, str]] = {
    "open": ("curiosity", "asked an open question"),
    "naming": ("naming", "named the feeling"),
    "acknowledge": ("repair", "owned the miss"),
    "apology": ("repair", "apologised for their part"),
    "reopen": ("repair", "reopened the conversation"),
}
# What the turn being answered seemed to need, in words, grouped by the need's label.
NEED_WORDS: dict[str, str] = {
    "grief": "seemed to be grieving",
    "comfort": "seemed to need comfort",
    "celebration": "was sharing good news",
    "reassurance": "seemed worried",
    "help": "seemed to need practical help",
    "space": "seemed to need some space",
    "repair": "seemed to feel missed",
    "presence": "seemed to want company",
}
# One practice per capacity, with words fitted to the need it would have met.
PRACTICE_FOR: dict[str, dict[str, str]] = {
    "naming": {
        "grief": "Name the feeling before anything else: \"I'm so sorry. That's such a painful loss.\"",
        "comfort": 'Name the feeling before anything else: "That sounds really hard."',
        "celebration": 'Name the feeling before anything else: "You must be so proud!"',
        "reassurance": 'Name the feeling before anything else: "That sounds really worrying."',
        "help": 'Name the feeling before anything else: "That sounds like a lot at once."',
        "space": 'Name the feeling before anything else: "Sounds like you\'re worn out."',
        "repair": 'Name the feeling before anything else: "I can hear you felt let down."',
    },
    "curiosity": {
        "grief": 'Swap one assumption for a gentle open question: "How are you holding up?"',
        "comfort": 'Swap one assumption for an open question: "What was the hardest part?"',
        "celebration": 'Swap one assumption for an open question: "How does it feel?"',
        "reassurance": 'Swap one assumption for an open question: "What are you most worried about?"',
        "help": 'Swap one assumption for an open question: "What would help most right now?"',
        "space": 'Ask what they want: "Do you want to talk, or would some quiet help?"',
        "repair": 'Ask before explaining: "What did I miss?"',
    },
    "responsive_action": {
        "grief": "Offer comfort before anything practical: \"I'm so sorry. I'm here.\"",
        "comfort": 'Offer comfort before advice: "That sounds hard. I\'m here."',
        "celebration": 'Celebrate first, details later: "That\'s amazing, congratulations!"',
        "reassurance": 'Reassure before solving: "It makes sense to worry, and you\'re not alone in this."',
        "help": 'Offer something concrete: "Want me to take one thing off your plate?"',
        "space": "Give room without leaving: \"Take your time, I'm here when you're ready.\"",
        "repair": 'Own the miss first: "You\'re right, I missed that."',
    },
}


def _weakest(profile: dict[str, Any]) -> str | None:
    means = {
        c: profile["capacities"][c]["mean"]
        for c in CAPACITIES
        if profile["capacities"][c]["mean"] is not None
    }
    return min(means, key=lambda c: means[c]) if means else None


# Capacities that are high by default (nothing to regulate, nothing to repair) are not praised,
# nor is a strongest capacity that is still weak (a "lol same" to crisis language is praised for nothing).
PRAISED = ("presence", "curiosity", "naming", "responsive_action")
PRAISE_MIN = 0.6


def _strongest(profile: dict[str, Any]) -> str | None:
    means = {
        c: mean
        for c in PRAISED
        if (mean := profile["capacities"][c]["mean"]) is not None and mean >= PRAISE_MIN
    }
    return max(means, key=lambda c: means[c]) if means else None


def has_replies(report: dict[str, Any]) -> bool:
    """Whether any turn of the report was assessed as a reply to the other person."""
    return any(t.get("assessment") for t in report["turns"])


def headline(report: dict[str, Any]) -> str:
    found = report["episodes"]
    if not found and not has_replies(report):
        return "No reply to assess: no turn answers the other person's words, so the cues are all there is."
    if not found:
        return "No rupture found: the replies stayed with each other throughout."
    counts = {s: sum(e["status"] == s for e in found) for s in ("repaired", "attempted", "unrepaired")}
    parts = []
    if counts["repaired"]:
        parts.append(f"{counts['repaired']} repaired")
    if counts["attempted"]:
        parts.append(f"{counts['attempted']} with a repair attempt that did not land")
    if counts["unrepaired"]:
        parts.append(f"{counts['unrepaired']} left unrepaired")
    n = len(found)
    return f"{n} rupture{'s' if n > 1 else ''} found: " + ", ".join(parts) + "."


def moment(report: dict[str, Any]) -> dict[str, Any] | None:
    """The moment that mattered most: a repair that landed, else the first rupture, else the best reply."""
    found = report["episodes"]
    for e in found:
        if e["status"] == "repaired" and e["repair"] is not None:
            who = e["who_repaired"]
            return {
                "turn": e["repair"],
                "why": f"{who} repaired the rupture that began at turn {turn_number(e['start'])}, "
                "and it landed.",
            }
    if found:
        e = found[0]
        # A break shown only by a low reply score points at that reply, which may be the answer
        # to the start turn (never at a disclosure as "the misattuned reply").
        scores = [x for x in e.get("evidence") or [] if x.get("kind") == "reply_score"]
        turn = scores[0]["turn"] if e["trigger"] == "misattuned_reply" and scores else e["start"]
        return {"turn": turn, "why": f"Attunement broke here ({e['trigger'].replace('_', ' ')})."}
    scored = [t for t in report["turns"] if t["assessment"]]
    if not scored:
        return None
    best = max(scored, key=lambda t: t["assessment"]["score"])
    return {"turn": best["index"], "why": f"The most attuned reply ({best['assessment']['score']:.0f}/100)."}


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _replies(report: dict[str, Any], speaker: str) -> list[dict[str, Any]]:
    return [t for t in report["turns"] if t.get("speaker") == speaker and t.get("assessment")]


def _answered(report: dict[str, Any], reply: dict[str, Any]) -> dict[str, Any] | None:
    target = reply["assessment"].get("responds_to")
    return next((t for t in report["turns"] if t.get("index") == target), None)


LOSS = re.compile(
    r"\b(?:died|passed away|funeral|death|lost (?:my|our|her|his) (?:\w+ )?"
    r"(?:mum|mom|dad|father|mother|wife|husband|partner|friend|son|daughter|brother|sister|baby|dog|cat))\b",
    re.I,
)


def need_of(turn: dict[str, Any] | None) -> str | None:
    """What a turn seemed to need, for wording: its need label, or "grief" for comfort after a loss."""
    # Regression: a need set aside (crisis language) or ruled out by the rules ("You ALWAYS do
    # this!!" read as celebration) was still worded in the summary as "sharing good news".
    if turn is None or (label := shown_label(turn.get("need"))) is None:
        return None
    emotions = (turn.get("cues") or {}).get("emotions") or {}
    sad = (emotions.get("sadness") or 0.0) >= 0.2 and bool(LOSS.search(turn.get("text") or ""))
    loss = (emotions.get("grief") or 0.0) >= 0.15 or sad
    if label in ("comfort", "presence", "space", "none") and loss:
        return "grief"
    return label if label in NEED_WORDS else None


def _did(reply: dict[str, Any], need: str | None) -> str:
    """What the reply did for its best capacity, from the evidence that raised it, else its readings."""
    a = reply["assessment"]
    for spans in (a.get("evidence") or {}).values():
        for span in spans:
            if span.get("side") == "reply" and span.get("kind") in DID:
                return f'{DID[span["kind"]][1]} ("{_quote(span["text"])}")'
    caps = {c: v for c, v in (a.get("capacities") or {}).items() if c in PRAISED and v is not None}
    best = max(caps, key=lambda c: caps[c]) if caps else "presence"
    if best == "responsive_action" and need in NEED_WORDS:
        what = {"grief": "comfort", "reassurance": "reassurance", "repair": "a repair"}.get(need, need)
        did = f"gave what the moment called for ({what})"
    elif best == "curiosity":
        did = "stayed curious about the other person"
    elif best == "naming":
        did = "picked up on the feeling"
    else:
        did = "stayed with what the other person had just said"
    return f'{did} ("{_quote(reply["text"])}")'


def went_well_for(report: dict[str, Any], speaker: str, profile: dict[str, Any]) -> list[str]:
    """What went well for one speaker: their best reply that was not itself where a rupture began."""
    starts = {e["start"] for e in report["episodes"]}
    landed_at = {e["repair"] for e in report["episodes"] if e["status"] == "repaired"}
    replies = _replies(report, speaker)
    candidates = [t for t in replies if t["index"] not in starts and not t["assessment"].get("markers")]
    lines = []
    best = max(candidates, key=lambda t: t["assessment"]["score"], default=None)
    landed = profile["repairs"]["landed"]
    if best is not None and best["assessment"]["score"] >= STOOD_OUT:
        score = best["assessment"]["score"]
        line = f"{speaker} at turn {turn_number(best['index'])} ({score:.0f}/100) "
        line += _did(best, need_of(_answered(report, best)))
        if best["index"] in landed_at:
            line += ", and the repair landed"
            landed -= 1
        lines.append(line + ".")
    elif replies:
        top = max(replies, key=lambda t: t["assessment"]["score"])
        lines.append(
            f"Nothing in {speaker}'s replies stood out as especially attuned this time "
            f"(their highest: turn {turn_number(top['index'])}, {top['assessment']['score']:.0f}/100)."
        )
    elif not report["turns"]:
        strongest = _strongest(profile)
        if strongest:
            lines.append(f"Of what a reply does actively, {speaker} was strongest at {PLAIN[strongest]}.")
    if landed > 0:
        lines.append(f"{speaker} repaired {landed} time{'s' if landed > 1 else ''} and it landed.")
    return lines


PRACTICE_SAFETY = (
    "When someone writes words like these, stay with them and ask directly: \"I'm really glad you "
    'told me. Are you safe right now?" Then help them reach someone who can help.'
)


def practise_for(report: dict[str, Any], speaker: str, profile: dict[str, Any]) -> str | None:
    """One thing to practise: the weakest capacity, shown on the speaker's own lowest-scoring reply."""
    worst = _weakest(profile)
    if worst is None:
        return None
    lowest = min(_replies(report, speaker), key=lambda t: t["assessment"]["score"], default=None)
    if lowest is None:
        return PRACTICE[worst]
    answered = _answered(report, lowest)
    need = need_of(answered)
    advice = PRACTICE_FOR.get(worst, {}).get(need or "", PRACTICE[worst])
    if answered is not None and answered.get("safety"):
        # Regression: a reply to crisis language was practised as "swap one assumption for an open
        # question"; what to practise there is the safety move, whatever need was read.
        advice, need = PRACTICE_SAFETY, None
    score = lowest["assessment"]["score"]
    reply = f"{speaker}'s reply at turn {turn_number(lowest['index'])} scored {score:.0f}/100"
    if answered is None:
        return f"{reply}. {advice}"
    other = answered["speaker"]
    at = f"At turn {turn_number(answered['index'])} {other}"
    lead = (
        f"{at} {NEED_WORDS[need]}, and {reply}"
        if need
        else f"Answering {other} at turn {turn_number(answered['index'])}, {reply}"
    )
    return f"{lead}. {advice}"


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    went_well: list[str] = []
    practise = {}
    for speaker, profile in report["speakers"].items():
        went_well += went_well_for(report, speaker, profile)
        advice = practise_for(report, speaker, profile)
        if advice:
            practise[speaker] = advice
    safety = sorted({t["safety"]["message"] for t in report["turns"] if t["safety"]})
    return {
        "headline": headline(report),
        "went_well": went_well,
        "moment": moment(report),
        "practise": practise,
        "limits": LIMITS,
        "safety": safety,
    }
