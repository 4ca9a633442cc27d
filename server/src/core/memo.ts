/**
 * Results of pure functions of a piece of text, kept from one analysis of a document to the next:
 * a keystroke changes a line or two, and every other row, cell and block reads as it did. Each
 * table is keyed by the text its function reads, and is for one setting of whatever else the
 * function reads (the team's words, the people the document names: the table's `context`), so a
 * hit is the result the function would give. A result holds no line or offset (the caller places
 * it), so a hit stays right wherever the text moved to.
 *
 * Two generations: an analysis reads the previous analysis's tables and writes its own with only
 * the keys it asked for, so what is kept is bounded by the document as it is now, never by its
 * history; once the analysis is done (`settle`), it lets the previous generation go.
 */
export class MemoTable<V> {
  private readonly now = new Map<string, V>();
  private before: Map<string, V> | undefined;

  constructor(
    readonly context: unknown,
    before?: MemoTable<V>,
    private readonly enabled = true,
  ) {
    this.before = before?.now;
  }

  /** `compute(key)`'s result, from this analysis or the previous one when either asked for the same key. */
  get(key: string, compute: (key: string) => V): V {
    if (!this.enabled) return compute(key);
    let value = this.now.get(key);
    if (value !== undefined || this.now.has(key)) return value as V;
    const before = this.before;
    value = before?.has(key) ? (before.get(key) as V) : compute(key);
    this.now.set(key, value);
    return value;
  }

  settle(): void {
    this.before = undefined;
  }
}

/** One analysis's tables, by name, each reading the previous analysis's table of that name and context. */
export class Memo {
  private readonly tables = new Map<string, MemoTable<unknown>>();
  private previous: Memo | undefined;

  /**
   * `enabled`: keep results for the next version's analysis (a document being edited); a one-off
   * analysis (the CLI, a report) computes everything and keeps nothing.
   */
  constructor(
    previous?: Memo,
    readonly enabled = true,
  ) {
    this.previous = previous;
  }

  /** The table `name` for `context` (compared with `===`: a string, or an object kept while it is the same). */
  table<V>(name: string, context: unknown = undefined): MemoTable<V> {
    const table = this.tables.get(name) as MemoTable<V> | undefined;
    if (table && table.context === context) return table;
    const before = this.previous?.tables.get(name) as MemoTable<V> | undefined;
    const made = new MemoTable<V>(context, before?.context === context ? before : undefined, this.enabled);
    this.tables.set(name, made);
    return made;
  }

  /** The analysis is made: the previous one's tables are no longer read (nor kept alive from here). */
  settle(): void {
    this.previous = undefined;
    for (const table of this.tables.values()) table.settle();
  }
}

/**
 * A result kept with an object of the model (a table row, a cell) while the object is: the model
 * keeps an object from one version to the next only where what it was read from did not change
 * (see extract/tables.ts), so its result stands. Nothing is kept for a one-off analysis.
 */
export class KeptWith<K extends object, V> {
  private readonly map = new WeakMap<K, V>();

  get(memo: Memo, key: K, compute: (key: K) => V): V {
    if (!memo.enabled) return compute(key);
    let value = this.map.get(key);
    if (value === undefined && !this.map.has(key)) {
      value = compute(key);
      this.map.set(key, value);
    }
    return value as V;
  }
}
