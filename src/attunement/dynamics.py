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

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

import numpy as np

from attunement.capacities import CAPACITIES
from attunement.conversation import turn_number
from attunement.errors import AttunementError
from attunement.models import model_dir, read_config
from attunement.trees import Trees

# Flooding in a turn at or above this is escalation.
ESCALATION = 0.4
# Horsemen that break attunement by themselves (stonewalling counts as withdrawal).
BREAKING_HORSEMEN = ("criticism", "contempt", "defensiveness")
# Flooding counts as escalation only in a turn whose tone is not positive ("I GOT THE JOB!!!" is joy).
NEUTRAL_VALENCE = 3.0
# How many turns after a rupture a repair attempt is looked for.
REPAIR_WINDOW = 6


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
    need_repair: float = 0.0  # the need model's probability that this turn signals a rupture


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
        return asdict(self)


# --- rupture and repair ----------------------------------------------------------------------

EPISODE_MODEL = "episodes-v15"
CAPACITY_DEFAULT = 0.7  # what a turn that answers nobody (an opening) contributes for capacities
FEATURES: tuple[str, ...] = (
    "need_repair",
    "next_need_repair",
    "score",
    "min_capacity",
    "presence",
    "curiosity",
    "naming",
    "responsive_action",
    "repair",
    "horsemen",
    "flooding",
    "rupture_signal",
    "next_rupture_signal",
    "valence",
    "next_valence_change",
    "words",
    "next_is_short",
    "repair_signal",
    "non_apology",
    "speaker_changed",
    "prev_need_repair",
    "prev_score",
    "recent_break",
    "prev_rupture_signal",
    "prev_min_capacity",
    "next2_rupture_signal",
    "next2_need_repair",
    "next_score",
    "next_repair_signal",
    "next_horsemen",
    "next_flooding",
    "prev2_score",
    "prev2_need_repair",
)
RECENT = 4  # how many earlier turns "something broke recently" looks back over


def _words(text: str) -> int:
    return len(text.split())


def turn_features(turns: Sequence[TurnReading]) -> np.ndarray:
    """One row of :data:`FEATURES` per turn: its own reading, how the next turns react, and
    whether something broke just before it (a repair only makes sense after a break)."""
    own = [_own_features(t) for t in turns]
    # How much each turn looks like a break, from its own reading alone.
    signs = ("need_repair", "rupture_signal", "horsemen", "flooding")
    breaks = [max(*(f[k] for k in signs), 1 - f["score"]) for f in own]
    rows = []
    for k, (t, f) in enumerate(zip(turns, own)):
        nxt = own[k + 1] if k + 1 < len(turns) else None
        after = own[k + 2] if k + 2 < len(turns) else None
        prev = own[k - 1] if k > 0 else None
        prev2 = own[k - 2] if k > 1 else None
        known = nxt is not None and turns[k + 1].valence is not None
        next_valence = nxt["valence"] if nxt is not None and known else f["valence"]
        rows.append(
            [
                f["need_repair"],
                nxt["need_repair"] if nxt else 0.0,
                f["score"],
                f["min_capacity"],
                *(f[c] for c in ("presence", "curiosity", "naming", "responsive_action", "repair")),
                f["horsemen"],
                f["flooding"],
                f["rupture_signal"],
                nxt["rupture_signal"] if nxt else 0.0,
                f["valence"],
                next_valence - f["valence"],
                np.log1p(_words(t.text)) / 4.0,
                float(nxt is not None and _words(turns[k + 1].text) <= 3),
                float(bool(t.repair_signals) and not t.non_apology),
                float(t.non_apology),
                float(k > 0 and turns[k - 1].speaker != t.speaker),
                prev["need_repair"] if prev else 0.0,
                prev["score"] if prev else SCORE_DEFAULT,
                max(breaks[max(0, k - RECENT) : k], default=0.0),
                prev["rupture_signal"] if prev else 0.0,
                prev["min_capacity"] if prev else CAPACITY_DEFAULT,
                after["rupture_signal"] if after else 0.0,
                after["need_repair"] if after else 0.0,
                nxt["score"] if nxt else SCORE_DEFAULT,
                float(bool(turns[k + 1].repair_signals)) if nxt else 0.0,
                nxt["horsemen"] if nxt else 0.0,
                nxt["flooding"] if nxt else 0.0,
                prev2["score"] if prev2 else SCORE_DEFAULT,
                prev2["need_repair"] if prev2 else 0.0,
            ]
        )
    return np.asarray(rows, dtype=np.float64).reshape(len(turns), len(FEATURES))


SCORE_DEFAULT = 0.6  # the overall score (0 to 1) assumed for a turn that answers nobody


def _own_features(t: TurnReading) -> dict[str, float]:
    """What one turn shows on its own, before its neighbours are considered."""
    caps = t.capacities or dict.fromkeys(CAPACITIES, CAPACITY_DEFAULT)
    breaking = sum(m["kind"] in (*BREAKING_HORSEMEN, "stonewalling") for m in t.markers)
    return {
        "need_repair": t.need_repair,
        "score": t.score / 100.0 if t.score is not None else SCORE_DEFAULT,
        "min_capacity": min(caps.values()),
        **caps,
        "horsemen": min(breaking, 2) / 2.0,
        "flooding": t.flooding,
        "rupture_signal": float(bool(t.rupture_signals)),
        "valence": (t.valence if t.valence is not None else NEUTRAL_VALENCE) - NEUTRAL_VALENCE,
    }


@dataclass(frozen=True)
class EpisodeModel:
    """Two scores per turn, each a sum of boosted trees over :data:`FEATURES` (fitted on dev):
    the turn starts a rupture; it attempts a repair."""

    start: Trees
    repair: Trees
    start_threshold: float
    repair_threshold: float

    def scores(self, turns: Sequence[TurnReading]) -> tuple[np.ndarray, np.ndarray]:
        x = turn_features(turns)
        return self.start.probability(x), self.repair.probability(x)


TREES_FILE = "trees.json"  # beside config.json: the two ensembles, {"start": ..., "repair": ...}


@cache
def load_episode_model(name: str = EPISODE_MODEL) -> EpisodeModel:
    path = model_dir(name)
    config = read_config(path)
    if list(config["features"]) != list(FEATURES):
        raise AttunementError("E021", path=str(path), problem="features differ from this code's")
    try:
        trees = json.loads((path / TREES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AttunementError("E021", path=str(path), problem=f"{TREES_FILE}: {exc}") from exc
    return EpisodeModel(
        Trees.from_config(trees["start"]),
        Trees.from_config(trees["repair"]),
        float(config["start_threshold"]),
        float(config["repair_threshold"]),
    )


def _evidence(t: TurnReading, answer: TurnReading | None = None) -> list[dict[str, Any]]:
    """What shows the break: the start turn's rupture signals and horsemen, else the lower of its
    own reply score and that of the other person's answer to it (the detector reads both).

    Regression: a crisis disclosure scoring 68 as a reply was cited as the "misattuned reply"
    while the 13/100 answer to it went unnamed."""
    spans = t.rupture_signals + [m for m in t.markers if m["kind"] in (*BREAKING_HORSEMEN, "stonewalling")]
    out = [{"turn": t.index, "kind": s["kind"], "text": s["text"]} for s in spans]
    if out:
        return out
    scored = [x for x in (t, answer) if x is not None and x.score is not None]
    if answer is not None and answer.speaker == t.speaker:
        scored = scored[:1]
    if scored:
        low = min(scored, key=lambda x: float(x.score or 0.0))
        out.append({"turn": low.index, "kind": "reply_score", "text": f"{low.score:.0f}/100"})
    return out


def trigger_of(t: TurnReading) -> str:
    """A plain name for what broke: the strongest signal in the start turn."""
    kinds = [s["kind"] for s in t.rupture_signals] + [m["kind"] for m in t.markers]
    for kind in ("unseen", "withdrawal", "contempt", "criticism", "defensiveness", "stonewalling"):
        if kind in kinds:
            return kind
    if t.flooding >= ESCALATION:
        return "escalation"
    if t.non_apology:
        return "non_apology"
    return "misattuned_reply"


# Breaking turns this close together (at most this many calm turns between) are one episode.
EPISODE_GAP = 2


def _run_end(breaking: np.ndarray, i: int) -> int:
    """The last breaking turn of the run from ``i``, allowing up to :data:`EPISODE_GAP` calm turns between."""
    end, k = i, i + 1
    while k < len(breaking) and k - end <= EPISODE_GAP + 1:
        if breaking[k]:
            end = k
        k += 1
    return end


def _local_peaks(scores: np.ndarray) -> np.ndarray:
    """Turns whose score is the highest within one turn either side: a break usually shows in two
    adjacent turns (the misattuned reply, the answer to it), and the episode starts at the clearer."""
    padded = np.concatenate([[-np.inf], scores, [-np.inf]])
    return (scores >= padded[:-2]) & (scores >= padded[2:])


def spoken_turns(turns: Sequence[TurnReading]) -> list[TurnReading]:
    """The turns the detector reads: every turn with words or cues (empty turns are skipped)."""
    return [t for t in turns if t.valence is not None or t.text.strip()]


def episodes(turns: Sequence[TurnReading], model: EpisodeModel | None = None) -> list[Episode]:
    """Rupture-and-repair episodes of a conversation, from the detector's scores of its turns."""
    model = model or load_episode_model()
    spoken = spoken_turns(turns)
    if not spoken:
        return []
    p_start, p_repair = model.scores(spoken)
    return assemble(spoken, p_start, p_repair, model.start_threshold, model.repair_threshold)


def assemble(
    spoken: Sequence[TurnReading],
    p_start: np.ndarray,
    p_repair: np.ndarray,
    start_threshold: float,
    repair_threshold: float,
) -> list[Episode]:
    """Episodes in order from per-turn scores; a new episode starts only after the last one closed.

    A turn opens an episode when its start score passes the threshold and is no lower than its
    neighbours' (:func:`_local_peaks`); the repair is the first turn within
    :data:`REPAIR_WINDOW` whose repair score passes; the repair is taken up when the other
    person's next turn does not break again. Without a repair, the episode runs on while the
    turns keep breaking (a calm turn or two between breaks does not end it).
    """
    breaking = p_start >= start_threshold
    opens = breaking & _local_peaks(p_start)
    out: list[Episode] = []
    i = 0
    while i < len(spoken):
        if not opens[i]:
            i += 1
            continue
        start = spoken[i]
        evidence = _evidence(start, spoken[i + 1] if i + 1 < len(spoken) else None)
        window = range(i + 1, min(len(spoken), i + 1 + REPAIR_WINDOW))
        repair_at = next((j for j in window if p_repair[j] >= repair_threshold), None)
        if repair_at is None:
            end = _run_end(breaking, i)
            out.append(
                Episode(start.index, None, "unrepaired", spoken[end].index, trigger_of(start), None, evidence)
            )
            i = end + 1
            continue
        repairer = spoken[repair_at]
        answer_at = next(
            (k for k in range(repair_at + 1, len(spoken)) if spoken[k].speaker != repairer.speaker), None
        )
        taken_up = answer_at is not None and not breaking[answer_at]
        end = spoken[answer_at].index if answer_at is not None else repairer.index
        evidence = evidence + [
            {"turn": repairer.index, "kind": s["kind"], "text": s["text"]} for s in repairer.repair_signals
        ]
        status = "repaired" if taken_up else "attempted"
        out.append(
            Episode(start.index, repairer.index, status, end, trigger_of(start), repairer.speaker, evidence)
        )
        # The answer to the repair belongs to this episode (a rebuff does not open a new one),
        # and after a repair that did not land, so does the cold stretch that follows it.
        last = repair_at if answer_at is None else answer_at
        i = (_run_end(breaking, last) if status == "attempted" else last) + 1
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
        changed = after.score - before.score >= 10.0 or bool(after.repair_signals and not after.non_apology)
        when = f"after turn {turn_number(t.index)}"
        note = (
            f"{after.speaker} changed approach {when}: {before.score:.0f} -> {after.score:.0f}"
            if changed
            else f"{after.speaker} kept the same approach {when} ({after.score:.0f})"
        )
        out.append({"speaker": after.speaker, "after_turn": t.index, "changed": bool(changed), "note": note})
    return out
