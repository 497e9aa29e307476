"""The library's areas: their ids (the tree files' `domain`), order and display names.

Kept free of heavy imports: the home screen reads the names before the library loads.
"""

from __future__ import annotations

from typing import Literal, get_args

Domain = Literal[
    "reporting", "service-provision", "safety-planning", "sensitive-information", "general"
]
DOMAINS: tuple[str, ...] = get_args(Domain)  # in the order the library lists them
DOMAIN_NAMES: dict[str, str] = {
    "reporting": "Reporting",
    "service-provision": "Service provision",
    "safety-planning": "Safety planning",
    "sensitive-information": "Sensitive information",
    "general": "General",
}
assert tuple(DOMAIN_NAMES) == DOMAINS, "every domain needs a display name, in library order"
