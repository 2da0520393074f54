"""The frame both pages share: one self-contained HTML document, styles and script inline, nothing fetched."""

from __future__ import annotations

from flows.alerts.safe_text import html_text

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:16px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:24px}
.tiles{display:flex;gap:12px;flex-wrap:wrap}.tile{border:1px solid #ddd;padding:8px 12px;border-radius:4px}
.tile b{display:block;font-size:18px}.charts{display:flex;flex-wrap:wrap;gap:16px}
figure.chart{margin:0}figcaption{font-size:13px;font-weight:bold}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left}
th{background:#f3f3f3;cursor:pointer}td.num{text-align:right}
.filters{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap}.filters label{font-size:12px}
.issue{border:1px solid #ddd;border-left:4px solid #888;padding:8px;margin:8px 0}
.issue.error{border-left-color:#b00020}.issue.warning{border-left-color:#b26a00}
blockquote{margin:6px 0;padding:4px 8px;background:#f6f6f6}code{font-size:11px}
img.crop{max-width:100%;border:1px solid #ccc}
.excerpt{font-size:12px;border:1px solid #ccc;padding:4px 8px;background:#fafafa}
.excerpt .head{color:#555;font-weight:bold}.excerpt .ctx{color:#777}
.excerpt .hit{background:#fff0f0;border:2px solid #dc0000;padding:2px}
"""

# Sorting by a column header and filtering rows; a table sorts numbers as numbers (data-v holds the raw value).
SCRIPT = """
function sortBy(th){const t=th.closest('table'),i=[...th.parentNode.children].indexOf(th),
 b=t.tBodies[0],r=[...b.rows],asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
 r.sort((x,y)=>{const a=x.cells[i].dataset.v??x.cells[i].textContent,c=y.cells[i].dataset.v??y.cells[i].textContent;
 const na=parseFloat(a),nc=parseFloat(c);const v=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c,'zh');
 return asc?v:-v});r.forEach(x=>b.appendChild(x));}
document.querySelectorAll('th[data-sort]').forEach(th=>th.addEventListener('click',()=>sortBy(th)));
function applyFilters(){const f=[...document.querySelectorAll('[data-filter]')];
 document.querySelectorAll('[data-row]').forEach(el=>{const ok=f.every(s=>{const v=s.value.trim();if(!v)return true;
 const k=s.dataset.filter;return k==='text'?el.textContent.includes(v):el.dataset[k]===v});
 el.style.display=ok?'':'none'});const n=document.getElementById('shown');
 if(n)n.textContent=[...document.querySelectorAll('[data-row]')].filter(e=>e.style.display!=='none').length;}
document.querySelectorAll('[data-filter]').forEach(s=>s.addEventListener('input',applyFilters));
"""


def page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data:; "
        f"style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{html_text(title)}</title><style>{STYLE}</style></head><body>{body}"
        f"<script>{SCRIPT}</script></body></html>"
    )


def select(key: str, label: str, values: list[str]) -> str:
    """A filter drop-down over the rows' ``data-<key>`` attribute."""
    options = "".join(f'<option value="{html_text(v)}">{html_text(v)}</option>' for v in sorted(set(values)) if v)
    return (
        f'<label>{html_text(label)} <select data-filter="{html_text(key)}"><option value="">全部 all</option>'
        f"{options}</select></label>"
    )
