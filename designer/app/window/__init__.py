"""The main window: its menus and actions, pages, docks, workflow tabs, stage strip and status bar."""
