import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { LineTransport, topLevelId } from "./transport.js";

function harness(max: number) {
  const input = new PassThrough();
  const output = new PassThrough();
  const t = new LineTransport(input, output, max);
  const got: unknown[] = [];
  const sent: Array<{ id: unknown; error?: { code: number; message: string } }> = [];
  t.onmessage = (m) => got.push(m);
  output.on("data", (d: Buffer) => {
    for (const l of d.toString().split("\n").filter(Boolean)) sent.push(JSON.parse(l));
  });
  return { t, input, got, sent };
}
const tick = () => new Promise((r) => setImmediate(r));

describe("LineTransport", () => {
  it("answers a line over the cap with -32600 and its id, then reads the next message", async () => {
    const h = harness(1024);
    await h.t.start();
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { q: "x".repeat(5000) },
    });
    // Split across chunks, the newline in the middle of one, and the next message in the same chunk.
    h.input.write(big.slice(0, 700));
    h.input.write(big.slice(700, 3000));
    h.input.write(`${big.slice(3000)}\n{"jsonrpc":"2.0","id":8,"method":"ping"}\n`);
    await tick();
    expect(h.sent).toEqual([
      { jsonrpc: "2.0", id: 7, error: { code: -32600, message: expect.stringMatching(/larger than/) } },
    ]);
    expect(h.got).toEqual([{ jsonrpc: "2.0", id: 8, method: "ping" }]);
  });

  it("answers bad JSON with -32700 and a non-message with -32600, and keeps reading", async () => {
    const h = harness(1024);
    await h.t.start();
    h.input.write(
      '{"jsonrpc": "2.0", "id": 1, \n{"id": 2, "hello": true}\n\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n',
    );
    await tick();
    expect(h.sent.map((s) => [s.id, s.error?.code])).toEqual([
      [null, -32700],
      [2, -32600],
    ]);
    expect(h.got).toHaveLength(1);
  });
});

describe("topLevelId", () => {
  it("finds the top-level id, skipping nested ones, and gives null when it cannot know", () => {
    expect(topLevelId('{"jsonrpc":"2.0","id":"a\\"b","method":"x"')).toBe('a"b');
    expect(topLevelId('{"method":"x","params":{"id":5,"s":"}{"},"id":-3,"more":')).toBe(-3);
    expect(topLevelId('{"method":"x","params":{"id":5,"text":"unfinished')).toBeNull();
    expect(topLevelId('[{"id":1}]')).toBeNull();
    expect(topLevelId('{"id":12')).toBeNull();
  });
});
