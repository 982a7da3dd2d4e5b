"""Side panels: the palette of step kinds and the problems list."""
