"""Coach: check a draft reply on its own, before it is sent.

Without the message it answers, only the writer's own state can be read: is the draft
flooded (shouting, "!!!", insults, "you always"), does it carry one of Gottman's four
horsemen, and how charged does it read (the cue model's arousal and valence)? Each warning
quotes the words that raised it, so the writer can see what to soften. Capitals and "!!"
count only in a draft that reads hostile or negative ("I'm so proud of you!!! 🎉" is joy).
A draft that speaks of suicide, self-harm, abuse or violence gets the calm safety notice
first, addressed to its writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from attunement import signals
from attunement.notice import cues_many, escalation
from attunement.safety import SafetyNotice, safety_check
from attunement.text import one_text

FLOODED = 0.4  # flooding score at which a draft reads as flooded on markers alone
CHARGED_AROUSAL = 3.4  # EmoBank arousal above which a marked, negative draft also reads flooded
NEGATIVE_VALENCE = 2.6
HORSEMEN_ADVICE: dict[str, str] = {
    "criticism": "it attacks who they are, not what happened; say what happened and how you feel instead",
    "contempt": "it reads as contempt, the strongest predictor of a rupture; drop it and say what hurt",
    "defensiveness": "it defends before listening; try taking responsibility for one part first",
    "stonewalling": "it shuts the talk down; if you need a break, say so and say when you'll come back",
}


@dataclass(frozen=True)
class DraftCheck:
    """What a draft shows about its writer's state, with the spans and the warnings."""

    text: str
    flooded: bool
    flooding_score: float
    arousal: float
    valence: float
    markers: list[dict[str, Any]]
    warnings: list[str]
    safety: SafetyNotice | None = None

    @property
    def headline(self) -> str:
        if self.safety is not None:
            return "This draft speaks of something that matters more than its wording: read the note above."
        if self.flooded:
            return "This draft reads as flooded. Consider pausing before you send it."
        if self.warnings:
            return "This draft carries a pattern that tends to escalate."
        return "No flooding or horsemen found in this draft."

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "flooded": self.flooded,
            "flooding_score": self.flooding_score,
            "arousal": self.arousal,
            "valence": self.valence,
            "markers": [dict(m) for m in self.markers],
            "warnings": list(self.warnings),
            "safety": None if self.safety is None else self.safety.to_dict(),
            "headline": self.headline,
        }


def check_draft(text: str) -> DraftCheck:
    """Read a draft for flooding and the four horsemen (raises E032 for an empty draft)."""
    text = one_text(text, "draft")
    cue = cues_many([text])[0]
    read = signals.read(text)
    flooding = [s for s in escalation(cue, read) if s.kind in signals.FLOODING_WEIGHTS]
    horsemen = read.horsemen
    score = round(signals.flooding_weight(flooding), 4)
    charged = cue.arousal >= CHARGED_AROUSAL and cue.valence <= NEGATIVE_VALENCE
    flooded = score >= FLOODED or (bool(flooding) and charged)
    warnings = []
    if flooded:
        warnings.append(
            f"Flooding markers ({_quote(flooding)}): take a breath; a calmer draft will be heard better."
        )
    for kind in dict.fromkeys(span.kind for span in horsemen):  # one warning per horseman
        quoted = _quote([s for s in horsemen if s.kind == kind])
        warnings.append(f"{kind.capitalize()} ({quoted}): {HORSEMEN_ADVICE[kind]}.")
    markers = [s.to_dict() for s in sorted(flooding + horsemen, key=lambda s: (s.start, s.kind))]
    safety = safety_check(text, writer=True)
    return DraftCheck(text, flooded, score, cue.arousal, cue.valence, markers, warnings, safety)


def _quote(spans: list[signals.Span], most: int = 3) -> str:
    """The spans' words, each once, in quotes: at most ``most``, then how many more."""
    words = list(dict.fromkeys(span.text for span in spans))
    more = f" and {len(words) - most} more" if len(words) > most else ""
    return ", ".join(f'"{w}"' for w in words[:most]) + more
