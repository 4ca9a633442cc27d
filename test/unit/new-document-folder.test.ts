import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newDocumentFolder } from '../../server/src/core/commands/new-document';

test('the new-document folder is a path inside the workspace', () => {
  assert.deepEqual(newDocumentFolder('postmortems'), ['postmortems']);
  assert.deepEqual(newDocumentFolder('docs/incidents/'), ['docs', 'incidents']);
  assert.deepEqual(newDocumentFolder('./docs\\incidents'), ['docs', 'incidents']);
  assert.deepEqual(newDocumentFolder(''), []);
  assert.deepEqual(newDocumentFolder('docs/..notes'), ['docs', '..notes']);
});

test('a folder outside the workspace is refused in one sentence: what is wrong, what to do', () => {
  for (const folder of ['..', '../elsewhere', 'docs/../../etc', 'docs\\..\\..\\Windows', '/etc/cron.d', '\\\\server\\share', 'C:\\Users', 'c:relative']) {
    assert.throws(() => newDocumentFolder(folder), {
      message: `The postmortem.newDocument.folder setting "${folder}" points outside the workspace; set it to a folder inside it, such as postmortems.`,
    });
  }
});
