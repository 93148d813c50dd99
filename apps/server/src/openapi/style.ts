/**
 * The docs page's stylesheet, inlined into the page (no external asset). System fonts only.
 */
export const STYLE = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b5cad;
  --get: #1a7f37; --post: #0b5cad; --put: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.55;
  font: 15px/1.55 -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
header { padding: 1.5rem 2rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
header h1 { margin: 0 0 .4rem; font-size: 1.6rem; }
.zh { color: var(--muted); font-weight: normal; }
.layout { display: grid; grid-template-columns: 21rem minmax(0, 1fr); }
nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; overflow-x: hidden; padding: 1rem 1rem 2rem 1.5rem;
  border-right: 1px solid var(--line); font-size: .88rem; }
nav h2 { font-size: 1rem; margin: 0 0 .5rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav ul ul { margin: .2rem 0 .6rem .2rem; }
nav li { margin: .15rem 0; }
nav a { color: var(--ink); text-decoration: none; display: flex; gap: .4em; align-items: baseline; }
nav .method { flex: none; }
.toc-path { overflow-wrap: anywhere; }
nav a:hover { color: var(--accent); text-decoration: underline; }
main { padding: 1rem 2rem 4rem; max-width: 72rem; }
h2 { margin-top: 2.5rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { margin: 1.6rem 0 .4rem; font-size: 1.1rem; }
h4 { margin: 1rem 0 .4rem; font-size: .95rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
a { color: var(--accent); }
code { font: .88em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: .05em .3em; border-radius: 4px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .7rem .9rem; overflow-x: auto;
  font: .82rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre.shell { background: #1f2328; color: #f0f3f6; border-color: #1f2328; }
.operation { border: 1px solid var(--line); border-radius: 8px; padding: .2rem 1.2rem 1rem; margin: 1.4rem 0; }
.operation h3 { font-size: 1.05rem; }
.summary { font-weight: 600; margin: .2rem 0; }
.auth { color: var(--muted); font-size: .9rem; }
.method { display: inline-block; min-width: 3.3em; text-align: center; padding: .05em .45em; border-radius: 4px; color: #fff;
  font: 700 .75rem/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.method.get { background: var(--get); } .method.post { background: var(--post); } .method.put { background: var(--put); }
code.path { background: none; font-size: 1rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td p { margin: .1rem 0 .3rem; }
td.status { font-weight: 700; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
td.status.success { color: var(--get); } td.status.failure { color: var(--bad); }
.media { margin: .3rem 0; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
.media-type { margin: .2rem 0; }
details { margin: .2rem 0; }
summary { cursor: pointer; color: var(--accent); font-size: .88rem; }
.schema { margin: 1rem 0; }
@media (max-width: 60rem) { .layout, .pair { display: block; } nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); } main { padding: 1rem; } }
@media print { nav { display: none; } .layout { display: block; } details { display: block; } }
`
