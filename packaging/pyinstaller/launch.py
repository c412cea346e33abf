"""The bundled program's entry point: the same `smoplanner` as the installed script (window and command line)."""

import sys

from smoplanner.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
