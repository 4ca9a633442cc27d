import type { Rule } from '../rule';

/** A table row whose cell count differs from its header's: markdown-it drops or pads the difference. */
export const tableCells: Rule = {
  id: 'table-cells',
  description: "A table row with more or fewer cells than the header.",
  details:
    'A table row with more or fewer cells than its header: markdown-it (and GitHub) drop the extra cells and pad the missing ones, so text silently disappears from the rendered table. Escape a pipe inside a cell as `\\|`.',
  severity: 'warning',
  check({ model, src }) {
    return model.tables.flatMap((table) => {
      const expected = table.header.cellCount;
      return table.rows
        .filter((row) => row.cellCount !== expected)
        .map((row) => ({
          range: src.trimmedLineRange(row.line),
          message: `This row has ${cells(row.cellCount)} but the header has ${expected}: ${row.cellCount > expected ? 'remove the extra "|" or escape it as "\\|"' : 'add the missing cells'}.`,
        }));
    });
  },
};

function cells(n: number): string {
  return n === 1 ? '1 cell' : `${n} cells`;
}
