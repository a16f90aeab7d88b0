"""Question banks in and out: Moodle XML and GIFT (``docs/question-banks.md``).

``bank`` holds what both formats share: which pack questions a bank can hold, how a module and
lesson become a category, how a judge item is written as text, the import result, and the writer
that turns imported questions into a pack folder that validates. ``moodle_xml`` and ``gift`` are
the two formats, each a writer and a reader.
"""
