"""Safety: crisis language in a cue turn, which needs more than a well-tuned reply.

``safety_check`` looks for thoughts of suicide or self-harm, abuse, and threats of violence,
and returns a ``SafetyNotice`` with the words it found and a calm message for the person
replying. It never diagnoses; it says what the text mentions and what helps.

Rule choices (tested in tests/test_safety.py):

* Figurative uses do not fire ("this traffic is killing me", "I'm dying to see that film",
  "I could kill for a coffee", "I'd die of embarrassment"): the phrases need a first-person
  intent ("I want to die") or an object that is the writer ("kill myself").
* Third person does not fire ("the movie where he kills himself"), except abuse done *to*
  the writer ("he hits me").
* A denial suppresses only its own phrase: "I'm not going to hurt myself" does not fire,
  but if any other crisis phrase in the text is not denied, the notice fires. Hedges are not
  denials: "I can't stop thinking about killing myself", "I don't know why I want to die"
  and "I don't think I want to live anymore" fire.
* Quotes are not skipped: a friend's words passed on ("she texted me 'I want to die'") are
  exactly what should be surfaced. So, unlike the signals, a quoted lyric may fire too.
* When several kinds are present the notice's ``kind`` is the most urgent for the writer:
  self_harm, then abuse, then violence; ``kinds`` lists them all and ``spans`` has every one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ABUSE_MESSAGE",
    "MESSAGES",
    "SELF_HARM_MESSAGE",
    "VIOLENCE_MESSAGE",
    "SafetyNotice",
    "safety_check",
]

SELF_HARM_MESSAGE = (
    "This message talks about wanting to die or to hurt themselves. That needs more than a "
    "well-tuned reply. Take it seriously: reach out, stay with them, and ask gently whether they "
    "are safe right now. Encourage them to talk to a professional or a crisis line, and if they "
    "may be in danger now, call your local emergency number. You don't have to handle this alone."
)
ABUSE_MESSAGE = (
    "This message describes being hurt, threatened or controlled by someone. That needs more than "
    "a well-tuned reply. Take it seriously and believe them; stay with them and ask whether they "
    "are safe right now. Encourage help from people trained for this, such as an abuse or crisis "
    "line, and call your local emergency number if they are in danger now. You don't have to "
    "handle this alone."
)
VIOLENCE_MESSAGE = (
    "This message talks about hurting someone. That needs more than a well-tuned reply. Take it "
    "seriously, stay calm and stay with them. If anyone may be in danger now, call your local "
    "emergency number; a crisis line or a professional can help with what is behind it. You "
    "don't have to handle this alone."
)
MESSAGES: dict[str, str] = {
    "self_harm": SELF_HARM_MESSAGE,
    "abuse": ABUSE_MESSAGE,
    "violence": VIOLENCE_MESSAGE,
}
# The same notices addressed to the writer of a draft (``attune check``): it is their own words.
_NOT_ALONE = "You don't have to handle this alone."
WRITER_MESSAGES: dict[str, str] = {
    "self_harm": "What you wrote talks about wanting to die or to hurt yourself. That matters more than "
    "how a message is worded. If you are thinking about it, please talk to someone now: a crisis line, "
    "your doctor, or someone you trust; if you may act on it, call your local emergency number. "
    + _NOT_ALONE,
    "abuse": "What you wrote describes being hurt, threatened or controlled by someone. That matters more "
    "than how a message is worded. An abuse or crisis line can help you think about your safety, and if "
    "you are in danger now, call your local emergency number. " + _NOT_ALONE,
    "violence": "What you wrote talks about hurting someone. That matters more than how a message is "
    "worded. Please pause before sending it; if anyone may be in danger now, call your local emergency "
    "number, and a crisis line or a professional can help with what is behind it. " + _NOT_ALONE,
}
# The order of urgency for the writer, used to pick a notice's kind.
PRIORITY: tuple[str, ...] = ("self_harm", "abuse", "violence")


@dataclass(frozen=True)
class SafetyNotice:
    """Crisis language found in a text: its kind, where it is, and what to tell the replier."""

    kind: str
    spans: list[tuple[int, int, str]]
    message: str
    kinds: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kinds": list(self.kinds),
            "spans": [list(s) for s in self.spans],
            "message": self.message,
        }


# --- word lists ------------------------------------------------------------------------------
# Phrases are regex fragments: a space means "any whitespace", an apostrophe means "straight,
# curly or none", and they are matched case-insensitively as whole words.

# Verbs of wanting or planning before a self-harm act ("want to", "thinking about").
INTENT = (
    "(?:want|wanted|wanna|going|gonna|plan|planning|planned|ready|about|tempted|trying|tried|try"
    "|decided|need|deserve|urge|thinking about|thought about|think about|thinking of|thought of"
    "|fantasi[sz]e about|fantasi[sz]ing about|feel like|felt like|I'll|I will|I might|I could|I may)"
    "(?: to)?(?: just| really| finally| actually)?"
)
# Acts against oneself that follow INTENT.
SELF_ACTS = (
    "(?:kill(?:ing)? myself|end(?:ing)? (?:it all|my (?:own )?life|everything|it(?! (?:with|between|off)\\b))"
    "|commit(?:ting)? suicide|tak(?:e|ing) my (?:own )?life|hurt(?:ing)? myself|harm(?:ing)? myself"
    "|cut(?:ting)? myself|overdos(?:e|ing)|disappear(?:ing)? forever)"
)
# Relations whose violence against the writer is abuse.
RELATIONS = (
    "(?:husband|wife|boyfriend|girlfriend|bf|gf|partner|spouse|ex|fianc[eé]e?|dad|father|mom|mum"
    "|mother|stepdad|stepfather|stepmom|stepmum|stepmother|parents?|brother|sister|uncle|aunt"
    "|grandfather|grandpa|grandmother|grandma|cousin|boss|coach|teacher|roommate|flatmate|carer"
    "|caregiver|son|daughter)"
)
PERSON = "(?:he|she|they|someone|somebody|my " + RELATIONS + ")"
# Adverbs allowed between a person and the act ("he always hits me"); no negations.
_ACT_ADV = "(?:(?:'s|'d| has| had| have| always| just| sometimes| often| still| even| also| again| keeps?"
_ACT_ADV += "| kept| would| will| literally| actually| really| usually| once| then| got| gets| started)){0,3}"
# Physical acts on the writer; "you" is included ("you hit me") because chats are between two.
PHYSICAL = (
    "(?:hit(?:s|ting)?(?! me (?:up|with (?:the|some|this|that) (?:news|truth|question|idea|facts?))\\b)"
    "|beat(?:s|ing|en)?(?! me (?:at|in|to|by|home|there)\\b)|punch(?:ed|es|ing)?|slap(?:ped|s|ping)?"
    "|kick(?:ed|s|ing)?(?! me (?:out|off)\\b)|chok(?:ed|es|ing)(?! me up\\b)|strangl(?:ed|es|ing)"
    "|shov(?:ed|es|ing)|push(?:ed|es|ing)?(?! me (?:to|away|forward)\\b)|rap(?:ed|es|ing)"
    "|molest(?:ed|s|ing)?|assault(?:ed|s|ing)?|abus(?:ed|es|ing)|bit|bites|burn(?:ed|s|t)(?= me with)"
    "|threaten(?:ed|s|ing)?(?= me with)|grab(?:bed|s)(?! me (?:a|an|some|one)\\b))"
)

SELF_HARM: tuple[str, ...] = (
    INTENT + " " + SELF_ACTS,
    "(?:want|wanted|wanna|ready|deserve|wish I could|wish I would)(?: to)?(?: just| really)? die"
    "(?! (?:of|from) (?:embarrassment|laughter|laughing|boredom|cringe|shame)| laughing| for\\b)",
    "(?:want|wanna|wish I could)(?: to)?(?: just| really)? not (?:be here|exist|wake up)",
    "(?:not sure|don't know if|don't know whether|do not know if) I (?:even )?(?:want to|wanna) "
    "(?:live|be alive|be here|go on|keep going|keep living)",
    "kill(?:ing|ed)? myself(?! (?:laughing|with laughter|at (?:the gym|work)))",
    "kms",
    "(?:hurting|harming|cutting|burning) myself",
    "hurt myself (?:again|on purpose)",
    "self[- ]?harm(?:ing|ed)?",
    "(?:cutting|self[- ]?harming|hurting myself) again",
    "(?:started|been|keep|kept) cutting",
    "I wish I (?:was|were|could be) dead",
    "I wish I (?:had never been|was never|wasn't|weren't|had not been|hadn't been) born",
    "I wish I (?:could )?(?:just )?(?:disappear|not exist|stop existing|didn't exist|wouldn't wake up"
    "|could sleep forever|could go to sleep and never wake up)",
    "I hope I (?:don't|never|do not) wake up",
    "I(?:'d| would)? be better off dead",
    "better off (?:without me|if I (?:was|were|wasn't|weren't) (?:gone|dead|here|around|alive))",
    "(?:don't|do not|dont) (?:think I |really |even )?(?:want to|wanna) (?:be alive|exist|wake up"
    r"|live(?=\s*(?:[.!,…]|$| anymore| any more| any longer| like this))"
    r"|go on(?=\s*(?:[.!,…]|$| like this| anymore| living))"
    "|be (?:here|around) (?:anymore|any more|any longer))",
    "no (?:reason|point) (?:to|in) (?:live|living|go on|going on|be(?:ing)? here|be(?:ing)? alive"
    "|stay(?:ing)? alive|carry on)",
    "nothing (?:left )?to live for",
    # "I can't do this anymore" alone is exhaustion, not a crisis; with a wish not to be here it is.
    "can't (?:do|take) (?:this|it) (?:anymore|any more|any longer)[,.;!… ]+(?:and |so )?I (?:just |really )?"
    r"(?:don't|do not|dont) (?:want to|wanna) be (?:here|alive|around)",
    "(?:life is|life's|it's|my life is|my life's) not worth living",
    "(?:isn't|is not) worth living",
    r"can't go on(?=\s*(?:[.!,…]|$| like this| anymore| any more| living))",
    "(?:I'm|I am|I feel|feeling|I've been|been|I was|getting) (?:so |really |very |kind of |kinda "
    "|pretty |a bit )?suicidal",
    "suicidal (?:thoughts|again|feelings|ideation)",
    "(?:thinking|thought|think|thoughts) (?:about|of) (?:suicide|ending (?:it|my life|it all))",
    "I (?:tried|attempted) (?:to kill myself|suicide)",
    "take all (?:my|the|of my) (?:pills|tablets)",
    "took all (?:my|the|of my) (?:pills|tablets)",
)

ABUSE: tuple[str, ...] = (
    PERSON + _ACT_ADV + " " + PHYSICAL + " me",
    "(?:you|u)" + _ACT_ADV + " " + PHYSICAL + " me",
    PERSON + _ACT_ADV + " (?:hurts|hurting) me",
    PERSON + _ACT_ADV + " hurt me (?:again|every time|all the time|so bad|badly|physically)",
    PERSON + _ACT_ADV + " (?:touch(?:ed|es|ing)?|forced (?:himself|herself|themselves) on) me"
    "(?! (?:deeply|so much|a lot|to tears|emotionally)\\b)",
    "I (?:was|got|have been|'ve been|am being|'m being) (?:sexually )?"
    "(?:assaulted|abused|molested|raped|beaten)",
    "(?:forced|made) me (?:to )?(?:have sex|do (?:sexual )?things|touch)",
    "(?:I'm in an?|my|our|I live with an?|I have an?) abusive",
    "(?:scared|afraid|terrified) (?:to go|of going) home",
    "(?:scared|afraid|terrified) for my (?:life|safety)",
    "(?:I'm|I am|I'm so|I'm really) (?:scared|afraid|terrified) of (?:him|her|them|my " + RELATIONS + ")"
    "(?! (?:spiders|dogs|heights)\\b)",
    PERSON + "(?: won't| doesn't| does not| will not| never) let me "
    "(?:leave(?! (?:early|work|until|before|on time|the office|school)\\b)|go out"
    "|see (?:my )?(?:friends|family)|have (?:my own )?money|talk to anyone|use my phone"
    "|out of (?:the|his|her|their) sight|out of the house)",
    PERSON + _ACT_ADV + " lock(?:s|ed)? me (?:in|up|out)",
    "threaten(?:s|ed|ing)? to (?:kill|hurt|hit|beat) me",
    "threaten(?:s|ed|ing)? to (?:take the kids|kill (?:himself|herself|themselves))",
    "(?:said|says|told me) (?:he|she|they)(?:'d|'ll| would| will) (?:kill|hurt) me",
    "kill me if I (?:leave|tell|go to the police|call|try|report|talk)",
)

# Verbs of wanting or planning before harming others.
THREAT_INTENT = (
    "(?:I'll|I will|I'm going to|I'm gonna|I am going to|I am gonna|I want to|I wanna|I'm about to"
    "|I plan to|I'm planning to|I swear I'll|I'm ready to|I've decided to|I'm gonna go|I will go)"
    "(?: fucking| actually| literally| really| seriously| just| go)?"
)
TARGET = (
    "(?:him|her|them|you|u|someone|somebody|everyone|everybody|people|my " + RELATIONS + "|that "
    "(?:guy|woman|man|girl|bitch|bastard|asshole|prick|idiot|kid|teacher|boss)|the (?:guy|man|woman|kid"
    "|teacher|boss|neighbou?r)|those (?:people|guys|kids))"
)
VIOLENCE: tuple[str, ...] = (
    THREAT_INTENT
    + " (?:kill|murder|stab|shoot|strangle|choke|hurt|punch|hit|attack|smack|slap|beat up"
    + "|beat the (?:shit|crap|hell|life) out of) "
    + TARGET
    + "(?! (?:up|a (?:text|message|line|note|email|dm)|with kindness)\\b)",
    THREAT_INTENT + " beat " + TARGET + " up",
    THREAT_INTENT + " (?:break|smash) (?:his|her|their|your) (?:neck|legs?|face|arms?|nose|jaw|skull)",
    THREAT_INTENT + " (?:slit|cut) (?:his|her|their|your) throat",
    THREAT_INTENT + " run (?:him|her|them|you) over",
    "(?:bring|bringing|take|taking|carry|carrying) (?:a|my|the) (?:gun|knife|weapon|rifle|pistol)"
    "(?! (?:shop|show|safety|license|licence|course)\\b)",
    "shoot up (?:the|a|my|our|his|her) (?:school|office|place|class|party|church|mall|work)",
)

# Denials close to a phrase ("not going to", "never", "won't").
_DENIAL = re.compile(
    r"\b(?:not|never|no longer|dont|wont|cant|didnt|doesnt|isnt|wouldnt|couldnt|shouldnt|aint)\b|n['’]t\b",
    re.IGNORECASE,
)
# Phrases with a negation that do not deny what follows: hedges and compulsions.
_NOT_A_DENIAL = re.compile(
    r"(?:can['’]?t|cannot|couldn['’]?t|won['’]?t|don['’]?t|not|never) "
    r"(?:stop|help|seem to stop|get rid of|shake)"
    r"|don['’]?t know|not sure|don['’]?t think|do not think|no one|nobody|not gonna lie|not going to lie",
    re.IGNORECASE,
)
_BREAK = re.compile(r"[.!?;:,\n…—–()]|\s-\s|\b(?:but|though|although|however|yet)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")


def _regex(*alternatives: str) -> re.Pattern[str]:
    """Compile phrase fragments into one whole-word pattern (see the note on word lists)."""
    body = "|".join(alternatives).replace("'", "['’]?").replace(" ", r"\s+")
    return re.compile(rf"(?<![\w'’])(?:{body})(?!\w)", re.IGNORECASE)


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("self_harm", _regex(*SELF_HARM)),
    ("abuse", _regex(*ABUSE)),
    ("violence", _regex(*VIOLENCE)),
)


def _denied(text: str, start: int) -> bool:
    """Whether a denial stands within the four words before ``start`` in the same clause."""
    prefix = text[max(0, start - 60) : start]
    ends = [m.end() for m in _BREAK.finditer(prefix)]
    if ends:
        prefix = prefix[ends[-1] :]
    prefix = _NOT_A_DENIAL.sub(" ", prefix)
    return any(_DENIAL.search(w) for w in _WORD.findall(prefix)[-4:])


def safety_check(text: str, *, writer: bool = False) -> SafetyNotice | None:
    """A notice when ``text`` mentions suicide or self-harm, abuse, or violence; else None.
    With ``writer`` the notice speaks to the person who wrote the text (a draft), not its reader."""
    if not text or not text.strip():
        return None
    spans: list[tuple[int, int, str]] = []
    kinds: list[str] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if _denied(text, m.start()):
                continue
            spans.append((m.start(), m.end(), m.group()))
            if kind not in kinds:
                kinds.append(kind)
    if not spans:
        return None
    ordered = tuple(k for k in PRIORITY if k in kinds)
    return SafetyNotice(
        kind=ordered[0],
        spans=sorted(set(spans)),
        message=(WRITER_MESSAGES if writer else MESSAGES)[ordered[0]],
        kinds=ordered,
    )
