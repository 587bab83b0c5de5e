"""Steps: other_sessions."""
