/** The banner's CSS, adopted by its shadow root as a constructable stylesheet (no inline styles: strict CSP). */
export const CSS = `
:host{all:initial;display:block}
.b{position:fixed;z-index:2147483647;left:0;right:0;bottom:0;margin:0 auto;box-sizing:border-box;max-width:56em;max-height:calc(100vh - 88px);display:flex;flex-direction:column;background:#fff;color:#111;border:1px solid #555;border-bottom:0;border-radius:8px 8px 0 0;box-shadow:0 -2px 16px #0004;padding:16px;font:16px/1.5 system-ui,sans-serif}
.n{animation:u .3s ease-out}
.b:focus{outline:0}
@keyframes u{from{transform:translateY(100%)}}
.x{overflow:auto;min-height:0;flex:1 1 auto}
h2{font-size:1.25em;margin:0 0 8px}
h3{font-size:1em;margin:0}
p{margin:0 0 8px}
a{color:#1d4ed8;display:inline-block;min-height:24px}
.l a{margin-right:16px}
.a{display:flex;flex-wrap:wrap;gap:8px;padding-top:8px}
button{font:inherit;cursor:pointer}
.a button,.f{flex:1 1 10em;min-height:44px;padding:8px 16px;font-weight:600;color:#fff;background:#1f2937;border:2px solid #1f2937;border-radius:6px}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.c{border-top:1px solid #767676;padding:8px 0}
.r{display:flex;justify-content:space-between;align-items:center;gap:8px}
[role=switch]{flex:none;width:48px;height:28px;border-radius:14px;border:2px solid #555;background:#fff;padding:0;position:relative}
[role=switch]::after{content:"";position:absolute;top:3px;left:3px;width:18px;height:18px;border-radius:50%;background:#555;transition:left .2s}
[aria-checked=true]{background:#1d4ed8;border-color:#1d4ed8}
[aria-checked=true]::after{left:23px;background:#fff}
[aria-disabled=true]{cursor:default}
summary{cursor:pointer;min-height:24px;margin-top:4px}
dl{margin:4px 0;display:grid;grid-template-columns:auto 1fr;gap:0 8px}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
.o{min-height:32px;margin-top:4px;padding:2px 12px;border:2px solid #555;background:#fff;color:#111;border-radius:6px}
.o[aria-pressed=true]{background:#111;color:#fff}
.f{position:fixed;z-index:2147483647;left:16px;bottom:16px;font:600 16px/1.5 system-ui,sans-serif}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
