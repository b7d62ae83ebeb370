"""Signals: the moves in a text that tested rules find well.

Questions, repair and apology, non-apologies, rupture, flooding, Gottman's four horsemen,
naming versus dismissing feelings, advice and turning the talk to oneself. Each function
takes a text and returns its spans, sorted by start, so a reader can see exactly which
words were found. Learned models judge the rest; these rules are combined with them.

Every rule here obeys the same three guards, because the writer's own move is what counts:

* negation: a match is dropped when its clause says "not", "never", "n't" (and the like)
  before it ("I don't think you're overreacting", "I'm not saying you always...");
* quotes: a match wholly inside quotation marks (straight, curly or guillemets) is
  reported speech ("he said 'you never listen'") and is skipped;
* chat spelling: apostrophes may be straight, curly or missing ("youre", "dont").

Rule choices a reader should know:

* a question is a sentence ending in "?"; it is open when it or one of its comma clauses
  opens with a wh-word, or it invites ("can you tell me more?"); everything else is closed;
* "whatever" and "fine" count only as curt replies: "whatever" opening a clause and
  followed by punctuation or the end, "fine" as a whole sentence ("I'm fine." does not);
  a line that is only dots ("...") is the silence marker;
* "!!" counts as flooding even when happy ("Congrats!!"); the models weigh the context;
* "you're so selfish" is criticism (a trait), "you're pathetic" contempt (an insult);
* 🙄 alone is contempt, while other emoji-only texts find nothing.

The rules run on every reply as someone types, so all regexes are compiled once at import
and each function is one pass of finditer per rule (well under a millisecond per message).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Signals",
    "read",
    "Span",
    "advice",
    "emotion_words",
    "emphasis",
    "flooding",
    "flooding_score",
    "flooding_weight",
    "horsemen",
    "non_apology",
    "questions",
    "repair",
    "rupture",
    "self_focus",
    "disclosure",
]


@dataclass(frozen=True)
class Span:
    """One signal found in a text: its kind and where it is (``source[start:end] == span.text``)."""

    kind: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


# --- word lists ------------------------------------------------------------------------------
# Phrases are regex fragments: a space means "any whitespace", an apostrophe means "straight,
# curly or none", and they are matched case-insensitively as whole words.


def _any(words: tuple[str, ...]) -> str:
    """A regex group matching any of ``words``."""
    return "(?:" + "|".join(words) + ")"


# Words that open an open question ("what's", "how'd" are covered by their first word).
WH_WORDS: tuple[str, ...] = (
    "what", "whats", "how", "hows", "why", "whys", "where", "wheres", "when", "whens",
    "who", "whos", "whom", "whose", "which",
)  # fmt: skip

# Leading words skipped before deciding what a question opens with ("So, what happened?").
FILLERS: tuple[str, ...] = (
    "so", "and", "but", "ok", "okay", "oh", "well", "hey", "um", "uh", "hmm", "wait", "then",
    "also", "honestly", "seriously", "babe", "lol", "haha", "anyway", "now", "just", "like",
    "alright", "please", "look", "listen", "dude", "bro", "man", "omg", "ugh", "jeez", "geez",
    "come", "on", "yeah", "yes", "no", "k", "sure", "fine",
)  # fmt: skip

# Imperative invitations to keep talking; they count as open questions without a "?".
INVITATIONS: tuple[str, ...] = (
    r"tell me (?:more|everything|about (?:it|that|this|them|him|her|what|how|your)"
    r"|what (?:happened|'s going on|is going on|you (?:think|feel|need|mean))|how (?:you|it|that))",
    "talk to me",
    "say more",
    r"keep going(?=\s*(?:[.!,…]|$))",
    r"go on(?=\s*(?:[.!,…]|$))",
    "walk me through (?:it|that|this|what)",
    "I(?:'d| would) (?:love|like) to hear (?:more|about|what|how|everything)",
    "I want to hear (?:more|about|what|how|everything)",
    r"I'm listening(?=\s*(?:[.!,…]|$))",
)

# Owning the miss (kind "acknowledge").
ACKNOWLEDGE: tuple[str, ...] = (
    "I (?:totally |completely |really |just )?missed (?:that|what you|how (?:much|hard|you)"
    "|the point|your point|something|the mark)",
    "I (?:got|had) (?:that|it|this) (?:so |completely |totally |all )?wrong",
    "I was (?:so |completely |totally )?wrong",
    "I (?:messed|screwed|fucked) (?:that |this |it )?up",
    "I (?:wasn't|was not) (?:really |even )?listening",
    "I didn't (?:really |even )?listen",
    "I (?:got|was|was being|became) (?:so |really |a bit |too )?defensive",
    "I was (?:being )?(?:unfair|harsh|dismissive|rude|out of line|a jerk)",
    "I (?:wasn't|was not) (?:being )?fair",
    "I shouldn't have (?:said|done|snapped|yelled|dismissed|brushed|interrupted)",
    "I (?:overreacted|misunderstood|misread|jumped to conclusions|dismissed (?:you|that|it))",
    "I brushed (?:you|that|it) off",
    "(?:that(?:'s| was| one's) |it(?:'s| was) )(?:all )?on me(?! (?:tonight|today|this time))",
    "(?:that(?:'s| was) |it(?:'s| was) |totally |all )?my fault",
    "my bad",
    "you(?:'re| are) right,? I (?:was|did|should|didn't|wasn't)",
    r"(?:^|(?<=[.!?\n])\s*)(?:ok(?:ay)?,? |oh,? |ah,? |yeah,? )?you(?:'re| are) (?:so |totally )?right\b",
    "(?:that|it) came out (?:wrong|badly|harsh|like a lecture|all wrong|the wrong way)",
    "I jumped (?:in|to (?:a )?conclusions?|ahead|the gun)",
    "(?:that|this) was (?:a bit |really |so )?(?:harsh|out of order|uncalled for|mean)",
    "I(?:'ve| have)? (?:gone and )?put my foot in it",
    r"I (?:completely |totally |really )?(?:forgot|didn't think|didn't realise|didn't realize)(?! to\b)",
    r"I was in (?:\w+ )?mode",
    "I steamrolled",
    "(?:^|(?<=[.!?\n])\\s*)(?:ok(?:ay)?,? )?fair(?: enough| point)?(?=\\s*(?:[.!,…]|$))",
)

# The start of an apology: "I'm sorry", "I am so sorry", "sorry".
SORRY = r"(?:(?:I'm|I am) (?:(?:so|really|very|truly|deeply|terribly) ){0,2})?sorry"

# Sincere apologies (kind "apology"): sorry for one's own act, not for the other's feelings.
APOLOGY: tuple[str, ...] = (
    SORRY + r" (?:that )?I\b(?: <W>)?",
    SORRY + " for (?!your\\b|you\\b|u\\b|what you\\b|what happened|all you|everything you|the loss|ur\\b)<W>",
    SORRY + "[,.]? (?:that|this) was (?:<W>)",
    SORRY + " about (?:that|earlier|last night|before|what I|how I|my)",
    r"(?:^|(?<=[.!?\n])\s*)(?:ok(?:ay)?,? |oh,? )?(?:(?:so|really|very) )?sorry(?=\s*(?:[.!,…]|$))",
    "I (?:really |sincerely |truly )?apologi[sz]e(?! if)(?! but)(?:,? (?:for|that) <W>)?",
    "(?:my|please accept my) (?:sincere )?apologies(?! if)",
)

# Reopening the conversation (kind "reopen").
REOPEN: tuple[str, ...] = (
    "(?:can|could|may) we (?:please )?(?:try (?:that )?again|start (?:over|again)|go back"
    "|rewind|redo (?:that|this)|talk about (?:it|this|that) again)",
    "let(?:'s| me| us) (?:try (?:that )?again|start (?:over|again)|go back|rewind)",
    "(?:can you |could you |please )?tell me again",
    "(?:can|could) you (?:say|explain) (?:that|it) again",
    "(?:ok(?:ay)?,? )?hang on",
    "what did I do",
    "can I be honest",
    "what (?:am I|did I) miss(?:ing)?",
    "I (?:really )?(?:want to|wanna) (?:understand|get it right|hear you)",
    "I(?:'d| would) (?:really )?like to (?:understand|get it right|hear you)",
    "help me understand",
    "I'm listening now",
)

# Apologies that are not: they apologise for the other's feelings or take it back with "but".
NON_APOLOGY: tuple[str, ...] = (
    SORRY + " (?:that )?(?:you|u) (?:feel|felt) (?:that way|like that|this way|so strongly"
    "|offended|attacked|upset about it|hurt by (?:that|it|what I said))",
    SORRY + " (?:that )?(?:you|u) (?:took|take|are taking|'re taking) it (?:that way|like that"
    "|so badly|badly|personally|the wrong way|wrong)",
    SORRY + " (?:that )?(?:you|u) (?:were|got|are|'re) (?:so )?(?:offended|upset by it|triggered)",
    SORRY + " (?:that )?(?:you|u) (?:think|thought|see|saw) it (?:that way|like that)",
    SORRY + " if(?: <W>){0,6}",
    SORRY + ",? but",
    SORRY + r"\b[^.!?\n]{0,80}?,? but (?:you|u|ur|your|if you|honestly|it was|that was|I was just"
    "|I was only|what did you)",
    "sorry not sorry",
    "I apologi[sz]e if",
    "I apologi[sz]e,? but",
    "mistakes were made",
)

# The other person feeling unseen (kind "unseen").
UNSEEN: tuple[str, ...] = (
    "<YOURE> (?:not|n't) (?:even |really )?(?:listening|hearing me|getting it|paying attention)",
    "<YOU> (?:aren't|are not|arent) (?:even |really )?(?:listening|hearing me|getting it)",
    "<YOU> (?:don't|do not|dont) (?:even |really |just )?(?:listen|hear me|get it|understand"
    "|care|see it|see me)",
    "<YOU> (?:never|didn't|did not) (?:even |really )?(?:listen|hear me|read|get it|heard me)",
    "(?:are|did|do) <YOU> even (?:listening|listen|read|hear|care)",
    "that(?:'s| is|'s just| was) not what I (?:needed|meant|asked|said|wanted|was saying|mean)",
    "that (?:isn't|wasn't) what I (?:needed|meant|asked|said|wanted|was saying|mean)",
    "that(?:'s| is) not the point",
    "<YOU> (?:missed|'re missing|are missing) the point",
    "I (?:don't|do not) feel (?:heard|seen|listened to|understood)",
    "I feel (?:so |completely |totally )?(?:unheard|invisible|ignored|dismissed|unseen)",
    "nobody (?:listens|cares|gets it)",
    r"(?:^|(?<=[.!?\n])\s*)that(?:'s| is) not it(?=\s*(?:[.!,…]|$))",
    r"(?:it's|it is) not (?:a|about) (?:\w+ ){0,3}(?:thing|problem|issue)",
    "<YOU> (?:don't|do not|dont) know that",
    r"(?:^|(?<=[.!?\n])\s*)that(?:'s| is) it\?",
    "<YOU> said that last time",
    "it(?:'s| is) a big deal to me",
    "I know what I (?:should|need to|have to) do",
    "<YOU> could have told me",
    "(?:don't|do not|dont) make (?:out|it sound)",
)

# The other person pulling away (kind "withdrawal").
WITHDRAWAL: tuple[str, ...] = (
    "forget (?:it|I said anything|I asked|about it)",
    r"never\s*mind",
    "nvm",
    "why (?:do|did|would|should) I (?:even )?(?:bother|try)",
    r"what(?:'s| is) the point(?=\s*(?:[.!?,…]|$))",
    r"(?:it )?(?:doesn't|does not|dont|don't) matter(?=\s*(?:[.!,…]|$))",
    "I give up",
    "I (?:shouldn't|should not) have (?:said|told you|brought it up|asked)",
    "(?:let's |just )?drop it",
    r"<IM> (?:so |just )?done(?: (?:talking(?: about (?:this|it))?|with (?:this|you|this conversation"
    r"|it|us)|here|trying|explaining))?(?=\s*(?:[.!,…]|$))",
    "<IM> done (?:talking|with (?:this|you|this conversation|us)|trying|explaining)",
    r"(?:^|(?<=\n))(?:yeah|yep|mm+|hm+|ok|k|right|sure|cool|ha)\.?(?=\s*$)",
    r"(?:^|(?<=\n))ha\.? maybe(?=\s*[.!]?\s*$)",
    r"(?:^|(?<=\n))wow\.?,? ok(?:ay)?(?=\s*[.!]?\s*$)",
    r"(?:^|(?<=\n))\.{3,}(?=\s*$)",
    r"of course (?:you are|you did|you do|it is|you can't|you have)(?=\s*(?:[.!,…]|$))",
    r"right\.? well",
    r"I'll just (?:\w+ ){0,4}(?:on my own|myself|by myself)",
)

# Acronyms and short words that are written in capitals without shouting.
ACRONYMS: tuple[str, ...] = (
    "OK", "OKAY", "LOL", "LMAO", "LMFAO", "ROFL", "OMG", "OMFG", "WTF", "TV", "USA", "UK", "EU",
    "ASAP", "FYI", "BTW", "IMO", "IMHO", "TBH", "IDK", "IDC", "NGL", "BRB", "TTYL", "DM", "PC",
    "CEO", "HR", "NYC", "DC", "NHS", "GP", "ICU", "PS", "AI", "FAQ", "PDF", "URL", "USB", "GPS",
    "ATM", "DIY", "RIP", "AKA", "ETA", "MRI", "ADHD", "OCD", "PTSD", "BBC", "CNN", "NBA", "NFL",
    "FBI", "CIA", "NASA", "SMS", "XD", "TLDR", "IRL", "AFK", "THX", "PLS", "PLZ", "JK", "ILY", "BFF",
)  # fmt: skip

# Insult words, counted only when aimed at "you" ("you're pathetic", "you idiot").
INSULTS: tuple[str, ...] = (
    "idiot", "moron", "stupid", "dumb", "pathetic", "ridiculous", "useless", "selfish", "crazy",
    "insane", "psycho", "loser", "lazy", "worthless", "hopeless", "incompetent", "clueless",
    "childish", "immature", "jerk", "asshole", "bitch", "dick", "freak", "ignorant", "delusional",
    "hysterical", "disgusting", "unbearable", "fool", "clown", "dumbass", "joke", "failure",
    "embarrassment", "disappointment", "liar", "coward", "narcissist", "waste of space",
)  # fmt: skip

# Insult nouns that work as a vocative after "you" ("you idiot", "you stupid jerk").
INSULT_NOUNS: tuple[str, ...] = (
    "idiot", "moron", "loser", "jerk", "asshole", "bitch", "dick", "freak", "fool", "clown",
    "psycho", "dumbass", "liar", "coward", "narcissist", "baby", "child",
)  # fmt: skip

# Things of "yours" that an insult lands on ("your stupid excuses"), not people you talk about.
YOUR_THINGS: tuple[str, ...] = (
    "idea", "ideas", "excuse", "excuses", "attitude", "face", "opinion", "opinions", "whining",
    "complaining", "drama", "feelings", "problem", "problems", "behaviour", "behavior", "mouth",
    "logic", "thinking", "brain", "self", "ass", "crap", "bullshit", "nonsense", "joke", "jokes",
    "theory", "theories", "questions", "life", "plan", "plans",
)  # fmt: skip

# Words after "you're crazy/insane" that make it praise ("you're crazy good at this").
INSULT_PRAISE: tuple[str, ...] = (
    "good", "talented", "smart", "fast", "strong", "lucky", "funny", "cute", "sweet", "about",
    "at", "in love", "brave", "gifted",
)  # fmt: skip

# Continuations that make "you always / you never" praise or an idiom, not an attack.
ALWAYS_PRAISE: tuple[str, ...] = (
    "know how to", "know what to say", "make me (?:laugh|smile|feel (?:better|good|loved|safe|special))",
    "help", "support", "listen", "have my back", "are there", "were there", "look", "manage",
    "find a way", "cheer me up", "get me", "come through", "show up", "believe in me",
    "take care", "brighten", "understand", "been there", "been so", "do your best", "try",
)  # fmt: skip
NEVER_PRAISE: tuple[str, ...] = (
    "know", "fail to", "let me down", "judge", "complain", "give up", "disappoint", "cease to",
    "stop trying", "have to", "need to", "needed to", "had to", "walk alone", "stop (?:caring|loving)",
)  # fmt: skip

# Character traits that make "you're so ..." a global attack on the person (criticism).
NEGATIVE_TRAITS: tuple[str, ...] = (
    "selfish", "lazy", "inconsiderate", "careless", "negative", "dramatic", "sensitive",
    "oversensitive", "difficult", "stubborn", "controlling", "needy", "cold", "rude", "mean",
    "self-absorbed", "self-centered", "self-centred", "insensitive", "irresponsible", "unreliable",
    "defensive", "critical", "demanding", "clingy", "jealous", "annoying", "oblivious",
    "thoughtless", "useless", "arrogant", "condescending", "judgmental", "judgemental", "bossy",
    "immature", "childish", "ungrateful", "manipulative", "paranoid", "hopeless", "pathetic",
    "nag", "child", "baby", "mess", "slob", "drama queen", "know-it-all", "hypocrite",
)  # fmt: skip

# Criticism beyond "you're so ...": global statements about the person.
CRITICISM: tuple[str, ...] = (
    "<YOU> (?:always|constantly)(?! " + _any(ALWAYS_PRAISE) + r"\b)",
    "<YOU> never(?! " + _any(NEVER_PRAISE) + r"\b)",
    "<YOURE> (?:always|never)(?! (?:there|so (?:kind|sweet|good|patient)|welcome|the best"
    "|on my side|right)\\b)",
    "<YOU>(?:'ll| will) never (?:understand|change|get it|listen|learn)",
    "what(?:'s| is| the (?:hell|fuck|heck) is|'s the (?:hell|fuck|heck)) wrong with <YOU>",
    "<YOURE> (?:so|such an?|too|always so|really so|the most) " + _any(NEGATIVE_TRAITS) + r"\b",
    "<YOURE> (?:the )?(?:kind|type|sort) of person who",
    "<YOU> only (?:ever )?(?:think|care) (?:about|of) yourself",
    "<YOU> (?:don't|do not|dont) (?:even )?care about (?:me|anyone|anything|us|my feelings|this)",
    "why (?:are|r) <YOU> (?:always |so )?(?:like this|like that)",
    "why can't <YOU> (?:ever|just once)",
    "why do <YOU> (?:always|never)",
    "<YOU> keep (?:forgetting|ignoring|interrupting|lying|making excuses|brushing me off"
    "|changing the subject|doing this|doing that)",
    "every (?:single )?time <YOU>",
)

# Sarcasm and mockery markers (contempt). "Sarcasm markers count only when not negated."
# Celebrating the other's news (kind "celebrate"): congratulations, pride in them, cheering.
CELEBRATE: tuple[str, ...] = (
    r"congrat(?:s|ulations|ulation|z)?\b",
    r"(?:so |really |very |super |incredibly )?proud of (?:you|u|ya)\b",
    r"well done",
    r"way to go",
    r"you did it",
    r"you(?:'ve| have)? (?:smashed|nailed|aced|crushed|earned) it",
    r"(?:that'?s|this is|you'?re|so) (?:amazing|incredible|brilliant|fantastic|awesome|wonderful)",
    r"(?:yay+|woo+(?:hoo+)?|wahoo+|hooray|yess+)\b",
    r"(?:let'?s|we (?:have|need) to|gotta) celebrate",
    r"so (?:happy|thrilled|excited) for (?:you|u)",
    r"[\U0001F389\U0001F973\U0001F44F\U0001F37E\U0001F64C\U0001F942]",
)

SARCASM: tuple[str, ...] = (
    "oh,? great",
    "just great",
    "great,? just great",
    "oh,? (?:wonderful|perfect|fantastic|brilliant|lovely)",
    "(?:wow|oh|gee|well),? thanks (?:a lot|so much)",
    "gee,? thanks",
    "thanks for nothing",
    "yeah,? right",
    "ya,? right",
    "whatever (?:you|u) say",
    "sure,? whatever",
    "sure,? jan",
    r"lol,? ok(?:ay)?(?=\s*(?:[.!…]|$))",
    "oh,? please",
    "give me a break",
    "get over yourself",
    "cry me a river",
    r"boo\s*hoo",
    "must be nice",
    "how original",
    "big surprise",
    r"\*?rolls? (?:my |his |her )?eyes\*?",
    r"eye\s*roll",
)

# Sincerity markers that cancel a sarcasm marker later in its sentence.
SINCERE = r"no sarcasm|not (?:being )?sarcastic|I (?:really )?mean it|genuinely|sincerely|/gen\b|/g\b|/srs\b"

# Defensiveness: warding off a complaint instead of hearing it.
DEFENSIVENESS: tuple[str, ...] = (
    "(?:that's|that is|it's|it is) (?:not|so not|really not) fair(?! (?:to|on|for) (?:you|u)\\b)",
    "(?:that|it) (?:isn't|wasn't) fair(?! (?:to|on|for) (?:you|u)\\b)",
    "that's (?:so )?unfair(?! (?:to|on|for) (?:you|u)\\b)",
    "(?:it's|it is|it was|that's|that is|that was) (?:not|so not) my fault",
    "(?:it|that) (?:isn't|wasn't) my fault",
    "not my fault",
    "how is (?:that|this|it) my fault",
    "why is it always my fault",
    "I was (?:just|only) (?:trying|joking|kidding|saying|asking|teasing|being honest|messing"
    "|helping|doing|trying to help)",
    "what about (?:you|u|when you|what you|your)",
    "I (?:didn't|did not) (?:even )?do (?:anything|it|nothing)",
    "I did nothing wrong",
    "I (?:haven't|have not) done anything",
    "(?:don't|do not|stop|quit) blam(?:e|ing) me",
    "why are you blaming me",
    "<YOURE> the one who",
    "<IM> not the one who",
    "<YOU> started it",
    "<YOU> made me (?:do|say|act|react|yell|snap|lose)",
    "I had no choice",
    "it's not like I",
    "I can't help it",
    "I never said that",
)

# Sentence openers that deflect back ("well you...", "yeah but you..."): only at a clause start.
DEFLECT: tuple[str, ...] = (
    "well,? <YOU>(?! (?:know|see|look|could|might|should|can)\\b)",
    "(?:yeah|yes|ok|okay|sure),? but <YOU>",
)

# Stonewalling: shutting the talk down.
STONEWALLING: tuple[str, ...] = (
    r"<IM> (?:so |just )?done(?: (?:talking(?: about (?:this|it))?|with (?:this|you|this conversation"
    r"|it|us)|here|arguing|discussing (?:this|it)))?(?=\s*(?:[.!,…]|$))",
    "<IM> done (?:talking|with (?:this|you|this conversation|us)|arguing|discussing)",
    "leave me alone",
    "I (?:really |just |honestly )?(?:don't|do not|dont) (?:even )?care (?:anymore|any more|at all"
    "|what (?:you|u) (?:think|say|want|do|feel))",
    r"I (?:really |just |honestly )?(?:don't|do not|dont) (?:even )?care(?=\s*(?:[.!,…]|$))",
    r"I (?:don't|do not|dont) (?:want|wanna) (?:to )?talk(?: about (?:it|this|that)| to (?:you|u))?"
    r"(?: anymore| right now| now)?(?=\s*(?:[.!,…]|$))",
    r"<IM> not (?:talking about (?:this|it)|doing this)(?: again| right now| anymore| with (?:you|u))?"
    r"(?=\s*(?:[.!,…]|$))",
    "(?:don't|do not|stop) talk(?:ing)? to me",
    "I have nothing (?:more )?to say",
    r"not now(?=\s*(?:[.!…]|$))",
    "conversation over",
    "end of (?:story|discussion)",
)

# Curt one-word replies: the whole sentence is just this word ("Fine." / "ok fine" / "k.").
CURT = r"(?:(?:ok|okay|k|alright|oh),?\s+)?fine"

# Naming a feeling in a reply (kind "naming"); FEELINGS describe a situation, STATES a person.
FEELINGS: tuple[str, ...] = (
    "hard", "painful", "awful", "terrible", "frustrating", "scary", "exhausting", "overwhelming",
    "lonely", "stressful", "upsetting", "heartbreaking", "infuriating", "confusing", "difficult",
    "rough", "tough", "sad", "devastating", "exciting", "amazing", "wonderful", "annoying",
    "isolating", "draining", "unfair", "brutal", "horrible", "frightening", "disappointing",
    "hurtful", "maddening", "tiring", "a lot", "like a lot", "so hard", "really hard", "lovely",
    "stressful", "terrifying", "heavy", "intense", "humiliating", "embarrassing", "sad",
    "agonising", "agonizing", "validating", "empowering", "emotional", "boring", "hilarious",
    "nerve-racking", "nerve-wracking", "surreal", "bittersweet", "gutting", "crushing", "awkward",
    "thrilling", "a violation", "a real loss", "a loss", "scary", "unsettling", "worrying",
    "deflating", "disheartening", "demoralising", "demoralizing", "mortifying", "jarring",
)  # fmt: skip
STATES: tuple[str, ...] = (
    "angry", "sad", "hurt", "scared", "exhausted", "tired", "frustrated", "furious", "lonely",
    "anxious", "worried", "overwhelmed", "heartbroken", "devastated", "disappointed", "upset",
    "relieved", "excited", "proud", "nervous", "stressed", "confused", "embarrassed", "ashamed",
    "jealous", "gutted", "thrilled", "happy", "annoyed", "drained", "crushed", "terrified",
    "afraid", "down", "low", "stuck", "alone", "lost", "miserable", "fed up", "burned out",
    "burnt out", "on edge", "shaken", "rattled", "grieving", "torn", "relaxed", "calm", "chill",
    "exposed", "guilty", "fuming", "teary", "emotional", "bored", "panicking", "ecstatic", "over the moon",
)  # fmt: skip
_ADV = (
    "(?:(?:really|so|very|incredibly|pretty|super|absolutely|quite|a bit|kind of|kinda|such|truly|totally"
    "|completely|a little) ){0,2}"
)
NAMING: tuple[str, ...] = (
    "(?:that|this|it) sounds " + _ADV + _any(FEELINGS) + r"\b",
    "(?:that|this|it) (?:must|must've|must have) (?:be|been|feel|felt) " + _ADV + _any(FEELINGS) + r"\b",
    "(?:that|this|it) (?:must|must've|must have|would've|would have) (?:really )?(?:hurt|stung)\\b",
    "(?:it |that )?sounds like (?:you|u)(?:'re| are| were|'ve been| have been| feel| felt) <W>",
    "(?:it |that )?sounds like(?: <W>){1,4} (?:has been|have been|was|were|is|are|'s been|'s) "
    + _ADV
    + _any(FEELINGS)
    + r"\b",
    "(?:that's|that is|that was|that seems|how) " + _ADV + _any(FEELINGS) + r"\b(?! to\b)",
    "I(?:'d| would) (?:be|feel|have been|have felt) " + _ADV + _any(STATES) + "(?: too| as well)",
    "<YOU> must (?:feel|be feeling|have felt|have been feeling) <W>(?: <W>)?",
    "<YOU> must be " + _ADV + _any(STATES) + r"\b",
    "(?:it )?makes (?:total |complete |so much )?sense (?:that )?(?:you|u)(?:'re| are|'d| would| feel"
    "| felt| were)(?: <W>)?",
    "no wonder (?:you|u)(?:'re| are| feel| felt| were)(?: <W>)?",
    "I can't (?:even )?imagine (?:how|what)(?: <W>)?",
    "I can (?:hear|see|tell|imagine|only imagine|feel) (?:how|that (?:you|u)|(?:you|u)(?:'re| are| feel))"
    "(?: <W>)?",
    "<YOU> (?:seem|sound) " + _ADV + _any(STATES) + r"\b",
    "<YOU> (?:seem|sound)(?! to\\b| like\\b) " + _ADV + "<W>",
    "<YOU> sound like (?:you|u)(?:'re| are)? <W>",
    "I hear (?:that )?(?:you|u)(?:'re| are| feel| felt) <W>",
    "(?:I )?bet (?:you|u)(?:'re| are| feel| felt| were| must be) " + _ADV + "<W>",
    "(?:that|this|it) (?:must|would|will|'d)(?: have)? (?:feel|felt|make (?:you|u|me) feel) " + _ADV + "<W>",
    "the <W> (?:sounds|must be|must feel|must have been|must've been) " + _ADV + _any(FEELINGS) + r"\b",
    _any(STATES + FEELINGS) + " and " + _ADV + _any(STATES + FEELINGS) + r"\b",
)

# Mind-reading and dismissing (kind "assuming"): telling someone what they feel or should not.
ASSUMING: tuple[str, ...] = (
    "<YOURE> just (?:tired|hungry|stressed|hormonal|jealous|sensitive|paranoid|overthinking"
    "|overreacting|being|imagining|bored|sleepy|grumpy|emotional|moody|cranky|in a mood|upset about nothing)",
    "<YOURE> (?:totally |completely |just |really )?"
    "(?:overreacting|overthinking|exaggerating|imagining things)",
    "<YOURE> (?:being )?(?:so |too |a bit |really )?(?:dramatic|silly|oversensitive|too sensitive|irrational"
    "|hysterical|emotional|unreasonable|paranoid|childish)",
    "<YOU> (?:just )?need to (?:relax|calm down|chill|get over it|let it go|move on|stop|toughen up"
    "|cheer up|get a grip)",
    "<YOU> just need to",
    "all (?:you|u) need (?:to do )?is",
    "(?:don't|do not|dont) be (?:so )?(?:sad|upset|angry|silly|like that|negative|dramatic|mad"
    "|scared|worried|stressed|sensitive|a baby|ridiculous)",
    "(?:it's|it is|its|that's|that is) (?:not|no) (?:such )?(?:a )?big deal",
    "(?:it's|it is|that's) not (?:that bad|that serious|the end of the world|worth (?:getting|being) upset)",
    "(?:it's|it is|it was) (?:just|only) a dream",
    "dreams (?:don't|do not|dont) mean anything",
    "<YOU>(?:'ll| will) (?:get over it|be fine|forget about it|forget all about it)",
    "(?:it's|it is) all in (?:your|ur) head",
    "it could be worse",
    "(?:other|some) people have it (?:much |way |a lot )?worse",
    "there's no (?:reason|need) to (?:be|feel|get) (?:upset|sad|angry|scared|worried)",
    "<YOU> (?:shouldn't|should not) (?:feel|be) (?:that way|like that|so|sad|upset|angry|bad)",
    "<YOU> have (?:nothing|no reason) to (?:be|feel) (?:sad|upset|angry|worried|scared|anxious)",
)

# Dismissals that are imperatives: only when they open a clause ("calm down", "just relax").
ASSUMING_IMPERATIVE: tuple[str, ...] = (
    "calm down",
    "relax",
    "chill(?: out)?",
    "cheer up",
    "get over it",
    "move on",
    "stop (?:crying|complaining|worrying|whining|being so|overthinking)",
    "look on the bright side",
    "toughen up",
    "man up",
)

# Advice and fixing moves.
ADVICE_VERBS: tuple[str, ...] = (
    "talk", "tell", "ask", "try", "call", "text", "quit", "leave", "ignore", "go", "break up",
    "report", "wait", "confront", "let it go", "move on", "write", "see a", "get a", "look for",
    "sleep on it", "walk away", "block", "stop", "focus", "speak", "just",
    "start", "email",
)  # fmt: skip
ADVICE: tuple[str, ...] = (
    "<YOU> should(?:'ve| have)?(?! (?:be proud|feel proud|see|have seen|know (?:that )?I)\\b)",
    "<YOU> could (?:always |just |also )?(?:try|ask|talk|tell|go|call|write|look|get|see|just)",
    "why (?:don't|dont|do not) <YOU>",
    "why not (?:just )?(?:try|go|talk|ask|tell|call|leave|quit|say|get)",
    "have <YOU> (?:ever )?(?:tried|thought about|considered)",
    "did <YOU> try",
    "what <YOU> (?:need|should|have|ought|want) to do is",
    "what I(?:'d| would) do is",
    "if I (?:were|was) <YOU>",
    "I(?:'d| would) " + _any(ADVICE_VERBS) + r"\b",
    "my (?:best )?advice",
    "<YOU> (?:need|have|ought|got|gotta) to(?! (?:be kidding|admit|understand me))",
    "<YOU> gotta",
    "<YOU> might want to",
    "<YOU> (?:may|might) (?:try|consider)",
    "maybe (?:you|u) should",
    "maybe (?:just )?try",
    "make sure (?:you|u)",
    "the best thing (?:to do|you can do) is",
    "it (?:might|would|could) help to",
)
ADVICE_IMPERATIVE: tuple[str, ...] = (
    "just " + _any(tuple(v for v in ADVICE_VERBS if v != "just") + ("do",)) + r"\b",
    "try (?:to|talking|not to|being|getting|asking|telling|writing|going)",
    "(?:don't|dont) (?:let (?:it|him|her|them)|worry about what)",
)

# Turning the talk to oneself (kind "self_turn").
SELF_TURN: tuple[str, ...] = (
    "(?:that |this |it )?reminds me of (?:when I|the time I|my|me|when my)",
    "(?:the )?same (?:thing )?happened (?:to me|with me|to my)",
    "something (?:similar|like that) happened to me",
    "that happened to me (?:too|once|as well|last)",
    "I had that too",
    "I had (?:the )?same (?:thing|problem|issue)",
    r"same (?:here|with me)(?=\s*(?:[.!,…]|$))",
    "I've been there",
    "I went through (?:the same|that too|something similar|exactly that)",
    "<YOU> think that's bad",
    "that's nothing,? (?:I|my|when)",
    "try being me",
    "let me tell you about (?:my|when I|the time I)",
    "when I was (?:your age|in your shoes)",
)

# Changing the subject (kind "subject_change"); ANYWAY words only count at a clause start.
SUBJECT_CHANGE: tuple[str, ...] = (
    "speaking of",
    "enough about (?:that|this|you|me|it)",
    "on (?:another|a different|an unrelated|a lighter|a happier|a brighter|a side) note",
    "(?:changing|to change) the subject",
    "in other news",
    "(?:totally |completely )?unrelated,? but",
    "moving on",
    "random(?:ly)?,? but",
    r"that reminds me(?=\s*(?:[,.!…]|$))",
)
ANYWAY: tuple[str, ...] = ("anyways?", "anyhow", "(?:oh )?by the way", "btw")

# The writer's own feeling or need (kind "feeling" / "wish"): "I'm so nervous", "I just want
# someone to sit with me". Not part of Signals: it tells suggestions whose cue a turn is.
DISCLOSURE: tuple[str, ...] = (
    "(?:I'm|I am|Im|I feel|I felt|I've been|I have been|I was|I get|I got) "
    + _ADV
    + _any(STATES)
    + r"\b(?! (?:for|of) (?:you|u)\b)",
    "I (?:just |really |only |honestly )?(?:want|need|wish I had|wish for) (?:someone|somebody|company"
    "|a hug|to talk|to cry|to be held|you (?:here|to (?:be here|stay|come|sit|hold)))",
)

# Words that negate a following phrase in the same clause.
NEGATORS: tuple[str, ...] = (
    "not", "no", "never", "nobody", "neither", "nor", "without", "hardly", "nothing", "none",
    "noone", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "cant",
    "cannot", "couldnt", "wouldnt", "shouldnt", "aint", "havent", "hasnt", "hadnt",
)  # fmt: skip

# --- compiled patterns -----------------------------------------------------------------------

_MACROS = {
    "<YOURE>": r"(?:you're|you are|u r|ur)",
    "<YOU>": r"(?:you|u)",
    "<IM>": r"(?:I'm|I am)",
}


def _regex(*alternatives: str) -> re.Pattern[str]:
    """Compile phrase fragments into one whole-word pattern (see the note on word lists)."""
    body = "|".join(alternatives)
    for name, value in _MACROS.items():
        body = body.replace(name, value)
    body = body.replace("'", "['’]?").replace(" ", r"\s+").replace("<W>", r"\w+(?:['’]\w+)?")
    return re.compile(rf"(?<![\w'’])(?:{body})(?!\w)", re.IGNORECASE)


_QUOTED = re.compile(
    r"\"[^\"\n]{0,500}\"|“[^”\n]{0,500}”|«[^»\n]{0,500}»|‘[^\n]{0,500}?’(?!\w)"
    r"|(?<![\w'’])'[^\n]{0,500}?'(?!\w)"
)
# Where a clause ends: punctuation, a quotation mark, or a conjunction (for negation only).
_QUOTE_MARK = r"[\"“”«»‘]|(?<![\w'’])'|'(?![\w'’])|’(?!\w)"
_CLAUSE_START = re.compile(r"[.!?;:,\n…—–()]|\s-\s|" + _QUOTE_MARK)
_CLAUSE_BREAK = re.compile(
    _CLAUSE_START.pattern + r"|\b(?:but|though|although|however|yet|and|because|cause|cuz|since)\b", re.I
)
_NEGATION = re.compile(r"\b" + _any(NEGATORS) + r"\b|n['’]t\b", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_QUESTION_END = re.compile(r"([.!?…]*\?[.!?…]*)[^\w\s.!?…]*$")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n")
_SINCERE_AFTER = re.compile(rf"[^.!?\n]*?(?:{SINCERE})", re.I)
_FILLERS = frozenset(FILLERS)
# Words that may lead an imperative said to the other person ("you need to calm down").
_IMPERATIVE_LEAD = _FILLERS | frozenset(
    "you u need to should gotta got have must can could would will i think mean maybe really".split()
)
# An auxiliary just before "you" makes the match a question ("do you always...?"), unless after "why".
_ASKING = re.compile(
    r"(?<!why )\b(?:do|does|did|have|has|had|can|could|would|will|should|are|were|is)\s+$", re.I
)
_WH = frozenset(WH_WORDS)
_ACRONYMS = frozenset(ACRONYMS)
_CAPS_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")

_CHOICE_INSULTS = ("stupid", "dumb", "idiotic", "moronic", "pathetic", "ridiculous", "brainless")
_CHOICES = ("idea", "thing to do", "thing to say", "plan", "move", "decision", "question", "choice")
_INSULT_MODS = (
    "(?:(?:so|such|an?|being|really|just|completely|totally|absolutely|utterly|truly|literally"
    "|the most|a complete|an absolute|a total|a real|a fucking|fucking|fkn|acting like an?"
    "|such an?|the biggest) ){0,3}"
)
_INSULT = _regex(
    "<YOURE> " + _INSULT_MODS + _any(INSULTS) + "(?! " + _any(INSULT_PRAISE) + r"\b)",
    "are <YOU> " + _INSULT_MODS + _any(INSULTS),
    "<YOU> (?:(?:stupid|fucking|absolute|complete|little|selfish|lazy|pathetic|useless|big) ){0,2}"
    + _any(INSULT_NOUNS),
    "(?:your|ur) (?:stupid|pathetic|ridiculous|useless|selfish|crazy|dumb|lazy|idiotic|childish) "
    + _any(YOUR_THINGS),
    # An insult aimed at what they chose or said: "that's a stupid idea", "why would you do
    # something so stupid". Regression: the second scored 87 to "I think I want to quit my job".
    "(?:that's|that is|that was|what|such) (?:a |an )?(?:really |so )?"
    + _any(_CHOICE_INSULTS)
    + " "
    + _any(_CHOICES)
    + r"\b",
    "why (?:would|did|do) <YOU> (?:even )?(?:do|say|think|try|want|buy|pick) (?:something|anything) "
    "(?:so|that) " + _any(_CHOICE_INSULTS) + r"\b",
)
_EYEROLL = re.compile("🙄")
_ABSOLUTE = _regex(*CRITICISM[:3], "<YOU>(?:'ll| will) never (?:understand|change|get it|listen|learn)")
_EXCLAIM = re.compile(r"[!?！？]{2,}")

_OPEN_INVITATION = _regex(*INVITATIONS)
_ACKNOWLEDGE = _regex(*ACKNOWLEDGE)
_APOLOGY = _regex(*APOLOGY)
_REOPEN = _regex(*REOPEN)
_NON_APOLOGY = _regex(*NON_APOLOGY)
_UNSEEN = _regex(*UNSEEN)
_WITHDRAWAL = _regex(*WITHDRAWAL)
_WHATEVER = _regex(r"whatever(?=\s*(?:[.!,…]|$))")
_CURT = re.compile(rf"(?:^|(?<=[.!?\n]))\s*(?P<m>{CURT})(?=\s*(?:[.!…]+\s*|$))", re.I)
_SILENCE = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<m>\.+|…+)[ \t]*(?=\n|$)")
_CRITICISM = _regex(*CRITICISM)
_SARCASM = _regex(*SARCASM)
_CELEBRATE = _regex(*CELEBRATE)
_DEFENSIVENESS = _regex(*DEFENSIVENESS)
_DEFLECT = _regex(*DEFLECT)
_STONEWALLING = _regex(*STONEWALLING)
_NAMING = _regex(*NAMING)
_ASSUMING = _regex(*ASSUMING)
_ASSUMING_IMPERATIVE = _regex(*ASSUMING_IMPERATIVE)
_ADVICE = _regex(*ADVICE)
_ADVICE_IMPERATIVE = _regex(*ADVICE_IMPERATIVE)
_SELF_TURN = _regex(*SELF_TURN)
_SUBJECT_CHANGE = _regex(*SUBJECT_CHANGE)
_ANYWAY = _regex(*ANYWAY)
_DISCLOSURE_FEELING = _regex(DISCLOSURE[0])
_DISCLOSURE_WISH = _regex(DISCLOSURE[1])


# --- shared guards ---------------------------------------------------------------------------

Check = Callable[[str, int, int], bool]


def _quoted(text: str) -> list[tuple[int, int]]:
    """The ranges of ``text`` inside quotation marks, quotes included."""
    return [m.span() for m in _QUOTED.finditer(text)]


def _in_quotes(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    return any(qs <= start and end <= qe for qs, qe in quoted)


def _clause_before(text: str, start: int, breaks: re.Pattern[str] = _CLAUSE_BREAK) -> str:
    """The words of the clause before ``start`` (at most 60 characters back)."""
    prefix = text[max(0, start - 60) : start]
    ends = [m.end() for m in breaks.finditer(prefix)]
    return prefix[ends[-1] :] if ends else prefix


def _negated(text: str, start: int) -> bool:
    """Whether the clause before ``start`` negates what follows ("I don't think you're...")."""
    return bool(_NEGATION.search(_clause_before(text, start)))


def _opens_clause(text: str, start: int, allowed: frozenset[str] = _FILLERS) -> bool:
    """Whether only filler words (``allowed``) stand between the clause start and ``start``."""
    words = _WORD.findall(_clause_before(text, start, _CLAUSE_START))
    return all(w.lower().replace("’", "'") in allowed for w in words)


def _imperative(text: str, start: int, end: int) -> bool:
    """Said to the other person ("calm down", "you need to calm down"), not about oneself."""
    words = {w.lower() for w in _WORD.findall(_clause_before(text, start, _CLAUSE_START))}
    if "i" in words and not words & {"you", "u"}:
        return False  # "I need to calm down"
    return _opens_clause(text, start, _IMPERATIVE_LEAD)


def _at_clause_start(text: str, start: int, end: int) -> bool:
    return _opens_clause(text, start)


def _not_asked(text: str, start: int, end: int) -> bool:
    """Not a question about the person ("do you always feel this way?"); "why do you..." still counts."""
    if text[start : start + 1].lower() not in ("y", "u"):
        return True
    return not _ASKING.search(text[max(0, start - 20) : start])


# Words that make "you have to ..." a relative clause, not advice ("that's all you have to say?").
RELATIVE_LEADS = frozenset({"all", "what", "everything", "anything", "something", "nothing", "whatever"})


def _advising(text: str, start: int, end: int) -> bool:
    """Advice said to the other: not a question about them and not a relative clause."""
    before = _WORD.findall(text[max(0, start - 20) : start])
    relative = bool(before) and before[-1].lower() in RELATIVE_LEADS
    return not relative and _not_asked(text, start, end)


def _not_sincere(text: str, start: int, end: int) -> bool:
    """A sarcasm marker is cancelled by "no sarcasm", "I mean it", "/gen" later in its sentence."""
    return not _SINCERE_AFTER.match(text, end)


def _find(
    text: str,
    rules: Iterable[tuple[str, re.Pattern[str], Check | None]],
    *,
    quoted: list[tuple[int, int]] | None = None,
    negatable: bool = True,
) -> list[Span]:
    """Spans of every rule's matches that pass the quote, negation and rule guards."""
    if not text:
        return []
    if quoted is None:
        quoted = _quoted(text)
    out = []
    for kind, pattern, check in rules:
        has_m = "m" in pattern.groupindex
        for match in pattern.finditer(text):
            start, end = match.span("m") if has_m else match.span()
            if start == end or _in_quotes(start, end, quoted):
                continue
            if negatable and _negated(text, start):
                continue
            if check is not None and not check(text, start, end):
                continue
            if kind in _WHOLE_PHRASE:
                end = _phrase_end(text, end, quoted)
            out.append(Span(kind, start, end, text[start:end]))
    return _tidy(out)


# Kinds whose rule matches stop at an open word ("I'm sorry for being", "it sounds like you're
# feeling"): their spans run on to the end of the phrase, so evidence reads as a whole thought.
_WHOLE_PHRASE = frozenset({"naming", "apology"})
PHRASE_WORDS = 6  # at most this many words are added
_PHRASE_STOP = re.compile(r"[.!?;:,\n…—–()\"“”«»]|\s-\s")
_NEXT_WORD = re.compile(r"\s+[^\s.!?;:,…—–()\"“”«»]+")


def _phrase_end(text: str, end: int, quoted: list[tuple[int, int]]) -> int:
    """Where the phrase ending at ``end`` finishes: the next punctuation, a quotation or the end of
    the text, or after :data:`PHRASE_WORDS` more words."""
    for _ in range(PHRASE_WORDS):
        if _PHRASE_STOP.match(text, end) or any(qs <= end < qe for qs, qe in quoted):
            break
        word = _NEXT_WORD.match(text, end)
        if word is None:
            break
        end = word.end()
    return end


def _tidy(spans: list[Span]) -> list[Span]:
    """Sorted by start; a span inside another of the same kind is dropped."""
    spans = sorted(set(spans), key=lambda s: (s.start, -s.end, s.kind))
    kept: list[Span] = []
    for s in spans:
        if not any(k.kind == s.kind and k.start <= s.start and s.end <= k.end for k in kept):
            kept.append(s)
    return kept


# --- questions -------------------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding whitespace."""
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    out = []
    for s, e in bounds:
        chunk = text[s:e]
        stripped = chunk.strip()
        if stripped:
            s += len(chunk) - len(chunk.lstrip())
            out.append((s, s + len(stripped)))
    return out


def _first_word(clause: str) -> str:
    for w in _WORD.findall(clause):
        w = w.lower().replace("’", "'")
        if w not in _FILLERS:
            return w
    return ""


def _question_kind(sentence: str) -> str:
    """Open when it (or one of its comma clauses) opens with a wh-word or invites ("tell me");
    otherwise closed: yes/no questions, tags and statements ending in "?"."""
    clauses = [c for c in re.split(r"[,;:—–]|\s-\s", sentence) if _WORD.search(c)]
    if not clauses:
        return "closed"
    first = _first_word(clauses[0])
    if first == "tell" or _OPEN_INVITATION.search(sentence):
        return "open"
    if any(_first_word(c).split("'")[0] in _WH for c in clauses):
        return "open"
    return "closed"  # a yes/no question ("do you...?"), a tag ("right?") or a statement with "?"


def questions(text: str) -> list[Span]:
    """Each question sentence, ``open`` or ``closed``, and open invitations ("tell me more").

    A question is a sentence ending in "?" (a "?" inside quotes is reported speech and is
    skipped). An imperative invitation to keep talking counts as an open question even
    without a "?", unless negated ("don't talk to me").
    """
    if not text:
        return []
    quoted = _quoted(text)
    out = []
    for s, e in _sentences(text):
        sentence = text[s:e]
        end = _QUESTION_END.search(sentence)
        if end:
            mark = s + end.start(1) + end.group(1).index("?")
            if not _in_quotes(mark, mark + 1, quoted):
                out.append(Span(_question_kind(sentence), s, e, sentence))
            continue
        for m in _OPEN_INVITATION.finditer(sentence):
            a, b = s + m.start(), s + m.end()
            if not _in_quotes(a, b, quoted) and not _negated(text, a):
                out.append(Span("open", s, e, sentence))
                break
    return _tidy(out)


# --- repair and non-apology ------------------------------------------------------------------


def non_apology(text: str) -> list[Span]:
    """Apologies for the other's feelings, or taken back with "but": kind ``non_apology``."""
    return _find(text, [("non_apology", _NON_APOLOGY, None)])


def repair(text: str) -> list[Span]:
    """Repair moves: ``acknowledge`` (owning the miss), ``apology``, ``reopen``.

    An apology that is part of a non-apology ("I'm sorry if...", "sorry, but you...") is not
    a repair and is left out.
    """
    if not text:
        return []
    quoted = _quoted(text)
    found = _find(
        text,
        [("acknowledge", _ACKNOWLEDGE, None), ("apology", _APOLOGY, None), ("reopen", _REOPEN, None)],
        quoted=quoted,
    )
    nons = _find(text, [("non_apology", _NON_APOLOGY, None)], quoted=quoted)
    return [s for s in found if not any(n.start < s.end and s.start < n.end for n in nons)]


# --- rupture ---------------------------------------------------------------------------------


def _curt(kind: str, text: str, quoted: list[tuple[int, int]]) -> list[Span]:
    """A sentence that is only "fine" (or "ok fine"), ended by ".", "!" or the end of the text."""
    out = []
    for m in _CURT.finditer(text):
        s, e = m.span("m")
        if not _in_quotes(s, e, quoted):
            out.append(Span(kind, s, e, text[s:e]))
    return out


def rupture(text: str) -> list[Span]:
    """The other person's signals of feeling unseen (``unseen``) or pulling away (``withdrawal``)."""
    if not text:
        return []
    quoted = _quoted(text)
    found = _find(
        text,
        [
            ("unseen", _UNSEEN, None),
            ("withdrawal", _WITHDRAWAL, None),
            ("withdrawal", _WHATEVER, _at_clause_start),
        ],
        quoted=quoted,
    )
    return _tidy(found + _curt("withdrawal", text, quoted))


# --- flooding --------------------------------------------------------------------------------

# Weights of each marker in flooding_score: how strongly one such marker alone signals flooding.
FLOODING_WEIGHTS: dict[str, float] = {"caps": 0.3, "exclamation": 0.2, "insult": 0.5, "absolute": 0.3}
# Flooding kinds aimed at the other person: they escalate whatever the tone ("!!" in joy does not).
ATTACKS: tuple[str, ...] = ("insult", "absolute")


def _caps(text: str, quoted: list[tuple[int, int]]) -> list[Span]:
    """Runs of two or more shouted words (ALL CAPS, 2+ letters, not an acronym)."""
    out = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        if len(run) >= 2:
            s, e = run[0][0], run[-1][1]
            if not _in_quotes(s, e, quoted):
                out.append(Span("caps", s, e, text[s:e]))
        run.clear()

    for m in _CAPS_WORD.finditer(text):
        word = m.group()
        letters = "".join(c for c in word if c.isalpha())
        if letters.upper() in ("I", "A") and letters.isupper():
            continue  # neutral: neither shouting nor breaking a run
        if letters.upper() in _ACRONYMS and letters.isupper():
            continue
        if len(letters) >= 2 and letters.isupper():
            run.append(m.span())
        else:
            close()
    close()
    return out


def flooding(text: str) -> list[Span]:
    """Escalation markers: ``caps`` (shouting), ``exclamation`` ("!!", "?!"), ``insult`` and
    ``absolute`` ("you always", "you never") aimed at the other person."""
    if not text:
        return []
    quoted = _quoted(text)
    out = _caps(text, quoted)
    for m in _EXCLAIM.finditer(text):
        if ("!" in m.group() or "！" in m.group()) and not _in_quotes(*m.span(), quoted):
            out.append(Span("exclamation", m.start(), m.end(), m.group()))
    out += _find(text, [("insult", _INSULT, None), ("absolute", _ABSOLUTE, _not_asked)], quoted=quoted)
    return _tidy(out)


def flooding_score(text: str) -> float:
    """How flooded a text reads, in [0, 1): ``1 - prod(1 - w[kind])`` over its flooding spans.

    Each marker is independent evidence with weight ``FLOODING_WEIGHTS[kind]`` (insult 0.5,
    caps 0.3, absolute 0.3, exclamation 0.2), so one "!!" gives 0.2, caps plus "!!" 0.44, and
    more markers approach but never reach 1. No markers gives 0.
    """
    return round(flooding_weight(flooding(text)), 4)


def flooding_weight(spans: Iterable[Span]) -> float:
    """``1 - prod(1 - w[kind])`` over flooding spans (unrounded; see :func:`flooding_score`)."""
    return 1.0 - math.prod(1.0 - FLOODING_WEIGHTS[s.kind] for s in spans)


def emphasis(text: str) -> list[Span]:
    """Milder heat than flooding: one shouted word in a lower-case text (``shout``: "it was HALF a
    curry") and pressing double question marks (``pressing``: "whose side are you on??")."""
    if not text or not any(c.islower() for c in text):
        return []
    quoted = _quoted(text)
    runs = {(s.start, s.end) for s in _caps(text, quoted)}
    out = []
    for m in _CAPS_WORD.finditer(text):
        letters = "".join(c for c in m.group() if c.isalpha())
        if len(letters) < 2 or not letters.isupper() or letters in _ACRONYMS:
            continue
        if _in_quotes(*m.span(), quoted) or any(a <= m.start() < b for a, b in runs):
            continue
        out.append(Span("shout", m.start(), m.end(), m.group()))
    for m in re.finditer(r"\?{2,}", text):
        if not _in_quotes(*m.span(), quoted):
            out.append(Span("pressing", m.start(), m.end(), m.group()))
    return _tidy(out)


def celebration(text: str) -> list[Span]:
    """Celebrating the other's news (``celebrate``): "congrats!!", "so proud of you", "🎉".
    Negated ("not proud of you"), quoted and sarcastic ("oh great, congrats on another...") uses
    do not count."""
    if not text or _SARCASM.search(text):
        return []
    return _find(text, [("celebrate", _CELEBRATE, None)])


# --- the four horsemen -----------------------------------------------------------------------


def horsemen(text: str) -> list[Span]:
    """Gottman's four horsemen: ``criticism``, ``contempt``, ``defensiveness``, ``stonewalling``.

    Contempt is insults aimed at "you" and sarcasm or mockery markers ("yeah right", 🙄);
    a marker cancelled by "no sarcasm" / "I mean it" later in its sentence is not counted.
    "You're so selfish" is criticism only (a trait), "you're pathetic" contempt.
    """
    if not text:
        return []
    quoted = _quoted(text)
    found = _find(
        text,
        [
            ("criticism", _CRITICISM, _not_asked),
            ("contempt", _INSULT, None),
            ("contempt", _SARCASM, _not_sincere),
            ("contempt", _EYEROLL, _not_sincere),
            ("defensiveness", _DEFENSIVENESS, None),
            ("defensiveness", _DEFLECT, _at_clause_start),
            ("stonewalling", _STONEWALLING, None),
            ("stonewalling", _WHATEVER, _at_clause_start),
        ],
        quoted=quoted,
    )
    # "you're so selfish" is criticism (a global trait), not also contempt.
    blame = {(s.start, s.end) for s in found if s.kind == "criticism"}
    found = [s for s in found if not (s.kind == "contempt" and (s.start, s.end) in blame)]
    found += _curt("stonewalling", text, quoted)
    for m in _SILENCE.finditer(text):
        s, e = m.span("m")
        found.append(Span("stonewalling", s, e, text[s:e]))
    return _tidy(found)


# --- feelings, advice, self-focus ------------------------------------------------------------


def emotion_words(text: str) -> list[Span]:
    """``naming`` a feeling ("that sounds exhausting") or ``assuming`` it away ("calm down")."""
    return _find(
        text,
        [
            ("naming", _NAMING, None),
            ("assuming", _ASSUMING, None),
            ("assuming", _ASSUMING_IMPERATIVE, _imperative),
        ],
    )


def advice(text: str) -> list[Span]:
    """Advice and fixing moves ("you should", "have you tried", "just ignore him"): kind ``advice``."""
    return _find(text, [("advice", _ADVICE, _advising), ("advice", _ADVICE_IMPERATIVE, _at_clause_start)])


def self_focus(text: str) -> list[Span]:
    """Turning the talk to oneself (``self_turn``) or elsewhere (``subject_change``)."""
    return _find(
        text,
        [
            ("self_turn", _SELF_TURN, None),
            ("subject_change", _SUBJECT_CHANGE, None),
            ("subject_change", _ANYWAY, _at_clause_start),
        ],
    )


def disclosure(text: str) -> list[Span]:
    """The writer's own feeling (``feeling``: "I'm so nervous") or wish for company (``wish``:
    "I just want someone to sit with me"); "I'm so proud of you" is about the other, not counted."""
    return _find(text, [("feeling", _DISCLOSURE_FEELING, None), ("wish", _DISCLOSURE_WISH, None)])


# --- all of them at once ---------------------------------------------------------------------


@dataclass(frozen=True)
class Signals:
    """Every rule's spans in one text (what the assessment reads)."""

    questions: list[Span]
    emotion_words: list[Span]
    advice: list[Span]
    self_focus: list[Span]
    horsemen: list[Span]
    flooding: list[Span]
    flooding_score: float
    emphasis: list[Span]
    repair: list[Span]
    non_apology: list[Span]
    rupture: list[Span]
    celebration: list[Span]

    def kinds(self, group: str) -> set[str]:
        """The kinds found by one rule group ("horsemen" -> {"criticism", ...})."""
        spans: list[Span] = getattr(self, group)
        return {s.kind for s in spans}

    def of(self, group: str, *kinds: str) -> list[Span]:
        """The spans of a rule group, only of ``kinds`` when given."""
        spans: list[Span] = getattr(self, group)
        return [s for s in spans if not kinds or s.kind in kinds]


def read(text: str) -> Signals:
    """Run every rule on ``text`` (each once)."""
    flooded = flooding(text)
    return Signals(
        questions=questions(text),
        emotion_words=emotion_words(text),
        advice=advice(text),
        self_focus=self_focus(text),
        horsemen=horsemen(text),
        flooding=flooded,
        flooding_score=round(flooding_weight(flooded), 4),
        emphasis=emphasis(text),
        repair=repair(text),
        non_apology=non_apology(text),
        rupture=rupture(text),
        celebration=celebration(text),
    )
