"""Scheduling: shooting order and cast costs (exact talent scheduling for now), pure rules."""
