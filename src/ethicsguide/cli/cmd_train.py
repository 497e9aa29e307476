"""``ethicsguide train [SCENARIO]``: the app in trainer mode, on the exercises or one briefing."""

from __future__ import annotations

import argparse
import difflib

from ethicsguide.cli.common import data_dir, extra_roots, fail, library
from ethicsguide.engine.library import Library
from ethicsguide.engine.loader import display_path
from ethicsguide.engine.problems import sort_problems
from ethicsguide.storage.paths import ensure_private_dir, sessions_dir


def run(args: argparse.Namespace) -> int:
    lib = library(args)
    scenario = getattr(args, "scenario", None)
    if scenario is not None:
        problem = _unusable(lib, scenario)
        if problem:
            return fail(problem)
    root = data_dir(args)
    try:
        ensure_private_dir(sessions_dir(root))
    except OSError as exc:
        return fail(f"cannot save sessions in {sessions_dir(root)}: {exc.strerror or exc}")
    # lazy: Textual (~150 ms) only once the arguments are known good; errors print without it
    from ethicsguide.cli.cmd_home import run_app
    from ethicsguide.tui.app import make_app

    return run_app(
        make_app(
            data_dir=root,
            library=lib,
            extra_roots=extra_roots(args),
            train=True,
            scenario=scenario,
        )
    )


def _unusable(lib: Library, scenario_id: str) -> str | None:
    """Why ``scenario_id`` cannot be run (one line, ``file:line`` where a file is at fault)."""
    entry = lib.scenarios.get(scenario_id)
    if entry is None:
        own = sort_problems(
            p for p in lib.errors if p.file.replace("\\", "/").endswith(f"/{scenario_id}.yaml")
        )
        if own:
            return (
                f"{own[0].render()} — the scenario `{scenario_id}` has {len(own)} error(s); "
                "`ethicsguide validate` lists them"
            )

        close = difflib.get_close_matches(scenario_id, list(lib.scenarios), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return f"no scenario `{scenario_id}`{hint} (`ethicsguide scenarios` lists them)"
    tree = lib.get(entry.scenario.tree)
    if tree is None:
        return (
            f"the guide `{entry.scenario.tree}` of scenario `{scenario_id}` is not in the library"
        )
    errors = sort_problems(p for p in lib.errors if p.file == display_path(tree.path))
    if errors:
        return (
            f"{errors[0].render()} — the guide `{tree.id}` that scenario `{scenario_id}` runs on "
            f"has {len(errors)} error(s); `ethicsguide validate` lists them"
        )
    return None
