"""Steps: current_session."""
