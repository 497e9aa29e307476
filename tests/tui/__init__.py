"""Tests of the Textual app: Pilot (behaviour), snapshots (appearance), tmux (a real terminal)."""
