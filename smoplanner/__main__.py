"""Entry point: `smoplanner [--new-instance] [PLAN]` opens the window, `smoplanner COMMAND …` runs the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

USAGE = "usage: smoplanner [--new-instance] [PLAN] | smoplanner COMMAND ... (see smoplanner --help)"
NEW_INSTANCE = "--new-instance"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # A window of its own even when smoplanner already runs (otherwise PLAN goes to the running one).
    new_instance = NEW_INSTANCE in args
    if new_instance:
        args.remove(NEW_INSTANCE)
        if len(args) > 1 or (args and args[0].startswith("-")):
            print(USAGE, file=sys.stderr)
            return 2
    if args and not (len(args) == 1 and _is_path(args[0])):
        # Only here can it be a command: the window starts without loading the command line's parser.
        from smoplanner.cli import COMMANDS

        if not new_instance and (args[0] in COMMANDS or args[0].startswith("-")):
            from smoplanner.cli import main as cli_main

            return cli_main(args)
        if len(args) > 1 or not Path(args[0]).exists():
            # A mistyped command must not open a window that waits: say so, exit 2 like argparse.
            print(USAGE, file=sys.stderr)
            print(
                f"smoplanner: error: {args[0]!r} is neither a command ({', '.join(COMMANDS)}) nor a file",
                file=sys.stderr,
            )
            return 2
    from smoplanner.app import run

    return run(args[0] if args else None, new_instance=new_instance)


def _is_path(arg: str) -> bool:
    """True for an argument that can only be a file ("cafe.smoplan", "plans/cafe"), never a command name."""
    return not arg.startswith("-") and any(mark in arg for mark in (".", "/", os.sep))


if __name__ == "__main__":
    sys.exit(main())
