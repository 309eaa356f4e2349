"""Test support: documents and analysed reports built in memory, as the run layer builds them from files."""

from __future__ import annotations

from typing import Any, Union

from checker.analysis import AnalysedReport, analyse
from checker.engine import check_report
from checker.facts import ReportOptions
from checker.findings import Finding
from checker.model import Document
from checker.readers.plaintext import read_txt

# Keys of a rule example (or a rule test case) that stand for what the user would give on the command line.
OPTION_KEYS = ("year", "era", "agency_kind")


def text_document(text: str, path: str = "example.txt") -> Document:
    """A .txt report from its text, without a file."""
    return read_txt(path, text.encode("utf-8"))


def example_report(example: Union[str, dict[str, Any]], path: str = "example.txt") -> AnalysedReport:
    """A rule example (text, or a mapping with text, fact options and last year's text) analysed."""
    text = example if isinstance(example, str) else example["text"]
    options = ReportOptions(**{k: example[k] for k in OPTION_KEYS if k in example}) if isinstance(example, dict) \
        else ReportOptions()
    previous = None
    if isinstance(example, dict) and example.get("previous"):
        previous = analyse(text_document(example["previous"], "previous.txt"))
    return analyse(text_document(text, path), options, previous)


def check_document(doc: Union[Document, AnalysedReport], rules, **kw) -> list[Finding]:
    """The findings of ``rules`` on a document (analysed with no options) or an analysed report."""
    report = doc if isinstance(doc, AnalysedReport) else analyse(doc)
    return check_report(report, rules, **kw)
