import type { Content } from "../hosts/output.js";

/**
 * The bytes of a shared file (one cadre edits a part of) as text the planner can edit, and back. Every
 * byte cadre does not own must come back as it was: a UTF-8 byte order mark is kept, a file whose every
 * line ends in CRLF is edited as LF and gets CRLF back (cadre's inserted lines too), and bytes that are not
 * UTF-8 are never decoded lossily: such a file is refused.
 */
export interface SharedText {
  /** The text without BOM, with LF line ends. */
  text: string;
  bom: boolean;
  crlf: boolean;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function decodeShared(c: Content): SharedText | undefined {
  let s: string;
  if (typeof c === "string") s = c;
  else {
    try {
      s = strict.decode(c);
    } catch {
      return undefined;
    }
  }
  const bom = s.startsWith("\uFEFF");
  if (bom) s = s.slice(1);
  // CRLF only when every line feed follows a carriage return: then LF → CRLF restores every byte.
  const crlf = s.includes("\r\n") && !/(^|[^\r])\n/.test(s);
  return { text: crlf ? s.replace(/\r\n/g, "\n") : s, bom, crlf };
}

export function encodeShared(text: string, like: Pick<SharedText, "bom" | "crlf">): string {
  const t = like.crlf ? text.replace(/\n/g, "\r\n") : text;
  return like.bom ? `\uFEFF${t}` : t;
}

export const NOT_UTF8 =
  "is not UTF-8 text (Latin-1 or another encoding); cadre edits shared files only as UTF-8 and left it untouched. Fix: convert it to UTF-8 (e.g. `iconv -f latin1 -t utf-8`), then run cadre sync";
