import { scanLines } from "../core/markdown.js";
import type { FileExtract, SymbolDef } from "./types.js";

/** Dedicated extractors for Markdown headings and JSON / YAML / TOML keys (no grammar needed). */

const MAX_KEYS = 2000;

function def(
  name: string,
  qualname: string,
  kind: SymbolDef["kind"],
  line: number,
  signature: string,
  depth: number,
): SymbolDef {
  return {
    name,
    qualname,
    kind,
    line,
    endLine: line,
    signature: signature.trim().slice(0, 200),
    doc: "",
    depth,
  };
}

/** Close open entries at or below `level`, ending them on `line`. */
function closeTo(stack: Array<{ level: number; d: SymbolDef }>, level: number, line: number): void {
  while (stack.length && (stack[stack.length - 1]?.level ?? 0) >= level) {
    const top = stack.pop();
    if (top) top.d.endLine = Math.max(top.d.line, line);
  }
}

export function extractMarkdown(text: string): FileExtract {
  const out: SymbolDef[] = [];
  const stack: Array<{ level: number; d: SymbolDef }> = [];
  const lines = scanLines(text);
  for (const l of lines) {
    if (l.inFence) continue;
    const m = /^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(l.text);
    if (!m) continue;
    const level = (m[1] as string).length;
    closeTo(stack, level, l.line - 1);
    const title = (m[2] as string).trim();
    const qual = [...stack.map((s) => s.d.name), title].join(" > ");
    const d = def(title, qual, "heading", l.line, l.text, stack.length);
    out.push(d);
    stack.push({ level, d });
  }
  closeTo(stack, 0, lines.length);
  return { language: "markdown", symbols: out, refs: [], imports: [] };
}

export function extractJson(text: string): FileExtract {
  const out: SymbolDef[] = [];
  const seen = new Set<string>();
  // Stack of containers: for objects, the key path segment that opened them.
  const stack: Array<{ obj: boolean; path: string; owner?: SymbolDef }> = [];
  let line = 1;
  let pendingKey: SymbolDef | undefined;
  let lastString: { value: string; line: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line++;
    else if (ch === 34) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      lastString = { value: text.slice(i + 1, j), line };
      i = j;
    } else if (ch === 58 && lastString && stack[stack.length - 1]?.obj) {
      const parent = stack[stack.length - 1]?.path ?? "";
      const qual = parent ? `${parent}.${lastString.value}` : lastString.value;
      pendingKey = def(
        lastString.value,
        qual,
        "key",
        lastString.line,
        text.slice(i - lastString.value.length - 2, i + 60).split("\n")[0] ?? "",
        stack.length - 1,
      );
      if (!seen.has(qual) && out.length < MAX_KEYS) {
        seen.add(qual);
        out.push(pendingKey);
      }
      lastString = undefined;
    } else if (ch === 123 || ch === 91) {
      const parent = stack[stack.length - 1];
      const base = pendingKey
        ? pendingKey.qualname
        : parent?.obj === false
          ? `${parent.path}[]`
          : (parent?.path ?? "");
      stack.push({ obj: ch === 123, path: base, owner: pendingKey });
      pendingKey = undefined;
      lastString = undefined;
    } else if (ch === 125 || ch === 93) {
      const top = stack.pop();
      if (top?.owner) top.owner.endLine = line;
    } else if (ch === 44) {
      pendingKey = undefined;
      lastString = undefined;
    }
  }
  return { language: "json", symbols: out, refs: [], imports: [] };
}

const YAML_KEY = /^(\s*)(?:-\s+)*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"\-?:,[\]{}][^#:]*?|[\w.-]+)\s*:(?:\s|$)/;

export function extractYaml(text: string): FileExtract {
  const out: SymbolDef[] = [];
  const seen = new Set<string>();
  const stack: Array<{ level: number; d: SymbolDef }> = [];
  const lines = text.split("\n");
  let blockIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (/^(---|\.\.\.)\s*$/.test(raw)) {
      closeTo(stack, 0, i);
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    if (blockIndent >= 0) {
      if (raw.trim() === "" || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) continue;
    const m = YAML_KEY.exec(raw);
    if (!m) continue;
    const level =
      m[0].length - m[0].trimStart().length + (m[0].trimStart().match(/^(-\s+)*/)?.[0].length ?? 0);
    const name = (m[2] as string).replace(/^["']|["']$/g, "");
    closeTo(stack, level, i);
    const qual = [...stack.map((s) => s.d.name), name].join(".");
    const d = def(name, qual, "key", i + 1, raw, stack.length);
    if (!seen.has(qual) && out.length < MAX_KEYS) {
      seen.add(qual);
      out.push(d);
    }
    stack.push({ level, d });
    if (/:\s*[|>][-+0-9]*\s*(#.*)?$/.test(raw)) blockIndent = indent;
  }
  closeTo(stack, 0, lines.length);
  return { language: "yaml", symbols: out, refs: [], imports: [] };
}

function tomlKey(s: string): string[] {
  return s
    .split(/\.(?=(?:[^"']|"[^"]*"|'[^']*')*$)/)
    .map((p) => p.trim().replace(/^["']|["']$/g, ""))
    .filter(Boolean);
}

export function extractToml(text: string): FileExtract {
  const out: SymbolDef[] = [];
  const seen = new Set<string>();
  const lines = text.split("\n");
  let table: SymbolDef | undefined;
  let prefix: string[] = [];
  let inString: string | undefined;
  let depth = 0;
  const add = (parts: string[], line: number, raw: string): SymbolDef | undefined => {
    const qual = parts.join(".");
    if (seen.has(qual) || out.length >= MAX_KEYS) return undefined;
    seen.add(qual);
    const d = def(parts[parts.length - 1] ?? qual, qual, "key", line, raw, parts.length - 1);
    out.push(d);
    return d;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (inString) {
      if (raw.includes(inString)) inString = undefined;
      continue;
    }
    const t = raw.trim();
    if (depth > 0) {
      depth += (t.match(/\[/g)?.length ?? 0) - (t.match(/]/g)?.length ?? 0);
      continue;
    }
    if (t === "" || t.startsWith("#")) continue;
    const header = /^\[\[?\s*([^\]]+?)\s*]]?/.exec(t);
    if (header) {
      if (table) table.endLine = Math.max(table.line, i);
      prefix = tomlKey(header[1] as string);
      table = add(prefix, i + 1, raw);
      continue;
    }
    const kv = /^((?:"[^"]*"|'[^']*'|[\w.-]+|\s*\.\s*)+?)\s*=\s*(.*)$/.exec(t);
    if (!kv) continue;
    add([...prefix, ...tomlKey(kv[1] as string)], i + 1, raw);
    const value = kv[2] as string;
    const triple = /^("""|''')/.exec(value);
    if (triple && !value.slice(3).includes(triple[1] as string)) inString = triple[1];
    else if (value.startsWith("["))
      depth = Math.max(0, (value.match(/\[/g)?.length ?? 0) - (value.match(/]/g)?.length ?? 0));
  }
  if (table) table.endLine = Math.max(table.line, lines.length);
  return { language: "toml", symbols: out, refs: [], imports: [] };
}
