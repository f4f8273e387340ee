import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";

/**
 * MCP over stdio, one JSON-RPC message per line, that survives bad input. The SDK's stdio transport closes
 * (and the server exits without a word) when a message exceeds its 10 MiB buffer; this one answers a line
 * over the cap with a JSON-RPC error (`-32600`, with the request's id when the line's head names it, else
 * null), skips the rest of that line without holding it, and keeps serving. A line that is not JSON gets
 * `-32700`, and JSON that is not a JSON-RPC message `-32600`.
 */

export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** How much of an oversized line is kept to find its id. */
const HEAD_BYTES = 64 * 1024;

type Id = string | number | null;

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private parts: Buffer[] = [];
  private size = 0;
  /** The head of a line over the cap, while the rest of it streams past. */
  private skipping: Buffer | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {}

  private readonly onData = (chunk: Buffer) => {
    let start = 0;
    while (start <= chunk.length) {
      const nl = chunk.indexOf(10, start);
      const part = chunk.subarray(start, nl < 0 ? chunk.length : nl);
      if (this.skipping) {
        if (nl >= 0) this.tooLarge();
      } else if (this.size + part.length > this.maxBytes) {
        this.skipping = Buffer.concat([...this.parts, part]).subarray(0, HEAD_BYTES);
        this.parts = [];
        this.size = 0;
        if (nl >= 0) this.tooLarge();
      } else if (nl < 0) {
        if (part.length) this.parts.push(part);
        this.size += part.length;
      } else {
        const line = this.parts.length ? Buffer.concat([...this.parts, part]) : part;
        this.parts = [];
        this.size = 0;
        this.line(line);
      }
      if (nl < 0) break;
      start = nl + 1;
    }
  };

  private readonly onError = (e: Error) => this.onerror?.(e);

  async start(): Promise<void> {
    this.input.on("data", this.onData);
    this.input.on("error", this.onError);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const text = `${JSON.stringify(message)}\n`;
    if (this.output.write(text)) return;
    await new Promise<void>((resolve) => this.output.once("drain", () => resolve()));
  }

  async close(): Promise<void> {
    this.input.off("data", this.onData);
    this.input.off("error", this.onError);
    this.parts = [];
    this.skipping = undefined;
    this.onclose?.();
  }

  private tooLarge(): void {
    const head = this.skipping?.toString("utf8") ?? "";
    this.skipping = undefined;
    this.fail(
      topLevelId(head),
      -32600,
      `Invalid Request: message larger than ${Math.round(this.maxBytes / 1048576)} MiB; it was not read`,
    );
  }

  private line(buf: Buffer): void {
    const text = buf.toString("utf8").replace(/\r$/, "");
    if (!text.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.fail(null, -32700, `Parse error: ${(e as Error).message}`);
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const id = (value as { id?: unknown } | null)?.id;
      this.fail(typeof id === "string" || typeof id === "number" ? id : null, -32600, "Invalid Request");
      return;
    }
    this.onmessage?.(parsed.data);
  }

  private fail(id: Id, code: number, message: string): void {
    this.onerror?.(new Error(message));
    // `id: null` is what JSON-RPC 2.0 prescribes when the id cannot be known; the SDK's types want one.
    void this.send({ jsonrpc: "2.0", id, error: { code, message } } as unknown as JSONRPCMessage);
  }
}

/**
 * The `id` member of the JSON object that `head` starts (possibly cut short), when it appears in `head` at
 * the top level: `"id"` keys nested in `params` are skipped. Undefined ids come back as null.
 */
export function topLevelId(head: string): Id {
  let i = 0;
  const ws = () => {
    while (i < head.length && " \t\r\n".includes(head[i] as string)) i++;
  };
  const str = (): string | undefined => {
    const from = i;
    if (head[i] !== '"') return undefined;
    for (i++; i < head.length; i++) {
      if (head[i] === "\\") i++;
      else if (head[i] === '"') {
        i++;
        try {
          return JSON.parse(head.slice(from, i)) as string;
        } catch {
          return undefined;
        }
      }
    }
    return undefined;
  };
  /** Skip one value of any shape; false when `head` ends first. */
  const skip = (): boolean => {
    ws();
    if (head[i] === '"') return str() !== undefined;
    if (head[i] !== "{" && head[i] !== "[") {
      while (i < head.length && !",}] \t\r\n".includes(head[i] as string)) i++;
      return i < head.length;
    }
    let depth = 0;
    for (; i < head.length; i++) {
      const c = head[i];
      if (c === '"') {
        if (str() === undefined) return false;
        i--;
      } else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) {
          i++;
          return true;
        }
      }
    }
    return false;
  };
  ws();
  if (head[i] !== "{") return null;
  i++;
  for (;;) {
    ws();
    const key = str();
    if (key === undefined) return null;
    ws();
    if (head[i] !== ":") return null;
    i++;
    ws();
    if (key === "id") {
      if (head[i] === '"') return str() ?? null;
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?(?=[\s,}])/.exec(head.slice(i, i + 40));
      return m ? Number(m[0]) : null;
    }
    if (!skip()) return null;
    ws();
    if (head[i] !== ",") return null;
    i++;
  }
}
