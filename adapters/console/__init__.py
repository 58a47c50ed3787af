"""A terminal community: try every Rebound command with no token."""
