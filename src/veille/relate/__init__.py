"""veille.relate."""
