"""``ethicsguide debrief SESSION|DIR ...``: the group debrief of a training exercise."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ethicsguide.cli.common import data_dir, fail, library
from ethicsguide.engine.debrief import group_debrief
from ethicsguide.engine.session import SessionState
from ethicsguide.storage.exports import write_private
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import SUFFIX, load_state, resolve


def gather(refs: list[str], root: Path) -> tuple[list[SessionState], list[str]]:
    """Session states from ids, files and folders (folders gathered from several machines)."""
    states, problems = [], []
    for ref in refs:
        folder = Path(ref).expanduser()
        paths = sorted(folder.rglob(f"*{SUFFIX}")) if folder.is_dir() else None
        try:
            paths = paths if paths is not None else [resolve(root, ref)]
        except SessionFileError as exc:
            problems.append(str(exc))
            continue
        for path in paths:
            try:
                state, read = load_state(path)
            except SessionFileError as exc:
                problems.append(str(exc))
                continue
            problems.extend(f"{path.name}: {w}" for w in read.warnings)
            states.append(state)
    return states, problems


def run(args: argparse.Namespace) -> int:
    lib = library(args)
    states, problems = gather(args.sessions, data_dir(args))
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    scenario_id = args.scenario or _only_scenario(states)
    if scenario_id is None:
        return fail(
            "the sessions come from several exercises (or none); name one with --scenario S"
        )
    entry = lib.scenarios.get(scenario_id)
    if entry is None:
        return fail(f"no scenario `{scenario_id}`; `ethicsguide scenarios` lists them")
    text = group_debrief(states, entry.scenario, lib, quotes=args.quotes)
    if args.output is None:
        sys.stdout.write(text)
        return 0

    try:
        written = write_private(args.output, text, refuse=(data_dir(args),))
    except SessionFileError as exc:
        return fail(str(exc))
    print(f"Wrote {written}")
    return 0


def _only_scenario(states: list[SessionState]) -> str | None:
    ids = {s.scenario for s in states if s.scenario}
    return ids.pop() if len(ids) == 1 else None
