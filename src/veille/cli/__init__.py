"""veille.cli."""
