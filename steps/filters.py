"""Steps: filters."""
