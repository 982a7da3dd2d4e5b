"""Running journeys: the shared interpreter, the durable SQLite engine, the dry-run
simulator, channels and contacts. No Qt here."""
