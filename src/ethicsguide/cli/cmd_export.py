"""``ethicsguide export SESSION``: the Markdown supervision record, to stdout or a file."""

from __future__ import annotations

import argparse
import sys

from ethicsguide.cli.common import data_dir, fail, library
from ethicsguide.storage.exports import export_text, write_export
from ethicsguide.storage.sessionlog import SessionFileError
from ethicsguide.storage.sessions import LiveSession, resolve


def run(args: argparse.Namespace) -> int:
    lib = library(args)
    try:
        path = resolve(data_dir(args), args.session)
        # reading never writes: only a written file is noted in the session, which needs its lock
        live = (LiveSession.view if args.output is None else LiveSession.resume)(path, lib)
    except SessionFileError as exc:
        return fail(str(exc))
    for warning in live.read.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(export_text(live, redact=args.redact))
        return 0
    try:
        written = write_export(live, args.output, redact=args.redact)
    except SessionFileError as exc:
        return fail(str(exc))
    finally:
        live.close()
    print(f"Wrote {written}")
    if live.log.reason and live.read.altered_at is None:
        print(f"note: the export is not noted in the session: {live.log.reason}", file=sys.stderr)
    return 0
