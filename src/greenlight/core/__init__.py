"""Pure shared kernel: errors, money. No Django here (import-linter enforces it)."""
