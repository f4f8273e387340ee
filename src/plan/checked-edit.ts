import { type ConfigCodec, canonicalJson, type KeyEdit, setAt } from "./json-keys.js";

/**
 * Edits of one shared config's text, each made twice: on the text, and on the parsed value. Before cadre
 * writes, the edited text must parse, and parse to exactly that value (only cadre's keys changed).
 * Text edits are queued and made together when the text is asked for (`codec.editAll`), and the result is
 * parsed once: n key edits cost a few parses of the file, not n.
 */
export interface CheckedEditor {
  codec: ConfigCodec;
  edit(key: readonly string[], value: unknown): void;
  text(): string;
  /** The value the edits make of the file: what the edited text must parse back to (no parse). */
  value(): unknown;
  /** The edited text, parsed (`{}` when it does not parse). */
  parsed(): Record<string, unknown>;
  /** Why the edited text must not be written; undefined when it reads back as intended. */
  problem(): string | undefined;
}

export function checkedEditor(codec: ConfigCodec, obj: unknown, text: string): CheckedEditor {
  let out = text;
  let expected = obj;
  let threw = false;
  let pending: KeyEdit[] = [];
  let read: { text: string; value: Record<string, unknown> | undefined } | undefined;
  const flush = () => {
    if (pending.length === 0) return out;
    try {
      out = codec.editAll(out, pending);
    } catch {
      threw = true;
    }
    pending = [];
    return out;
  };
  const parse = () => {
    const t = flush();
    if (read?.text !== t) read = { text: t, value: codec.parse(t) };
    return read.value;
  };
  return {
    codec,
    edit(key, value) {
      expected = setAt(expected, key, value);
      pending.push({ key, value });
    },
    text: flush,
    value: () => expected,
    parsed: () => parse() ?? {},
    problem() {
      const back = parse();
      if (!threw && back !== undefined && canonicalJson(back) === canonicalJson(expected)) return undefined;
      return `cadre's edit would not read back as ${codec.name} with only its keys changed; left untouched. Fix: simplify the formatting around cadre's keys (or remove them), then run cadre sync`;
    },
  };
}
