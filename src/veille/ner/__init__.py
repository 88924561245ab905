"""veille.ner."""
