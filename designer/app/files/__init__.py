"""Files: open, save and revert, autosave with crash recovery, image and JSON export."""
