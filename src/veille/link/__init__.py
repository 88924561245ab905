"""veille.link."""
