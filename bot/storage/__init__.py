"""SQLite storage: one writer path, numbered migrations, online backups."""
