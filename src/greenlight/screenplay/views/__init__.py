"""The screenplay pages, split by noun: scripts, drafts, scenes, breakdown sheets."""
