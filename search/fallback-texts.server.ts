import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The fallback's free text (one text per listing slot), kept in a temporary file rather than in
 * the process's memory: at 113,000 listings it is about 36 MB, as much again as the rest of the
 * snapshot, and the site must stay under its memory goal during an outage
 * (docs/decisions/0015-speed-first-steps.md). A word is looked for once, by reading the file
 * through (from the page cache, tens of milliseconds at that size); the snapshot keeps which
 * slots matched for recent words.
 *
 * The file is append-only, as UTF-16 with a line break after each text (a word never holds one,
 * so a match never spans two texts). A slot written again gets a new text at the end; the old
 * one stays, unreferenced. The file is deleted as soon as it is opened: the open descriptor
 * keeps it, and nothing is left behind when the process ends, however it ends.
 */
export class FallbackTexts {
  private fd: number;
  private end = 0;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Per text written, in file order: where it starts (bytes), and its slot. */
  private starts = new Float64Array(1024);
  private slots = new Uint32Array(1024);
  private count = 0;
  /** Per slot: its current text's index in `starts`, or -1. */
  private current = new Int32Array(1024).fill(-1);

  constructor() {
    const file = path.join(os.tmpdir(), `gm-search-fallback-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    this.fd = openSync(file, "w+", 0o600);
    unlinkSync(file);
  }

  /** Sets slot `slot`'s text (written with the next flush). */
  set(slot: number, text: string) {
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts, this.count * 2);
      this.slots = grow(this.slots, this.count * 2);
    }
    if (slot >= this.current.length) {
      const current = new Int32Array(Math.max(slot + 1, this.current.length * 2)).fill(-1);
      current.set(this.current);
      this.current = current;
    }
    this.starts[this.count] = this.end + this.pendingBytes;
    this.slots[this.count] = slot;
    this.current[slot] = this.count++;
    this.pending.push(text);
    this.pendingBytes += (text.length + 1) * 2;
  }

  /** Forgets slot `slot`'s text: it matches nothing. */
  clear(slot: number) {
    if (slot < this.current.length) this.current[slot] = -1;
  }

  /** Writes the texts set since the last flush. */
  flush() {
    if (!this.pending.length) return;
    const bytes = Buffer.from(`${this.pending.join("\n")}\n`, "utf16le");
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.end + written);
    this.end += bytes.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Marks in `into` (one byte per slot) the slots whose current text contains `word`. */
  markMatches(word: string, into: Uint8Array) {
    this.flush();
    if (!word || this.count === 0) return;
    const needle = Buffer.from(word, "utf16le");
    const CHUNK = 4 * 1024 * 1024;
    const buffer = Buffer.allocUnsafe(CHUNK + 64 * 1024);
    // Read text by text boundaries, in pieces of about CHUNK bytes.
    for (let first = 0; first < this.count; ) {
      const from = this.starts[first]!;
      let last = first + 1;
      while (last < this.count && this.starts[last]! - from < CHUNK) last++;
      const to = last < this.count ? this.starts[last]! : this.end;
      const piece = to - from <= buffer.length ? buffer.subarray(0, to - from) : Buffer.allocUnsafe(to - from);
      let read = 0;
      while (read < piece.length) {
        const n = readSync(this.fd, piece, read, piece.length - read, from + read);
        if (n === 0) break;
        read += n;
      }
      let text = first;
      for (let at = piece.indexOf(needle); at !== -1; ) {
        if (at % 2 === 1) {
          at = piece.indexOf(needle, at + 1); // across two characters: not a match
          continue;
        }
        // The text this match is in (texts are in file order).
        while (text + 1 < last && this.starts[text + 1]! - from <= at) text++;
        const slot = this.slots[text]!;
        if (this.current[slot] === text && slot < into.length) into[slot] = 1;
        if (text + 1 >= last) break;
        at = piece.indexOf(needle, this.starts[text + 1]! - from);
      }
      first = last;
    }
  }

  close() {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

function grow<T extends Float64Array | Uint32Array>(array: T, length: number): T {
  const grown = new (array.constructor as new (n: number) => T)(length);
  grown.set(array);
  return grown;
}
