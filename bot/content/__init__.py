"""Everything Rebound says: loaded from YAML, validated once, chosen to fit the moment."""
