"""Choosing a tip: what the moment holds back, the last topic, and when the pool is used up."""

from bot.content.choose import Moment, choose_tip
from bot.content.library import load_library

LIBRARY = load_library()


def test_a_tip_avoids_what_the_moment_holds_back_and_the_last_topic():
    moment = Moment(frozenset({"fresh", "mood:low"}), ("wellbeing", "mindset"),
                    frozenset({"keep-applying"}), last_topic="wellbeing")
    tip, used_up = choose_tip(LIBRARY.tips, set(), None, moment, 1)
    assert tip.topic == "mindset" and not used_up
    assert "keep-applying" not in tip.tags
    everything = {t.id for t in LIBRARY.tips}
    _, used_up = choose_tip(LIBRARY.tips, everything, "momentum", Moment(), 1)
    assert used_up
