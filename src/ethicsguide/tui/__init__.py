"""The Textual app: home, walkthrough, outcome and session screens over the engine."""
