// Completion inside `crdb:` directives: keys, versions (release type in the detail), rule ids.
import * as assert from 'assert';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol/node';
import { RULES } from '../../server/src/core/rules';
import { memUri, rangeText, serverFor, TODAY } from './lspClient';

const KEYS = ['target-version', 'backup-version', 'mixed-version', 'ignore', 'infer'];
/** Every rule, in the order the server lists them (statement rules, then directive rules). */
const RULE_IDS = [...RULES.keys()];
/** The bundled catalog, released versions (as of TODAY) newest first, then the ones not yet released. */
const VERSIONS = [
  '25.2', '25.1', '24.3', '24.2', '24.1', '23.2', '23.1',
  '22.2', '22.1', '21.2', '21.1', '20.2', '20.1', '19.2', '19.1', '2.1', '2.0', '1.1', '1.0',
  '26.3', '26.2', '26.1', '25.4', '25.3',
];

describe('protocol: completion in crdb: directives', () => {
  const client = serverFor({ profile: 'pull', settings: { today: TODAY } });
  let n = 0;

  /** Opens a document whose last line is `line` and completes at its end. */
  async function completeAtEnd(line: string, file = 'c.sql', before = ''): Promise<{ list: CompletionList | null; lineNo: number }> {
    const c = client();
    const uri = memUri(`${n++}-${file}`);
    const text = `${before}${line}`;
    await c.open(uri, text);
    const lineNo = text.split('\n').length - 1;
    const list = await c.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line: lineNo, character: line.length },
      context: { triggerKind: 1 },
    });
    assert.ok(list === null || !Array.isArray(list), 'a CompletionList or null');
    return { list: list as CompletionList | null, lineNo };
  }

  const labels = (l: CompletionList | null) => l?.items.map((i) => i.label);
  const editRange = (i: CompletionItem) => {
    assert.ok(i.textEdit && 'range' in i.textEdit, 'a TextEdit');
    return rangeText(i.textEdit.range);
  };

  it('after "-- crdb: ": the five keys, inserting "key=" (bare mixed-version), replacing nothing', async () => {
    const { list } = await completeAtEnd('-- crdb: ');
    assert.strictEqual(list!.isIncomplete, false);
    assert.deepStrictEqual(
      list!.items.map((i) => [i.label, i.kind, i.detail, i.textEdit?.newText, editRange(i)]),
      [
        ['target-version', 10, 'crdb: directive key', 'target-version=', '0:9-0:9'],
        ['backup-version', 10, 'crdb: directive key', 'backup-version=', '0:9-0:9'],
        ['mixed-version', 10, 'crdb: directive key', 'mixed-version', '0:9-0:9'],
        ['ignore', 10, 'crdb: directive key', 'ignore=', '0:9-0:9'],
        ['infer', 10, 'crdb: directive key', 'infer=', '0:9-0:9'],
      ],
    );
  });

  it('a partly typed key is replaced from its start; a second key after the first works too', async () => {
    const { list } = await completeAtEnd('-- crdb: tar');
    assert.deepStrictEqual(labels(list), KEYS);
    assert.strictEqual(editRange(list!.items[0]), '0:9-0:12');
    const second = await completeAtEnd('-- crdb: backup-version=24.1 t', 'c.sql', 'SELECT 1;\n');
    assert.deepStrictEqual(labels(second.list), KEYS);
    assert.strictEqual(editRange(second.list!.items[0]), '1:29-1:30');
  });

  it('after "infer=": true and false; the key\'s documentation says what evidence is', async () => {
    const { list } = await completeAtEnd('-- crdb: infer=');
    assert.deepStrictEqual(labels(list), ['true', 'false']);
    const keys = await completeAtEnd('-- crdb: ');
    const infer = keys.list!.items.find((i) => i.label === 'infer')!;
    const doc = typeof infer.documentation === 'string' ? infer.documentation : infer.documentation?.value;
    assert.match(doc ?? '', /version evidence in code/);
  });

  it('after "target-version=": every catalog version, released ones newest first, the detail giving release type, GA and support', async () => {
    const { list } = await completeAtEnd('-- crdb: target-version=');
    assert.deepStrictEqual(labels(list), VERSIONS);
    const item = (v: string) => list!.items.find((i) => i.label === v)!;
    assert.deepStrictEqual([item('24.3').kind, item('24.3').detail, item('24.3').textEdit?.newText, editRange(item('24.3'))], [
      12,
      'regular · GA 2024-11-18 · support until 2026-05-18',
      '24.3',
      '0:24-0:24',
    ]);
    assert.strictEqual(item('24.2').detail, 'innovation · GA 2024-08-12 · support ended 2025-02-12');
    assert.strictEqual(item('26.3').detail, 'innovation · GA not released · support no end date');
    assert.strictEqual(item('25.4').detail, 'regular · GA 2025-11-03 (not yet released) · support until 2027-05-03');
    // Defect: the editor preselected an unreleased version. Only the newest released one is.
    assert.deepStrictEqual(list!.items.filter((i) => i.preselect).map((i) => i.label), ['25.2']);
    assert.deepStrictEqual(item('24.2').documentation, {
      kind: 'markdown',
      value: 'Innovation release: optional, may be skipped on upgrade and restore.',
    });
    // Newest first also in the client's sort order.
    const sorted = [...list!.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
    assert.deepStrictEqual(sorted, VERSIONS);
  });

  it('after "backup-version=24." in a block comment: versions, replacing the typed prefix', async () => {
    const { list } = await completeAtEnd('/* crdb: backup-version=24.');
    assert.deepStrictEqual(labels(list), VERSIONS);
    assert.strictEqual(editRange(list!.items[0]), '0:24-0:27');
  });

  it('after "mixed-version=": true and false', async () => {
    const { list } = await completeAtEnd('-- crdb: mixed-version=');
    assert.deepStrictEqual(
      list!.items.map((i) => [i.label, i.kind, editRange(i)]),
      [
        ['true', 20, '0:23-0:23'],
        ['false', 20, '0:23-0:23'],
      ],
    );
  });

  it('after "ignore=": every rule id with its default severity; after a comma, only the next id is replaced', async () => {
    const { list } = await completeAtEnd('-- crdb: ignore=');
    assert.deepStrictEqual(labels(list), RULE_IDS);
    const byId = (l: CompletionList, id: string) => l.items.find((i) => i.label === id)!;
    assert.deepStrictEqual([byId(list!, 'restore-skips-release').detail, byId(list!, 'restore-skips-release').kind], ['error by default', 18]);
    assert.strictEqual(byId(list!, 'missing-version').detail, 'information by default');
    assert.strictEqual(byId(list!, 'unknown-version').detail, 'warning by default');
    assert.strictEqual(editRange(list!.items[0]), '0:16-0:16');
    const after = await completeAtEnd('-- crdb: ignore=restore-skips-release,miss');
    assert.deepStrictEqual(labels(after.list), RULE_IDS);
    assert.strictEqual(editRange(after.list!.items[0]), '0:38-0:42');
  });

  it('in markdown: HTML directives, and # directives in shell blocks', async () => {
    const html = await completeAtEnd('<!-- crdb: ', 'c.md', '# Runbook\n\n');
    assert.deepStrictEqual(labels(html.list), KEYS);
    assert.strictEqual(editRange(html.list!.items[0]), '2:11-2:11');
    const shell = await completeAtEnd('# crdb: target-version=', 'c.md', '```sh\n');
    assert.deepStrictEqual(labels(shell.list), VERSIONS);
    assert.strictEqual(editRange(shell.list!.items[0]), '1:23-1:23');
  });

  it('nothing outside a directive, or after the comment closed', async () => {
    assert.strictEqual((await completeAtEnd('RESTORE DATABASE bank FROM ')).list, null);
    assert.strictEqual((await completeAtEnd('-- a comment: target-version=')).list, null);
    assert.strictEqual((await completeAtEnd('/* crdb: target-version=24.3 */ ')).list, null);
    assert.strictEqual((await completeAtEnd('<!-- crdb: target-version=24.3 --> ', 'c.md')).list, null);
  });
});

describe('protocol: completion offers extraReleases from the settings', () => {
  const client = serverFor({
    profile: 'push',
    settings: { today: TODAY, extraReleases: [{ version: '26.4', type: 'regular', gaDate: '2026-11-02', supportEnd: '2028-05-02' }] },
  });

  it('the user-supplied release is listed with the others not yet released, with its type and dates', async () => {
    const c = client();
    const uri = memUri('extra.sql');
    await c.open(uri, '-- crdb: target-version=');
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 24 } });
    assert.deepStrictEqual(list.items.map((i) => i.label), [...VERSIONS.slice(0, -5), '26.4', ...VERSIONS.slice(-5)]);
    assert.match(list.items.find((i) => i.label === '26.4')!.detail ?? '', /^regular · GA 2026-11-02 \(not yet released\) · support /);
  });
});
