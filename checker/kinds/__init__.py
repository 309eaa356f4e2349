"""Rule kinds: one registry of the classes a rule file chooses with ``kind:``, in two tiers.

**Generic kinds** are mechanisms, as Vale's kinds are: what they look for is data in the rule's
``params`` (regexes, labels, table keys, expressions), so a new rule of this tier is a YAML file and
no Python. **Rule-specific kinds** hold one rule's logic in Python (a check too particular for data:
the order of the format's parts, the style of heading numbers, a statutory deadline); a new rule of
that kind is a new kind.

A generic kind is one module named after it (``prose-vs-table`` → ``prose_vs_table.py``) holding one
class. The rule-specific kinds of one category of rules (the first letter of their codes) share the module
of that category, one class a kind: ``period.py`` (P), ``contacts.py`` (C), ``structure.py`` (S),
``numbering.py`` (N), ``tables.py`` (T), ``years.py`` (Y), ``meta.py`` (X). Most are a few lines, and each
module imported costs a cold check ~0.4 M instructions whatever it holds: 32 modules of their own were 3 %
of it. Every kind has ``rules/schema/kinds/<name>.json`` for its params. Modules whose name starts with
``_`` are helpers several kinds share; ``base.py`` holds the base class. A kind checks one thing: it never
switches on a parameter to do another check.
"""

from checker.lazy import LazyRegistry

# The one registry: a new kind is a class (a generic one in a module of its own, a rule-specific one in its
# category's module), one line here (in its tier), and rules/schema/kinds/<name>.json. Kind name → its module
# and class; a module is imported when a rule of one of its kinds first runs, so a report does not pay for
# the kinds of rules that do not apply to it.
_CLASSES = {
    # --- generic: a YAML-only rule can use these
    "pattern": "pattern.PatternKind",                                 # generic: regexes over the text (A001–A003, F001, S008)
    "required-text": "required_text.RequiredTextKind",                # generic: each labelled matter is stated (S004, S007, S009)
    "identity": "identity.IdentityKind",                              # generic: an identity between a table's cells (T010–T013)
    "cross-year": "cross_year.CrossYearKind",                         # generic: an identity with last year's table (T030, T031)
    "prose-vs-table": "prose_vs_table.ProseVsTableKind",              # generic: counts in the prose against table cells (T020)
    "prose-percent": "prose_percent.ProsePercentKind",                # generic: shares in the prose against their counts (T021)
    "parts-total": "parts_total.PartsTotalKind",                      # generic: parts after 其中 against their total (T022)
    # --- rule-specific: one rule's logic in Python
    "period-missing": "period.PeriodMissingKind",                     # rule-specific: P001
    "period-calendar-year": "period.PeriodCalendarYearKind",          # rule-specific: P002
    "cutoff-date": "period.CutoffDateKind",                           # rule-specific: P003
    "contact-missing": "contacts.ContactMissingKind",                 # rule-specific: C001
    "contact-incomplete": "contacts.ContactIncompleteKind",           # rule-specific: C006
    "contact-postcode": "contacts.ContactPostcodeKind",               # rule-specific: C002
    "contact-phone": "contacts.ContactPhoneKind",                     # rule-specific: C003
    "contact-email": "contacts.ContactEmailKind",                     # rule-specific: C004
    "contact-url": "contacts.ContactUrlKind",                         # rule-specific: C005
    "section-missing": "structure.SectionMissingKind",                # rule-specific: S001
    "section-order": "structure.SectionOrderKind",                    # rule-specific: S002
    "part-list": "structure.PartListKind",                            # rule-specific: S003
    "section-empty": "structure.SectionEmptyKind",                    # rule-specific: S005
    "section-wording": "structure.SectionWordingKind",                # rule-specific: S006
    "numbering-sequence": "numbering.NumberingSequenceKind",          # rule-specific: N001
    "numbering-style": "numbering.NumberingStyleKind",                # rule-specific: N002
    "numbering-brackets": "numbering.NumberingBracketsKind",          # rule-specific: N003
    "table-presence": "tables.TablePresenceKind",                     # rule-specific: T001
    "table-labels": "tables.TableLabelsKind",                         # rule-specific: T002
    "table-era": "tables.TableEraKind",                               # rule-specific: T003
    "cell-values": "tables.CellValuesKind",                           # rule-specific: T004
    "table-extra-rows": "tables.TableExtraRowsKind",                  # rule-specific: T006
    "table-unreadable-rows": "tables.TableUnreadableRowsKind",        # rule-specific: T007
    "table-reconstructed-rows": "tables.TableReconstructedRowsKind",  # rule-specific: T008
    "repeated-text": "tables.RepeatedTextKind",                       # rule-specific: T032
    "previous-report": "tables.PreviousReportKind",                   # rule-specific: T033
    "year-consistency": "years.YearConsistencyKind",                  # rule-specific: Y001
    "date-validity": "years.DateValidityKind",                        # rule-specific: Y002
    "deadline": "years.DeadlineKind",                                 # rule-specific: Y003
    "report-year": "years.ReportYearKind",                            # rule-specific: Y004
    "directive": "meta.DirectiveKind",                                # rule-specific: X001, X002 (filled by the suppression step)
    "rules-not-run": "meta.RulesNotRunKind",                          # rule-specific: X003 (filled by the engine)
}

KINDS = LazyRegistry({name: (f"checker.kinds.{where.rpartition('.')[0]}", where.rpartition(".")[2])
                      for name, where in _CLASSES.items()})
