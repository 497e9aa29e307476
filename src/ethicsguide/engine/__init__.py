"""The pure engine: tree models, loading, graph checks, sessions and export (no Textual)."""
