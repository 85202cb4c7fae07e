import { afterEach, describe, expect, it, vi } from "vitest";
import { spawnSync } from "node:child_process";
import { LONG_QUIET_MS, noteRequest, startIdleCollection, whenLongQuiet } from "~/server/idle-memory.server";

afterEach(() => vi.useRealTimers());

describe("memory given back when the site goes quiet", () => {
  it("collects once per quiet spell of 5 s after traffic, never while requests come or with none since", () => {
    vi.useFakeTimers({ now: new Date("2026-11-28T10:00:00Z") });
    const gc = vi.fn();
    const stop = startIdleCollection(gc);
    vi.advanceTimersByTime(20_000);
    expect(gc).not.toHaveBeenCalled(); // no request yet: nothing to give back
    for (let i = 0; i < 10; i++) {
      noteRequest();
      vi.advanceTimersByTime(2_000); // a request every 2 s: never quiet
    }
    expect(gc).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4_000);
    expect(gc).toHaveBeenCalledTimes(1); // 6 s after the last request
    vi.advanceTimersByTime(50_000);
    expect(gc).toHaveBeenCalledTimes(1); // once per quiet spell
    noteRequest();
    vi.advanceTimersByTime(6_000);
    expect(gc).toHaveBeenCalledTimes(2);
    stop();
    noteRequest();
    vi.advanceTimersByTime(2 * LONG_QUIET_MS);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it("after a long quiet spell, drops what the caches can no longer serve and collects again, once per spell", () => {
    vi.useFakeTimers({ now: new Date("2026-11-28T11:00:00Z") }); // later than the test above: the module remembers its last request
    const gc = vi.fn();
    const purge = vi.fn();
    const stopPurging = whenLongQuiet(purge);
    const stop = startIdleCollection(gc);
    noteRequest();
    vi.advanceTimersByTime(LONG_QUIET_MS - 2_000);
    expect([gc.mock.calls.length, purge.mock.calls.length]).toEqual([1, 0]); // the quick collection only
    vi.advanceTimersByTime(3_000);
    expect([gc.mock.calls.length, purge.mock.calls.length]).toEqual([2, 1]);
    expect(purge.mock.invocationCallOrder[0]).toBeLessThan(gc.mock.invocationCallOrder[1]!); // dropped, then collected
    vi.advanceTimersByTime(5 * LONG_QUIET_MS);
    expect([gc.mock.calls.length, purge.mock.calls.length]).toEqual([2, 1]);
    // Traffic again: both stages again.
    noteRequest();
    vi.advanceTimersByTime(LONG_QUIET_MS + 1_000);
    expect([gc.mock.calls.length, purge.mock.calls.length]).toEqual([4, 2]);
    stopPurging();
    noteRequest();
    vi.advanceTimersByTime(LONG_QUIET_MS + 1_000);
    expect([gc.mock.calls.length, purge.mock.calls.length]).toEqual([6, 2]);
    stop();
  });

  it("does nothing where node was started without --expose-gc", () => {
    const stop = startIdleCollection(undefined);
    expect(stop()).toBeUndefined();
  });
});

describe("the collection itself (app/utils/gc.server.ts)", () => {
  it("is a full collection of the old generation on the Node that runs the tests, not only a scavenge", () => {
    // Node 20's V8 runs only a minor collection when gc() is given options; what V8 traces is
    // what ran. Old-generation garbage is made first, so a scavenge alone would leave it.
    const script = [
      'const { collectGarbage } = await import("./app/utils/gc.server.ts");',
      "globalThis.kept = Array.from({ length: 300000 }, (_, i) => ({ i }));",
      "globalThis.kept = null;",
      'console.log("[collect]");',
      "collectGarbage();",
      'console.log("[collected]");',
    ].join("\n");
    const run = spawnSync(process.execPath, ["--expose-gc", "--trace-gc", "--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const during = run.stdout.split("[collect]")[1]!.split("[collected]")[0]!;
    expect(during).toMatch(/Mark-Compact/);
  });
});
