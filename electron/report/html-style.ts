// The HTML report's one stylesheet: readable from ~700 px wide, light and dark, printable on A4 and Letter (page
// breaks between the report's parts). States carry a symbol and a word besides their colour. The page allows this
// stylesheet alone, by its hash: no other style, script, image, font or request.
import { createHash } from 'node:crypto';

export const REPORT_STYLE = `
:root{color-scheme:light dark;--fg:#1d2330;--muted:#545c6b;--bg:#fff;--panel:#f3f5f9;--line:#d5dae3;--danger:#a52019;--warning:#7a4f00;--info:#1d58b0;--success:#1a6a37;--neutral:#545c6b}
@media screen and (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#aab2c0;--bg:#14171c;--panel:#1d222a;--line:#363d49;--danger:#ff938a;--warning:#f0c35a;--info:#93bbf9;--success:#82d9a0;--neutral:#aab2c0}}
*{box-sizing:border-box}
html{background:var(--bg)}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:56rem;margin:0 auto;padding:1.25rem 1.25rem 3rem}
h1{font-size:1.55rem;line-height:1.25;margin:.15rem 0 .9rem}
h2{font-size:1.2rem;line-height:1.3;margin:2rem 0 .6rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
p{margin:.4rem 0}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}
.meta dt{color:var(--muted)}
.meta dd{margin:0;min-width:0;overflow-wrap:anywhere}
.tone-danger{--tone:var(--danger)}.tone-warning{--tone:var(--warning)}.tone-info{--tone:var(--info)}.tone-success{--tone:var(--success)}.tone-neutral{--tone:var(--neutral)}
.verdict{margin-top:1.5rem;padding:1rem 1.25rem;background:var(--panel);border:1px solid var(--line);border-left:.45rem solid var(--tone);border-radius:.5rem}
.verdict h2{margin:.15rem 0 .5rem}
.kicker{margin:0;color:var(--tone);font-weight:650}
.verdict ol{margin:.3rem 0;padding-left:1.4rem}
.sym{display:inline-block;min-width:1.1em;font-weight:700}
.muted{color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.88em;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;font-size:.92rem}
th,td{padding:.4rem .5rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
th{color:var(--muted);font-weight:600}
td.num{text-align:right;white-space:nowrap}
.steps td:first-child{width:30%}.checks td:first-child{width:24%}.environment th{width:30%}
.state{font-weight:650;white-space:nowrap}
.state-problem{color:var(--danger)}.state-consequence,.state-note{color:var(--warning)}.state-ok{color:var(--success)}.state-try{color:var(--info)}.state-not-needed,.state-unchecked,.state-manual{color:var(--muted)}
.timeline,.targets{list-style:none;margin:0;padding:0}
.timeline li{display:grid;grid-template-columns:6rem 1fr;gap:.75rem;padding:.35rem 0;border-bottom:1px solid var(--line)}
time{color:var(--muted);font-variant-numeric:tabular-nums}
.targets>li{padding:.5rem 0;border-bottom:1px solid var(--line)}
.target-head{font-weight:600}
.target-head.fails{color:var(--danger)}
.chain{display:flex;flex-wrap:wrap;gap:.3rem .4rem;list-style:none;margin:.3rem 0 0;padding:0;font-size:.88rem}
.layer{padding:.05rem .45rem;border:1px solid var(--line);border-radius:.3rem}
.layer-failed{color:var(--danger);border-color:var(--danger);font-weight:650}
.layer-ok{color:var(--success)}
.layer-not-tried,.layer-not-used{color:var(--muted);border-style:dashed}
.layer .detail{color:var(--fg);font-weight:400}
details{margin:.4rem 0;padding:.35rem .75rem;border:1px solid var(--line);border-radius:.4rem}
summary{cursor:pointer;font-weight:600}
pre{margin:.5rem 0;padding:.6rem;background:var(--panel);border-radius:.3rem;font-size:.8rem;white-space:pre-wrap;overflow-wrap:anywhere}
@media (max-width:36rem){.meta{grid-template-columns:1fr}.meta dd{margin-bottom:.3rem}.timeline li{grid-template-columns:1fr;gap:0}}
@page{margin:14mm 13mm}
@media print{:root{color-scheme:light}body{font-size:10pt}main{max-width:none;padding:0}.verdict{break-inside:avoid}.page{break-before:page}h2,h3{break-after:avoid}tr,li,details{break-inside:avoid}summary{list-style:none}}
`.trim();

/** The CSP source that allows exactly this stylesheet. A page that embeds the report (an iframe's srcdoc inherits
 * its parent's policy) must allow it too. */
export const REPORT_STYLE_HASH = `'sha256-${createHash('sha256').update(REPORT_STYLE, 'utf8').digest('base64')}'`;

/** The report page's own policy: nothing loads, nothing runs, no form posts, only the stylesheet above applies. */
export const REPORT_CSP = `default-src 'none'; style-src ${REPORT_STYLE_HASH}; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'`;
