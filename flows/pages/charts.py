"""Charts as inline SVG strings (pure): a histogram, a scatter plot and horizontal bars. Labels come from reports,
so every text is escaped."""

from __future__ import annotations

from collections.abc import Sequence

from flows.alerts.safe_text import html_text

W, H, PAD = 460, 240, 36


def _frame(title: str, body: str, kind: str) -> str:
    return (
        f'<figure class="chart" data-chart="{kind}"><figcaption>{html_text(title)}</figcaption>'
        f'<svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{html_text(title)}">'
        f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - 8}" y2="{H - PAD}" stroke="#888"/>'
        f'<line x1="{PAD}" y1="8" x2="{PAD}" y2="{H - PAD}" stroke="#888"/>{body}</svg></figure>'
    )


def histogram(title: str, values: Sequence[float], lo: float, hi: float, bins: int, fmt: str = "{:.0f}") -> str:
    """Counts of ``values`` in ``bins`` equal bins over [lo, hi]; values outside fall in the end bins."""
    counts = [0] * bins
    for v in values:
        i = int((v - lo) / (hi - lo) * bins) if hi > lo else 0
        counts[min(max(i, 0), bins - 1)] += 1
    top = max(counts) or 1
    bw = (W - PAD - 8) / bins
    bars = []
    for i, c in enumerate(counts):
        h = (H - PAD - 8) * c / top
        x = PAD + i * bw
        bars.append(
            f'<rect class="bar" x="{x + 1:.1f}" y="{H - PAD - h:.1f}" width="{bw - 2:.1f}" height="{h:.1f}" '
            f'fill="#3a6ea5"><title>{html_text(fmt.format(lo + i * (hi - lo) / bins))}–'
            f"{html_text(fmt.format(lo + (i + 1) * (hi - lo) / bins))}: {c}</title></rect>"
        )
        if i % max(bins // 5, 1) == 0:
            bars.append(
                f'<text x="{x:.1f}" y="{H - PAD + 14}" font-size="10">'
                f"{html_text(fmt.format(lo + i * (hi - lo) / bins))}</text>"
            )
    bars.append(f'<text x="4" y="14" font-size="10">{top}</text>')
    return _frame(title, "".join(bars), "histogram")


def scatter(
    title: str,
    points: Sequence[tuple[float, float, str]],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    x_label: str,
    y_label: str,
) -> str:
    """One dot per (x, y, label)."""
    (x0, x1), (y0, y1) = x_range, y_range
    dots = []
    for x, y, label in points:
        px = PAD + (min(max(x, x0), x1) - x0) / ((x1 - x0) or 1) * (W - PAD - 8)
        py = H - PAD - (min(max(y, y0), y1) - y0) / ((y1 - y0) or 1) * (H - PAD - 8)
        dots.append(
            f'<circle class="dot" cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#b26a00" fill-opacity="0.7">'
            f"<title>{html_text(label)}</title></circle>"
        )
    dots.append(f'<text x="{W // 2}" y="{H - 6}" font-size="10">{html_text(x_label)}</text>')
    dots.append(f'<text x="4" y="{H // 2}" font-size="10">{html_text(y_label)}</text>')
    return _frame(title, "".join(dots), "scatter")


def bars(title: str, items: Sequence[tuple[str, int]], limit: int = 12) -> str:
    """Horizontal bars, largest first."""
    shown = sorted(items, key=lambda kv: -kv[1])[:limit]
    top = max((v for _, v in shown), default=0) or 1
    rows = []
    step = (H - 16) / max(len(shown), 1)
    for i, (label, value) in enumerate(shown):
        y = 8 + i * step
        w = (W - 200) * value / top
        rows.append(
            f'<text x="4" y="{y + step * 0.65:.1f}" font-size="10">{html_text(label[:24])}</text>'
            f'<rect class="bar" x="180" y="{y:.1f}" width="{w:.1f}" height="{step * 0.8:.1f}" fill="#b00020">'
            f"<title>{html_text(label)}: {value}</title></rect>"
            f'<text x="{184 + w:.1f}" y="{y + step * 0.65:.1f}" font-size="10">{value}</text>'
        )
    return (
        f'<figure class="chart" data-chart="bars"><figcaption>{html_text(title)}</figcaption>'
        f'<svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{html_text(title)}">'
        f"{''.join(rows)}</svg></figure>"
    )
