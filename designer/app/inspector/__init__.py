"""The inspector: a settings form generated from each kind's model, and the workflow page."""
