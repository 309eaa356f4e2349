"""Rule kinds: small classes registered by name. A rule file chooses one with ``kind:``."""

from checker.kinds.contact import ContactKind
from checker.kinds.directive import DirectiveKind
from checker.kinds.crossyear import CrossYearKind, RepeatedTextKind
from checker.kinds.numbering import NumberingKind
from checker.kinds.partlist import PartListKind
from checker.kinds.pattern import PatternKind
from checker.kinds.prose import PartsTotalKind, ProseCountKind, ProsePercentKind
from checker.kinds.period import PeriodKind
from checker.kinds.required_text import RequiredTextKind
from checker.kinds.sections import SectionsKind
from checker.kinds.tables import (
    CellValuesKind, IdentityKind, TableEraKind, TableLabelsKind, TableNotesKind, TablePresenceKind,
)
from checker.kinds.years import DateValidityKind, DeadlineKind, ReportYearKind, YearConsistencyKind

# The one registry: a new kind is one module, one line here, and rules/schema/kinds/<name>.json.
KINDS = {
    "pattern": PatternKind,
    "period": PeriodKind,
    "contact": ContactKind,
    "sections": SectionsKind,
    "part-list": PartListKind,
    "required-text": RequiredTextKind,
    "numbering": NumberingKind,
    "report-year": ReportYearKind,
    "year-consistency": YearConsistencyKind,
    "date-validity": DateValidityKind,
    "deadline": DeadlineKind,
    "table-presence": TablePresenceKind,
    "table-labels": TableLabelsKind,
    "table-era": TableEraKind,
    "cell-values": CellValuesKind,
    "identity": IdentityKind,
    "table-notes": TableNotesKind,
    "directive": DirectiveKind,
    "prose-vs-table": ProseCountKind,
    "prose-percent": ProsePercentKind,
    "parts-total": PartsTotalKind,
    "cross-year": CrossYearKind,
    "repeated-text": RepeatedTextKind,
}
