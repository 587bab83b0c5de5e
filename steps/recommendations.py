"""Steps: recommendations."""
