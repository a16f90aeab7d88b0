"""``python -m app``: the same as the ``unspun`` command."""

import sys

from app.cli import main

sys.exit(main())
