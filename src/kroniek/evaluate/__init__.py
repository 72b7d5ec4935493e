"""Scorers against gold data; each returns a JSON-able dict and printable rows."""
