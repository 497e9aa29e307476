"""Allow ``python -m ethicsguide``."""

from ethicsguide.cli import run

run()
