import { afterEach, describe, expect, it, vi } from "vitest";
import { noteRequest, startIdleCollection } from "~/server/idle-memory.server";

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
    vi.advanceTimersByTime(60_000);
    expect(gc).toHaveBeenCalledTimes(1); // once per quiet spell
    noteRequest();
    vi.advanceTimersByTime(6_000);
    expect(gc).toHaveBeenCalledTimes(2);
    stop();
    noteRequest();
    vi.advanceTimersByTime(60_000);
    expect(gc).toHaveBeenCalledTimes(2);
  });

  it("does nothing where node was started without --expose-gc", () => {
    const stop = startIdleCollection(undefined);
    expect(stop()).toBeUndefined();
  });
});
