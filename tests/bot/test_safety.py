"""The crisis check: direct and indirect phrasings match, everyday job-search talk does not."""

from __future__ import annotations

import pytest

from bot.safety import is_crisis, normalise

CRISIS = [
    "I want to kill myself",
    "i want to die",
    "i wanna die",
    "I WANT TO DIE",
    "honestly i just want to dieee",
    "I'm thinking about suicide",
    "feeling suicidal tonight after the final round",
    "im so sucidal right now",
    "been having suicdal thoughts",
    "I don't want to live anymore",
    "i dont want to be alive anymore",
    "I do not want to exist",
    "I want to end it all",
    "thinking of ending my life",
    "after this rejection i just want to end my life",
    "I'd be better off dead",
    "everyone would be better off without me",
    "there's no reason to live",
    "I have nothing left to live for",
    "what's the point of living",
    "i dont see the point in living any more",
    "I can't go on anymore",
    "I can’t take it anymore",
    "i cant do this anymore.",
    "I keep hurting myself",
    "I've been self harming again",
    "I cut myself last night",
    "I want to overdose",
    "thinking of taking all my pills",
    "I want to jump off a bridge",
    "I wish I was dead",
    "I wish I'd never been born",
    "I just want to disappear forever",
    "nobody would miss me",
    "no one would even notice if I was gone",
    "I don't want to wake up tomorrow",
    "I want to go to sleep and never wake up",
    "ugh kms",
    "kil myself",
    "kill my self",
    "k1ll myself",
    "killmyself",
    "I want to unalive myself",
    "life isn't worth living",
    "life feels pointless",
    "I'm tired of living",
    "I'm done with life",
    "I want to hang myself",
    "I'm planning to end things for good",
    "I want to stop existing",
    "I've been thinking about killing myself",
    "I'm going to take my own life",
    "I feel like a burden to everyone",
    "I've given up on life",
    "I won't be around much longer",
    "I see no way out.",
    "I just want to end it.",
    "i wnat 2 d1e",
    "I\u200b want to die",
    "Ｉ want to die",
]

EVERYDAY = [
    "this rejection killed my motivation",
    "I want to kill this interview",
    "I'm dying to hear back",
    "I'm dying to know what they thought of my portfolio",
    "I killed it in the final round",
    "killing it at interviews lately",
    "the waiting is killing me",
    "this commute would kill me",
    "applying there would be career suicide",
    "turning down the offer felt like professional suicide",
    "I need to cut myself some slack this week",
    "I cut myself off from LinkedIn for a week",
    "I'd kill for a job at that company",
    "my CV is dead on arrival at big firms",
    "the hiring freeze killed the role",
    "the deadline is killing me",
    "this job board is a dead end",
    "I'm dead tired after three interviews",
    "I nearly died when the recruiter called back",
    "my laptop died during the video call",
    "I want to end the call on a strong note",
    "I'm ending my contract next month",
    "I overdosed on coffee before the interview",
    "I hurt my chances by rambling",
    "I'm tired of job hunting",
    "I give up on that company, moving on",
    "there's no point applying there again",
    "what's the point of a cover letter nobody reads",
    "I can't go on another unpaid trial day",
    "I can't go on holiday until I find work",
    "I would die of embarrassment if they saw my old portfolio",
    "I don't want to live in London for this job",
    "I don't want to live with my parents forever",
    "I'm dead set on this company",
    "I shot myself in the foot by not asking questions",
    "I've been killing myself over these applications",
    "I'm burning myself out with cover letters",
    "my phone is about to die, call me later",
    "I'm thinking about dying my hair before the interview",
    "I'd rather die on this hill than take a lowball offer",
    "I can't do this job anymore, I need a new one",
    "I don't want to be here in five years",
    "I don't want to wake up early for that commute",
    "the office is 30 kms away",
    "I'm so tired of life admin and cover letters",
    "take my life back from the job boards",
    "I want to disappear from LinkedIn for a while",
    "suck it up and send the follow-up",
    "I'm going to dye my hair before the panel",
    "I nearly killed myself laughing at the interview question",
    "this rejection hurts so much",
    "I feel worthless after that interview",
    "I hate job hunting",
    "I'm never going to get a job at this rate",
    "that succeeded, I got a second interview",
]


@pytest.mark.parametrize("text", CRISIS)
def test_crisis_language_is_noticed(text):
    assert is_crisis(text)


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_job_search_talk_is_left_alone(text):
    assert not is_crisis(text)


def test_the_lists_are_long_enough_to_mean_something():
    assert len(set(CRISIS)) >= 40 and len(set(EVERYDAY)) >= 40


def test_an_idiom_does_not_hide_crisis_language_next_to_it():
    assert is_crisis("I cut myself some slack today but honestly I want to die")
    assert is_crisis("career suicide aside, I keep thinking about suicide")


def test_normalising_undoes_typing_habits():
    assert normalise("I CAN’T   take it!!!") == "i cant take it ."
    assert normalise("sooooo tired") == "so tired"
    assert normalise("k1ll") == "kill"
