"""Unspun: start the application, or run a command (``python main.py validate PACK``)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
