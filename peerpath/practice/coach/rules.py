"""High-precision lexical rules for MI coding.

Each rule function returns a ``RuleHit`` when a surface form settles the label
(a summary cue, "why don't you…", a tag question, a DARN-C verb) and ``None``
when it is unsure. Anything the rules leave alone goes to the text model, so a
rule is only worth adding if it is almost never wrong on the labelled data;
``evaluate.py`` reports each layer's coverage and precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleHit:
    label: str
    subtype: str | None
    confidence: float
    rule: str


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalize(text: str) -> str:
    """Lower-case, straighten quotes, collapse whitespace."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES).lower()).strip()


# Discourse markers that do not change what kind of utterance follows.
_FILLER = re.compile(
    r"^(?:(?:ok(?:ay)?|so|well|alright|all right|and|um+|uh+|hmm+|look|honestly|mija|mijo|"
    r"hey|yeah|oh|like|man|bro|dude|girl|yo|listen|real talk|ngl|tbh|fr|lowkey|honestly|"
    r"(?:lemme|let me) (?:tell you|be real|be honest)(?: with you)?,)\b[,.!:]?\s+)+"
)


def _core(t: str) -> str:
    return _FILLER.sub("", t)


def word_count(t: str) -> int:
    return len(t.split())


def split_sentences(t: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", t) if s]


# --------------------------------------------------------------------------
# Practitioner
# --------------------------------------------------------------------------

_SUMMARY = re.compile(
    r"\b(?:let me|lemme) (?:see if i|make sure i|check (?:that )?i|recap|sum|summarize|"
    r"pull|put (?:this|it|that)|try to put|try a summary|go (?:back )?over)"
    r"|\bso far (?:you've|you have|we've|we have|i've|i have)\b"
    r"|\b(?:to|just to) (?:sum|recap|pull|wrap up what)"
    r"|\bsum (?:it|this) (?:all )?up\b|\bin summary\b|\bquick summary\b|\bhere's my summary\b"
    r"|\bputting (?:it all|together|it together|all that together)\b"
    r"|\bpull (?:it|this|that) (?:all )?together\b"
    r"|^here's what i(?:'ve got| heard|'m hearing| am hearing|'m taking away)\b"
    r"|\bwhat i'm hearing overall\b|\blo que escucho\b"
    r"|\bwhat you've (?:shared|said|told me) (?:is|today|so far)\b"
    r"|\b(?:a few|several|a couple of|two|three) (?:different )?things\b"
)

# A list of what the person said closed by a check ("…, and your doctor wants
# you to stay on them. What did I miss?") is a summary, not a question.
_SUMMARY_CHECK = re.compile(
    r"(?:what did i (?:miss|leave out|get wrong)|did i (?:miss|leave out|forget) anything|"
    r"what am i (?:missing|leaving out)|what else did i miss|did i get (?:that|it|all that) right|"
    r"what would you add|anything (?:i missed|to add))\s*\??$"
)


def is_summary_check(sentences: list[str], separator: str = " and ") -> bool:
    """Several things the person said, then a short check that invites correction."""
    if len(sentences) < 2 or word_count(sentences[-1]) > 7:
        return False
    told = " ".join(sentences[:-1])
    return word_count(told) >= 10 and told.count(",") + told.count(separator) >= 2


_BACKCHANNEL = re.compile(
    r"^(?:(?:mm+-?hm+|uh[- ]?huh|ok(?:ay)?|right|yeah|yep|got it|cool|sure|i see|for sure)"
    r"[,.! ]*)+$"
)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|welcome|bienvenid[oa]|"
    r"thanks for (?:coming|waiting|filling|being here|stopping)|thank you for (?:coming|waiting)|"
    r"nice to meet you|see you|bye|take care|talk soon|have a good|i'll see you|"
    r"let's (?:get started|take a|move on|meet|start|wrap)|our time|that's all (?:the )?time|"
    r"we're out of time)\b"
)

# Suggestions dressed as questions ("Why don't you…?", "Have you tried…?").
_ADVICE_QUESTION = re.compile(
    r"^(?:why don'?t (?:you|u)|why not|have (?:you|u) (?:ever )?(?:tried|considered)|"
    r"how about (?:you|trying|we|if you)|what if you|what about (?:trying|you)|"
    r"wouldn't it be (?:better|easier|smarter))\b"
)
_ADVICE_MODAL = re.compile(
    r"^(?:i (?:really |honestly )?think |honestly,? |maybe |really |seriously,? )?"
    r"(?:you|u|ya) (?:really |just |definitely |def |seriously )?"
    r"(?:should|shoulda|need to|needa|have to|gotta|got to|ought to|oughta|better)\b"
)
_ADVICE_NOT = re.compile(r"\b(?:should|need to|have to) (?:be|feel) (?:so |really )?proud\b")
_ADVICE_PHRASE = re.compile(
    r"\bif i were you\b|\bmy advice\b|\bif you want my (?:opinion|advice)\b"
    r"|^what (?:you|u) (?:gotta|need to|should|have to|ought to|wanna) do\b"
    r"|^(?:the )?(?:best|smart|smartest) (?:thing|move)\b|^what i'?d do\b"
    r"|^i'?d (?:recommend|suggest|stop|tell|quit|leave|go|call)\b"
    r"|^(?:it'?d|it would) be (?:smart|a good idea|best|better) to\b"
    r"|^i (?:really )?think you(?:'d| would) be better off\b|^i (?:suggest|recommend)\b"
)
_IMPERATIVE = re.compile(
    r"^(?:just |please )?(?:try|don'?t|do not|never|stop|make sure|go|call|ask|tell|put|take|get|"
    r"set|keep|write|block|skip|pay|drink|let|quit|avoid|start|remember to|find|sign|apply|"
    r"text|delete|use|eat|focus|cut|save|look into|talk to|be (?:careful|honest)|bring|"
    r"throw|leave|move|pick|switch|check out|reach out|download|join)\b"
)
_IMPERATIVE_NOT = re.compile(
    r"^(?:just |please )?(?:\w+ )?(?:me|us)\b|^let's\b|^(?:take care|take your time|go on|"
    r"go ahead|keep (?:it )?up|keep going|don'?t worry|never mind)\b"
)

_OPEN_INVITE = re.compile(
    r"^(?:tell (?:me|us)|describe|help me understand|walk me through|talk (?:to me )?about|"
    r"say (?:a little )?more|share (?:a little|more|with me|some)|explain|give me an example|"
    r"i'?m (?:curious|wondering)|i wonder (?:what|how|why|about)|"
    r"(?:can|could|would|will) you (?:tell|say|share|describe|talk|explain|walk|"
    r"help me understand|give me)|would you like to (?:tell|talk|say|share))\b"
)
_CLOSED_WH = re.compile(
    r"^(?:how (?:many|much|often|long|old|far|soon|big)|what (?:time|day|date|year|grade|number)|"
    r"which (?:day|one|time)|when(?:'s| is| are| was| does| do)|where(?:'s| is| are))\b"
)
_OPEN_WH = re.compile(
    r"^(?:what|wat|wut|wht|how|why|in what ways?|what's|whats|how's|hows|how'd|how come)\b"
)
# Dropped auxiliaries in speech and texting: "u good?", "you ever been…?".
_ELLIPTICAL_YES_NO = re.compile(
    r"^(?:you|u|ya) (?:ever|good|ok|okay|alright|doing ok)\b|^any (?:luck|news|word)\b"
)
_TAG = re.compile(
    r"(?:,|\s)\s*(?:right|correct|is that right|is that correct|am i right|isn'?t it|aren'?t you|"
    r"don'?t you|didn'?t you|wasn'?t it|hasn'?t it|haven'?t you|isn'?t that right|"
    r"yeah|no|ok|okay|huh|true)\s*\?+$"
    r"|,\s*(?:right|correct|is that right)\s*$|\s(?:right|correct)\s*$"
)
_PERMISSION = re.compile(
    r"^(?:would it be (?:ok(?:ay)?|alright|all right)|is it (?:ok(?:ay)?|alright|all right)|"
    r"would you mind|do you mind|mind if i|can i|could i|may i|"
    r"would you be (?:willing|open|ok|okay|up for)|are you (?:ok|okay) with|"
    r"would you like (?:me|to))\b"
)
_AUX_START = re.compile(
    r"^(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|should|am|"
    r"isn'?t|aren'?t|don'?t|didn'?t|won'?t|wouldn'?t|haven'?t|hasn'?t|wasn'?t|weren'?t)\s+"
    r"(?:you|u|ur|your|he|she|they|it|that|this|there|anyone|anybody|anything|the|we|i|my|his|"
    r"her|their|things)\b"
)

_AFFIRM = re.compile(
    r"\btook (?:a lot of |real |some |so much )?(?:courage|guts|strength|discipline|effort)\b"
    r"|\btakes (?:a lot of |real |some )?(?:courage|guts|strength|discipline)\b"
    r"|^you showed\b|\b(?:you've|you have) been working (?:really |so )?hard\b"
    r"|\byou worked (?:really |so )?hard\b|\bi appreciate (?:you|your|how|that you)\b"
    r"|\bsays a lot about you\b|^props to you\b|^(?:good|great|nice) (?:job|work|call)\b"
    r"|\bway to go\b"
    r"|\bproud of you\b|\bbe proud of (?:that|yourself|this)\b|\bno small thing\b"
    r"|\byou've come a long way\b|\bthank you for (?:trusting|sharing|being honest)\b"
    r"|^you(?:'re| are) (?:really |so |clearly |such |a lot more |pretty |very )?"
    r"(?:resilient|brave|determined|resourceful|a survivor|a hard worker|"
    r"a good (?:friend|dad|mom|parent|listener)|someone who (?:doesn't give up|keeps))\b"
    r"|^you have a (?:real )?gift\b|\bthat's (?:huge|impressive)\b"
)

_REFLECT_STEM = re.compile(
    r"^(?:it )?(?:sounds|seems|looks) (?:like|as if|as though|that)\b|^it seems\b"
    r"|^(?:so )?(?:you're|you are|youre|ur|your) (?:feeling|saying)\b"
    r"|^(?:so )?you (?:feel|felt)\b|^(?:so )?part of you\b|^on (?:the )?one hand\b"
    r"|^what i'?m hearing is\b|^te sientes\b"
)
_REFLECT_NOT = re.compile(r"\b(?:should|ought to|oughta|better off)\b")

_FEELING = (
    r"scared|afraid|scary|worried|frustrat\w*|angry|mad|lonely|alone|hopeless|hopeful|"
    r"discouraged|overwhelm\w*|exhausted|embarrass\w*|ashamed|guilt\w*|hurt|relieved|proud|"
    r"excited|nervous|anxious|torn|stuck|tired of|sick of|fed up|had it|griev\w*|judged|"
    r"disrespected|sad|let down|disappointed|trapped|helpless|worn out|pressure|afraid"
)
_COMPLEX = re.compile(
    r"\bpart of you\b|\bon (?:the )?one hand\b|\bon the other\b|\bat the same time\b"
    r"|\band also\b|\bbut also\b|\band yet\b|\beven though\b|\bbetween\b"
    r"|\b(?:feel|feeling|felt|te sientes)\b|\b(?:" + _FEELING + r")\b"
    r"|\bmatters?\b|\bimportant to you\b|\bmeans?\b|\bvalue\b|\bcare (?:a lot )?about\b"
    r"|\bbig deal\b|\bwho you are\b|\ba way of\b|\bnot just\b|\bmore about\b"
    r"|\bnothing\b|\babsolutely\b|\bno way\b|\bnever\b|\beveryone\b|\beverything\b"
    r"|\bnobody\b|\bat all\b|\bcompletely\b|\bthe whole\b|\bnot even close\b"
)


def reflection_subtype_cue(text: str) -> str | None:
    """'complex' when a reflection carries feeling, meaning, two sides or amplification.

    There is no reliable surface cue for 'simple' (it is the absence of these), so
    that call is left to the model.
    """
    return "complex" if _COMPLEX.search(normalize(text)) else None


def _hit(label: str, confidence: float, rule: str, subtype: str | None = None) -> RuleHit:
    return RuleHit(label=label, subtype=subtype, confidence=confidence, rule=rule)


def _question_rule(sentence: str) -> RuleHit | None:
    s = _core(sentence)
    asked = s.endswith("?")
    if _TAG.search(s):
        return _hit("closed_question", 0.93, "tag_question")
    if _OPEN_INVITE.match(s):
        return _hit("open_question", 0.95, "open_invitation")
    if _PERMISSION.match(s):
        return _hit("closed_question", 0.92, "permission_ask")
    if _CLOSED_WH.match(s):
        return _hit("closed_question", 0.92, "fact_question")
    if _OPEN_WH.match(s) and (asked or word_count(s) >= 3):
        return _hit("open_question", 0.92, "wh_question")
    if asked and _ELLIPTICAL_YES_NO.match(s):
        return _hit("closed_question", 0.88, "yes_no_question")
    if _AUX_START.match(s):
        return _hit("closed_question", 0.92 if asked else 0.85, "yes_no_question")
    return None


def practitioner_rule(text: str) -> RuleHit | None:
    t = normalize(text)
    if not t:
        return None
    core = _core(t)
    if _SUMMARY.search(t) and word_count(t) >= 8:
        return _hit("summary", 0.95, "summary_cue")
    sentences = split_sentences(t)
    if _SUMMARY_CHECK.search(sentences[-1]) and is_summary_check(sentences):
        return _hit("summary", 0.9, "summary_check")
    if _BACKCHANNEL.match(t):
        return _hit("other", 0.95, "backchannel")
    if _GREETING.match(t) and "?" not in t and word_count(t) <= 12 and not _ADVICE_MODAL.search(t):
        return _hit("other", 0.9, "greeting_or_scheduling")
    if _OPEN_INVITE.match(core):
        return _hit("open_question", 0.95, "open_invitation")
    if not _ADVICE_NOT.search(core):
        if _ADVICE_QUESTION.match(core):
            return _hit("advice", 0.93, "suggestion_question")
        if _ADVICE_MODAL.match(core) or _ADVICE_PHRASE.search(core):
            return _hit("advice", 0.93, "directive")
        if _IMPERATIVE.match(core) and not _IMPERATIVE_NOT.match(core):
            return _hit("advice", 0.9, "imperative")
    # The question, if any, is what the practitioner is asking for; look at it
    # rather than at any lead-in sentence ("You picked a six. What would…?").
    sentences = split_sentences(t)
    asked = [s for s in sentences if s.endswith("?")]
    for sentence in [asked[-1]] if asked else sentences[-1:]:
        hit = _question_rule(sentence)
        if hit:
            return hit
    if _AFFIRM.search(core) and not _REFLECT_STEM.match(core):
        return _hit("affirmation", 0.9, "affirmation_cue")
    if _REFLECT_STEM.match(core) and not _REFLECT_NOT.search(core) and word_count(core) <= 40:
        return _hit("reflection", 0.9, "reflection_stem", reflection_subtype_cue(core))
    return None


# --------------------------------------------------------------------------
# Client
# --------------------------------------------------------------------------

_SUSTAIN = re.compile(
    r"\bi don'?t see (?:the|a|what's the|why)\b|\bnot (?:really )?(?:a|an|that) (?:big deal|issue|"
    r"problem|serious)\b|\bisn'?t (?:really )?(?:a|an) (?:issue|problem|big deal)\b"
    r"|\bi don'?t (?:think i )?(?:have|got) (?:a|any) (?:\w+ )?problem\b"
    r"|\b(?:i'm|im|i am) not (?:ready|quitting|giving up|stopping|moving|going back|"
    r"(?:going to|gonna) (?:stop|quit|change|give up|leave|do the|go back|take))\b"
    r"|\bi (?:can'?t|ain'?t|won'?t) (?:quit|stop)\w*\b"
    r"|\bnot (?:tryna|trying to) (?:stop|quit|go back)\b"
    r"|\b(?:only|one) thing that (?:helps|calms|works|gets)\b"
    r"|\bi don'?t (?:even )?(?:need|want) (?:to (?:stop|quit|change|go|take|do|talk|budget)|"
    r"help|a program|anyone)\b|\bwhy (?:would|should) i\b|\bso why (?:should|would)\b"
    r"|\bit'?s (?:just|only) (?:weed|a joint|beer|a drink|a vape)\b"
    r"|\b(?:everybody|everyone) (?:does|smokes|drinks|parties|my age)\b"
    r"|\bi like (?:getting high|drinking|smoking|the money|my sleep)\b"
    r"|\bi need (?:the|a) (?:weed|drink|smoke|joint|pills?|bump)\b"
    r"|\bno way i'?m\b|\bi don'?t (?:really )?care (?:if|about)\b|\bnot sure i (?:want|wanna)\b"
    r"|\bdon'?t think i can\b|\bwaste of time\b|\bwhat'?s the point\b|\bnothing i do\b"
    r"|\bi'?ll deal with it later\b"
    r"|\bnot worth (?:it|trying)\b|\bi'?m (?:fine|good|happy) (?:where|the way|with how)\b"
    r"|\b(?:gonna|going to) keep (?:using|drinking|smoking|doing what)\b"
    r"|\bi'?d rather (?:just )?(?:keep|stay|be broke|not)\b|\bso what\b"
)
# Ordered most to least specific: when two cues start at the same place the
# earlier entry wins ("i'd like" is desire before "i'd" is reason).
_CHANGE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "commitment",
        re.compile(
            r"\b(?:i will|i'll|i'm going to|i'm gonna|im gonna|im going to|i am going to|"
            r"ima|imma|i'ma|i promise|i'm committing|i commit|i decided|i've decided|"
            r"i already (?:signed|called|made|threw|told|started|set|registered|booked)|"
            r"i made an appointment|i signed up|i'm definitely|i'm quitting|i'm done with|"
            r"starting (?:today|tomorrow|monday|tonight|now)|from now on|voy a)\b"
        ),
    ),
    (
        "desire",
        re.compile(
            r"\b(?:i (?:really |just |kinda |kind of |honestly )?(?:want|wanna|wish|hope)|"
            r"i'?d (?:really )?(?:like|love)|i would (?:really )?(?:like|love)|i'm hoping|"
            r"i don't want to (?:keep|be|end up|go back|feel|lose|waste)|quiero)\b"
        ),
    ),
    (
        "need",
        re.compile(
            r"\b(?:i (?:really )?(?:need|have|gotta|got) to|i've got to|i gotta|i need (?:a|help)|"
            r"i must|i can'?t (?:keep|go on|do this|afford to lose|live like)|"
            r"(?:something|things) (?:has|have|can'?t) (?:to )?(?:change|go on)|"
            r"can'?t keep|tengo que)\b"
        ),
    ),
    ("reason", re.compile(r"\b(?:if i|if i'd)\b")),
    (
        "ability",
        re.compile(
            r"\b(?:i (?:can|could)(?!'|n|\s+not)|i'm able|i am able|i know how to|"
            r"i'm (?:good at|capable|smart enough|strong enough)|i've (?:quit|done it) before|"
            r"yo puedo)\b"
        ),
    ),
    (
        "reason",
        re.compile(
            r"\b(?:i'?d (?:have|feel|be|probably|actually|get|sleep|remember)|"
            r"i would (?:not|be|have|feel)|would (?:mean|let|help|make|save|look|go up|end|"
            r"trust|move)|would be (?:so|better|easier|nice|less|more)|means i|"
            r"so (?:that )?i (?:could|can)|i wouldn'?t)\b"
        ),
    ),
)


def first_cue(t: str, cues: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[str, int] | None:
    """The subtype whose cue starts earliest in `t` (ties: the earlier cue), and where."""
    best: tuple[int, int, str] | None = None
    for order, (subtype, pattern) in enumerate(cues):
        match = pattern.search(t)
        if match and (best is None or (match.start(), order) < best[:2]):
            best = (match.start(), order, subtype)
    return (best[2], best[0]) if best else None


def change_subtype_cue(text: str) -> str | None:
    """DARN-C subtype whose first-person cue comes first in the statement.

    The earliest cue is usually the main clause ("I want to quit because…" is
    desire; "If I quit I'd have money" is reason). Only meaningful once the
    statement is known to be change talk: the same words voice sustain talk too.
    """
    cue = first_cue(normalize(text), _CHANGE_CUES)
    return cue[0] if cue else None


_OPENING = 12  # characters: room for "honestly", "i think", "yeah"
_HEDGED = re.compile(r"\b(?:not sure|don'?t think|no way|don'?t really|doubt)\b")
_NEUTRAL = re.compile(
    r"^(?:i don'?t know|idk|ok(?:ay)?|whatever|i guess|maybe|sure)\b[ ,.!]*\w{0,8}[.!]*$"
)


def client_rule(text: str) -> RuleHit | None:
    t = normalize(text)
    if not t:
        return None
    sustain = bool(_SUSTAIN.search(t))
    cue = first_cue(t, _CHANGE_CUES)
    # Ambivalence ("I want to quit but it's the only thing that helps") holds both
    # kinds of talk; which one dominates is a judgement left to the model.
    if sustain and cue:
        return None
    if sustain:
        return _hit("sustain", 0.9, "sustain_cue")
    # Only an opening first-person cue is trusted: later in the sentence "I can"
    # or "I want" is often the status quo talking ("It's my life, I can do what I
    # want"). Reasons cut both ways ("If I quit I'd lose my friends"), so a reason
    # cue alone never decides the label.
    if cue and cue[0] != "reason" and cue[1] <= _OPENING and not _HEDGED.search(t):
        return _hit("change", 0.88, f"{cue[0]}_cue", cue[0])
    if _NEUTRAL.match(t):
        return _hit("neutral", 0.85, "noncommittal")
    return None


__all__ = [
    "RuleHit",
    "change_subtype_cue",
    "client_rule",
    "normalize",
    "practitioner_rule",
    "reflection_subtype_cue",
]
