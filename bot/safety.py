"""Notice crisis language in anything a member writes.

The check runs before any handler, on every free-text field. It looks for
direct and indirect phrasings of self-harm or not wanting to live, and it
deliberately ignores the job-search idioms people use every day ("this
rejection killed my motivation", "I'm dying to hear back").
"""

from __future__ import annotations

import re

_SELF = r"(?:my ?self|me|my life)"
_PATTERNS = [
    rf"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting)\s+{_SELF}\b",
    r"\bsuicid\w*|\bsuicdal\b|\bsucide\w*",
    r"\bend(?:ing)?\s+(?:it\s+all|my\s+life|things\s+for\s+good)\b",
    r"\b(?:want|wanna|wish|going)\s+(?:to\s+)?(?:die|be\s+dead|disappear\s+for\s+good)\b",
    r"\b(?:don'?t|do\s+not|dont)\s+want\s+to\s+(?:live|be\s+alive|be\s+here\s+anymore|wake\s+up)\b",
    r"\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going\s+on|being\s+alive)\b",
    r"\b(?:better\s+off|be\s+better)\s+(?:dead|without\s+me)\b",
    r"\bcan'?t\s+(?:go\s+on|keep\s+going)\s+(?:anymore|any\s+more|like\s+this)\b",
    r"\b(?:self[-\s]?harm|overdose|od'?ing)\b",
    r"\bnot\s+(?:worth|want)\s+(?:living|being\s+alive)\b",
    r"\btake\s+my\s+(?:own\s+)?life\b",
    r"\bwant\s+it\s+(?:all\s+)?to\s+(?:end|stop)\s+for\s+good\b",
]
_CRISIS = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def is_crisis(text: str) -> bool:
    """Whether text contains language that calls for care before anything else."""
    normalised = " ".join(text.replace("’", "'").split())
    return bool(_CRISIS.search(normalised))
