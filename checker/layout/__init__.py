"""Layout recovery: text whose layout was lost, cut back into paragraphs, headings and table rows.

Step 4 of README "How it works", between the readers and the analysis: ``recover(document)`` takes
the Document a reader made of a .txt (or a .md without Markdown in it) and returns it unchanged when
its layout is fine, or a new Document whose ``lines`` are the recovered rendition (one line per
paragraph, heading or table row), whose ``source_lines`` are the file's own lines and whose
``origins`` say where each piece of a rendition line stands in the file, so that every finding names
the place in the file the user opened (``Document.locate``). Each recovery is decided by evidence
measured on the whole text, never by one line:

- Markdown in a .txt (``markdown.py``): read as Markdown, on the file's own lines;
- flattened onto few lines (``flattened.py``): official headings inside a line; cut by ``cutting.py``;
- hard-wrapped or paged (``wrapped.py``): line-length statistics, lines that end no sentence,
  page-number lines; joined by ``joining.py``;
- a tab-separated row left blank at the edge of its table (``tabs.py``): its official row label.

Pure: the Document given is never changed. Cheap on a report that needs nothing (a few passes over its
lines); the official vocabulary (``lexicon.py``, derived from checker.formats) is built only when a
recovery runs.
"""

from __future__ import annotations

from checker.layout.flattened import is_flattened
from checker.layout.markdown import is_markdown
from checker.layout.tabs import labelled_rows
from checker.layout.wrapped import measure
from checker.model import Document


def recover(document: Document) -> Document:
    """``document`` itself when its layout is fine, else a new Document on the recovered rendition."""
    if document.source_kind not in ("txt", "md") or document.source_lines is not None:
        return document
    lines = document.lines
    if document.source_kind == "md":
        if any(b.markup_level or b.is_table for b in document.blocks):
            return document  # real Markdown: its reader has read it
    elif is_markdown(lines):
        from checker.readers.markdown import markdown_document

        return markdown_document(document.path, list(lines), source_kind=document.source_kind)
    skip = {line for line, _ in document.directives}
    # The recoveries (and the rendition and table-row modules they use) are imported only when the evidence
    # calls for one: a report whose layout is fine does not load them.
    if is_flattened(lines):
        from checker.layout.cutting import recover_flattened
        from checker.layout.rendition import build_document

        return build_document(document, recover_flattened(lines, skip))
    wrap = measure(lines, skip)
    if wrap is not None:
        from checker.layout.joining import recover_wrapped
        from checker.layout.rendition import build_document

        return build_document(document, recover_wrapped(lines, skip, wrap))
    if document.source_kind == "txt":
        marks = labelled_rows(lines)
        if marks is not None:
            from checker.readers.plaintext import text_blocks

            blocks, directives = text_blocks(lines, marks)
            return Document(path=document.path, source_kind=document.source_kind, blocks=blocks,
                            lines=lines, directives=directives)
    return document
