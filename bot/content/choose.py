"""Choose what to say: the tip that fits the moment, and varied lines.

Choices are deterministic given the member's history and the clock, so
tests can say exactly which tip a member sees.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.content.schema import Tip


@dataclass(frozen=True)
class Moment:
    """What we know about where a member is right now, as content tags.

    ``prefer_topics`` leads the choice when no topic was asked for;
    ``avoid`` drops tips (a member in distress gets no "keep applying" push);
    ``last_topic`` is the topic of the member's previous tip, so two tips in
    a row come from different topics when the moment allows it.
    """

    tags: frozenset[str] = frozenset()
    prefer_topics: tuple[str, ...] = ()
    avoid: frozenset[str] = field(default_factory=frozenset)
    last_topic: str | None = None


# Tags that describe what a member needs right now weigh more than the stage
# a tip was written for; a topic the moment leads with outweighs both.
NEEDS = frozenset({"fresh", "mood:low", "day-after", "before-interview", "silence"})
NEED_WEIGHT = 3
LEAD_BONUS = (5, 3, 1)
SAME_TOPIC_AGAIN = 4


def stable_hash(*parts: object) -> int:
    """A hash that is the same in every process (Python's hash() is salted)."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def pick(variants: Sequence[str], *seed: object) -> str:
    """Pick one of several phrasings, spread by a stable seed."""
    return variants[stable_hash(*seed) % len(variants)]


def rotate(variants: Sequence[str], counter: int, *seed: object) -> str:
    """Walk through phrasings in order from a member-specific start.

    With an increasing counter (a row id, a count of past events) the same
    line never comes twice in a row.
    """
    return variants[(stable_hash(*seed) + counter) % len(variants)]


def choose_tip(
    tips: Iterable[Tip], seen: set[str], topic: str | None, moment: Moment, seed: object
) -> tuple[Tip, bool]:
    """Return the best unseen tip for the moment, and whether the pool was used up.

    When every tip in scope has been seen the pool starts over (the caller
    clears that member's seen list for the topic). Ties are broken by a
    stable hash of the seed, so the same history and day give the same tip.
    """
    pool = [t for t in tips if (topic is None or t.topic == topic) and not (t.tags & moment.avoid)]
    fresh = [t for t in pool if t.id not in seen]
    exhausted = not fresh

    def score(tip: Tip) -> tuple[int, int]:
        matched = tip.tags & moment.tags
        fit = NEED_WEIGHT * len(matched & NEEDS) + len(matched - NEEDS)
        if topic is None and tip.topic in moment.prefer_topics[:len(LEAD_BONUS)]:
            fit += LEAD_BONUS[moment.prefer_topics.index(tip.topic)]
        if topic is None and tip.topic == moment.last_topic:
            fit -= SAME_TOPIC_AGAIN
        return fit, stable_hash(seed, tip.id) % 1000

    return max(fresh or pool, key=score), exhausted
