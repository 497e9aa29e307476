"""``ethicsguide train [SCENARIO]``: the app in trainer mode, on the exercises or one briefing.

Sessions go to the training folder (``<data>/training`` or ``--data-dir``), never casework's.
"""

from __future__ import annotations

import argparse

from ethicsguide.cli.cmd_serve import training_folder
from ethicsguide.cli.common import extra_roots, fail, library
from ethicsguide.engine.scenario_problem import scenario_problem
from ethicsguide.storage.paths import ensure_private_dir, sessions_dir


def run(args: argparse.Namespace) -> int:
    root = training_folder(args)
    if isinstance(root, str):
        return fail(root, 2)
    lib = library(args)
    scenario = getattr(args, "scenario", None)
    if scenario is not None:
        problem = scenario_problem(lib, scenario)
        if problem:
            return fail(problem)
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
