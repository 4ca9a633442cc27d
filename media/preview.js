// @ts-check
/*
 * The preview's script in the VS Code webview, loaded with the page's nonce. Plain JavaScript,
 * no build step. It talks to the extension only through messages (shared/protocol.ts):
 * it never navigates and never runs anything from the document.
 */
(function () {
  'use strict';

  /** @typedef {import('../shared/protocol').PreviewToExtension} PreviewToExtension */
  /** @typedef {import('../shared/protocol').ExtensionToPreview} ExtensionToPreview */

  /** @type {{ postMessage(message: PreviewToExtension): void }} */
  // @ts-ignore: VS Code defines acquireVsCodeApi in every webview.
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('preview-root'));
  /** How often, at most, a scroll is reported, in milliseconds. */
  const SCROLL_REPORT_MS = 50;

  /** A line label (render/html.ts lineLabel): its selector, the start of its HTML. */
  const LABEL = 'span.ln[data-line]';
  const LABEL_HTML = '<span class="ln" data-line="';
  /** The problems past the first few, behind a disclosure (render/problems.ts). */
  const MORE_PROBLEMS = '.problems > details.more';
  /** Whether a patch added a line label (set by patchElement). */
  let labelAdded = false;
  /** @param {Element} el */
  const isLabel = (el) => el.localName === 'span' && el.classList.contains('ln');

  /** The class that lets large blocks skip their contents off screen (see `settle`). */
  const SETTLED = 'pm-settled';
  /** How many bodies the page has had: the first, then each update's. */
  let bodies = 0;
  let version = -Infinity;
  /**
   * The body's blocks, as the server marked them (render/patch.ts): the parts above the document
   * in the root, the document's blocks in its article, each its marker comment and the nodes after
   * it. `renderId` names the render they are: a patch applies only to that one.
   */
  /** @typedef {{ part: boolean, nodes: ChildNode[], labels: boolean }} Block `labels`: whether it has (or had) line labels. */
  /** @type {Block[]} */
  let blocks = [];
  /**
   * Whether each `data-line` counts from the one before it in the page (a marked body's, see
   * render/patch.ts) rather than from the document's start (a body without markers).
   */
  let relative = false;
  /** @type {string | undefined} */
  let renderId = root.dataset.render;
  indexBlocks();
  settle();
  /** The scroll position a `scroll-to-line` set: reaching it is not the user scrolling. */
  let expectedScrollY = NaN;
  /** The timer of a scroll report to come, if any. */
  let pendingReport = 0;
  let lastReported = -1;
  /**
   * VS Code scrolls a new page to where the page before it was (another document's, maybe): not
   * the user's doing, so no scroll is reported until the extension has placed the page or the
   * user has touched it.
   */
  let placed = false;
  for (const type of ['wheel', 'keydown', 'pointerdown', 'touchstart']) {
    window.addEventListener(type, () => (placed = true), { capture: true, passive: true });
  }

  /** @param {PreviewToExtension} message */
  const post = (message) => vscode.postMessage(message);

  window.addEventListener('message', (event) => {
    /** @type {ExtensionToPreview} */
    const message = event.data;
    if (message?.type === 'update') {
      if (message.version < version) return;
      version = message.version;
      const { scrollX, scrollY } = window;
      document.documentElement.classList.remove(SETTLED);
      unfreezeTables();
      // The problems the user opened stay open: a whole body comes after a paste as after a patch.
      const opened = root.querySelector(MORE_PROBLEMS)?.hasAttribute('open');
      root.innerHTML = message.body;
      if (opened) root.querySelector(MORE_PROBLEMS)?.setAttribute('open', '');
      documentLines = undefined;
      renderId = message.id;
      indexBlocks();
      window.scrollTo(scrollX, scrollY);
      settle();
    } else if (message?.type === 'patch') {
      if (message.from !== renderId || message.version < version || !patch(message.runs)) {
        // Not what the page shows (reloaded, a message missed): a whole body puts it right.
        renderId = undefined;
        post({ type: 'resync' });
        return;
      }
      version = message.version;
      renderId = message.id;
    } else if (message?.type === 'scroll-to-line') {
      placed = true;
      // A report the user's last scroll scheduled would read the place asked for, and echo it.
      clearTimeout(pendingReport);
      pendingReport = 0;
      scrollToLine(message.line);
    }
  });

  /**
   * The large blocks (preview.css: tables, code, the timeline drawing, the problems) skip the
   * layout and paint of their contents while off screen (`content-visibility: auto`), so that an
   * edit far from the view does not lay out a table of a thousand rows again. Their size then is
   * the one they had when last laid out (`contain-intrinsic-size: auto`), and positions below them
   * stay exact: so they are switched on only once the whole body has been laid out and drawn once.
   */
  function settle() {
    const body = ++bodies;
    // The sizes are recorded after the frame's layout, which follows this frame's callbacks; a newer body waits for its own frame.
    /** @param {() => void} then */
    const afterFrame = (then) => requestAnimationFrame(() => setTimeout(() => body === bodies && then()));
    // Long tables are laid out in parts first, and drawn so, so that their parts' sizes are known too.
    afterFrame(() => {
      freezeTables();
      afterFrame(() => document.documentElement.classList.add(SETTLED));
    });
  }

  /**
   * A long table (core/long-tables.ts) comes with its body in several tbodies. Laid out whole, as
   * one table, an edit to any row lays out its thousand rows again (tens of milliseconds). So once
   * it has been laid out whole, its columns' widths are read from its header, and from then on the
   * header and each part are laid out as tables of their own with those widths (fixed layout):
   * an edit lays out its part, and parts off screen are skipped. The widths stay those read until
   * the page gets a whole body, a new width or new fonts (a longer cell typed in wraps meanwhile).
   * The rules are this sheet's, not attributes, so that the page's HTML stays the render's, which
   * patches are made against.
   */
  const tableSheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, tableSheet];
  /** The document's long tables the sheet lays out in parts, in order. @type {Element[]} */
  let frozen = [];
  /** The widths read from each table's header, one a column. @type {WeakMap<Element, number[]>} */
  let tableWidths = new WeakMap();

  /** @param {Element} table */
  const headerCells = (table) => Array.from(table.querySelector(':scope > thead > tr')?.children ?? []);

  /**
   * Lays the document's long tables out in parts, reading the widths of those not read yet (new
   * ones, or one whose header's number of cells changed) from a whole layout first. Does nothing
   * when the tables are those it laid out last. Each table is named by its own class (`pm-long-N`),
   * not by its place: a rule on a place would be matched again for every sibling added before it.
   */
  function freezeTables() {
    const tables = Array.from(documentArticle()?.querySelectorAll('table.pm-long') ?? []);
    if (tables.length === frozen.length && tables.every((t, k) => t === frozen[k] && tableWidths.get(t)?.length === headerCells(t).length)) return;
    unfreezeTables();
    let css = '';
    for (const table of tables) {
      const name = Array.from(table.classList).find((c) => /^pm-long-\d+$/.test(c));
      if (!name) continue;
      const cells = headerCells(table);
      let widths = tableWidths.get(table);
      if (widths?.length !== cells.length) {
        widths = cells.map((cell) => cell.getBoundingClientRect().width);
        tableWidths.set(table, widths);
      }
      const t = `#preview-root table.${name}`;
      const total = widths.reduce((a, b) => a + b, 0);
      css += `${t} { display: block; }
${t} > thead, ${t} > tbody { display: table; table-layout: fixed; width: ${total}px; }
${t} > tbody { contain-intrinsic-block-size: auto 1000px; }
.${SETTLED} ${t} > tbody { content-visibility: auto; }
${t} > * > tr:first-child > * { box-sizing: border-box; }
${t} > tbody > tr:first-child > * { border-top-width: 0; }
`;
      widths.forEach((w, j) => (css += `${t} > * > tr:first-child > :nth-child(${j + 1}) { width: ${w}px; }\n`));
    }
    tableSheet.replaceSync(css);
    frozen = tables;
  }

  function unfreezeTables() {
    tableSheet.replaceSync('');
    frozen = [];
  }

  /**
   * A new width of the page, or new fonts (VS Code sets its fonts as variables on the root
   * element's style, and the theme's class on the body), wraps the cells differently: once things
   * settle, the tables are laid out whole and their widths read again.
   * @type {ReturnType<typeof setTimeout> | undefined}
   */
  let rereading;
  const rereadTables = () => {
    clearTimeout(rereading);
    rereading = setTimeout(() => {
      tableWidths = new WeakMap();
      freezeTables();
    }, 100);
  };
  window.addEventListener('resize', rereadTables);
  const restyled = new MutationObserver(rereadTables);
  restyled.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  restyled.observe(document.body, { attributes: true, attributeFilter: ['class'] });

  /** Finds the blocks in the page, from their markers; a body without them has none, and every patch asks for a whole body. */
  function indexBlocks() {
    blocks = [];
    const article = documentArticle();
    for (const [container, part] of /** @type {const} */ ([[root, true], [article, false]])) {
      /** @type {Block | undefined} */
      let block;
      for (let node = container?.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === Node.COMMENT_NODE && node.nodeValue === (part ? 'pm-part' : 'pm-block')) blocks.push((block = { part, nodes: [], labels: false }));
        else if (node === article) block = undefined;
        if (block) block.nodes.push(node);
      }
    }
    relative = blocks.length > 0;
    for (const b of blocks) b.labels = b.nodes.some((node) => node instanceof Element && (isLabel(node) || node.querySelector(LABEL) !== null));
  }

  function documentArticle() {
    return Array.from(root.children).find((el) => el.matches('article.document'));
  }

  /** @typedef {import('../shared/protocol').PatchRun} PatchRun */

  /**
   * Applies a patch's runs (shared/protocol.ts PatchRun) to the page's blocks: kept ones stay where
   * they are (their lines moved by the run's shift), changed elements are patched inside, new ones
   * are parsed from their HTML, the others removed. The scroll position is kept, and the selection
   * with the nodes it is in. False when the runs do not fit the page.
   * @param {PatchRun[]} runs
   */
  function patch(runs) {
    const article = documentArticle();
    if (!article || !Array.isArray(runs)) return false;
    const { scrollX, scrollY } = window;
    /** Kept blocks whose lines changed: patched inside or shifted. */
    const changed = new Set();
    const next = applyRuns(
      blocks,
      runs,
      (html) => {
        const nodes = parse(html, root);
        const marker = nodes[0];
        return marker?.nodeType === Node.COMMENT_NODE && (marker.nodeValue === 'pm-part' || marker.nodeValue === 'pm-block') ? { part: marker.nodeValue === 'pm-part', nodes, labels: html.includes(LABEL_HTML) } : undefined;
      },
      (block, run) => {
        const el = block.nodes.find((n) => n instanceof Element);
        changed.add(block);
        labelAdded = false;
        const done = el instanceof Element && patchElement(el, run);
        if (labelAdded) block.labels = true;
        return done;
      },
      (block, shift) => {
        changed.add(block);
        for (const node of block.nodes) if (shiftFirstLine(node, shift)) return;
      },
    );
    if (!next) return false;
    const kept = new Set(next);
    for (const block of blocks) if (!kept.has(block)) for (const node of block.nodes) node.remove();
    place(root, next.filter((b) => b.part).flatMap((b) => b.nodes), firstMarker(root, article));
    place(article, next.filter((b) => !b.part).flatMap((b) => b.nodes), firstMarker(article, null));
    // The labels change only if a block up to the last with labels is new, moved, patched or shifted.
    let last = -1;
    for (let i = 0; i < next.length; i++) if (next[i].labels) last = i;
    let moved = false;
    for (let i = 0; i <= last && !moved; i++) moved = next[i] !== blocks[i] || changed.has(next[i]);
    blocks = next;
    documentLines = undefined;
    if (moved) relabel(last);
    freezeTables();
    window.scrollTo(scrollX, scrollY);
    return true;
  }

  /**
   * The new list from `old` and the runs: kept items (shifted), items patched inside, new ones.
   * Undefined when a run does not fit (an index out of range, an item taken twice, HTML that is not one).
   * @template T
   * @param {T[]} old @param {PatchRun[]} runs
   * @param {(html: string) => T | undefined} make @param {(item: T, run: { shift: number, n: number, runs: PatchRun[] }) => boolean} inside
   * @param {(item: T, shift: number) => void} shift
   * @returns {T[] | undefined}
   */
  function applyRuns(old, runs, make, inside, shift) {
    /** @type {T[]} */
    const next = [];
    const used = new Set();
    /** @param {number} i */
    const take = (i) => {
      if (!(i >= 0 && i < old.length) || used.has(i)) return false;
      used.add(i);
      return true;
    };
    for (const run of runs) {
      if ('add' in run) {
        for (const html of run.add) {
          const item = make(html);
          if (!item) return undefined;
          next.push(item);
        }
      } else if ('in' in run) {
        if (!take(run.in) || !inside(old[run.in], run)) return undefined;
        next.push(old[run.in]);
      } else {
        for (let k = 0; k < run.count; k++) {
          if (!take(run.old + k)) return undefined;
          if (run.shift) shift(old[run.old + k], run.shift);
          next.push(old[run.old + k]);
        }
      }
    }
    return next;
  }

  /**
   * Patches `el`'s children by `run`, its own line moved by the run's shift. Only what changed is
   * touched: a kept stretch is found by its first and last node and skipped, or moved whole (each
   * node's first line moved by the shift: the others count from it); the nodes between stretches are
   * removed one by one. So a row edited or added in a long table costs the row, not the table's
   * thousands of rows.
   * @param {Element} el @param {{ shift: number, n: number, runs: PatchRun[] }} run
   */
  function patchElement(el, run) {
    const children = el.childNodes;
    if (children.length !== run.n || !Array.isArray(run.runs)) return false;
    // First what the runs take, checked, with the nodes they name, while the indexes hold.
    /** @type {({ add: ChildNode[] } | { first: ChildNode, last: ChildNode, count: number, shift: number } | { node: ChildNode, inner: { shift: number, n: number, runs: PatchRun[] } })[]} */
    const steps = [];
    /** @type {[number, number][]} */
    const taken = [];
    for (const r of run.runs) {
      if ('add' in r) {
        /** @type {ChildNode[]} */
        const nodes = [];
        for (const html of r.add) {
          if (html.includes(LABEL_HTML)) labelAdded = true;
          const parsed = parse(html, el);
          if (parsed.length !== 1) return false;
          nodes.push(parsed[0]);
        }
        steps.push({ add: nodes });
      } else if ('in' in r) {
        if (!(Number.isInteger(r.in) && r.in >= 0 && r.in < run.n)) return false;
        taken.push([r.in, r.in + 1]);
        steps.push({ node: children[r.in], inner: r });
      } else {
        if (!(Number.isInteger(r.old) && Number.isInteger(r.count) && r.old >= 0 && r.count >= 0 && r.old + r.count <= run.n)) return false;
        if (!r.count) continue;
        taken.push([r.old, r.old + r.count]);
        steps.push({ first: children[r.old], last: children[r.old + r.count - 1], count: r.count, shift: r.shift });
      }
    }
    taken.sort((a, b) => a[0] - b[0]);
    /** @type {ChildNode[]} */
    const removed = [];
    let end = 0;
    for (const [from, to] of taken) {
      if (from < end) return false;
      for (let i = end; i < from; i++) removed.push(children[i]);
      end = to;
    }
    for (let i = end; i < run.n; i++) removed.push(children[i]);
    for (const step of steps) if ('inner' in step && !(step.node instanceof Element && patchElement(step.node, step.inner))) return false;
    if (run.shift) shiftFirstLine(el, run.shift);
    for (const node of removed) node.remove();
    // Then in order: `at` is the first node not yet placed.
    let at = el.firstChild;
    for (const step of steps) {
      if ('add' in step) {
        for (const node of step.add) el.insertBefore(node, at);
      } else if ('inner' in step) {
        if (step.node === at) at = step.node.nextSibling;
        else el.insertBefore(step.node, at);
      } else {
        const inPlace = step.first === at;
        const after = inPlace ? step.last.nextSibling : at;
        /** @type {ChildNode | null} */
        let node = step.first;
        for (let k = 0; k < step.count && node && (step.shift || !inPlace); k++) {
          /** @type {ChildNode | null} */
          const next = node.nextSibling;
          if (step.shift) shiftFirstLine(node, step.shift);
          if (!inPlace) el.insertBefore(node, at);
          node = next;
        }
        at = after;
      }
    }
    return true;
  }

  /**
   * `html`'s nodes as the parser makes them inside `parent`: SVG's inside an SVG element.
   * @param {string} html @param {Element} parent
   */
  function parse(html, parent) {
    const template = document.createElement('template');
    const svg = parent.namespaceURI === 'http://www.w3.org/2000/svg';
    template.innerHTML = svg ? `<svg>${html}</svg>` : html;
    const content = svg ? template.content.firstChild : template.content;
    return content ? Array.from(content.childNodes) : [];
  }

  /**
   * Puts `nodes` in order in `container` from `at` on, moving only those not already in place:
   * kept stretches are not touched.
   * @param {Element} container @param {ChildNode[]} nodes @param {Node | null} at
   */
  function place(container, nodes, at) {
    for (const node of nodes) {
      if (node === at) at = node.nextSibling;
      else container.insertBefore(node, at);
    }
  }

  /** Where `container`'s marked blocks start: its first marker, else `end`. @param {Element} container @param {Node | null} end */
  function firstMarker(container, end) {
    for (let node = container.firstChild; node && node !== end; node = node.nextSibling) {
      if (node.nodeType === Node.COMMENT_NODE && (node.nodeValue === 'pm-part' || node.nodeValue === 'pm-block')) return node;
    }
    return end;
  }

  /**
   * Moves the first `data-line` in `node` (its own, else its first descendant's) by `shift`: the
   * ones after it count from it. False when `node` has none.
   * @param {ChildNode} node @param {number} shift
   */
  function shiftFirstLine(node, shift) {
    if (!(node instanceof Element)) return false;
    // (A `data-line` without a number, which the server never writes, counts for nothing: render/patch.ts skips it too.)
    const el = node.getAttribute('data-line') ? node : node.querySelector('[data-line]:not([data-line=""])');
    if (!el) return false;
    el.setAttribute('data-line', String(Number(el.getAttribute('data-line')) + shift));
    return true;
  }

  /**
   * The elements that carry a source line, in document order, with their lines (0-based, from
   * the document's start): `data-line`s added up in a marked body.
   * @returns {{ el: Element, line: number }[]}
   */
  function lined() {
    const elements = root.querySelectorAll('[data-line]');
    /** @type {{ el: Element, line: number }[]} */
    const out = [];
    let line = 0;
    for (let i = 0; i < elements.length; i++) {
      const value = Number(elements[i].getAttribute('data-line'));
      line = relative ? line + value : value;
      out.push({ el: elements[i], line });
    }
    return out;
  }

  /** The line `el` (which has a `data-line`) came from. @param {Element} el */
  function lineOfElement(el) {
    if (!relative) return Number(el.getAttribute('data-line'));
    return lined().find((l) => l.el === el)?.line ?? NaN;
  }

  /**
   * A line label shows its line, 1-based: in a marked body only the page knows it, so the labels
   * are set again after a patch. The lines are added up only as far as block `last`, the last with
   * labels (the problems, near the top), and a label's text is touched only when it changed.
   * @param {number} last
   */
  function relabel(last) {
    if (!relative) return;
    let line = 0;
    /** @param {Element} el */
    const visit = (el) => {
      line += Number(el.getAttribute('data-line'));
      if (isLabel(el)) {
        const text = String(line + 1);
        // Its one text node changed in place: only that text is laid out again.
        const number = el.firstChild;
        if (number instanceof Text && !number.nextSibling) {
          if (number.data !== text) number.data = text;
        } else if (el.textContent !== text) el.textContent = text;
      }
    };
    for (let i = 0; i <= last; i++) {
      for (const node of blocks[i].nodes) {
        if (!(node instanceof Element)) continue;
        if (node.hasAttribute('data-line')) visit(node);
        const inside = node.querySelectorAll('[data-line]');
        for (let k = 0; k < inside.length; k++) visit(inside[k]);
      }
    }
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest('a[href]');
    if (link) {
      // VS Code's own click handler, on the window below, would open http(s), mailto and vscode
      // links itself, whatever was decided here: the click stops at the document.
      event.preventDefault();
      event.stopPropagation();
      post({ type: 'open-link', href: link.getAttribute('href') ?? '' });
      return;
    }
    // A click that ends a text selection is not a request to jump to the source.
    if (String(window.getSelection() ?? '')) return;
    const source = target?.closest('[data-line]');
    if (source) post({ type: 'reveal', line: lineOfElement(source) });
  });

  // A middle click would open the link in a new window: never navigate.
  document.addEventListener('auxclick', (event) => {
    if (event.target instanceof Element && event.target.closest('a[href]')) event.preventDefault();
  });

  window.addEventListener(
    'scroll',
    () => {
      if (Math.abs(window.scrollY - expectedScrollY) < 1) {
        expectedScrollY = NaN;
        return;
      }
      expectedScrollY = NaN;
      if (pendingReport || !placed) return;
      pendingReport = window.setTimeout(() => {
        pendingReport = 0;
        const line = lineAtTop();
        if (line !== undefined && line !== lastReported) {
          lastReported = line;
          post({ type: 'scrolled', line });
        }
      }, SCROLL_REPORT_MS);
    },
    { passive: true },
  );

  /**
   * The document's elements that carry a source line, in document order, which is line order and
   * top-to-bottom order, with their lines: the header and cards above it point anywhere, so they
   * are left out. Made again after the page's body changes (a whole body, a patch).
   * @type {{ el: Element, line: number }[] | undefined}
   */
  let documentLines;

  function documentElements() {
    const article = documentArticle();
    documentLines ??= lined().filter(({ el }) => article?.contains(el));
    return documentLines;
  }

  /**
   * The index of the first element from `k` on (step 1) or back (step -1) that is laid out, or -1.
   * Only the elements looked at are measured: measuring each of a long document's thousands of
   * elements, some in parts skipped off screen, took 20–45 ms at each scroll.
   * @param {{ el: Element }[]} elements @param {number} k @param {1 | -1} step
   */
  function laidOut(elements, k, step) {
    for (; k >= 0 && k < elements.length; k += step) if (elements[k].el.getClientRects().length > 0) return k;
    return -1;
  }

  /** @param {{ line: number }} l */
  const lineOf = (l) => l.line;
  /** @param {{ el: Element }} l */
  const topOf = (l) => l.el.getBoundingClientRect().top + window.scrollY;

  /**
   * Scrolls so that `line` is at the top, between the elements around it when none starts there;
   * the document's first line (or one before it) to the top of the page, header included.
   */
  function scrollToLine(/** @type {number} */ line) {
    const elements = documentElements();
    const first = laidOut(elements, 0, 1);
    if (first < 0) return;
    // The laid-out elements around the line: the last starting at or before it, the next after it.
    const next = elements.findIndex((el) => lineOf(el) > line);
    const after = next < 0 ? -1 : laidOut(elements, next, 1);
    const before = next < 0 ? laidOut(elements, elements.length - 1, -1) : Math.max(laidOut(elements, next - 1, -1), first);
    let y = 0;
    if (line > lineOf(elements[first])) {
      y = topOf(elements[before]);
      const from = lineOf(elements[before]);
      if (after >= 0 && lineOf(elements[after]) > from) y += ((topOf(elements[after]) - y) * (line - from)) / (lineOf(elements[after]) - from);
    }
    const max = document.documentElement.scrollHeight - window.innerHeight;
    const target = Math.round(Math.max(0, Math.min(y, max)));
    if (Math.abs(target - window.scrollY) < 1) return;
    expectedScrollY = target;
    window.scrollTo(window.scrollX, target);
  }

  /**
   * The source line at the top of the view: the last element starting above it, and on towards the
   * next. Found by halving, as the elements' tops grow in document order.
   */
  function lineAtTop() {
    const elements = documentElements();
    const first = laidOut(elements, 0, 1);
    if (first < 0) return undefined;
    /** @param {number} k a laid-out element's index */
    const top = (k) => elements[k].el.getBoundingClientRect().top;
    // The first laid-out element below the top of the view, `below` (-1 when none); the last above it, `i`.
    let lo = first;
    let hi = elements.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const k = laidOut(elements, mid, 1);
      if (k < 0 || top(k) > 1) hi = mid;
      else lo = k + 1;
    }
    const below = lo < elements.length ? laidOut(elements, lo, 1) : -1;
    const i = below < 0 ? laidOut(elements, elements.length - 1, -1) : laidOut(elements, below - 1, -1);
    if (i < first) return lineOf(elements[first]);
    const topI = top(i);
    let j = i + 1;
    for (; j < elements.length; j++) {
      if (lineOf(elements[j]) > lineOf(elements[i]) && elements[j].el.getClientRects().length > 0 && top(j) > topI) break;
    }
    if (j >= elements.length) return lineOf(elements[i]);
    const passed = Math.max(0, -topI) / (top(j) - topI);
    return lineOf(elements[i]) + Math.floor((lineOf(elements[j]) - lineOf(elements[i])) * passed);
  }
})();
