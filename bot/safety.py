"""Notice crisis language in anything a member writes.

The check runs before any handler, on every free-text field. Text is first
normalised (lower case, no apostrophes, common typos, look-alike digits,
stretched letters), then the job-search idioms people use every day are
blanked out ("this rejection killed my motivation", "career suicide",
"cut myself some slack", "I'm dying to hear back"), and only then is it
searched for direct and indirect phrasings of self-harm or not wanting to
live. A false alarm costs a member one gentle message and a button to save
their words anyway; a miss costs far more, so doubtful phrasings match.
"""

from __future__ import annotations

import re
import unicodedata

_SELF = r"(?:my ?s[ea]?l+f|my ?slef|my ?selv|mself|myslf)"
_KILL_VERBS = (
    r"ki+l+|ki+l+ing|ki+l+ed|end|ending|off|offing|top|topping|hang|hanging|hung|shoot|"
    r"shooting|shot|drown|drowning|poison|poisoning|unalive|unaliving|hurt|hurting|harm|"
    r"harming|cut|cutting|burn|burning|starve|starving"
)
_WANT = r"(?:want|need|wish|plan|planning|ready|decided|trying)(?: to)?"
_END = r"(?= *(?:\.|$))"
_LATER = r"(?= *(?:any ?more|no more|much longer|like this|\.|$))"

# Phrases that look alarming but are everyday talk; blanked before the search.
_IDIOMS = [
    r"\b(?:career|professional|political|social|commercial|financial|corporate|reputational) suicide",
    r"\bcut(?:ting)? (?:myself|me) (?:some |a bit of |a little |a lot of )?slack",
    r"\bcut(?:ting)? myself off",
    r"\bsh(?:oo|o)t(?:ing)? myself in the foot",
    r"\b(?:im|am|been|was|keep|stop) ki+l+ing myself (?:over|with|trying|to get|for|on|working|at)\b",
    r"\bburn(?:ing|ed|t)? myself out",
    r"\bki+l+(?:ed|ing)? myself laughing",
    r"\bdying my (?:hair|beard|clothes|shoes)",
    r"\b(?:\d+|a few|few|many|some|several|hundred|thousand) kms\b",
    r"\bkms (?:away|from|to|of|each|per|a day|commute|drive|round)\b",
    r"\b(?:die|died|dying) (?:of|from) (?:embarrassment|boredom|shame|cringe|laughter|laughing|nerves|"
    r"curiosity|suspense|excitement|jealousy|envy|happiness|anticipation)",
    r"\b(?:die|dying) on (?:this|that|the|a) hill",
    r"\bdying (?:to|for)\b",
    r"\b(?:die|died) for (?!real\b|good\b)",
    r"\bdie laughing",
    r"\boverdos\w* on (?:coffee|caffeine|tea|sugar|energy drinks?|linkedin|job boards?|applications?|"
    r"interviews?|advice|podcasts?|content|news|information|cover letters?|youtube|prep)",
    r"\b(?:tired|sick|done) (?:of|with) life (?:admin|coach\w*|hacks?|advice)",
    r"\btak(?:e|ing) my life (?:back|in|into|forward)",
    r"\bdont want to live (?:in|with|at|near|on|there|abroad|somewhere|close|far|out|by|off)\b",
    r"\bdont want to be here (?:in|at|for|when|until|past|next)\b",
    r"\bdont want to wake up (?:early|at|so|for|before|to)\b",
    r"\bnever wake up (?:on time|early|before|in time|at)\b",
]

_PHRASES = [
    # Direct: killing, hurting or ending oneself.
    rf"\b(?:{_KILL_VERBS})\s*{_SELF}\b",
    r"\bkms\b",
    r"\bdo myself in\b",
    r"\bs(?:ui|iu|u|ue)[cs]{1,2}i?d(?:e|es|al|ial|ed|ing)?\b",
    r"\bunaliv\w*",
    r"\bself ?harm\w*",
    r"\boverdos(?:e|ed|es|ing)\b",
    r"\b(?:take|taking|took|swallow\w*|down|downing) (?:all|a bottle of|a bunch of|a handful of|"
    r"the whole bottle of) (?:of )?(?:my |the |those |these )?(?:pills|meds|medication|tablets|"
    r"painkillers|sleeping pills)\b",
    r"\b(?:take|taking|took|end|ending|ended) my (?:own )?life\b",
    r"\b(?:jump|jumping|throw|throwing) (?:myself )?(?:off|from|in front of) (?:a |the |my )?"
    r"(?:bridge|roof|building|cliff|balcony|train|bus|car|truck|window|tower|ledge|overpass)\b",
    r"\bslit(?:ting)? my (?:wrists?|throat)\b",
    r"\b(?:gun|knife|blade) to my (?:head|throat|wrists?)\b",
    r"\bblow my brains out\b",
    r"\bnoose\b",
    # Wanting to die, to stop existing, or to end it.
    rf"\b{_WANT} (?:just |really |simply |honestly )?(?:die|be dead|drop dead|not exist|stop existing|"
    r"not be alive|disappear (?:forever|for good|permanently)|sleep forever|end it all)\b",
    rf"\b{_WANT} (?:just |really |simply )?end it{_END}",
    r"\bend(?:ing)? (?:it|everything) (?:all|tonight|today|now|for good|forever)\b",
    r"\bend(?:ing)? it all\b",
    r"\bend(?:ing)? things for good\b",
    r"\bdont (?:even )?(?:want|wish) to (?:live|be alive|exist|be here|wake up|be around|keep living|"
    r"carry on living)\b",
    r"\bdont want to go on" + _LATER,
    r"\bwish (?:i|id) (?:was |were |had )?(?:dead|never been born|not been born|never existed)\b",
    r"\bwish (?:i|id) (?:could|would) (?:just )?(?:die|disappear forever|not wake up|never wake up|"
    r"stop existing|go to sleep (?:and|forever))",
    r"\bwish (?:i|id) (?:wasnt|werent|didnt) (?:alive|here|born|exist|wake up)\b",
    r"\brather be dead\b",
    r"\bsleep and (?:never|not) wake up\b",
    r"\bnever wake up again\b",
    r"\b(?:hope|pray) (?:i|that i) (?:dont|never) wake up\b",
    # No reason to live; others better off; can't go on.
    r"\b(?:no|nothing|not any) (?:reason|point|purpose)s? (?:to|in|for|of) (?:live|living|life|going on|"
    r"being alive|being here|existing|carrying on)\b",
    r"\bnothing (?:left )?to live for\b",
    r"\bpoint (?:in|of) (?:living|being alive|existing|going on living|carrying on living)\b",
    r"\b(?:whats|what is) the point (?:of|in) (?:life|going on|carrying on|anything any ?more)\b",
    r"\bnot worth living\b",
    r"\blife (?:is|feels|seems) (?:so )?(?:pointless|meaningless|worthless|not worth (?:it|living))\b",
    r"\blife isnt worth (?:it|living)\b|\bisnt worth living\b",
    r"\bbetter off (?:dead|without me|if i (?:was|were|wasnt|werent) (?:gone|dead|here|around|alive))\b",
    r"\bbe better (?:off )?without me\b",
    r"\b(?:nobody|no one|noone) (?:would|will|d) (?:even |really )?(?:miss|notice) me\b",
    r"\b(?:nobody|no one|noone) (?:would|will|d) (?:even |really )?(?:miss|notice|care)\b.{0,30}"
    r"\b(?:gone|dead|died|disappeared|not here|wasnt here|werent here)\b",
    r"\bburden (?:to|on) (?:everyone|everybody|my family|the people i love)\b",
    r"\bcant (?:go on|keep going|carry on|take (?:it|this)|do (?:this|it|life)|live like this|cope|"
    r"bear (?:it|this|living))" + _LATER,
    r"\b(?:tired|sick|done|finished) (?:of|with) (?:living|life|being alive|existing)\b",
    r"\bgiv(?:e|ing|en)? up on (?:life|living)\b|\bgave up on (?:life|living)\b",
    r"\b(?:wont|will not) be (?:here|around) (?:much longer|for much longer|any ?more)\b",
    r"\b(?:see|is|theres|have|got) no way out(?= *(?:\.|$|but|except|any ?more|left))",
    r"\bgoodbye (?:forever|cruel world)\b",
    r"\b(?:thinking|thought|think|thoughts) (?:about|of) (?:ending (?:it|things|my life|everything)(?! with)|"
    r"dying|not being (?:here|around|alive)|killing myself)",
]

_APOSTROPHES = str.maketrans("", "", "'’‘`´ʼ")
_LOOKALIKE = {"1": "i", "!": "i", "|": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s"}
_LEET = re.compile(r"(?<=[a-z])[1!|304@$](?=[a-z])|\$(?=[a-z])")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_CONTRACTIONS = [
    (re.compile(r"\b2\b"), "to"),
    (re.compile(r"\bcan ?not\b"), "cant"), (re.compile(r"\bdo not\b"), "dont"),
    (re.compile(r"\bi am\b"), "im"), (re.compile(r"\bwill not\b"), "wont"),
    (re.compile(r"\bis not\b"), "isnt"), (re.compile(r"\bwas not\b"), "wasnt"),
    (re.compile(r"\bwere not\b"), "werent"), (re.compile(r"\bdid not\b"), "didnt"),
    (re.compile(r"\bwhat s\b"), "whats"), (re.compile(r"\bthere is\b"), "theres"),
    (re.compile(r"\b(?:wanna|wana|wnat|wamt|wan)\b(?: to)?"), "want to"),
    (re.compile(r"\bgonna\b"), "going to"),
]
_SENTENCE_END = re.compile(r"[.!?;:…]+")
_OTHER = re.compile(r"[^a-z0-9. ]+")
_IDIOM = re.compile("|".join(f"(?:{p})" for p in _IDIOMS))
_CRISIS = re.compile("|".join(f"(?:{p})" for p in _PHRASES))


def normalise(text: str) -> str:
    """Bring text to one plain lower-case spelling so variants meet the same patterns."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf").lower()
    text = text.translate(_APOSTROPHES)
    text = _LEET.sub(lambda m: _LOOKALIKE[m.group(0)], text)
    text = _STRETCHED.sub(r"\1", text)
    text = _SENTENCE_END.sub(" . ", text)
    text = " ".join(_OTHER.sub(" ", text).split())
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def is_crisis(text: str) -> bool:
    """Whether text contains language that calls for care before anything else."""
    plain = _IDIOM.sub(" ", normalise(text))
    return bool(_CRISIS.search(plain))
