import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { GENERATED } from '../../scripts/generate';
import { ROOT } from '../paths';

for (const [path, make] of Object.entries(GENERATED)) {
  test(`${path} is up to date (npm run generate)`, async () => {
    assert.equal(readFileSync(join(ROOT, path), 'utf8'), await make());
  });
}
