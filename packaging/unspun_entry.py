"""The desktop bundle's program: the same as the ``unspun`` command (PyInstaller starts here)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
