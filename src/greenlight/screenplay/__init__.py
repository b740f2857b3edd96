"""Screenplays: Fountain and Final Draft import, layout in eighths, breakdown, revisions, lint."""
