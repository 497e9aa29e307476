"""Why a scenario cannot be run, in one line a trainer can act on (``file:line`` where a file
is at fault); shared by ``train``, ``chat --scenario`` and the classroom server."""

from __future__ import annotations

import difflib

from ethicsguide.engine.library import Library
from ethicsguide.engine.loader import display_path
from ethicsguide.engine.problems import sort_problems
from ethicsguide.engine.wording import counted


def scenario_problem(lib: Library, scenario_id: str) -> str | None:
    """Why ``scenario_id`` cannot be run (one line, ``file:line`` where a file is at fault)."""
    entry = lib.scenarios.get(scenario_id)
    if entry is None:
        own = sort_problems(
            p for p in lib.errors if p.file.replace("\\", "/").endswith(f"/{scenario_id}.yaml")
        )
        if own:
            return (
                f"{own[0].render()} — the scenario `{scenario_id}` has {counted(len(own), 'error')}; "
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
            f"has {counted(len(errors), 'error')}; `ethicsguide validate` lists them"
        )
    return None
