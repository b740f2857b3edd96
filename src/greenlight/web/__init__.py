"""Shared web layer: base templates, static files, template tags, model-validation glue."""
