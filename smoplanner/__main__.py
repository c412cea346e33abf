"""Entry point: `smoplanner [PLAN]` opens the window, `smoplanner COMMAND …` runs the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from smoplanner.cli import COMMANDS

    if args and (args[0] in COMMANDS or args[0].startswith("-")):
        from smoplanner.cli import main as cli_main

        return cli_main(args)
    if len(args) > 1:
        print("usage: smoplanner [PLAN] | smoplanner COMMAND ... (see smoplanner --help)", file=sys.stderr)
        return 2
    from smoplanner.app import run

    return run(args[0] if args else None)


if __name__ == "__main__":
    sys.exit(main())
