"""Running journeys: the shared interpreter, the durable SQLite engine, the dry-run
simulator (:mod:`designer.runtime.dryrun`), channels and contacts. No Qt here."""
