"""Small charts as inline SVG for the HTML reports: no script, no fonts or files fetched.

Every label passes the sanitizer and is XML-escaped; numbers are formatted, never raw input.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from mlboard.models.text import visible

WIDTH, HEIGHT, PAD = 480, 200, 36
COLOURS = ("#2563eb", "#9ca3af", "#16a34a", "#dc2626")


def _text(value: str) -> str:
    return escape(visible(value), quote=True)


def line_chart(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]
) -> str:
    """Lines over `labels` (x), one per named series; None leaves a gap."""
    values = [v for _, points in series for v in points if v is not None]
    if not labels or not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    step = (WIDTH - 2 * PAD) / max(len(labels) - 1, 1)

    def xy(i: int, v: float) -> str:
        y = HEIGHT - PAD - (v - low) / (high - low) * (HEIGHT - 2 * PAD)
        return f"{PAD + i * step:.1f},{y:.1f}"

    parts = [_frame(title), _axis(f"{high:.4g}", f"{low:.4g}")]
    for n, (name, points) in enumerate(series):
        colour = COLOURS[n % len(COLOURS)]
        coords = " ".join(xy(i, v) for i, v in enumerate(points) if v is not None)
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>'
        )
        parts.append(
            f'<text x="{WIDTH - PAD}" y="{16 + 14 * n}" text-anchor="end" font-size="11" '
            f'fill="{colour}">{_text(name)}</text>'
        )
    for i in (0, len(labels) - 1):
        parts.append(
            f'<text x="{PAD + i * step:.1f}" y="{HEIGHT - 8}" font-size="10" '
            f'text-anchor="middle">{_text(labels[i])}</text>'
        )
    return _svg(title, parts)


def bar_chart(title: str, bars: Sequence[tuple[str, float, float]], legend: tuple[str, str]) -> str:
    """Pairs of bars (e.g. committed vs completed points) per label."""
    if not bars:
        return ""
    high = max(max(a, b) for _, a, b in bars) or 1.0
    slot = (WIDTH - 2 * PAD) / len(bars)
    width = slot / 3
    parts = [_frame(title), _axis(f"{high:.4g}", "0")]
    for i, (label, a, b) in enumerate(bars):
        for j, value in enumerate((a, b)):
            h = value / high * (HEIGHT - 2 * PAD)
            x = PAD + i * slot + width * (j + 0.5)
            parts.append(
                f'<rect x="{x:.1f}" y="{HEIGHT - PAD - h:.1f}" width="{width:.1f}" '
                f'height="{h:.1f}" fill="{COLOURS[j]}"/>'
            )
        parts.append(
            f'<text x="{PAD + (i + 0.5) * slot:.1f}" y="{HEIGHT - 8}" font-size="10" '
            f'text-anchor="middle">{_text(label)}</text>'
        )
    for j, name in enumerate(legend):
        parts.append(
            f'<text x="{WIDTH - PAD}" y="{16 + 14 * j}" text-anchor="end" font-size="11" '
            f'fill="{COLOURS[j]}">{_text(name)}</text>'
        )
    return _svg(title, parts)


def _frame(title: str) -> str:
    return f'<text x="{PAD}" y="16" font-size="12" font-weight="bold">{_text(title)}</text>'


def _axis(top: str, bottom: str) -> str:
    return (
        f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{HEIGHT - PAD}" stroke="#6b7280"/>'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        'stroke="#6b7280"/>'
        f'<text x="{PAD - 4}" y="{PAD + 4}" font-size="10" text-anchor="end">{top}</text>'
        f'<text x="{PAD - 4}" y="{HEIGHT - PAD}" font-size="10" text-anchor="end">{bottom}</text>'
    )


def _svg(title: str, parts: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{_text(title)}">'
        + "".join(parts)
        + "</svg>"
    )
