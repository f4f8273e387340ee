/**
 * The `cadre usage --html` page: one self-contained file (inline CSS and SVG, no script, nothing fetched).
 * Pure: the report in, the page's text out. Every figure is an element with `data-metric` naming its place
 * in the JSON report (`totals.captured_tokens`, `by_phase.<key>.answer_tokens`), so a test can read the
 * rendered page back and compare.
 */
import type { UsageReport, UsageRow } from "./usage.js";

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function num(metric: string, n: number): string {
  return `<td class="n" data-metric="${esc(metric)}">${fmt(n)}</td>`;
}

const COLUMNS: [keyof UsageRow, string][] = [
  ["captures", "captures"],
  ["captured_tokens", "captured tokens"],
  ["returned_tokens", "returned tokens"],
  ["captured_bytes", "captured bytes"],
  ["returned_bytes", "returned bytes"],
  ["answers", "answers"],
  ["answer_tokens", "answer tokens"],
  ["answer_bytes", "answer bytes"],
  ["answers_with_full", "answers with a full size"],
  ["answer_tokens_with_full", "their tokens served"],
  ["full_tokens", "full files' tokens"],
  ["compactions", "compactions"],
];

function table(title: string, group: string, rows: readonly UsageRow[]): string {
  if (rows.length === 0) return `<h2>${esc(title)}</h2><p class="none">No measurements.</p>`;
  const head = COLUMNS.map(([, label]) => `<th>${esc(label)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr data-key="${esc(r.key)}"><th scope="row">${esc(r.key)}</th>${COLUMNS.map(([k]) => num(`${group}.${r.key}.${k}`, r[k] as number)).join("")}</tr>`,
    )
    .join("\n");
  return `<h2>${esc(title)}</h2>\n<table><thead><tr><th></th>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

interface Series {
  label: string;
  field: keyof UsageRow;
  color: string;
}

/** A horizontal bar chart: per row, one bar per series, scaled to the largest value shown. */
export function barChart(title: string, rows: readonly UsageRow[], series: readonly Series[]): string {
  const shown = rows.filter((r) => series.some((s) => (r[s.field] as number) > 0));
  if (shown.length === 0)
    return `<figure><figcaption>${esc(title)}</figcaption><p class="none">Nothing measured.</p></figure>`;
  const max = Math.max(...shown.flatMap((r) => series.map((s) => r[s.field] as number)));
  const bar = 16;
  const gap = 10;
  const labelW = 170;
  const plotW = 460;
  const groupH = series.length * bar + gap;
  const height = shown.length * groupH + 30;
  const parts: string[] = [];
  shown.forEach((r, i) => {
    const y0 = i * groupH + 4;
    parts.push(
      `<text x="${labelW - 8}" y="${y0 + (series.length * bar) / 2 + 4}" text-anchor="end">${esc(r.key)}</text>`,
    );
    series.forEach((s, j) => {
      const v = r[s.field] as number;
      const w = max > 0 ? Math.max(v > 0 ? 1 : 0, (v / max) * plotW) : 0;
      const y = y0 + j * bar;
      parts.push(
        `<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${bar - 3}" fill="${s.color}"><title>${esc(`${r.key}: ${s.label} ${fmt(v)}`)}</title></rect>`,
        `<text x="${(labelW + w + 4).toFixed(1)}" y="${y + bar - 5}" class="v">${fmt(v)}</text>`,
      );
    });
  });
  const legend = series
    .map(
      (s, j) =>
        `<rect x="${labelW + j * 200}" y="${height - 16}" width="12" height="12" fill="${s.color}"/><text x="${labelW + j * 200 + 16}" y="${height - 6}">${esc(s.label)}</text>`,
    )
    .join("");
  const w = labelW + plotW + 90;
  return `<figure><figcaption>${esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}">${parts.join("")}${legend}</svg></figure>`;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:72rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;margin:.5rem 0}
th,td{padding:.25rem .6rem;border-bottom:1px solid #d8dee4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.4rem}svg text{font:12px system-ui,sans-serif;fill:#1b1f24}
svg text.v{fill:#57606a}.none,.meta{color:#57606a}li{margin:.2rem 0}`;

/** The whole page. */
export function usageHtml(r: UsageReport, o: { generated: string }): string {
  const t = r.totals;
  const scope =
    r.runs.length === 1 && !r.project_log
      ? `run ${r.runs[0]}`
      : `${r.runs.length} run(s)${r.project_log ? " and the project's usage log" : ""}`;
  const totals = COLUMNS.map(
    ([k, label]) => `<tr><th scope="row">${esc(label)}</th>${num(`totals.${k}`, t[k] as number)}</tr>`,
  ).join("\n");
  const charts = [
    barChart("Captured output vs what the hook returned (tokens), per phase", r.by_phase, [
      { label: "captured", field: "captured_tokens", color: "#8250df" },
      { label: "returned", field: "returned_tokens", color: "#2da44e" },
    ]),
    barChart("Answers served vs the full files they stand for (tokens), per phase", r.by_phase, [
      { label: "served", field: "answer_tokens_with_full", color: "#0969da" },
      { label: "full files", field: "full_tokens", color: "#bf8700" },
    ]),
    barChart("Answer tokens per tool", r.by_tool, [
      { label: "answer tokens", field: "answer_tokens", color: "#0969da" },
    ]),
  ];
  const unknowns = r.unknowns.map((u) => `<li>${esc(u)}</li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>cadre usage</title><style>${CSS}</style></head>
<body>
<h1>cadre usage</h1>
<p class="meta">Measured, not assumed: every figure is a sum of recorded events (${fmt(r.counts.measurements)} measurement(s) in ${fmt(r.counts.events)} event(s); ${esc(scope)}). Tokens by the o200k counter. Generated ${esc(o.generated)}.</p>
<h2>Totals</h2>
<table id="totals"><tbody>
${totals}
</tbody></table>
${charts.join("\n")}
${table("Per phase", "by_phase", r.by_phase)}
${table("Per role", "by_role", r.by_role)}
${table("Per run", "by_run", r.by_run)}
${table("Per tool", "by_tool", r.by_tool)}
<h2>What this report cannot know</h2>
<ul id="unknowns">
${unknowns}
</ul>
</body></html>
`;
}
