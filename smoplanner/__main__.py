"""Entry point: `smoplanner [PLAN]` opens the window, `smoplanner COMMAND …` runs the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not (len(args) == 1 and _is_path(args[0])):
        # Only here can it be a command: the window starts without loading the command line's parser.
        from smoplanner.cli import COMMANDS

        if args[0] in COMMANDS or args[0].startswith("-"):
            from smoplanner.cli import main as cli_main

            return cli_main(args)
        if len(args) > 1:
            print("usage: smoplanner [PLAN] | smoplanner COMMAND ... (see smoplanner --help)", file=sys.stderr)
            return 2
    from smoplanner.app import run

    return run(args[0] if args else None)


def _is_path(arg: str) -> bool:
    """True for an argument that can only be a file ("cafe.smoplan", "plans/cafe"), never a command name."""
    return not arg.startswith("-") and any(mark in arg for mark in (".", "/", os.sep))


if __name__ == "__main__":
    sys.exit(main())
