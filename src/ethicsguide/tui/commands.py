"""Command palette: every action of the current screen with its key, plus guides to open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

Command = tuple[str, str, Callable[[], Any]]


class GuideCommands(Provider):
    """Commands that make sense on the calling screen now (disabled ones are left out)."""

    def screen_commands(self) -> Iterator[Command]:
        """One command per enabled binding of the screen; the help text names the key."""
        seen: dict[str, list[str]] = {}
        found: dict[str, tuple[str, Callable[[], Any], str]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not active.enabled or not binding.id or binding.system:
                continue  # only the app's own actions (they all have stable ids)
            action = binding.action
            if action.startswith("choose("):
                if action != "choose(0)":
                    continue
                title, display = "Choose an option", "1–9"
            else:
                title, display = (
                    binding.description,
                    self.app.get_key_display(replace(binding, key_display=None)),
                )
            seen.setdefault(action, []).append(display)
            found[action] = (
                title,
                partial(self.app.run_action, action, active.node),
                binding.tooltip,
            )
        for action, (title, callback, tooltip) in found.items():
            keys = " or ".join(dict.fromkeys(seen[action]))
            yield title, f"key: {keys}" + (f" · {tooltip}" if tooltip else ""), callback

    def app_commands(self) -> Iterator[Command]:
        app: Any = self.app
        yield "Home", "Back to the home screen (everything is saved)", app.go_home
        yield "Sessions", "Every saved session: resume, review, export, delete", app.open_sessions
        yield (
            "Training exercises",
            "Trainer mode: pick a scenario, read its vignette, run it or open the facilitator's view",
            app.open_training,
        )
        yield (
            "High contrast on/off",
            "key: ctrl+t · a black-and-white theme",
            app.action_toggle_high_contrast,
        )
        library = app.context.loaded
        if library is not None:
            for entry in sorted(library.trees.values(), key=lambda e: e.tree.title):
                yield (
                    f"Open guide: {entry.tree.title}",
                    entry.tree.summary,
                    partial(app.start_walkthrough, entry.id, ""),
                )

    def commands(self) -> list[Command]:
        return [*self.screen_commands(), *self.app_commands()]

    async def discover(self) -> Hits:
        for title, help_text, callback in self.screen_commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
