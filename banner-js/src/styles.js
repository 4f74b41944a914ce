/**
 * The banner's CSS, adopted by its shadow root as a constructable stylesheet (no inline styles: strict CSP).
 * On screen from the first frame: no animation or transition anywhere, so prefers-reduced-motion needs no rule. On
 * small screens the first layer takes at most 35 % of the viewport height and its text scrolls inside, with a shadow
 * at the edge as the scroll cue. Words break only where they would not fit a line on their own (overflow-wrap).
 */
export const CSS = `
:host{all:initial;display:block}
.b{position:fixed;z-index:2147483647;left:0;right:0;bottom:0;margin:0 auto;box-sizing:border-box;max-width:56em;max-height:calc(100vh - 88px);display:flex;flex-direction:column;background:#fff;color:#111;border:1px solid #555;border-bottom:0;border-radius:8px 8px 0 0;box-shadow:0 -2px 16px #0004;padding:16px;font:16px/1.5 system-ui,sans-serif;overflow-wrap:break-word}
.b:focus{outline:0}
.x{overflow:auto;min-height:0;flex:auto;background:linear-gradient(#fff 30%,#fff0) top/100% 24px no-repeat local,linear-gradient(#fff0,#fff 70%) bottom/100% 24px no-repeat local,radial-gradient(farthest-side at 50% 0,#0006,#0000) top/100% 10px no-repeat scroll,radial-gradient(farthest-side at 50% 100%,#0006,#0000) bottom/100% 10px no-repeat scroll}
h2{font-size:1.25em;margin:0 0 8px}
h3{font-size:1em;margin:0}
p{margin:0 0 8px}
a{color:#1d4ed8;display:inline-block;min-height:24px}
.l{margin:4px 0 0}.l a{margin-right:16px}
.a{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:8px;padding-top:8px}
button{font:inherit;cursor:pointer}
.a button,.f{min-height:44px;padding:8px 12px;font-weight:600;color:#fff;background:#1f2937;border:2px solid #1f2937;border-radius:6px}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.f{position:fixed;z-index:2147483647;left:16px;bottom:16px;font:600 16px/1.5 system-ui,sans-serif}
.fr{left:auto;right:16px}
.w{max-width:32em}
@media (max-width:480px){.b{font-size:14px;padding:12px}.a{grid-template-columns:1fr;gap:6px}.a button{min-height:40px;padding:6px 12px}h2{margin-bottom:4px}.b[aria-describedby]{max-height:max(35vh,236px)}}
`;
