"""Coach: check a draft reply on its own, before it is sent.

Without the message it answers, only the writer's own state can be read: is the draft
flooded (shouting, "!!!", insults, "you always"), does it carry one of Gottman's four
horsemen, and how charged does it read (the cue model's arousal and valence)? Each warning
quotes the words that raised it, so the writer can see what to soften.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from attunement import signals
from attunement.notice import cues_many, require_text

FLOODED = 0.4  # flooding score at which a draft reads as flooded on markers alone
CHARGED_AROUSAL = 3.4  # EmoBank arousal above which a marked, negative draft also reads flooded
NEGATIVE_VALENCE = 2.6
HORSEMEN_ADVICE: dict[str, str] = {
    "criticism": "attacks who they are, not what happened; describe the situation and how you feel instead",
    "contempt": "reads as contempt, the strongest predictor of a rupture; drop it and say what hurt",
    "defensiveness": "defends before listening; try taking responsibility for one part first",
    "stonewalling": "shuts the talk down; if you need a break, say so and say when you'll come back",
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

    @property
    def headline(self) -> str:
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
            "headline": self.headline,
        }


def check_draft(text: str) -> DraftCheck:
    """Read a draft for flooding and the four horsemen (raises E032 for an empty draft)."""
    require_text(text, "draft")
    cue = cues_many([text])[0]
    flooding = signals.flooding(text)
    horsemen = signals.horsemen(text)
    score = round(signals.flooding_weight(flooding), 4)
    charged = cue.arousal >= CHARGED_AROUSAL and cue.valence <= NEGATIVE_VALENCE
    flooded = score >= FLOODED or (bool(flooding) and charged)
    warnings = []
    if flooded:
        quoted = ", ".join(f'"{s.text}"' for s in flooding[:3])
        warnings.append(f"Flooding markers ({quoted}): take a breath; a calmer draft will be heard better.")
    for span in horsemen:
        warnings.append(f'"{span.text}" {HORSEMEN_ADVICE[span.kind]}.')
    markers = [s.to_dict() for s in sorted(flooding + horsemen, key=lambda s: (s.start, s.kind))]
    return DraftCheck(text, flooded, score, cue.arousal, cue.valence, markers, warnings)
