"""A report as one standalone HTML page: its Markdown text as HTML, its charts as inline SVG.

For stakeholders who do not use a terminal: the page fetches nothing (its Content Security
Policy forbids any fetch and any script), so it opens the same from a mail attachment, a
shared drive or a browser without network. Text passes the sanitizer and is HTML-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from mlboard.models.text import visible

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "color:#111827;line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem}"
    "table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:.2rem .5rem}"
    "figure{margin:1rem 0}svg{max-width:100%;height:auto}"
)


def page(title: str, markdown: str, charts: Sequence[str] = ()) -> str:
    """The page: `markdown` (headings, bullets, tables, paragraphs) and the charts after the
    first heading's block."""
    body = _blocks(markdown.splitlines())
    figures = "".join(f"<figure>{svg}</figure>" for svg in charts if svg)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_inline(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}{figures}</body></html>\n"
    )


def _inline(text: str) -> str:
    return escape(visible(text), quote=True)


def _blocks(lines: list[str]) -> str:
    out: list[str] = []
    items: list[str] = []
    rows: list[list[str]] = []

    def flush_items() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    def flush_rows() -> None:
        if rows:
            head, *rest = rows
            cells = "".join(f"<th>{c}</th>" for c in head)
            body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rest)
            out.append(f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>")
            rows.clear()

    for line in lines:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            flush_items()
            cells = [c.strip() for c in stripped[1:-1].split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                rows.append([_inline(c) for c in cells])
            continue
        flush_rows()
        if stripped.startswith(("- ", "* ")):
            items.append(_inline(stripped[2:]))
            continue
        flush_items()
        heading = re.match(r"^(#{1,3})\s+(.*)$", stripped)
        if heading:
            level = len(heading[1])
            out.append(f"<h{level}>{_inline(heading[2])}</h{level}>")
        elif stripped:
            out.append(f"<p>{_inline(stripped)}</p>")
    flush_rows()
    flush_items()
    return "".join(out)
