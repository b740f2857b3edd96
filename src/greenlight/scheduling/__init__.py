"""Scheduling: the cast-order optimiser, the constrained shooting schedule, the stripboard,
day out of days, call sheets and calendar feeds."""
