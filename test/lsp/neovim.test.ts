// A client nobody on this team wrote: Debian's Neovim (0.7; the preflight of npm test and
// npm run test:lsp installs it) starts the server over stdio, attaches it to a post-mortem and
// prints what vim.diagnostic holds. Without nvim the test fails, unless POSTMORTEM_SKIP names neovim.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { SKIP_VARIABLE, skipped, which } from '../../scripts/preflight';
import { SERVER, SEVERITY, WORKSPACE, today } from './client';

const optedOut = skipped().has('neovim') && `${SKIP_VARIABLE}=${process.env[SKIP_VARIABLE]}`;

/** 0.7 has no vim.lsp.start: start_client, then attach the buffer; wait for diagnostics by polling, never a fixed sleep. */
const SCRIPT = `
local id = vim.lsp.start_client({ name = 'postmortem', cmd = { vim.env.NODE, vim.env.SERVER, '--stdio' }, root_dir = vim.env.ROOT })
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.FILE))
vim.lsp.buf_attach_client(0, id)
local arrived = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.code, d.source, d.message })
end
io.stdout:write(vim.fn.json_encode({ arrived = arrived, diagnostics = found }))
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.cmd('qa!')
`;

test('Neovim 0.7 attaches the server to a post-mortem and shows its diagnostics', { skip: optedOut }, async () => {
  assert.ok(which('nvim'), `nvim is not on the PATH: run npm run test:lsp (its preflight installs Neovim), or set ${SKIP_VARIABLE}=neovim to skip this test.`);
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-nvim-')));
  try {
    cpSync(WORKSPACE, root, { recursive: true });
    const file = join(root, 'dns-outage-post-mortem.md');
    writeFileSync(join(root, 'test.lua'), SCRIPT);
    const nvim = spawn('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', 'luafile test.lua'], {
      cwd: root,
      env: { ...process.env, NODE: process.execPath, SERVER, ROOT: root, FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    nvim.stdout.on('data', (chunk) => (out += chunk));
    nvim.stderr.on('data', (chunk) => (err += chunk));
    const code = await new Promise((resolve) => nvim.on('exit', resolve));
    assert.equal(code, 0, err);
    const { arrived, diagnostics } = JSON.parse(out.slice(out.indexOf('{')));
    assert.equal(arrived, true);

    // Neovim counts columns in bytes where LSP counts UTF-16 units: the timeline's arrows differ.
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const byte = (line: number, character: number) => Buffer.byteLength(lines[line].slice(0, character));
    // The server reads overdue action items against its local date.
    const expected = analyze(text, { fix: { today: today() } }).diagnostics.map((d) => [
      d.range.start.line, byte(d.range.start.line, d.range.start.character), d.range.end.line, byte(d.range.end.line, d.range.end.character),
      SEVERITY[d.severity], d.code, 'postmortem', d.message,
    ]);
    const sorted = [...diagnostics].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(sorted, expected);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
