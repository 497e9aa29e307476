"""Modal dialogs that return a typed result through ``dismiss``."""
