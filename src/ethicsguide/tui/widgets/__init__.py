"""Widgets the screens are built from; they post messages up and never call the engine."""
