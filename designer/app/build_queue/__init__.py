"""The build queue table (rank, classify, size experiments) and the blueprint overview page."""
