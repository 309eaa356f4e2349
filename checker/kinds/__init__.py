"""Rule kinds: one registry of the classes a rule file chooses with ``kind:``, in two tiers.

**Generic kinds** are mechanisms, as Vale's kinds are: what they look for is data in the rule's
``params`` (regexes, labels, table keys, expressions), so a new rule of this tier is a YAML file and
no Python. **Rule-specific kinds** hold one rule's logic in Python (a check too particular for data:
the order of the format's parts, the style of heading numbers, a statutory deadline); a new rule of
that kind is a new kind.

Every kind is one module named after it (``prose-vs-table`` → ``prose_vs_table.py``) holding one class,
with ``rules/schema/kinds/<name>.json`` for its params. Modules whose name starts with ``_`` are
helpers several kinds share; ``base.py`` holds the base class. A kind checks one thing: it never
switches on a parameter to do another check.
"""

from checker.lazy import LazyRegistry

# The one registry: a new kind is one module, one line here (in its tier), and rules/schema/kinds/<name>.json.
# Kind name → its class, in the module named after the kind; a module is imported when a rule of its kind
# first runs, so a report does not pay for the kinds of rules that do not apply to it.
_CLASSES = {
    # --- generic: a YAML-only rule can use these
    "pattern": "PatternKind",                                 # generic: regexes over the text (A001–A003, F001, S008)
    "required-text": "RequiredTextKind",                      # generic: each labelled matter is stated (S004, S007, S009)
    "identity": "IdentityKind",                               # generic: an identity between a table's cells (T010–T013)
    "cross-year": "CrossYearKind",                            # generic: an identity with last year's table (T030, T031)
    "prose-vs-table": "ProseVsTableKind",                     # generic: counts in the prose against table cells (T020)
    "prose-percent": "ProsePercentKind",                      # generic: shares in the prose against their counts (T021)
    "parts-total": "PartsTotalKind",                          # generic: parts after 其中 against their total (T022)
    # --- rule-specific: one rule's logic in Python
    "period-missing": "PeriodMissingKind",                    # rule-specific: P001
    "period-calendar-year": "PeriodCalendarYearKind",         # rule-specific: P002
    "cutoff-date": "CutoffDateKind",                          # rule-specific: P003
    "contact-missing": "ContactMissingKind",                  # rule-specific: C001
    "contact-incomplete": "ContactIncompleteKind",            # rule-specific: C006
    "contact-postcode": "ContactPostcodeKind",                # rule-specific: C002
    "contact-phone": "ContactPhoneKind",                      # rule-specific: C003
    "contact-email": "ContactEmailKind",                      # rule-specific: C004
    "contact-url": "ContactUrlKind",                          # rule-specific: C005
    "section-missing": "SectionMissingKind",                  # rule-specific: S001
    "section-order": "SectionOrderKind",                      # rule-specific: S002
    "part-list": "PartListKind",                              # rule-specific: S003
    "section-empty": "SectionEmptyKind",                      # rule-specific: S005
    "section-wording": "SectionWordingKind",                  # rule-specific: S006
    "numbering-sequence": "NumberingSequenceKind",            # rule-specific: N001
    "numbering-style": "NumberingStyleKind",                  # rule-specific: N002
    "numbering-brackets": "NumberingBracketsKind",            # rule-specific: N003
    "table-presence": "TablePresenceKind",                    # rule-specific: T001
    "table-labels": "TableLabelsKind",                        # rule-specific: T002
    "table-era": "TableEraKind",                              # rule-specific: T003
    "cell-values": "CellValuesKind",                          # rule-specific: T004
    "table-extra-rows": "TableExtraRowsKind",                 # rule-specific: T006
    "table-unreadable-rows": "TableUnreadableRowsKind",       # rule-specific: T007
    "table-reconstructed-rows": "TableReconstructedRowsKind", # rule-specific: T008
    "repeated-text": "RepeatedTextKind",                      # rule-specific: T032
    "previous-report": "PreviousReportKind",                  # rule-specific: T033
    "year-consistency": "YearConsistencyKind",                # rule-specific: Y001
    "date-validity": "DateValidityKind",                      # rule-specific: Y002
    "deadline": "DeadlineKind",                               # rule-specific: Y003
    "report-year": "ReportYearKind",                          # rule-specific: Y004
    "directive": "DirectiveKind",                             # rule-specific: X001, X002 (filled by the suppression step)
    "rules-not-run": "RulesNotRunKind",                       # rule-specific: X003 (filled by the engine)
}

KINDS = LazyRegistry({name: (f"checker.kinds.{name.replace('-', '_')}", cls) for name, cls in _CLASSES.items()})
