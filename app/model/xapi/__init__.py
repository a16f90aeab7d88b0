"""xAPI statements: one typed statement (``statement.py``) and the reader that checks results files (``read.py``)."""
