"""Rupture and repair detection on the labelled conversations (``labelled/conversations-*``).

Each gold episode has a start turn and, where someone tried, a repair turn. A detected start
matches a gold start at most ``TOLERANCE`` turns away (the break often shows in two adjacent
turns: the misattuned reply, then the other's "forget it"); a detected repair matches a gold
repair the same way. Matching is one to one, nearest first. Precision, recall and F1 are
pooled over every conversation of the split. Status agreement is reported for matched starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attunement import datasets
from attunement.conversation import Conversation

TOLERANCE = 1


def match(gold: list[int], found: list[int], tolerance: int = TOLERANCE) -> list[tuple[int, int]]:
    """One-to-one pairs (gold, found) at most ``tolerance`` apart, closest pairs first."""
    candidates = sorted(
        ((abs(g - f), g, f) for g in gold for f in found if abs(g - f) <= tolerance), key=lambda c: c
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for _, g, f in candidates:
        if g not in used_g and f not in used_f:
            used_g.add(g)
            used_f.add(f)
            pairs.append((g, f))
    return pairs


def prf(tp: int, n_found: int, n_gold: int) -> dict[str, float]:
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "gold": n_gold,
        "found": n_found,
        "matched": tp,
    }


Matches = dict[str, tuple[list[tuple[int, int]], int, int]]  # key -> (pairs, n found, n gold)


def matches(gold: list[dict[str, Any]], found: list[tuple[int, int | None]]) -> Matches:
    """For starts and for repairs of one conversation: (matched pairs, how many found, how many gold).
    ``gold`` are labelled episodes; ``found`` are detected (start, repair) pairs."""
    g_rep = [e["repair"] for e in gold if e["repair"] is not None]
    f_rep = [r for _, r in found if r is not None]
    return {
        "start": (match([e["start"] for e in gold], [s for s, _ in found]), len(found), len(gold)),
        "repair": (match(g_rep, f_rep), len(f_rep), len(g_rep)),
    }


def add_counts(
    counts: dict[str, list[int]], found: dict[str, tuple[list[tuple[int, int]], int, int]]
) -> None:
    """Pool one conversation's :func:`matches` into ``counts`` (matched, found, gold per key)."""
    for key, (pairs, n_found, n_gold) in found.items():
        counts[key][0] += len(pairs)
        counts[key][1] += n_found
        counts[key][2] += n_gold


def evaluate_episodes(split: str = "test", root: Path | None = None) -> dict[str, Any]:
    """Rupture (episode start) and repair detection F1 over a split of the labelled conversations."""
    from attunement.analyze import analyze_conversation

    rows = datasets.labelled("conversations", split, root)
    counts = {"start": [0, 0, 0], "repair": [0, 0, 0]}  # matched, found, gold
    status_agree = status_total = 0
    misses = []
    for row in rows:
        conv = Conversation.from_records(row["turns"], merge=False, id=row["id"])
        found = analyze_conversation(conv).episodes
        gold = row["episodes"]
        both = matches(gold, [(e["start"], e["repair"]) for e in found])
        add_counts(counts, both)
        starts, (repairs, n_found_repairs, n_gold_repairs) = both["start"][0], both["repair"]
        by_start = {e["start"]: e for e in found}
        for g, f in starts:
            gold_status = next(e["status"] for e in gold if e["start"] == g)
            status_total += 1
            status_agree += by_start[f]["status"] == gold_status
        if (
            len(starts) != len(gold)
            or len(starts) != len(found)
            or len(repairs) != max(n_gold_repairs, n_found_repairs)
        ):
            misses.append(
                {
                    "id": row["id"],
                    "gold": [(e["start"], e["repair"], e["status"]) for e in gold],
                    "found": [(e["start"], e["repair"], e["status"]) for e in found],
                }
            )
    return {
        "split": split,
        "conversations": len(rows),
        "tolerance_turns": TOLERANCE,
        "rupture": prf(*counts["start"]),
        "repair": prf(*counts["repair"]),
        "status_agreement": round(status_agree / status_total, 4) if status_total else None,
        "misses": misses,
    }
