/** Thrown by a deadline's check once its budget is spent: the caller abandons the work and says so. */
export class BudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`${budgetMs / 1000} s budget exceeded`);
    this.name = 'BudgetExceeded';
  }
}

/**
 * A time budget for one analysis or render, checked at block, section and rule boundaries, so an
 * overrun is bounded by the longest step between two checks. `performance.now()` is a global in
 * Node and browsers: the core stays free of imports.
 */
export class Deadline {
  private readonly end: number;

  constructor(readonly budgetMs: number) {
    this.end = performance.now() + budgetMs;
  }

  check(): void {
    if (performance.now() > this.end) throw new BudgetExceeded(this.budgetMs);
  }
}

/** Rows between two checks inside one step: a huge table is read in slices of this many rows. */
const ROWS_PER_CHECK = 256;

/**
 * A check for a loop over rows (table rows, timeline entries, blocks): the deadline is read every
 * `ROWS_PER_CHECK` calls, so one huge table overruns its budget by one slice, not by the whole table.
 */
export function rowChecker(deadline: Deadline | undefined): () => void {
  if (!deadline) return () => {};
  let rows = 0;
  return () => {
    if (++rows % ROWS_PER_CHECK === 0) deadline.check();
  };
}
