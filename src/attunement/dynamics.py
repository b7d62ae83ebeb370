"""Repair: what happens between two people over a whole conversation.

From the per-turn cues and per-reply assessments:

- **episodes** of rupture and repair: where attunement breaks (a misattuned reply, the other's
  signal of feeling unseen, escalation, withdrawal), the first repair attempt after it, and
  whether the repair was taken up (the other person re-engages and the temperature drops);
- each speaker's **profile**, both directions: capacities, horsemen, repairs attempted and
  landed, how quickly they notice a change of tone in the other;
- **matching** over time: emotional synchrony, language style matching (Ireland and
  Pennebaker's function-word measure, with the project's own word list) and adaptation.

The thresholds below were set on the labelled dev conversations (``labelled/``); the test part
is only for the figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from attunement.capacities import CAPACITIES

# A reply scoring under this is a misattuned reply (a rupture when nothing else explains it).
MISATTUNED_SCORE = 45.0
# Flooding in a turn at or above this is escalation.
ESCALATION = 0.4
# Horsemen that break attunement by themselves (stonewalling counts as withdrawal).
BREAKING_HORSEMEN = ("criticism", "contempt", "defensiveness")
# Flooding counts as escalation only in a turn whose tone is not positive ("I GOT THE JOB!!!" is joy).
NEUTRAL_VALENCE = 3.0
# How many turns after a rupture a repair attempt is looked for.
REPAIR_WINDOW = 6
# A reply to a repair attempt "takes it up" when it is not itself a rupture and scores at least this.
TAKEN_UP_SCORE = 50.0


@dataclass(frozen=True)
class TurnReading:
    """What the dynamics need of one turn (built by :mod:`attunement.analyze`)."""

    index: int
    speaker: str
    text: str
    valence: float | None
    arousal: float | None
    shifted: bool  # the turn's tone moved away from the speaker's own recent turns
    responds_to: int | None
    score: float | None  # the assessment's overall score, for a reply
    capacities: dict[str, float] | None
    markers: list[dict[str, Any]] = field(default_factory=list)  # horsemen and flooding of this turn
    flooding: float = 0.0
    rupture_signals: list[dict[str, Any]] = field(default_factory=list)  # unseen / withdrawal spans
    repair_signals: list[dict[str, Any]] = field(default_factory=list)  # acknowledge / apology / reopen
    non_apology: bool = False


@dataclass(frozen=True)
class Episode:
    start: int
    repair: int | None
    status: str  # repaired / attempted / unrepaired
    end: int
    trigger: str
    who_repaired: str | None
    evidence: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "repair": self.repair,
            "status": self.status,
            "end": self.end,
            "trigger": self.trigger,
            "who_repaired": self.who_repaired,
            "evidence": list(self.evidence),
        }


# --- rupture and repair ----------------------------------------------------------------------


def rupture_trigger(t: TurnReading) -> tuple[str, list[dict[str, Any]]] | None:
    """Why this turn breaks attunement, with the words that show it; None when it does not."""
    evidence = [{"turn": t.index, "kind": s["kind"], "text": s["text"]} for s in t.rupture_signals]
    if t.rupture_signals:
        kinds = {s["kind"] for s in t.rupture_signals}
        return ("unseen" if "unseen" in kinds else "withdrawal"), evidence
    breaking = [m for m in t.markers if m["kind"] in BREAKING_HORSEMEN or m["kind"] == "stonewalling"]
    if breaking:
        kind = breaking[0]["kind"]
        return ("withdrawal" if kind == "stonewalling" else kind), [
            {"turn": t.index, "kind": m["kind"], "text": m["text"]} for m in breaking
        ]
    if t.flooding >= ESCALATION and (t.valence is None or t.valence < NEUTRAL_VALENCE):
        flooded = [m for m in t.markers if m["kind"] in ("caps", "exclamation", "insult", "absolute")]
        return "escalation", [{"turn": t.index, "kind": m["kind"], "text": m["text"]} for m in flooded]
    if t.non_apology:
        return "non_apology", evidence
    if t.score is not None and t.score < MISATTUNED_SCORE:
        return "misattuned_reply", [{"turn": t.index, "kind": "low_score", "text": f"{t.score:.0f}/100"}]
    return None


def is_repair(t: TurnReading) -> bool:
    """A repair attempt: owning the miss, a real apology or reopening, without breaking again."""
    return bool(t.repair_signals) and not t.non_apology and rupture_trigger(t) is None


def episodes(turns: Sequence[TurnReading]) -> list[Episode]:
    """Rupture-and-repair episodes, in order; a new episode starts only after the last one closed."""
    out: list[Episode] = []
    i = 0
    while i < len(turns):
        found = rupture_trigger(turns[i])
        if found is None:
            i += 1
            continue
        trigger, evidence = found
        start = turns[i]
        repair_at = None
        for j in range(i + 1, min(len(turns), i + 1 + REPAIR_WINDOW)):
            if is_repair(turns[j]):
                repair_at = j
                break
        if repair_at is None:
            # The episode runs while the turns keep breaking; it ends at the last breaking turn.
            end = i
            while end + 1 < len(turns) and rupture_trigger(turns[end + 1]) is not None:
                end += 1
            out.append(Episode(start.index, None, "unrepaired", turns[end].index, trigger, None, evidence))
            i = end + 1
            continue
        repairer = turns[repair_at]
        answer = next((t for t in turns[repair_at + 1 :] if t.speaker != repairer.speaker), None)
        taken_up = (
            answer is not None
            and rupture_trigger(answer) is None
            and (answer.score is None or answer.score >= TAKEN_UP_SCORE)
        )
        status = "repaired" if taken_up else "attempted"
        end = answer.index if answer is not None else repairer.index
        evidence = evidence + [
            {"turn": repairer.index, "kind": s["kind"], "text": s["text"]} for s in repairer.repair_signals
        ]
        out.append(Episode(start.index, repairer.index, status, end, trigger, repairer.speaker, evidence))
        # The answer to the repair belongs to this episode (a rebuff does not open a new one).
        i = repair_at + 1 if answer is None else turns.index(answer) + 1
    return out


# --- profiles --------------------------------------------------------------------------------


def _mean_sd(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"mean": None, "sd": None}
    return {"mean": round(float(np.mean(values)), 3), "sd": round(float(np.std(values)), 3)}


def noticing(turns: Sequence[TurnReading], speaker: str, horizon: int = 3) -> dict[str, Any]:
    """How often ``speaker`` notices a change of tone in the other: a shifted turn by someone else is
    noticed when one of ``speaker``'s next ``horizon`` replies names or explores (naming or curiosity
    of at least 0.6); the turns counted until then are averaged."""
    seen = noticed = 0
    delays: list[int] = []
    for k, t in enumerate(turns):
        if t.speaker == speaker or not t.shifted:
            continue
        seen += 1
        replies = [u for u in turns[k + 1 :] if u.speaker == speaker][:horizon]
        for n, u in enumerate(replies, start=1):
            caps = u.capacities or {}
            if max(caps.get("naming", 0.0), caps.get("curiosity", 0.0)) >= 0.6:
                noticed += 1
                delays.append(n)
                break
    return {
        "shifts_seen": seen,
        "noticed": noticed,
        "mean_turns_to_notice": round(float(np.mean(delays)), 2) if delays else None,
    }


def profiles(turns: Sequence[TurnReading], found: Sequence[Episode]) -> dict[str, dict[str, Any]]:
    """Each speaker's profile: capacities of their replies, horsemen, repairs, noticing."""
    out: dict[str, dict[str, Any]] = {}
    for speaker in dict.fromkeys(t.speaker for t in turns):
        mine = [t for t in turns if t.speaker == speaker]
        replies = [t for t in mine if t.capacities is not None]
        horsemen = dict.fromkeys(("criticism", "contempt", "defensiveness", "stonewalling"), 0)
        for t in mine:
            for m in t.markers:
                if m["kind"] in horsemen:
                    horsemen[m["kind"]] += 1
        repaired_by_me = [e for e in found if e.who_repaired == speaker]
        out[speaker] = {
            "turns": len(mine),
            "replies": len(replies),
            "score": _mean_sd([t.score for t in replies if t.score is not None]),
            "capacities": {
                c: _mean_sd([t.capacities[c] for t in replies if t.capacities is not None])
                for c in CAPACITIES
            },
            "horsemen": horsemen,
            "repairs": {
                "attempted": len(repaired_by_me),
                "landed": sum(e.status == "repaired" for e in repaired_by_me),
            },
            "noticing": noticing(turns, speaker),
        }
    return out


# --- matching --------------------------------------------------------------------------------

# Function-word categories after Ireland and Pennebaker (2010), in the project's own words.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "personal_pronouns": frozenset(
        "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself "
        "she her hers herself they them their theirs themselves im ive id ill youre youve youd youll".split()
    ),
    "impersonal_pronouns": frozenset(
        "it its itself this that these those something anything nothing everything someone anyone "
        "everyone somebody anybody nobody what which whatever whichever thats".split()
    ),
    "articles": frozenset("a an the".split()),
    "conjunctions": frozenset(
        "and but or so because although though while whereas if unless nor yet".split()
    ),
    "prepositions": frozenset(
        "in on at to from with without about above below over under into onto through between among "
        "after before during for of off by near around across against toward towards upon within".split()
    ),
    "auxiliary_verbs": frozenset(
        "am is are was were be been being have has had do does did will would shall should can could "
        "may might must dont doesnt didnt wont wouldnt cant couldnt shouldnt isnt arent wasnt werent".split()
    ),
    "adverbs": frozenset(
        "very really so just too quite rather almost always never often sometimes still even also "
        "already here there now then maybe perhaps actually only".split()
    ),
    "negations": frozenset(
        "no not never none nor neither nobody nothing nowhere dont cant wont isnt".split()
    ),
    "quantifiers": frozenset(
        "all some any many much more most few less least lots several each every".split()
    ),
}
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")


def function_word_rates(text: str) -> tuple[dict[str, float], int]:
    """Share of words in each function-word category, and the word count."""
    words = [w.replace("'", "").replace("’", "") for w in _WORD.findall(text.lower())]
    n = len(words)
    if not n:
        return dict.fromkeys(FUNCTION_WORDS, 0.0), 0
    return {c: sum(w in vocab for w in words) / n for c, vocab in FUNCTION_WORDS.items()}, n


def style_matching(a: str, b: str) -> float | None:
    """Language style matching of two texts: the mean over categories of
    ``1 - |pa - pb| / (pa + pb + 0.0001)``; None when either has no words."""
    ra, na = function_word_rates(a)
    rb, nb = function_word_rates(b)
    if not na or not nb:
        return None
    return float(np.mean([1 - abs(ra[c] - rb[c]) / (ra[c] + rb[c] + 0.0001) for c in FUNCTION_WORDS]))


def _pearson(x: list[float], y: list[float]) -> float | None:
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return None
    return round(float(np.corrcoef(x, y)[0, 1]), 3)


def matching(turns: Sequence[TurnReading]) -> dict[str, Any]:
    """Synchrony of valence and arousal across reply pairs, style matching, adaptation."""
    by_index = {t.index: t for t in turns}
    pairs = [
        (by_index[t.responds_to], t) for t in turns if t.responds_to is not None and t.responds_to in by_index
    ]
    pairs = [(m, r) for m, r in pairs if m.valence is not None and r.valence is not None]
    synchrony = {
        "valence": _pearson([m.valence for m, _ in pairs], [r.valence for _, r in pairs]),  # type: ignore[misc]
        "arousal": _pearson([m.arousal for m, _ in pairs], [r.arousal for _, r in pairs]),  # type: ignore[misc]
    }
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    by_pair: dict[str, float | None] = {}
    texts = {s: " ".join(t.text for t in turns if t.speaker == s) for s in speakers}
    for i, a in enumerate(speakers):
        for b in speakers[i + 1 :]:
            lsm = style_matching(texts[a], texts[b])
            by_pair[f"{a} ~ {b}"] = None if lsm is None else round(lsm, 3)
    per_reply = [x for x in (style_matching(m.text, r.text) for m, r in pairs) if x is not None]
    return {
        "synchrony": synchrony,
        "style_matching": {
            "overall": round(float(np.mean(per_reply)), 3) if per_reply else None,
            "by_speaker_pair": by_pair,
        },
        "adaptation": adaptation(turns),
    }


def adaptation(turns: Sequence[TurnReading]) -> list[dict[str, Any]]:
    """After one speaker signals that a reply missed (a rupture signal), does the other change
    approach? Compared: the other's reply before the signal and their next reply after it."""
    out = []
    for k, t in enumerate(turns):
        if not t.rupture_signals:
            continue
        before = next(
            (u for u in reversed(turns[:k]) if u.speaker != t.speaker and u.score is not None), None
        )
        after = next((u for u in turns[k + 1 :] if u.speaker != t.speaker and u.score is not None), None)
        if before is None or after is None or before.score is None or after.score is None:
            continue
        changed = after.score - before.score >= 10.0 or is_repair(after)
        note = (
            f"{after.speaker} changed approach after turn {t.index}: {before.score:.0f} -> {after.score:.0f}"
            if changed
            else f"{after.speaker} kept the same approach after turn {t.index} ({after.score:.0f})"
        )
        out.append({"speaker": after.speaker, "after_turn": t.index, "changed": bool(changed), "note": note})
    return out
