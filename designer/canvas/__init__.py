"""The Qt node-graph canvas: a view of the Document, never its owner."""
