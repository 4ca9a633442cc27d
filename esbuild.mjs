// One build, a context per bundle. `node esbuild.mjs --watch` rebuilds on change.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // ESM-only dependencies (fdir) read import.meta.url, which a CommonJS bundle must supply.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
};

const bundles = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // `render` inlines media/preview.css into the page it writes, so the CLI carries it as text.
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', loader: { '.css': 'text' } },
  // So does `postmortem/render` for Export to HTML (server/src/lsp/render-request.ts); the worker only gets the text.
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', loader: { '.css': 'text' } },
  // Large documents are analysed off the server's thread (server/src/lsp/threaded-analysis.ts starts it).
  { ...common, entryPoints: ['server/src/lsp/analysis-thread-entry.ts'], outfile: 'dist/analysis-thread.js' },
];

const contexts = await Promise.all(bundles.map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
