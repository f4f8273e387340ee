import { describe, expect, it } from "vitest";
import type { RunEvent } from "../model/run.js";
import { aggregateUsage } from "./usage.js";
import { barChart, usageHtml } from "./usage-html.js";

const ev = (seq: number, type: string, f: Record<string, unknown>): RunEvent => ({
  seq,
  at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
  type,
  run: "r1",
  ...f,
});

describe("usage page", () => {
  const report = aggregateUsage([
    {
      run: "r1",
      events: [
        ev(1, "answer", {
          via: "mcp",
          tool: "recall",
          tokens: 1234,
          bytes: 5000,
          full_tokens: 9000,
          phase: "<b>x</b>",
        }),
        ev(2, "capture", {
          path: "a",
          captured_bytes: 20000,
          captured_tokens: 5000,
          returned_bytes: 800,
          returned_tokens: 200,
        }),
      ],
    },
  ]);
  const page = usageHtml(report, { generated: "2026-01-01T00:00:00.000Z" });

  it("is self-contained: no script, no stylesheet link, nothing fetched", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).not.toMatch(/<script|<link|<img|@import|url\(/);
  });

  it("marks every figure with its place in the report, grouped for reading", () => {
    expect(page).toContain('data-metric="totals.answer_tokens">1,234<');
    expect(page).toContain('data-metric="totals.captured_bytes">20,000<');
    expect(page).toContain('data-metric="by_tool.mcp:recall.full_tokens">9,000<');
  });

  it("escapes what the events name (phases, roles, tools)", () => {
    expect(page).not.toContain("<b>x</b>");
    expect(page).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("charts scale bars to the largest value and say when nothing was measured", () => {
    const svg = barChart("t", report.by_phase, [
      { label: "captured", field: "captured_tokens", color: "#000" },
      { label: "returned", field: "returned_tokens", color: "#111" },
    ]);
    const widths = [...svg.matchAll(/<rect x="170" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.max(...widths)).toBe(460);
    expect(widths).toContain(Number(((200 / 5000) * 460).toFixed(1)));
    expect(barChart("t", [], [{ label: "a", field: "answers", color: "#000" }])).toContain(
      "Nothing measured.",
    );
  });
});
