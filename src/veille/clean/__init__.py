"""veille.clean."""
