"""Greenlight: open, self-hosted production management for film, TV and game productions."""

__version__ = "0.1.0"
