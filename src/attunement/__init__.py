"""attunement: make emotional attunement in conversations visible, measurable and learnable.

The public API fits on a card::

    conversation = attunement.read("chat.txt")       # a Conversation (or a list of them)
    attunement.cues("I can't believe they did that")  # Cues: emotions, valence, arousal, dominance
    attunement.cues_many(texts)                       # the same, batched, identical per text
    attunement.notice(conversation)                   # cues per turn, with tone shifts
"""

from attunement.conversation import Conversation, Message, Turn
from attunement.errors import AttunementError, AttunementWarning
from attunement.notice import Cues, ToneShift, TurnCues, cues, cues_many, notice
from attunement.readers import read

__version__ = "0.1.0"
__all__ = [
    "AttunementError",
    "AttunementWarning",
    "Conversation",
    "Cues",
    "Message",
    "ToneShift",
    "Turn",
    "TurnCues",
    "cues",
    "cues_many",
    "notice",
    "read",
]
