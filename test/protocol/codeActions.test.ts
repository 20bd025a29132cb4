// Code actions over the protocol. Every quick fix is applied as the editor would (its
// WorkspaceEdit sent back as a didChange) and the re-analysed document must no longer carry
// the diagnostic the fix was offered for. Also fix-all and the "show documentation" command.
import * as assert from 'assert';
import * as path from 'path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { FIX_CASES, type FixCase } from './fixCases';
import { briefDiagnostics, fileUri, LspTestClient, memUri, REPO_ROOT, serverFor, type Profile } from './lspClient';

const docsHref = (rule: string) => fileUri(path.join(REPO_ROOT, 'docs', 'rules', `${rule}.md`));

/** What stays after a fix, when it is not nothing. */
const REMAINING: Record<string, Record<string, string[]>> = {
  // Silencing the typo leaves the key unapplied: the RESTORE's target stays unknown.
  'unknown-directive-key in SQL': { 'Ignore unknown-directive-key for this directive': ['missing-version@1:0-1:57 3'] },
  'unknown-directive-key in an HTML comment': { 'Ignore unknown-directive-key for this directive': ['missing-version@2:0-2:57 3'] },
  // With mixed-version on, the full-cluster RESTORE below now fails (a finding the typo hid).
  'invalid-directive-value in front matter': { 'Change the value to true': ['full-restore-mixed-version@8:0-8:43 1'] },
  // The directive's own finding is silenced; what the bad or uncatalogued value means for the RESTORE stays.
  'invalid-version (ignore only)': { 'Ignore invalid-version for this directive': ['missing-version@1:0-1:46 3'] },
  'unknown-version (ignore only)': { 'Ignore unknown-version for this directive': ['restore-skips-release@1:0-1:46 1'] },
  // The RESTORE the `#` line swallowed is read again, and judged on the versions it now gets: 23.2 → 24.3 skips 24.1.
  'directive-lookalike: # crdb: in SQL hides the RESTORE after it': {
    'Rewrite as -- crdb: backup-version=23.2 target-version=24.3': ['restore-skips-release@1:0-1:57 1'],
  },
};

let docCounter = 0;

/** Fixes that ask for facts (placeholders to fill) rather than change the plan. */
const asksForFacts = (title: string) => title.startsWith('Add a version directive');

/** Opens `text` under a fresh uri and returns its diagnostics at version 1, for either profile. */
async function openAndDiagnose(c: LspTestClient, profile: Profile, file: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = memUri(`${profile}-${docCounter++}-${file}`);
  const mark = await c.open(uri, text);
  const diagnostics = profile === 'push' ? await c.waitForDiagnostics(uri, 1, mark) : await c.pull(uri);
  return { uri, diagnostics };
}

async function diagnosticsAfterChange(c: LspTestClient, profile: Profile, uri: string, version: number, mark: number): Promise<Diagnostic[]> {
  return profile === 'push' ? c.waitForDiagnostics(uri, version, mark) : c.pull(uri);
}

function quickFixes(c: LspTestClient, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d], only: ['quickfix'], triggerKind: 1 },
  });
}

function theDiagnostic(diagnostics: Diagnostic[], fc: FixCase): Diagnostic {
  const ds = diagnostics.filter((d) => d.code === fc.rule);
  assert.strictEqual(ds.length, 1, `exactly one ${fc.rule} in ${JSON.stringify(briefDiagnostics(diagnostics))}`);
  return ds[0];
}

for (const profile of ['push', 'pull'] as const) {
  describe(`protocol: every quick fix, applied and re-analysed, removes its diagnostic (${profile} client)`, () => {
    const client = serverFor({ profile });

    for (const fc of FIX_CASES) {
      describe(fc.name, () => {
        it('offers exactly the expected fixes, each with a WorkspaceEdit for this document, plus "show documentation"', async () => {
          const c = client();
          const { uri, diagnostics } = await openAndDiagnose(c, profile, fc.file, fc.text);
          const d = theDiagnostic(diagnostics, fc);
          const actions = await quickFixes(c, uri, d);
          assert.deepStrictEqual(
            actions.map((a) => a.title),
            [...fc.titles, `Show documentation for ${fc.rule}`],
          );
          for (const a of actions) {
            assert.strictEqual(a.kind, 'quickfix');
            assert.deepStrictEqual(a.diagnostics, [d]);
          }
          for (const a of actions.slice(0, -1)) {
            assert.ok(a.edit, `${a.title} has an edit`);
            assert.deepStrictEqual(Object.keys(a.edit.changes ?? {}), [uri]);
            assert.strictEqual(a.command, undefined);
          }
          assert.deepStrictEqual(actions[actions.length - 1].command, {
            title: `Show documentation for ${fc.rule}`,
            command: 'crdbRestoreGuard.showRuleDocumentation',
            arguments: [fc.rule],
          });
          // At most one preferred fix.
          assert.ok(actions.filter((a) => a.isPreferred).length <= 1);
        });

        for (const title of fc.titles) {
          it(`"${title}" removes it`, async () => {
            const c = client();
            const { uri, diagnostics } = await openAndDiagnose(c, profile, fc.file, fc.text);
            const d = theDiagnostic(diagnostics, fc);
            const action = (await quickFixes(c, uri, d)).find((a) => a.title === title);
            assert.ok(action?.edit, `fix "${title}" offered`);
            const mark = c.mark();
            const { version, text } = await c.applyWorkspaceEdit(uri, action.edit);
            assert.notStrictEqual(text, fc.text, 'the edit changes the document');
            const after = await diagnosticsAfterChange(c, profile, uri, version, mark);
            if (asksForFacts(title)) {
              // No fact given: the finding stays, and each ? placeholder is reported until filled in.
              assert.strictEqual(after.filter((x) => x.code === fc.rule).length, 1, `after "${title}":\n${text}`);
              assert.ok(after.some((x) => x.code === 'invalid-version' && /=\? is a placeholder/.test(x.message)), `after "${title}":\n${text}`);
              return;
            }
            assert.deepStrictEqual(
              after.filter((x) => x.code === fc.rule),
              [],
              `after "${title}":\n${text}\n${JSON.stringify(briefDiagnostics(after))}`,
            );
            // New collections are placeholders, reported until named.
            const rest = after.filter((x) => x.code !== 'placeholder-collection');
            if (title.startsWith('Restore through ')) assert.strictEqual(after.length - rest.length, 2, `after "${title}":\n${text}`);
            assert.deepStrictEqual(briefDiagnostics(rest), REMAINING[fc.name]?.[title] ?? [], `after "${title}":\n${text}`);
          });
        }
      });
    }
  });
}

describe('protocol: exact edits of quick fixes in containers', () => {
  const client = serverFor({ profile: 'push' });

  const applyFix = async (fc: FixCase, title: string) => {
    const c = client();
    const { uri, diagnostics } = await openAndDiagnose(c, 'push', fc.file, fc.text);
    const action = (await quickFixes(c, uri, theDiagnostic(diagnostics, fc))).find((a) => a.title === title);
    assert.ok(action?.edit);
    return (await c.applyWorkspaceEdit(uri, action.edit)).text;
  };
  const byName = (name: string) => FIX_CASES.find((f) => f.name === name)!;

  it('a directive inserted in a list item keeps the item’s indentation', async () => {
    const text = await applyFix(byName('restore-skips-release with an HTML directive, fence in a list (no attached directive)'), 'Run this RESTORE on a 24.1 cluster');
    assert.strictEqual(
      text,
      "<!-- crdb: backup-version=23.2 target-version=24.3 -->\nSteps:\n\n- Restore:\n  ```sql\n  SELECT now();\n  -- crdb: target-version=24.1\n  RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';\n  -- crdb: target-version=24.3\n  ```\n",
    );
  });

  it('lines inserted in a block quote inside a list keep both prefixes', async () => {
    const text = await applyFix(byName('full-restore-mixed-version in a fence inside a block quote in a list'), 'Finalize the upgrade before this full-cluster RESTORE');
    assert.strictEqual(
      text,
      [
        '<!-- crdb: backup-version=24.1 target-version=24.3 mixed-version -->',
        '- On the new cluster:',
        '  > ~~~sql',
        '  > SHOW DATABASES;',
        '  > -- Finalize the upgrade before a full-cluster restore:',
        "  > SET CLUSTER SETTING version = '24.3';",
        '  > -- crdb: mixed-version=false',
        "  > RESTORE FROM LATEST IN 's3://backups/prod';",
        '  > ~~~',
        '',
      ].join('\n'),
    );
  });

  it('inside cockroach sql -e "…": "Run this RESTORE on a 24.1 cluster" edits the directive above and restates the target on a # crdb: line after the command', async () => {
    const text = await applyFix(byName('restore-skips-release in a shell -e "…" block'), 'Run this RESTORE on a 24.1 cluster');
    assert.strictEqual(
      text,
      '```sh\n# crdb: backup-version=23.2 target-version=24.1\ncockroach sql --url "$URL" -e "RESTORE DATABASE bank FROM LATEST IN \'s3://backups/bank\';"\n# crdb: target-version=24.3\n```\n',
    );
  });

  it('inside cockroach sql -e "…" the directive is an inline block comment', async () => {
    const text = await applyFix(byName('missing-version in a shell -e "…" block'), 'Ignore missing-version for this statement');
    assert.strictEqual(
      text,
      '```bash\ncockroach sql --insecure \\\n  -e "/* crdb: ignore=missing-version */ RESTORE DATABASE bank FROM LATEST IN \'s3://backups/bank\';"\n```\n',
    );
  });

  it('a directive look-alike is rewritten in place, inside its list item', async () => {
    const text = await applyFix(byName('directive-lookalike: an HTML comment without the colon, in a list'), 'Rewrite as <!-- crdb: backup-version=24.1 target-version=24.3 -->');
    assert.strictEqual(
      text,
      "1. On the new cluster:\n   <!-- crdb: backup-version=24.1 target-version=24.3 -->\n   ```sql\n   RESTORE DATABASE bank FROM LATEST IN 's3://b';\n   ```\n",
    );
  });
});

describe('protocol: fix-all (source.fixAll.crdbRestoreGuard)', () => {
  const client = serverFor({ profile: 'push' });
  const TEXT = `-- crdb: backup-version=24.1 target-verison=24.3 mixed-version=yes
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
-- crdb: ignore=restore-skip-release
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`;

  it('one source action applies every unambiguous fix; the document is then clean', async () => {
    const c = client();
    const { uri, diagnostics } = await openAndDiagnose(c, 'push', 'fixall.sql', TEXT);
    assert.deepStrictEqual(briefDiagnostics(diagnostics), [
      'unknown-directive-key@0:29-0:43 2',
      'invalid-directive-value@0:63-0:66 2',
      'missing-version@1:0-1:57 3',
      'invalid-directive-value@2:16-2:36 2',
      'missing-version@3:0-3:57 3',
    ]);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only: ['source.fixAll.crdbRestoreGuard'], triggerKind: 2 },
    });
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Fix all CockroachDB Restore Guard problems that have one clear fix', 'source.fixAll.crdbRestoreGuard']],
    );
    const mark = c.mark();
    const { version, text } = await c.applyWorkspaceEdit(uri, actions[0].edit!);
    assert.strictEqual(
      text,
      `-- crdb: backup-version=24.1 target-version=24.3 mixed-version=true
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
-- crdb: ignore=restore-skips-release
RESTORE DATABASE bank FROM LATEST IN 's3://backups/bank';
`,
    );
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, version, mark)), []);
  });

  it('rewrites directive look-alikes (the same keys and values): the RESTORE is then judged on them', async () => {
    const c = client();
    const { uri, diagnostics } = await openAndDiagnose(c, 'push', 'fixall-lookalike.sql', "-- crdb backup-version=24.1\n# crdb: target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n");
    assert.deepStrictEqual(briefDiagnostics(diagnostics), ['directive-lookalike@0:0-0:27 3', 'directive-lookalike@1:0-1:27 3']);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.crdbRestoreGuard'] },
    });
    const mark = c.mark();
    const { version, text } = await c.applyWorkspaceEdit(uri, actions[0].edit!);
    assert.strictEqual(text, "-- crdb: backup-version=24.1\n-- crdb: target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n");
    assert.deepStrictEqual(briefDiagnostics(await c.waitForDiagnostics(uri, version, mark)), []);
  });

  it('is returned for the generic source.fixAll kind, and not for quickfix-only requests', async () => {
    const c = client();
    const { uri } = await openAndDiagnose(c, 'push', 'fixall-kinds.sql', TEXT);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const ask = (only: string[]) =>
      c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only } });
    assert.deepStrictEqual((await ask(['source.fixAll'])).map((a) => a.kind), ['source.fixAll.crdbRestoreGuard']);
    assert.deepStrictEqual((await ask(['source'])).map((a) => a.kind), ['source.fixAll.crdbRestoreGuard']);
    assert.deepStrictEqual(await ask(['quickfix']), []);
    assert.deepStrictEqual(await ask(['refactor']), []);
  });

  it('offers nothing when the document has nothing to fix unambiguously', async () => {
    const c = client();
    const { uri } = await openAndDiagnose(c, 'push', 'fixall-none.sql', "-- crdb: backup-version=23.2 target-version=24.3\nRESTORE DATABASE bank FROM LATEST IN 's3://b';\n");
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.crdbRestoreGuard'] },
    });
    assert.deepStrictEqual(actions, []);
  });
});

describe('protocol: "show documentation" (workspace/executeCommand → window/showDocument)', () => {
  const client = serverFor({ profile: 'pull' });

  it('asks the client to show the rule’s page', async () => {
    const c = client();
    const mark = c.mark();
    const result = await c.request('workspace/executeCommand', {
      command: 'crdbRestoreGuard.showRuleDocumentation',
      arguments: ['restore-skips-release'],
    });
    assert.strictEqual(result, null);
    const shown = await c.waitFor(c.showDocuments, () => true, 'window/showDocument', mark);
    assert.deepStrictEqual(shown, { uri: docsHref('restore-skips-release'), external: false, takeFocus: true });
  });

  it('runs the command a code action carries', async () => {
    const c = client();
    const fc = FIX_CASES.find((f) => f.rule === 'missing-version')!;
    const { uri, diagnostics } = await openAndDiagnose(c, 'pull', fc.file, fc.text);
    const docs = (await quickFixes(c, uri, theDiagnostic(diagnostics, fc))).find((a) => a.command);
    assert.ok(docs?.command);
    const mark = c.mark();
    await c.request('workspace/executeCommand', { command: docs.command.command, arguments: docs.command.arguments });
    const shown = await c.waitFor(c.showDocuments, () => true, 'window/showDocument', mark);
    assert.strictEqual(shown.uri, docsHref('missing-version'));
  });

  it('ignores an unknown rule id and an unknown command', async () => {
    const c = client();
    const mark = c.mark();
    assert.strictEqual(
      await c.request('workspace/executeCommand', { command: 'crdbRestoreGuard.showRuleDocumentation', arguments: ['no-such-rule'] }),
      null,
    );
    assert.strictEqual(await c.request('workspace/executeCommand', { command: 'crdbRestoreGuard.showRuleDocumentation' }), null);
    assert.strictEqual(await c.request('workspace/executeCommand', { command: 'crdbRestoreGuard.noSuchCommand', arguments: [] }), null);
    // A round trip later, still no showDocument.
    await c.request('textDocument/hover', { textDocument: { uri: memUri('none.sql') }, position: { line: 0, character: 0 } });
    assert.deepStrictEqual(c.showDocuments.filter((s) => s.seq > mark), []);
  });
});

for (const profile of ['push', 'pull'] as const) {
  describe(`protocol: fixes after typing in prose (the derived-analysis path, ${profile} client)`, () => {
    const client = serverFor({ profile });

    it('after words typed above it, a RESTORE finding has the fixes a freshly opened copy of the text has', async () => {
      const c = client();
      const text = [
        '# Restore drill',
        '',
        'Restore the bank database on the new cluster.',
        '',
        '<!-- crdb: backup-version=23.2 target-version=24.3 -->',
        '```sql',
        "RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';",
        '```',
        '',
      ].join('\n');
      const { uri } = await openAndDiagnose(c, profile, 'prose.md', text);
      // Type " now, then check it" after "Restore", one character per didChange.
      let col = 'Restore'.length;
      let version = 1;
      let mark = 0;
      for (const ch of ' now, then check it') {
        mark = c.mark();
        version = await c.change(uri, [{ range: { start: { line: 2, character: col }, end: { line: 2, character: col } }, text: ch }]);
        col++;
      }
      const typed = await diagnosticsAfterChange(c, profile, uri, version, mark);
      const fresh = await openAndDiagnose(c, profile, 'prose-fresh.md', c.text(uri));
      assert.deepStrictEqual(briefDiagnostics(typed), briefDiagnostics(fresh.diagnostics));
      const d = typed.find((x) => x.code === 'restore-skips-release');
      assert.ok(d, JSON.stringify(briefDiagnostics(typed)));
      const actions = await quickFixes(c, uri, d);
      const freshActions = await quickFixes(c, fresh.uri, fresh.diagnostics.find((x) => x.code === 'restore-skips-release')!);
      assert.ok(actions.length >= 3, actions.map((a) => a.title).join('; '));
      assert.deepStrictEqual(
        actions.map((a) => ({ title: a.title, edits: a.edit?.changes?.[uri] })),
        freshActions.map((a) => ({ title: a.title, edits: a.edit?.changes?.[fresh.uri] })),
      );
      // And a retarget fix, applied, removes the diagnostic.
      const preferred = actions.find((a) => a.title === 'Run this RESTORE on a 24.1 cluster')!;
      const m = c.mark();
      const applied = await c.applyWorkspaceEdit(uri, preferred.edit!);
      const after = await diagnosticsAfterChange(c, profile, uri, applied.version, m);
      assert.ok(!after.some((x) => x.code === 'restore-skips-release'), JSON.stringify(briefDiagnostics(after)));
    });

    it('typing on a line with no diagnostic, then before a directive whose values a diagnostic points to: each version has the diagnostics of a fresh copy, related places included', async () => {
      const c = client();
      const text = [
        '# Restore drill',
        '',
        'Restore bank <!-- crdb: backup-version=23.2 target-version=24.3 --> now.',
        '',
        'Check the row counts.',
        '',
        '```sql',
        "RESTORE DATABASE bank FROM LATEST IN 's3://b/bank';",
        '```',
        '',
      ].join('\n');
      const { uri } = await openAndDiagnose(c, profile, 'prose-related.md', text);
      /** The diagnostics as data, with this document's uri written `SELF`. */
      const asData = (ds: unknown, self: string) => JSON.parse(JSON.stringify(ds).split(JSON.stringify(self).slice(1, -1)).join('SELF'));
      let copies = 0;
      const typeAt = async (line: number, col: number, typed: string) => {
        let version = 1;
        let mark = 0;
        for (const ch of typed) {
          mark = c.mark();
          version = await c.change(uri, [{ range: { start: { line, character: col }, end: { line, character: col } }, text: ch }]);
          col++;
        }
        const got = await diagnosticsAfterChange(c, profile, uri, version, mark);
        const fresh = await openAndDiagnose(c, profile, `prose-related-${++copies}.md`, c.text(uri));
        assert.deepStrictEqual(asData(got, uri), asData(fresh.diagnostics, fresh.uri));
        return got;
      };
      const before = (await typeAt(4, 'Check the row counts'.length, ' on both clusters')).find((d) => d.code === 'restore-skips-release');
      assert.ok(before?.relatedInformation?.some((r) => r.location.uri === uri && r.location.range.start.line === 2), JSON.stringify(before));
      const moved = (await typeAt(2, 'Restore'.length, ' the')).find((d) => d.code === 'restore-skips-release');
      const at = (ds: typeof before) => ds!.relatedInformation!.filter((r) => r.location.range.start.line === 2).map((r) => r.location.range.start.character);
      assert.deepStrictEqual(at(moved), at(before).map((ch) => ch + ' the'.length));
    });
  });
}
