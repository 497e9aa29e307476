"""``ethicsguide export SESSION``: the Markdown supervision record, to stdout or a file."""

from __future__ import annotations

import argparse
import sys

from ethicsguide.cli.common import data_dir, fail, library
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import LiveSession, resolve


def run(args: argparse.Namespace) -> int:
    lib = library(args)
    try:
        live = LiveSession.resume(resolve(data_dir(args), args.session), lib)
    except SessionFileError as exc:
        return fail(str(exc))
    for warning in live.read.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.output is None:
        from ethicsguide.engine.export import export_markdown

        sys.stdout.write(
            export_markdown(live.state, lib, redact=args.redact, altered_at=live.read.altered_at)
        )
        return 0
    from ethicsguide.storage.exports import write_export

    try:
        written = write_export(live, args.output, redact=args.redact)
    except SessionFileError as exc:
        return fail(str(exc))
    print(f"Wrote {written}")
    return 0
