"""``ethicsguide schema [tree|scenario|principles|sources]``: the JSON Schema of a file format."""

from __future__ import annotations

import argparse
import sys

from ethicsguide.engine.schema import schema_text


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text(args.kind))
    return 0
