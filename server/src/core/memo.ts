/**
 * Results of pure functions of a piece of text, kept from one analysis of a document to the next:
 * a keystroke changes a line or two, and every other row, cell and block reads as it did. Each
 * table is keyed by the text its function reads, and is for one setting of whatever else the
 * function reads (the team's words, the people the document names: the table's `context`), so a
 * hit is the result the function would give. A result holds no line or offset (the caller places
 * it), so a hit stays right wherever the text moved to.
 *
 * A table passes from each analysis of a document to the next. Each entry notes the last analysis
 * that asked for it; once an analysis is done (`settle`), the entries it did not ask for are let go
 * when they outnumber those it did, so what is kept stays bounded by the document as it is now,
 * never by its history, at no cost per keystroke beyond the lookups.
 */
export class MemoTable<V> {
  private readonly entries: Map<string, { value: V; used: number }>;
  /** Entries this analysis asked for. */
  private used = 0;

  constructor(
    readonly context: unknown,
    private readonly generation: number,
    before?: MemoTable<V>,
    private readonly enabled = true,
  ) {
    this.entries = before?.entries ?? new Map();
  }

  /** `compute(key)`'s result, from this analysis or an earlier one of the document that asked for the same key. */
  get(key: string, compute: (key: string) => V): V {
    if (!this.enabled) return compute(key);
    const entry = this.entries.get(key);
    if (entry) {
      if (entry.used !== this.generation) {
        entry.used = this.generation;
        this.used++;
      }
      return entry.value;
    }
    const value = compute(key);
    this.entries.set(key, { value, used: this.generation });
    this.used++;
    return value;
  }

  settle(): void {
    if (this.entries.size <= 2 * this.used + 64) return;
    for (const [key, entry] of this.entries) if (entry.used !== this.generation) this.entries.delete(key);
  }
}

/** One analysis's tables, by name, each passed on from the previous analysis's table of that name and context. */
export class Memo {
  private readonly tables = new Map<string, MemoTable<unknown>>();
  private readonly byObject = new Map<string, WeakMap<object, unknown>>();
  /**
   * Objects of this version that are the previous version's moved by a number of lines (a table's
   * rows below a line typed, and the parts of them: see row-parts.ts), with what they were. Let go
   * once the analysis is made, so that no version holds on to the one before it.
   */
  readonly moved = new Map<object, { from: object; delta: number }>();
  private previous: Memo | undefined;
  private readonly generation: number;

  /**
   * `enabled`: keep results for the next version's analysis (a document being edited); a one-off
   * analysis (the CLI, a report) computes everything and keeps nothing.
   */
  constructor(
    previous?: Memo,
    readonly enabled = true,
  ) {
    this.previous = previous;
    this.generation = (previous?.generation ?? 0) + 1;
  }

  /** The table `name` for `context` (compared with `===`: a string, or an object kept while it is the same). */
  table<V>(name: string, context: unknown = undefined): MemoTable<V> {
    const table = this.tables.get(name) as MemoTable<V> | undefined;
    if (table && table.context === context) return table;
    const before = this.previous?.tables.get(name) as MemoTable<V> | undefined;
    const made = new MemoTable<V>(context, this.generation, before?.context === context ? before : undefined, this.enabled);
    this.tables.set(name, made);
    return made;
  }

  /**
   * Results by an object of the model that the next version keeps where its text did not change
   * (a timeline row's time value): passed on from analysis to analysis with the memo, and let go
   * with it (a document no longer edited keeps its model, not its memo). Undefined for a one-off analysis.
   */
  byKept<K extends object, V>(name: string): WeakMap<K, V> | undefined {
    if (!this.enabled) return undefined;
    let map = this.byObject.get(name);
    if (!map) {
      map = this.previous?.byObject.get(name) ?? new WeakMap();
      this.byObject.set(name, map);
    }
    return map as WeakMap<K, V>;
  }

  /** The analysis is made: its tables let go of what it did not ask for, and the previous analysis's memo is not kept alive from here. */
  settle(): void {
    this.previous = undefined;
    this.moved.clear();
    for (const table of this.tables.values()) table.settle();
  }
}

/**
 * A result kept with an object of the model (a table row) while the object is: the model
 * keeps an object from one version to the next only where what it was read from did not change
 * (see extract/tables.ts), so its result stands. Nothing is kept for a one-off analysis.
 *
 * The result is a property of the object itself, under this keeper's own symbol and not
 * enumerable, so JSON, structured clones and comparisons do not see it. A weak map would keep it
 * as long, but each of its entries is an ephemeron, which V8's full collection marks in rounds:
 * a line typed above a 1,600-row timeline makes every row and cell anew, and over 150 such edits
 * the longest full collection paused 207–344 ms with weak maps, 22–72 ms with the results on the
 * objects (which also hold 4–5 MB less heap for 50 open 2,000-line post-mortems).
 */
export class KeptWith<K extends object, V> {
  private readonly slot = Symbol('kept');

  get(memo: Memo, key: K, compute: (key: K) => V): V {
    if (!memo.enabled) return compute(key);
    const held = (key as Record<symbol, V | undefined>)[this.slot];
    if (held !== undefined || this.slot in key) return held as V;
    const value = compute(key);
    keptOn(key, this.slot, value);
    return value;
  }
}

/** Sets `value` on `object` under `slot`: a property that is not enumerable (so out of JSON, clones and comparisons), and can be set again. */
export function keptOn(object: object, slot: symbol, value: unknown): void {
  Object.defineProperty(object, slot, { value, writable: true, configurable: true });
}
