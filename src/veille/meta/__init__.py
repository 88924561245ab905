"""veille.meta."""
