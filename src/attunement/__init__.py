"""attunement: make emotional attunement in conversations visible, measurable and learnable.

The public API fits on a card::

    conversation = attunement.read("chat.txt")       # a Conversation (or a list of them)
    attunement.cues("I can't believe they did that")  # Cues: emotions, valence, arousal, dominance
    attunement.cues_many(texts)                       # the same, batched, identical per text
    attunement.notice(conversation)                   # cues per turn, with tone shifts
    attunement.assess(message, reply, context=None)   # Assessment: score, six capacities, tips
    attunement.assess_many(pairs)                     # the same, batched
    attunement.check_draft("draft")                   # flooding and horsemen in a draft
    attunement.analyze("chat.txt")                    # Report: episodes, profiles, summary, html
"""

from attunement.analyze import analyze
from attunement.assess import Assessment, assess, assess_many
from attunement.capacities import CAPACITIES
from attunement.conversation import Conversation, Message, Turn
from attunement.draft import DraftCheck, check_draft
from attunement.errors import AttunementError, AttunementWarning
from attunement.needs import NEEDS, Need, needs_many
from attunement.notice import Cues, ToneShift, TurnCues, cues, cues_many, notice
from attunement.readers import read
from attunement.report import Report

__version__ = "0.1.0"
__all__ = [
    "CAPACITIES",
    "NEEDS",
    "Assessment",
    "DraftCheck",
    "Need",
    "Report",
    "analyze",
    "assess",
    "assess_many",
    "check_draft",
    "needs_many",
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
