import { positionAt } from "../../core/diagnostics.js";
import { scanLines } from "../../core/markdown.js";
import type { Item, Pack } from "../../model/item.js";
import type { Finding, LintRule } from "../types.js";

const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u00AD\uFEFF\u{E0000}-\u{E007F}]/gu;
const INSTRUCTION_WORDS =
  /\b(ignore|disregard|forget|instructions?|system prompt|you must|you are|do not (?:tell|mention|reveal)|secretly|exfiltrat\w*|override|assistant|run the following|execute)\b/i;
const PIPE_TO_SHELL =
  /\b(?:curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^\n|;]*\|\s*(?:sudo\s+)?(?:ba|z|k|da|fi)?sh\b|\b(?:curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^\n|;]*\|\s*(?:sudo\s+)?(?:python3?|node|perl|ruby|iex|Invoke-Expression)\b|\b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b|\b(?:iex|Invoke-Expression)\s*\(?\s*\(?\s*(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|New-Object\s+Net\.WebClient)/gi;
const BASE64 = /[A-Za-z0-9+/]{200,}={0,2}/g;
const PASTE_HOSTS =
  /\bhttps?:\/\/(?:www\.)?(pastebin\.com|paste\.ee|hastebin\.com|ghostbin\.\w+|dpaste\.(?:com|org)|termbin\.com|ix\.io|0x0\.st|transfer\.sh|file\.io|temp\.sh|bashupload\.com|webhook\.site|requestbin\.\w+|pipedream\.net|paste\.rs|rentry\.co|controlc\.com|privatebin\.net)\b/gi;
const NETWORK =
  /\b(curl|wget|nc|ncat|netcat|scp|rsync|ftp|telnet|ssh)\s|\bfetch\(|\brequests\.(get|post|put)\b|\burllib\.request\b|\bhttp\.client\b|\bsocket\.(socket|connect)\b|\bInvoke-WebRequest\b|\bInvoke-RestMethod\b|\baxios\b|\bhttps?\.request\(/g;
/** A word that is destructive as a command: at a command's position in a line, not a method or a string. */
const AT_COMMAND = String.raw`(?:^|[;&|(\u0060]|\bsudo|\bthen|\bdo|\bexec|\belse)[ \t]*`;
const DESTRUCTIVE = new RegExp(
  [
    // rm -r/-f of the root, the home folder, or everything under a variable (empty → "/")
    String.raw`\brm\s+-[a-zA-Z]*[rRf][a-zA-Z]*\s+(?:--no-preserve-root\s+)?(?:\/\*?|~\/?|"?\$\{?HOME\}?"?\/?\*?)(?=[\s;&|)]|$)`,
    String.raw`\brm\s+-[a-zA-Z]*[rR][a-zA-Z]*\s+"?\$\{?\w+\}?"?\/"?\*?(?=[\s;&|)'"]|$)`,
    String.raw`${AT_COMMAND}(?:sudo\s+)?(?:shutdown|reboot|halt|poweroff|mkfs(?:\.\w+)?)(?=[ \t;&|)]|$)`,
    String.raw`\bdd\s+[^\n]*\bof=\/dev\/`,
    String.raw`\bchmod\s+-R\s+0?777\s+\/(?=[\s;]|$)`,
    String.raw`:\(\)\s*\{\s*:\|:&\s*\};:`,
    String.raw`\bgit\s+push\s+[^\n]*--force\b`,
    String.raw`\bDROP\s+(?:DATABASE|TABLE)\b`,
    String.raw`\bformat\s+[a-zA-Z]:`,
    String.raw`\bRemove-Item\b[^\n]*-Recurse[^\n]*-Force`,
  ].join("|"),
  "gim",
);
/** A line that opens a local (AF_UNIX) socket or a netcat Unix-socket session: not the network. */
const LOCAL_SOCKET = /\bAF_UNIX\b|\bAF_LOCAL\b|\bnc\s+(?:-\w+\s+)*-\w*U/;

/** Blank out comments of a script (keeping columns), so words in them are not read as commands. */
function stripComments(path: string, text: string): string {
  const slashes = /\.(js|mjs|cjs|ts)$/.test(path);
  const re = slashes ? /(^|[ \t])\/\/.*$/gm : /(^|[ \t])#(?!!).*$/gm;
  return text.replace(re, (m, lead: string) => lead + " ".repeat(m.length - lead.length));
}
interface Text {
  path: string;
  text: string;
  /** File line of the first line of `text`. */
  line0: number;
}

/** Every text of an item to scan: its main file and (for skills) its supporting text files. */
function textsOf(it: Item, pack: Pack): Text[] {
  const list: Text[] = [{ path: it.path, text: it.text, line0: 1 }];
  for (const f of it.files) {
    const t = pack.texts.get(f);
    if (t !== undefined && f !== it.path) list.push({ path: f, text: t, line0: 1 });
  }
  return list;
}

function matches(
  re: RegExp,
  t: Text,
  message: (m: RegExpMatchArray) => string,
  limit = 5,
  skipLine?: RegExp,
): Finding[] {
  const out: Finding[] = [];
  for (const m of t.text.matchAll(re)) {
    const pos = positionAt(t.text, m.index ?? 0);
    if (skipLine?.test(t.text.split("\n")[pos.line - 1] ?? "")) continue;
    out.push({ message: message(m), path: t.path, line: pos.line + t.line0 - 1, column: pos.column });
    if (out.length >= limit) break;
  }
  return out;
}

const isScript = (path: string) =>
  /(^|\/)scripts\//.test(path) || /\.(sh|bash|zsh|ps1|py|js|mjs|cjs|ts|rb|pl)$/.test(path);

export const securityRules: LintRule[] = [
  {
    id: "security/hidden-unicode",
    severity: "error",
    description:
      "No hidden, bidirectional or zero-width Unicode characters. Consequence: hosts load text a reviewer cannot see, so `sync` does not install the item.",
    hint: "delete the invisible character (view the file with a hex viewer or `cat -A`)",
    item: (it, pack) =>
      textsOf(it, pack).flatMap((t) =>
        matches(HIDDEN, { ...t, text: t.text.replace(/^\uFEFF/, " ") }, (m) => {
          const cp = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
          return `hidden Unicode character U+${cp}`;
        }),
      ),
  },
  {
    id: "security/html-comment-instructions",
    severity: "error",
    description:
      "No HTML comments carrying instructions. Consequence: hosts pass them to the model, but reviewers do not see them rendered, so `sync` does not install the item.",
    hint: "move the text into the visible body or delete the comment",
    item: (it) => {
      if (!/\.(md|markdown|mdc)$/.test(it.path)) return [];
      const visible = scanLines(it.text)
        .map((l) => (l.inFence ? "" : l.text))
        .join("\n");
      const out: Finding[] = [];
      for (const m of visible.matchAll(/<!--([\s\S]*?)-->/g)) {
        if (!INSTRUCTION_WORDS.test(m[1] ?? "")) continue;
        out.push({
          message: "HTML comment contains instruction-like text",
          ...positionAt(visible, m.index ?? 0),
        });
      }
      return out;
    },
  },
  {
    id: "security/pipe-to-shell",
    severity: "warning",
    description:
      "Download-and-execute pipelines such as `curl … | sh` are flagged for review. Review, not rejection: hosts load the item, and the model may run the pipeline.",
    hint: "download to a file, verify its checksum or signature, then run it",
    item: (it, pack) =>
      textsOf(it, pack).flatMap((t) =>
        matches(PIPE_TO_SHELL, t, (m) => `download piped into an interpreter: "${m[0].slice(0, 60)}"`),
      ),
  },
  {
    id: "security/base64-blob",
    severity: "warning",
    description: "No large base64 blobs, which can hide payloads from review.",
    hint: "ship the data as a reviewable file under assets/",
    item: (it, pack) =>
      textsOf(it, pack).flatMap((t) =>
        matches(BASE64, t, (m) => `base64-like blob of ${m[0].length} characters`),
      ),
  },
  {
    id: "security/paste-url",
    severity: "warning",
    description:
      "URLs to paste, upload or request-capture services, common exfiltration and payload hosts, are flagged for review. Review, not rejection: hosts load the item as written.",
    hint: "link to a reviewable source (a repository or official docs) instead",
    item: (it, pack) =>
      textsOf(it, pack).flatMap((t) =>
        matches(PASTE_HOSTS, t, (m) => `URL to a paste or upload service (${m[1]})`),
      ),
  },
  {
    id: "security/script-network",
    severity: "warning",
    description:
      "Scripts that reach the network are flagged for review (a local AF_UNIX socket is not the network).",
    hint: "document why the script needs the network, or remove the call",
    item: (it, pack) =>
      textsOf(it, pack)
        .filter((t) => t.path !== it.path && isScript(t.path))
        .flatMap((t) =>
          matches(NETWORK, t, (m) => `script uses the network (${m[0].trim()})`, 3, LOCAL_SOCKET),
        ),
  },
  {
    id: "security/script-destructive",
    severity: "warning",
    description:
      "Scripts and hook commands that run destructive commands (rm -rf of /, ~ or everything under a variable, shutdown/reboot/mkfs as commands, dd to devices, force pushes…) are flagged for review; comments, method names and strings are not commands. Review, not rejection: hosts run the script as written.",
    hint: "narrow the command to the files the script creates, or remove it",
    item: (it, pack) => {
      const texts = textsOf(it, pack).filter((t) => t.path !== it.path && isScript(t.path));
      if (it.kind === "hook") texts.push({ path: it.path, text: it.text, line0: 1 });
      return texts.flatMap((t) =>
        matches(
          DESTRUCTIVE,
          { ...t, text: stripComments(t.path, t.text) },
          (m) => `destructive command "${m[0].trim().slice(0, 50)}"`,
        ),
      );
    },
  },
];
