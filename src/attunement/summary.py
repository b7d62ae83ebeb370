"""Say it plainly: a short summary of a conversation's report, never a diagnosis.

What went well, the moment that mattered most, one thing each person could practise, and
what the measures can and cannot tell.
"""

from __future__ import annotations

from typing import Any

from attunement.capacities import CAPACITIES
from attunement.conversation import turn_number

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
    "naming": 'Name the feeling you hear before anything else: "That sounds really frustrating."',
    "self_regulation": 'When you notice capitals or "!!" in your draft, pause and say how you feel instead.',
    "responsive_action": "Ask what they need now (comfort, space, help or celebration); give that first.",
    "repair": 'When they say you missed them, start with "You\'re right, I missed that" before explaining.',
}
LIMITS = (
    "These are estimates from text alone, by models trained on other people's writing: they cannot "
    "see tone of voice, history or what happened offline, and they read sarcasm and in-jokes "
    "literally. Use them to reflect and talk, not to judge or diagnose anyone."
)


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
        return {"turn": e["start"], "why": f"Attunement broke here ({e['trigger'].replace('_', ' ')})."}
    scored = [t for t in report["turns"] if t["assessment"]]
    if not scored:
        return None
    best = max(scored, key=lambda t: t["assessment"]["score"])
    return {"turn": best["index"], "why": f"The most attuned reply ({best['assessment']['score']:.0f}/100)."}


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    went_well = []
    practise = {}
    for speaker, profile in report["speakers"].items():
        best, worst = _strongest(profile), _weakest(profile)
        if best:
            went_well.append(f"Of what a reply does actively, {speaker} was strongest at {PLAIN[best]}.")
        landed = profile["repairs"]["landed"]
        if landed:
            went_well.append(f"{speaker} repaired {landed} time{'s' if landed > 1 else ''} and it landed.")
        if worst:
            practise[speaker] = PRACTICE[worst]
    safety = sorted({t["safety"]["message"] for t in report["turns"] if t["safety"]})
    return {
        "headline": headline(report),
        "went_well": went_well,
        "moment": moment(report),
        "practise": practise,
        "limits": LIMITS,
        "safety": safety,
    }
