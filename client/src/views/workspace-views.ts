import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { workspaceChanged } from '../workspace-changed';
import {
  WORKSPACE_ACTION_ITEMS_REQUEST,
  WORKSPACE_POST_MORTEMS_REQUEST,
  type WorkspaceActionItem,
  type WorkspaceActionItemsParams,
  type WorkspaceActionItemsResult,
  type WorkspacePostMortem,
  type WorkspacePostMortemsParams,
  type WorkspacePostMortemsResult,
} from '../../../shared/protocol';
import {
  type ActionItemFilters,
  type ActionItemGrouping,
  type Group,
  type PostMortemGrouping,
  actionItemLabel,
  applyPostMortems,
  groupPostMortems,
  postMortemDescription,
  postMortemTooltip,
  problemCount,
  unpageGroups,
} from '../../../shared/workspace-views';

/** Whether the workspace is indexed (`postmortem.workspace.index`): off, the views ask the server nothing. */
function indexOn(): boolean {
  return vscode.workspace.getConfiguration('postmortem').get<boolean>('workspace.index', true);
}

/** A group's items shown at first, and how many more each "Show more" adds. */
const PAGE = 50;

/** A group (`total`: its items, of which `items` are shown), an item, or a group's "Show more" row. */
type Node<T> = { group: Group<T> & { total?: number } } | { leaf: T } | { more: { id: string; hidden: number } };

/**
 * A tree of groups and their items, asked of the server when shown and when it says the index
 * changed; every grouping, filter and label is shared/workspace-views.ts's.
 */
abstract class GroupedTree<T> implements vscode.TreeDataProvider<Node<T>> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  protected groups: Group<T>[] = [];

  constructor(protected readonly client: LanguageClient) {}

  protected abstract load(): Promise<Group<T>[]>;
  protected abstract leafItem(leaf: T): vscode.TreeItem;

  refresh(): void {
    this.emitter.fire();
  }

  async getChildren(node?: Node<T>): Promise<Node<T>[]> {
    if (node) {
      if (!('group' in node)) return [];
      const { id, items, total } = node.group;
      const leaves: Node<T>[] = items.map((leaf) => ({ leaf }));
      if (total !== undefined && total > items.length) leaves.push({ more: { id, hidden: total - items.length } });
      return leaves;
    }
    if (!indexOn()) return [];
    this.groups = await this.load().catch(() => []);
    return this.groups.map((group) => ({ group }));
  }

  getTreeItem(node: Node<T>): vscode.TreeItem {
    if ('leaf' in node) return this.leafItem(node.leaf);
    if ('more' in node) {
      const item = new vscode.TreeItem(`Show ${Math.min(PAGE, node.more.hidden)} more…`, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.more.id}:more`;
      item.description = `${node.more.hidden} not shown`;
      item.command = { command: 'postmortem.actionItems.showMore', title: 'Show more', arguments: [node.more.id] };
      return item;
    }
    const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.group.id;
    item.description = node.group.description;
    return item;
  }
}

class PostMortemsTree extends GroupedTree<WorkspacePostMortem> {
  by: PostMortemGrouping = 'status';

  /** The post-mortems held, and the revision of the answer they are: the next answer brings only what changed since. */
  private readonly known = new Map<string, WorkspacePostMortem>();
  private revision?: string;

  protected async load(): Promise<Group<WorkspacePostMortem>[]> {
    const result = await this.client.sendRequest<WorkspacePostMortemsResult>(WORKSPACE_POST_MORTEMS_REQUEST, (this.revision ? { since: this.revision } : {}) satisfies WorkspacePostMortemsParams);
    this.revision = result.revision;
    return groupPostMortems(applyPostMortems(this.known, result), this.by);
  }

  protected leafItem(p: WorkspacePostMortem): vscode.TreeItem {
    const uri = vscode.Uri.parse(p.uri);
    const item = new vscode.TreeItem(p.title, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.by}:${p.uri}`;
    item.resourceUri = uri;
    item.description = postMortemDescription(p);
    item.tooltip = postMortemTooltip(p);
    item.iconPath = new vscode.ThemeIcon(p.problems.error ? 'error' : problemCount(p) ? 'warning' : 'file-text');
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }
}

class ActionItemsTree extends GroupedTree<WorkspaceActionItem> {
  by: ActionItemGrouping = 'owner';
  filters: ActionItemFilters = { open: true };
  overdue = 0;
  private readonly counted = new vscode.EventEmitter<number>();
  readonly onDidCount = this.counted.event;

  /** Per group id, how many items the user asked to see (Show more). */
  limits: Record<string, number> = {};

  /** Only what the tree shows comes: the server filters, groups and sends each group's first items. */
  protected async load(): Promise<Group<WorkspaceActionItem>[]> {
    const me = vscode.workspace.getConfiguration('postmortem').get<string>('me', '').trim();
    const params: WorkspaceActionItemsParams = { ...(me ? { me } : {}), filters: this.filters, groupBy: this.by, limit: PAGE, limits: this.limits };
    const { items, overdue, groups } = await this.client.sendRequest<WorkspaceActionItemsResult>(WORKSPACE_ACTION_ITEMS_REQUEST, params);
    this.overdue = overdue;
    this.counted.fire(this.overdue);
    return unpageGroups(items, groups ?? []);
  }

  /** The overdue items counted again for the badge, no items asked for: the view is hidden. */
  async count(): Promise<void> {
    if (!indexOn()) return void this.counted.fire((this.overdue = 0));
    const params: WorkspaceActionItemsParams = { filters: { overdue: true }, groupBy: 'due', limit: 0 };
    const { overdue } = await this.client.sendRequest<WorkspaceActionItemsResult>(WORKSPACE_ACTION_ITEMS_REQUEST, params);
    this.overdue = overdue;
    this.counted.fire(overdue);
  }

  showMore(id: string, shown: number): void {
    this.limits[id] = shown + PAGE;
    this.refresh();
  }

  protected leafItem(i: WorkspaceActionItem): vscode.TreeItem {
    const { label, description, tooltip } = actionItemLabel(i, this.by);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.by}:${i.uri}#${i.line}`;
    item.description = description;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(i.done ? 'pass' : i.overdueDays !== null ? 'warning' : 'circle-large-outline');
    item.command = { command: 'postmortem.actionItems.reveal', title: 'Reveal', arguments: [i.uri, i.line] };
    return item;
  }
}

const FILTERS: { key: keyof ActionItemFilters; label: string; detail: string }[] = [
  { key: 'open', label: 'Open', detail: 'Not done' },
  { key: 'overdue', label: 'Overdue', detail: 'Open and past their due date' },
  { key: 'withoutOwner', label: 'Without owner', detail: 'Open, with no owner named' },
  { key: 'mine', label: 'Mine', detail: 'Owned by postmortem.me, else your git user.name' },
];

const GROUPINGS: { by: ActionItemGrouping; label: string }[] = [
  { by: 'owner', label: 'By owner' },
  { by: 'postMortem', label: 'By post-mortem' },
  { by: 'due', label: 'By due date' },
];

/** The Post-Mortems and Action Items views of the activity bar's Post-Mortems container. */
export function registerWorkspaceViews(context: vscode.ExtensionContext, client: LanguageClient): void {
  const postMortems = new PostMortemsTree(client);
  const actionItems = new ActionItemsTree(client);
  const pmView = vscode.window.createTreeView('postmortem.postMortems', { treeDataProvider: postMortems });
  const aiView = vscode.window.createTreeView('postmortem.actionItems', { treeDataProvider: actionItems });
  const setContext = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
  const filtered = () => setContext('postmortem.actionItems.filtered', Object.values(actionItems.filters).some(Boolean));
  setContext('postmortem.postMortems.groupBy', postMortems.by);
  filtered();
  const refresh = () => {
    if (pmView.visible) postMortems.refresh();
    // Hidden, the view still keeps its badge up to date.
    if (aiView.visible) actionItems.refresh();
    else void actionItems.count().catch(() => undefined);
  };
  const badge = (n: number) => (aiView.badge = n ? { value: n, tooltip: `${n} overdue action item${n === 1 ? '' : 's'}` } : undefined);
  context.subscriptions.push(
    pmView,
    aiView,
    actionItems.onDidCount(badge),
    workspaceChanged(client)(refresh),
    pmView.onDidChangeVisibility(({ visible }) => visible && postMortems.refresh()),
    aiView.onDidChangeVisibility(({ visible }) => visible && actionItems.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('postmortem.me') || e.affectsConfiguration('postmortem.workspace.index') ? refresh() : undefined),
    vscode.commands.registerCommand('postmortem.postMortems.refresh', () => postMortems.refresh()),
    vscode.commands.registerCommand('postmortem.actionItems.refresh', () => actionItems.refresh()),
    vscode.commands.registerCommand('postmortem.postMortems.groupByYear', () => {
      postMortems.by = 'year';
      setContext('postmortem.postMortems.groupBy', 'year');
      postMortems.refresh();
    }),
    vscode.commands.registerCommand('postmortem.postMortems.groupByStatus', () => {
      postMortems.by = 'status';
      setContext('postmortem.postMortems.groupBy', 'status');
      postMortems.refresh();
    }),
    vscode.commands.registerCommand('postmortem.actionItems.groupBy', async () => {
      const picked = await vscode.window.showQuickPick(
        GROUPINGS.map((g) => ({ label: g.label, by: g.by, picked: g.by === actionItems.by, description: g.by === actionItems.by ? 'current' : undefined })),
        { title: 'Group action items' },
      );
      if (!picked) return;
      actionItems.by = picked.by;
      actionItems.limits = {};
      actionItems.refresh();
    }),
    vscode.commands.registerCommand('postmortem.actionItems.filter', async () => {
      const picked = await vscode.window.showQuickPick(
        FILTERS.map((f) => ({ label: f.label, detail: f.detail, key: f.key, picked: actionItems.filters[f.key] === true })),
        { title: 'Show only action items that are…', canPickMany: true },
      );
      if (!picked) return;
      actionItems.filters = Object.fromEntries(picked.map((p) => [p.key, true]));
      actionItems.limits = {};
      filtered();
      actionItems.refresh();
    }),
    vscode.commands.registerCommand('postmortem.actionItems.showMore', (id: string) => actionItems.showMore(id, Math.max(PAGE, actionItems.limits[id] ?? 0))),
    vscode.commands.registerCommand('postmortem.actionItems.reveal', async (uri: string, line: number) => {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      const row = editor.document.lineAt(Math.min(line, editor.document.lineCount - 1)).range;
      editor.selection = new vscode.Selection(row.start, row.end);
      editor.revealRange(row, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  );
  // The badge counts from the start, before the view is first shown.
  void actionItems.count().catch(() => undefined);
}
