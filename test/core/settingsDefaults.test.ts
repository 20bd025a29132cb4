// The editor-only settings are typed once, with their defaults, in core/settings.ts; the server
// falls back to those defaults, and VS Code shows package.json's. They must agree.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { EDITOR_SETTING_DEFAULTS } from '../../server/src/core/settings';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('settings: one set of defaults', () => {
  it("package.json's editor settings default to the core's EDITOR_SETTING_DEFAULTS", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties as Record<string, { default?: unknown }>;
    for (const [key, value] of Object.entries(EDITOR_SETTING_DEFAULTS)) {
      assert.ok(props[`crdbRestoreGuard.${key}`], `package.json declares crdbRestoreGuard.${key}`);
      assert.deepStrictEqual(props[`crdbRestoreGuard.${key}`].default, value, key);
    }
  });
});
