"""veille.serve."""
