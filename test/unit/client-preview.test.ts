import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { previewMessage } from '../../client/src/preview/messages';
import { ScrollEcho } from '../../client/src/preview/scroll-echo';
import { Throttle } from '../../client/src/preview/throttle';

/** Lets pending promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A throttled task that records when it starts and finishes only when the test says so. */
function tracked() {
  const starts: number[] = [];
  const finish: (() => void)[] = [];
  const throttle = new Throttle(
    () => {
      starts.push(Date.now());
      return new Promise<void>((resolve) => finish.push(resolve));
    },
    150,
    (e) => assert.fail(e as Error),
  );
  return { throttle, starts, finish: () => finish.shift()!() };
}

test('the throttle runs once per wait, whatever the number of calls, and serves the last one', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const { throttle, starts, finish } = tracked();
  for (let i = 0; i < 10; i++) throttle.schedule();
  t.mock.timers.tick(149);
  assert.deepEqual(starts, []);
  t.mock.timers.tick(1);
  assert.deepEqual(starts, [150]);
  // Calls while it runs wait for it, then the full wait.
  throttle.schedule();
  throttle.schedule();
  t.mock.timers.tick(500);
  assert.deepEqual(starts, [150]);
  finish();
  await settle();
  t.mock.timers.tick(150);
  assert.deepEqual(starts, [150, 800]);
  finish();
  await settle();
  t.mock.timers.tick(1000);
  assert.deepEqual(starts, [150, 800]);
});

test('now() runs at once, or right after the running task, taking pending calls along; dispose drops them', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const { throttle, starts, finish } = tracked();
  throttle.schedule();
  throttle.now();
  assert.deepEqual(starts, [0]);
  t.mock.timers.tick(150);
  assert.deepEqual(starts, [0], 'the scheduled call was served by the immediate run');
  throttle.schedule();
  throttle.now();
  t.mock.timers.tick(20);
  finish();
  await settle();
  assert.deepEqual(starts, [0, 170]);
  throttle.schedule();
  throttle.dispose();
  finish();
  await settle();
  t.mock.timers.tick(1000);
  assert.deepEqual(starts, [0, 170]);
});

test('a failed run is reported and the throttle goes on', async () => {
  let runs = 0;
  const failed = mock.fn();
  const throttle = new Throttle(
    async () => {
      if (++runs === 1) throw new Error('render failed');
    },
    0,
    failed,
  );
  throttle.now();
  throttle.now();
  await settle();
  assert.equal(runs, 2);
  assert.deepEqual(failed.mock.calls.map((c) => (c.arguments[0] as Error).message), ['render failed']);
});

test('scrolls the editor makes to follow the preview are not sent back, for a moment; its own are', (t) => {
  t.mock.timers.enable({ apis: ['Date'] });
  const echo = new ScrollEcho<object>(250);
  const editor = {};
  const other = {};
  assert.equal(echo.isOwn(editor), true);
  echo.scrolling(editor);
  assert.equal(echo.isOwn(other), true);
  t.mock.timers.tick(100);
  assert.equal(echo.isOwn(editor), false);
  // The preview goes on scrolling: each step holds the editor's echo off again.
  echo.scrolling(editor);
  t.mock.timers.tick(200);
  assert.equal(echo.isOwn(editor), false);
  t.mock.timers.tick(50);
  assert.equal(echo.isOwn(editor), true);
});

test('only well-formed messages from the webview are taken', () => {
  assert.deepEqual(previewMessage({ type: 'reveal', line: 12 }), { type: 'reveal', line: 12 });
  assert.deepEqual(previewMessage({ type: 'scrolled', line: 0, extra: true }), { type: 'scrolled', line: 0 });
  assert.deepEqual(previewMessage({ type: 'open-link', href: './a.md' }), { type: 'open-link', href: './a.md' });
  assert.deepEqual(previewMessage({ type: 'resync', from: 'x' }), { type: 'resync' });
  for (const bad of [undefined, null, 'reveal', { type: 'reveal', line: -1 }, { type: 'reveal', line: 1.5 }, { type: 'scrolled', line: '3' }, { type: 'open-link' }, { type: 'run', command: 'x' }]) {
    assert.equal(previewMessage(bad), undefined, JSON.stringify(bad));
  }
});
