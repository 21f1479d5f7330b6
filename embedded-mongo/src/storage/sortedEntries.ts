/** A position in a `SortedEntries`: chunk number and offset inside it. */
export interface Cursor {
  chunk: number;
  offset: number;
}

const CHUNK = 256;

/**
 * A sorted multiset kept as a list of sorted chunks of at most 2×256 entries (the layout of
 * Python's SortedList): inserting or removing costs two binary searches and a short splice, and
 * range scans walk chunks in either direction. It backs the ordered part of the indexes.
 */
export class SortedEntries<E> {
  private chunks: E[][] = [];
  /** The last (largest) entry of each chunk, for the chunk-level binary search. */
  private maxes: E[] = [];
  private count = 0;

  constructor(private readonly cmp: (a: E, b: E) => number) {}

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.chunks = [];
    this.maxes = [];
    this.count = 0;
  }

  /** Index of the first chunk whose largest entry is ≥ e (by `test(max) >= 0`), or chunks.length. */
  private chunkFor(test: (e: E) => number): number {
    let lo = 0;
    let hi = this.maxes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (test(this.maxes[mid]) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static lowerBound<T>(list: T[], test: (e: T) => number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (test(list[mid]) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Replaces the contents with entries (in any order), sorted once and cut into chunks. */
  load(entries: E[]): void {
    entries.sort(this.cmp);
    this.chunks = [];
    this.maxes = [];
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      this.chunks.push(chunk);
      this.maxes.push(chunk[chunk.length - 1]);
    }
    this.count = entries.length;
  }

  insert(e: E): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([e]);
      this.maxes.push(e);
      return;
    }
    let c = this.chunkFor((x) => this.cmp(x, e));
    if (c === this.chunks.length) c--;
    const chunk = this.chunks[c];
    const at = SortedEntries.lowerBound(chunk, (x) => this.cmp(x, e));
    chunk.splice(at, 0, e);
    this.maxes[c] = chunk[chunk.length - 1];
    if (chunk.length > 2 * CHUNK) {
      const tail = chunk.splice(CHUNK);
      this.chunks.splice(c + 1, 0, tail);
      this.maxes[c] = chunk[chunk.length - 1];
      this.maxes.splice(c + 1, 0, tail[tail.length - 1]);
    }
  }

  /** Removes one entry equal (cmp 0) to `e`; returns whether it was there. */
  delete(e: E): boolean {
    const c = this.chunkFor((x) => this.cmp(x, e));
    if (c === this.chunks.length) return false;
    const chunk = this.chunks[c];
    const at = SortedEntries.lowerBound(chunk, (x) => this.cmp(x, e));
    if (at >= chunk.length || this.cmp(chunk[at], e) !== 0) return false;
    chunk.splice(at, 1);
    this.count--;
    if (chunk.length === 0) {
      this.chunks.splice(c, 1);
      this.maxes.splice(c, 1);
    } else this.maxes[c] = chunk[chunk.length - 1];
    return true;
  }

  /** The position of the first entry with `test(entry) >= 0` (entries are ordered by `test`). */
  seek(test: (e: E) => number): Cursor {
    const c = this.chunkFor(test);
    if (c === this.chunks.length) return { chunk: c, offset: 0 };
    return { chunk: c, offset: SortedEntries.lowerBound(this.chunks[c], test) };
  }

  /** The position just past the last entry with `test(entry) <= 0`. */
  seekAfter(test: (e: E) => number): Cursor {
    return this.seek((e) => (test(e) <= 0 ? -1 : 1));
  }

  /** Entries from `from` onwards, in order. */
  *forward(from: Cursor = { chunk: 0, offset: 0 }): Generator<E> {
    for (let c = from.chunk, o = from.offset; c < this.chunks.length; c++, o = 0) {
      const chunk = this.chunks[c];
      for (let i = o; i < chunk.length; i++) yield chunk[i];
    }
  }

  /** Entries strictly before `before` (default: the end), from the last backwards. */
  *backward(before?: Cursor): Generator<E> {
    let c: number;
    let o: number;
    if (!before || before.chunk >= this.chunks.length) {
      c = this.chunks.length - 1;
      o = c >= 0 ? this.chunks[c].length - 1 : -1;
    } else {
      c = before.chunk;
      o = before.offset - 1;
    }
    while (c >= 0) {
      const chunk = this.chunks[c];
      for (let i = o; i >= 0; i--) yield chunk[i];
      c--;
      if (c >= 0) o = this.chunks[c].length - 1;
    }
  }
}
