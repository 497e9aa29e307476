"""ethicsguide: ethical decision guides for anti-trafficking caseworkers."""

# A constant, not importlib.metadata: reading package metadata costs ~20 ms at every start.
__version__ = "0.1.0"
