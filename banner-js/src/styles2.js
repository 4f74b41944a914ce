/**
 * CSS of the settings layer (settings chunk), adopted next to the banner's own stylesheet when the settings open.
 * Up to 480 px wide the facts of a service stack (term above value) and each cookie of a cookie table becomes a card,
 * one line per cell with the column's name before it (data-l; its alternative text "" keeps screen readers, which
 * still get the table with its column headers, from hearing the name twice).
 */
export const CSS2 = `
.c{border-top:1px solid #767676;padding:8px 0}
.r{display:flex;justify-content:space-between;align-items:flex-start;gap:12px}
.r>details{flex:auto;min-width:0}
.s{margin:4px 0 0 12px}
[role=switch]{flex:none;width:48px;height:28px;border-radius:14px;border:2px solid #555;background:#fff;padding:0;position:relative}
[role=switch]::after{content:"";position:absolute;top:3px;left:3px;width:18px;height:18px;border-radius:50%;background:#555}
[aria-checked=true]{background:#1d4ed8;border-color:#1d4ed8}
[aria-checked=true]::after{left:23px;background:#fff}
[aria-checked=mixed]::after{left:13px;border-radius:3px;height:4px;top:10px}
[aria-disabled=true]{cursor:default}
summary{cursor:pointer;min-height:24px}
dl{margin:4px 0;display:grid;grid-template-columns:max-content 1fr;gap:0 8px}
dt{font-weight:600}
dd{margin:0}
table{border-collapse:collapse;width:100%;margin:4px 0 8px;font-size:.875em}
th,td{border:1px solid #767676;padding:2px 4px;text-align:left;vertical-align:top}
@media (max-width:480px){dl,table,table *{display:block}thead{height:0;overflow:hidden}tr{margin-top:4px}td+td{border-top:0}td+td::before{content:attr(data-l) ": "/"";font-weight:600}}
.o{flex:none;min-height:32px;max-width:45%;padding:2px 10px;border:2px solid #555;background:#fff;color:#111;border-radius:6px}
.o[aria-pressed=true]{background:#111;color:#fff}
.k{flex:none;width:44px;height:44px;margin:-8px -8px 0 0;border:0;background:none;color:#111;font-size:1.75em;line-height:1}
.i{font-size:.875em}
`;
