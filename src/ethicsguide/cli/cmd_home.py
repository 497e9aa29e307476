"""``ethicsguide`` with no command: the app on its home screen."""

from __future__ import annotations

import argparse

# Not via cli.common: the home screen draws before the engine (pydantic, networkx) is
# loaded; the app loads the library in a worker.
from ethicsguide.storage.paths import data_dir
from ethicsguide.tui.app import EthicsGuideApp, make_app


def run(args: argparse.Namespace) -> int:
    roots = list(getattr(args, "trees", None) or [])
    return run_app(make_app(data_dir=data_dir(getattr(args, "data_dir", None)), extra_roots=roots))


def run_app(app: EthicsGuideApp) -> int:
    """Run the app; afterwards say which session was saved and how to carry on."""
    session_id = app.run()
    # lazy: the app and its modules are loaded by now; this only waits for a thread
    from ethicsguide.tui.resume_later import finish_remembering

    finish_remembering()
    if app.return_code:
        return app.return_code
    if session_id:
        print(f"Session {session_id} is saved. Carry on with: ethicsguide resume {session_id}")
    return 0
