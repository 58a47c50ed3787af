"""Rebound on Slack: one `/rebound` command, Block Kit replies, modals and an App Home."""
