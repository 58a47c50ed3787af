"""Rebound: the platform-agnostic core of the job-search peer-support bot."""
