// The dashboard's style sheet and its few lines of script, served as assets (assets.ts): system fonts, a light
// and a dark face, tables that stay readable with a long journal.
export const dashboardCss = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --ink: #1c2230; --muted: #5f6b7a; --line: #dde2e8;
  --accent: #2657c9; --ok: #1d7a46; --bad: #b3261e; --warn: #9a6700; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
@media (prefers-color-scheme: dark) { :root { --bg: #14171c; --card: #1d2129; --ink: #e6e9ee; --muted: #9aa5b4; --line: #2f3541; --accent: #7ea6ff; --ok: #5cc48a; --bad: #ff8a80; --warn: #e0b252; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); }
header.top { display: flex; align-items: center; gap: 1rem; padding: .6rem 1.2rem; background: var(--card); border-bottom: 1px solid var(--line); }
header.top a.home { font-weight: 700; color: var(--ink); text-decoration: none; }
header.top .spacer { flex: 1; }
main { padding: 1rem 1.2rem 3rem; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: .2rem 0 1rem; } h2 { font-size: 1.05rem; margin: 0 0 .6rem; } h3 { font-size: .95rem; margin: .8rem 0 .4rem; }
a { color: var(--accent); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; margin-bottom: 1rem; }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .9rem 1rem; margin-bottom: 1rem; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: start; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
tr.entry { cursor: pointer; } tr.entry:hover { background: color-mix(in srgb, var(--accent) 8%, transparent); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .5rem; overflow: auto; max-height: 24rem; margin: .3rem 0; }
form.inline { display: inline-flex; gap: .4rem; align-items: center; flex-wrap: wrap; margin: .2rem .4rem .2rem 0; }
input, select, button { font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: 5px; background: var(--card); color: var(--ink); }
button { cursor: pointer; background: var(--accent); color: #fff; border-color: transparent; }
button.plain { background: transparent; color: var(--accent); border-color: var(--line); }
button.danger { background: var(--bad); }
.muted { color: var(--muted); } .ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
.status-2 { color: var(--ok); } .status-4, .status-5 { color: var(--bad); }
.notice { border-radius: 6px; padding: .5rem .7rem; margin: .4rem 0 .8rem; border: 1px solid var(--line); }
.notice.error { border-color: var(--bad); color: var(--bad); } .notice.done { border-color: var(--ok); }
.pill { display: inline-block; padding: 0 .45rem; border-radius: 999px; border: 1px solid var(--line); font-size: 12px; }
.big { font-size: 1.2rem; font-weight: 600; }
.row { display: flex; gap: 1rem; flex-wrap: wrap; align-items: baseline; }
[dir="rtl"] { font-family: Vazirmatn, Tahoma, system-ui, sans-serif; }
.signin { max-width: 28rem; margin: 3rem auto; }
.signin input { width: 100%; margin: .4rem 0 .8rem; }
`;

/** Keeps open what the person opened (a webhook's attempts) when a live part is drawn again. */
export const dashboardJs = `
let kept = [];
document.addEventListener('htmx:beforeSwap', (e) => { kept = [...e.detail.target.querySelectorAll('details[open][id]')].map((d) => d.id); });
document.addEventListener('htmx:afterSwap', () => { for (const id of kept) document.getElementById(id)?.setAttribute('open', ''); kept = []; });
`;
