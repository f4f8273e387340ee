/** Fence-aware Markdown scanning: headings, links and @mentions outside code. */

export interface MdLine {
  /** 1-based line number within the scanned text. */
  line: number;
  text: string;
  inFence: boolean;
}

/** A fence line at any indent: fences inside list items are indented past the 3 spaces of a top-level one. */
const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;

export function scanLines(text: string): MdLine[] {
  const out: MdLine[] = [];
  let fence: { char: string; len: number } | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i] ?? "";
    const m = FENCE.exec(t);
    if (fence) {
      out.push({ line: i + 1, text: t, inFence: true });
      if (m?.[1] && m[1][0] === fence.char && m[1].length >= fence.len && (m[2] ?? "").trim() === "") {
        fence = undefined;
      }
      continue;
    }
    if (m?.[1] && !(m[1][0] === "`" && (m[2] ?? "").includes("`"))) {
      fence = { char: m[1][0] as string, len: m[1].length };
      out.push({ line: i + 1, text: t, inFence: true });
      continue;
    }
    out.push({ line: i + 1, text: t, inFence: false });
  }
  return out;
}

export interface CodeBlock {
  lang: string;
  /** The info string's words after the language (```` ```ts no-check ````), when there are any. */
  flags?: string[];
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export function extractCodeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split("\n");
  let open:
    | { char: string; len: number; lang: string; flags: string[]; line: number; body: string[] }
    | undefined;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i] ?? "";
    const m = FENCE.exec(t);
    if (open) {
      if (m?.[1] && m[1][0] === open.char && m[1].length >= open.len && (m[2] ?? "").trim() === "") {
        const { lang, flags, line } = open;
        blocks.push({ lang, ...(flags.length ? { flags } : {}), code: open.body.join("\n"), line });
        open = undefined;
      } else open.body.push(t);
    } else if (m?.[1] && !(m[1][0] === "`" && (m[2] ?? "").includes("`"))) {
      const [lang = "", ...flags] = (m[2] ?? "").trim().split(/\s+/);
      open = {
        char: m[1][0] as string,
        len: m[1].length,
        lang,
        flags: flags.filter(Boolean),
        line: i + 1,
        body: [],
      };
    }
  }
  return blocks;
}

export interface Section {
  level: number;
  title: string;
  /** 1-based line of the heading (0 for the preamble before the first heading). */
  line: number;
  content: string;
}

/** Split into sections at ATX headings outside code fences. */
export function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { level: 0, title: "", line: 0, content: "" };
  const buf: string[] = [];
  for (const l of scanLines(text)) {
    const h = l.inFence ? null : /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(l.text);
    if (h) {
      current.content = buf.join("\n");
      sections.push(current);
      buf.length = 0;
      current = { level: (h[1] as string).length, title: h[2] ?? "", line: l.line, content: "" };
    } else buf.push(l.text);
  }
  current.content = buf.join("\n");
  sections.push(current);
  return sections.filter((s) => s.level > 0 || s.content.trim() !== "");
}

/** Replace inline code spans with spaces (keeps columns stable). */
export function blankInlineCode(line: string): string {
  return line.replace(/(`+)([^`]|(?!\1)`)*?\1/g, (m) => " ".repeat(m.length));
}

export interface Found {
  value: string;
  line: number;
  column: number;
}

/** Relative link targets of Markdown links and images, outside code. */
export function findRelativeLinks(text: string): Found[] {
  const out: Found[] = [];
  for (const l of scanLines(text)) {
    if (l.inFence) continue;
    const t = blankInlineCode(l.text);
    for (const m of t.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1] ?? "";
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#") || target.startsWith("/")) continue;
      const path = decodeSafe(target.split("#")[0] ?? "");
      if (path) out.push({ value: path, line: l.line, column: (m.index ?? 0) + 1 });
    }
  }
  return out;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `@name` mentions outside code: at a word start, not an e-mail, not a scoped package. */
export function findMentions(text: string): Found[] {
  const out: Found[] = [];
  for (const l of scanLines(text)) {
    if (l.inFence) continue;
    const t = blankInlineCode(l.text);
    for (const m of t.matchAll(/(^|[\s(["'*_,;:])@([a-z0-9]+(?:-[a-z0-9]+)*)(?![\w/@.-]*[\w/@])/g)) {
      const col = (m.index ?? 0) + (m[1] ?? "").length + 1;
      out.push({ value: m[2] ?? "", line: l.line, column: col });
    }
  }
  return out;
}
