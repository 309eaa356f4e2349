"""Fixes: what the checker knows how to mend, planned for a whole report and made in a copy of it.

``plan`` turns findings with a ``fix`` into non-overlapping edits (safe ones; suggestions only when asked),
``text`` makes them in a text report (and prints the diff), ``docx`` writes them into a Word report as
tracked changes with comments, and ``fixer`` runs the whole loop for one file and checks the copy again.
"""
