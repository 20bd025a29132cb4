// The VS Code side, desktop and web alike: starts the language server (how is up to the entry
// point: extension.ts starts dist/server.js in Node, browserExtension.ts starts the web worker
// dist/web/server.js), forwards settings, and shows its state. All analysis happens in the
// server; the client runs no workspace code and no SQL.
import {
  CodeAction,
  commands,
  MarkdownString,
  SnippetString,
  ExtensionContext,
  FileSystemWatcher,
  languages,
  LanguageStatusSeverity,
  Position,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  window,
  workspace,
  type OutputChannel,
  type QuickPickItem,
} from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  Commands,
  PLAN_REQUEST,
  RELEASES_REQUEST,
  SETTINGS_SECTION,
  STATUS_NOTIFICATION,
  type PlanParams,
  type PlanResponse,
  type ReleaseItem,
  type ReleasesParams,
  type StatementCommandArgs,
  type StatusParams,
} from '../../server/src/lsp/protocol';
import { fixSnippet } from './fixSnippets';
import { StatusBook } from './statusView';

let client: BaseLanguageClient | undefined;
let afterStop: (() => Promise<void>) | undefined;

/** Client-only command: apply a quick fix as a snippet (args: [uri, range, snippet]). */
const APPLY_SNIPPET_COMMAND = 'crdbRestoreGuard.applySnippetFix';

/** Client-only command: open a page of the shipped docs rendered (args: [page under docs/, without .md]). */
const OPEN_DOCS_COMMAND = 'crdbRestoreGuard.openDocumentation';

/** Makes the entry point's client from the shared options (the transport is its business). */
export type ClientFactory = (context: ExtensionContext, options: LanguageClientOptions) => BaseLanguageClient;

const SELECTOR = [
  { language: 'sql' },
  { language: 'markdown' },
  { pattern: '**/*.mdx' },
];

/** What the entry point does besides making the client: e.g. wait for the Node server process to exit after a stop. */
export interface EntryHooks {
  afterStop?: () => Promise<void>;
}

async function stopClient(): Promise<void> {
  await client?.stop();
  await afterStop?.();
}

/** Stops the client for good (a restart makes a new one). */
async function disposeClient(): Promise<void> {
  const old = client;
  client = undefined;
  await old?.dispose();
  await afterStop?.();
}

export async function activateWith(context: ExtensionContext, makeClient: ClientFactory, extraOptions: Partial<LanguageClientOptions> = {}, hooks: EntryHooks = {}): Promise<BaseLanguageClient> {
  afterStop = hooks.afterStop;
  const output = window.createOutputChannel('CockroachDB Restore Guard');
  const status = languages.createLanguageStatusItem('crdbRestoreGuard.status', SELECTOR);
  status.name = 'CockroachDB Restore Guard';
  status.text = '$(sync~spin) Restore Guard starting';
  status.command = { title: 'Show output', command: Commands.showOutput };
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    commands.registerCommand(Commands.showOutput, () => output.show(true)),
    commands.registerCommand(Commands.restartServer, async () => {
      status.text = '$(sync~spin) Restore Guard restarting';
      // A new client, not stop + start of the old one: a restarted client never pulls the
      // diagnostics of a document opened after the restart (seen in VS Code 1.100 with
      // vscode-languageclient 9: the new file stayed without diagnostics until reopened).
      await disposeClient();
      client = newClient();
      await client.start();
    }),
    commands.registerCommand(Commands.planRestore, (args?: { backup?: string; target?: string }) => planRestore(args)),
  );

  const book = new StatusBook();
  const showActive = () => {
    const view = book.viewFor(window.activeTextEditor?.document.uri.toString());
    status.text = view.text;
    status.detail = view.detail;
    status.severity = view.severity === 'error' ? LanguageStatusSeverity.Error : view.severity === 'warning' ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
  };
  context.subscriptions.push(
    commands.registerCommand(OPEN_DOCS_COMMAND, (page: unknown) => openDocs(context, String(page ?? 'getting-started'))),
    commands.registerCommand(APPLY_SNIPPET_COMMAND, async (uri: string, range: Range, snippet: string) => {
      const editor = await window.showTextDocument(Uri.parse(uri));
      await editor.insertSnippet(new SnippetString(snippet), range);
    }),
    // The walkthrough's sample: an untitled copy, so trying its fixes never edits the install folder.
    commands.registerCommand(Commands.openSample, async () => {
      const bytes = await workspace.fs.readFile(Uri.joinPath(context.extensionUri, 'docs', 'walkthrough', 'sample-runbook.md'));
      const doc = await workspace.openTextDocument({ language: 'markdown', content: new TextDecoder().decode(bytes) });
      await window.showTextDocument(doc);
    }),
    window.onDidChangeActiveTextEditor(showActive),
    workspace.onDidCloseTextDocument((d) => book.forget(d.uri.toString())),
  );

  // One watcher for the config file, whichever client is running.
  const configWatcher = workspace.createFileSystemWatcher('**/.crdb-restore-guard.json');
  context.subscriptions.push(configWatcher);
  const newClient = () => {
    const c = makeClient(context, clientOptions(context, output, configWatcher, extraOptions));
    c.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
      book.update(p, new Date().toLocaleTimeString());
      showActive();
    });
    return c;
  };
  client = newClient();
  const started = client;
  await started.start();
  showActive();
  return started;
}

/** A page of the shipped docs (`rules/missing-version`, `getting-started`) in the markdown preview, never as an editable file. */
async function openDocs(context: ExtensionContext, page: string): Promise<void> {
  if (!/^[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(page)) return;
  await commands.executeCommand('markdown.showPreview', Uri.joinPath(context.extensionUri, 'docs', ...`${page}.md`.split('/')));
}

/** `file:///…/docs/rules/x.md` → `rules/x` when it is a page of the shipped docs. */
function docsPageOf(context: ExtensionContext, href: string): string | undefined {
  let target: string;
  try {
    target = Uri.parse(href).toString();
  } catch {
    return undefined;
  }
  const docs = `${Uri.joinPath(context.extensionUri, 'docs').toString()}/`;
  if (!target.startsWith(docs) || !target.endsWith('.md')) return undefined;
  const page = decodeURIComponent(target.slice(docs.length, -3));
  return /^[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(page) ? page : undefined;
}

/** A link that opens a docs page rendered (hover links, the rule code in Problems). */
function docsCommandUri(page: string): Uri {
  return Uri.parse(`command:${OPEN_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([page]))}`);
}

function clientOptions(context: ExtensionContext, output: OutputChannel, configWatcher: FileSystemWatcher, extra: Partial<LanguageClientOptions>): LanguageClientOptions {
  return {
    ...extra,
    documentSelector: SELECTOR,
    outputChannel: output,
    // VS Code has its own markdown outline: the server leaves markdown symbols to it (no second,
    // competing outline in the breadcrumbs).
    initializationOptions: { editorMarkdownOutline: true, ...(extra.initializationOptions ?? {}) },
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: configWatcher,
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
    middleware: {
      executeCommand: async (command, args, next) => {
        // The code lens of a supported RESTORE runs the server's "explain" command, which answers
        // other editors with a message; VS Code shows the statement's hover instead.
        if (command === Commands.explainStatement && args[0]) return runEditorActionAt(args[0] as StatementCommandArgs, 'editor.action.showHover');
        // A ✗ or ? lens opens the statement's quick fixes (the choices), never applies one.
        if (command === Commands.applyStatementFix && args[0]) return runEditorActionAt(args[0] as StatementCommandArgs, 'editor.action.quickFix');
        // "Show documentation": the rendered page, not the raw file from the install folder.
        if (command === Commands.showRuleDocs && typeof args[0] === 'string') return openDocs(context, `rules/${args[0]}`);
        return next(command, args);
      },
      // The rule code in Problems links to the rendered page too.
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === 'full') {
          for (const d of report.items) {
            const code = d.code;
            if (code && typeof code === 'object' && code.target) {
              const page = docsPageOf(context, code.target.toString());
              if (page) d.code = { value: code.value, target: docsCommandUri(page) };
            }
          }
        }
        return report;
      },
      // Fixes that leave placeholders are applied as a snippet (the placeholders selected).
      provideCodeActions: async (document, range, actionContext, token, next) => {
        const actions = await next(document, range, actionContext, token);
        for (const a of actions ?? []) {
          if (!(a instanceof CodeAction) || !a.edit) continue;
          const entries = a.edit.entries();
          if (entries.length !== 1 || entries[0][0].toString() !== document.uri.toString()) continue;
          // One edit, or several joined with the document text between them (Restore through: the hops, then the collection).
          const edits = [...entries[0][1]].sort((x, y) => x.range.start.compareTo(y.range.start));
          let text = '';
          for (let i = 0; i < edits.length; i++) {
            if (i > 0) text += document.getText(new Range(edits[i - 1].range.end, edits[i].range.start));
            text += edits[i].newText;
          }
          const snippet = fixSnippet(text);
          if (snippet === undefined) continue;
          a.edit = undefined;
          a.command = { title: a.title, command: APPLY_SNIPPET_COMMAND, arguments: [document.uri.toString(), new Range(edits[0].range.start, edits[edits.length - 1].range.end), snippet] };
        }
        return actions;
      },
      // Hover links to the shipped docs open them rendered.
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        if (!hover) return hover;
        hover.contents = hover.contents.map((c) => {
          if (!(c instanceof MarkdownString)) return c;
          const value = c.value.replace(/\]\(([a-z][a-z0-9+.-]*:[^)\s]+\.md)\)/g, (whole, href: string) => {
            const page = docsPageOf(context, href);
            return page ? `](${docsCommandUri(page).toString()})` : whole;
          });
          if (value === c.value) return c;
          const md = new MarkdownString(value);
          md.isTrusted = { enabledCommands: [OPEN_DOCS_COMMAND] };
          return md;
        });
        return hover;
      },
    },
  };
}

/** Opens the statement's document with the caret on it, then runs an editor action there. */
async function runEditorActionAt(args: StatementCommandArgs, action: 'editor.action.quickFix' | 'editor.action.showHover'): Promise<void> {
  const editor = await window.showTextDocument(Uri.parse(args.uri), { preserveFocus: false });
  const pos = new Position(args.position.line, args.position.character);
  editor.selection = new Selection(pos, pos);
  editor.revealRange(new Range(pos, pos), TextEditorRevealType.InCenterIfOutsideViewport);
  await commands.executeCommand(action);
}

/**
 * "Plan a restore across versions": pick the backup and target versions (unless given as
 * arguments), ask the server for the plan in the document's form, insert it at the cursor.
 * Returns the server's answer (tests use it); undefined when cancelled or failed.
 */
async function planRestore(args?: { backup?: string; target?: string }): Promise<PlanResponse | undefined> {
  const editor = window.activeTextEditor;
  // Only documents the server serves (the client's document selector).
  const served = editor !== undefined && languages.match(SELECTOR, editor.document) > 0;
  if (!client || !editor || !served) {
    void window.showErrorMessage('CockroachDB Restore Guard: open a runbook or SQL file, then plan the restore.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const pick = async (params: ReleasesParams, title: string, placeHolder: string): Promise<string | undefined> => {
    const releases = await client!.sendRequest(RELEASES_REQUEST, params);
    const items: (QuickPickItem & { version: string })[] = releases.map((r) => ({ label: r.label, description: r.description, detail: r.detail, version: r.version }));
    const chosen = await window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, ignoreFocusOut: true });
    return chosen?.version;
  };
  const backup = args?.backup ?? (await pick({ uri }, 'Plan a restore (1/2): backup version', 'The CockroachDB version the backup was taken on'));
  if (!backup) return undefined;
  const target =
    args?.target ?? (await pick({ uri, backup }, `Plan a restore (2/2): target version for the ${backup} backup`, 'The CockroachDB version to restore into'));
  if (!target) return undefined;
  const position = editor.selection.active;
  const params: PlanParams = { uri, position: { line: position.line, character: position.character }, backup, target };
  const plan = await client.sendRequest(PLAN_REQUEST, params);
  if (plan.error || plan.text === undefined) {
    void window.showErrorMessage(`CockroachDB Restore Guard: ${plan.error ?? 'no plan'}`);
    return plan;
  }
  const at = plan.position ? new Position(plan.position.line, plan.position.character) : position;
  const ok = await editor.edit((b) => b.insert(at, plan.text!));
  if (!ok) {
    void window.showErrorMessage('CockroachDB Restore Guard: could not insert the plan (the document changed?).');
    return undefined;
  }
  return plan;
}

export async function deactivate(): Promise<void> {
  await stopClient();
  client = undefined;
}
