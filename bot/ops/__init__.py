"""Running Rebound for real: start-up, shutdown, health, backups and housekeeping."""
