// The custom requests and notifications are declared once, typed, in server/src/lsp/protocol.ts
// and both sides use those declarations. This file holds the proof in two parts:
// - compile time: `typeChecks` is compiled with the rest of the tests (never run). Each
//   `@ts-expect-error` line is a misuse the declarations must reject; if a declaration lost its
//   types (a plain method string again), the misuse would compile, the directive would be
//   unused, and `tsc` (the build) would fail.
// - run time: the wire names, which clients other than ours (Neovim, Emacs) call by string.
import * as assert from 'assert';
import type { MessageConnection } from 'vscode-languageserver-protocol';
import { PLAN_REQUEST, RELEASES_REQUEST, STATUS_NOTIFICATION, type PlanResponse, type ReleaseItem } from '../../server/src/lsp/protocol';

export function typeChecks(connection: MessageConnection): void {
  const plan: Promise<PlanResponse> = connection.sendRequest(PLAN_REQUEST, { uri: 'file:///r.md', position: { line: 0, character: 0 }, backup: '23.2', target: '24.3' });
  const releases: Promise<ReleaseItem[]> = connection.sendRequest(RELEASES_REQUEST, { backup: '23.2' });
  void plan;
  void releases;
  // @ts-expect-error a plan request needs a position, a backup and a target
  void connection.sendRequest(PLAN_REQUEST, { uri: 'file:///r.md' });
  // @ts-expect-error the releases request answers a list of releases, not a plan
  const notAPlan: Promise<PlanResponse> = connection.sendRequest(RELEASES_REQUEST, {});
  void notAPlan;
  connection.onRequest(PLAN_REQUEST, (params) => {
    // @ts-expect-error the handler's params are PlanParams (there is no `version` field)
    void params.version;
    return { text: `-- ${params.backup} → ${params.target}\n` };
  });
  // @ts-expect-error a plan handler must answer a PlanResponse
  connection.onRequest(PLAN_REQUEST, () => ({ text: 42 }));
  // @ts-expect-error a status notification needs its state, duration and findings
  void connection.sendNotification(STATUS_NOTIFICATION, { uri: 'file:///r.md' });
}

describe('protocol: the custom requests and notifications', () => {
  it('keep the wire names other editors call them by', () => {
    assert.deepStrictEqual(
      [RELEASES_REQUEST.method, PLAN_REQUEST.method, STATUS_NOTIFICATION.method],
      ['crdbRestoreGuard/releases', 'crdbRestoreGuard/plan', 'crdbRestoreGuard/status'],
    );
  });

  it('send their params as one object (by name), as the server reads them', () => {
    for (const type of [RELEASES_REQUEST, PLAN_REQUEST, STATUS_NOTIFICATION]) {
      assert.strictEqual(type.numberOfParams, 1, type.method);
      assert.strictEqual(type.parameterStructures.toString(), 'auto', type.method);
    }
  });
});
