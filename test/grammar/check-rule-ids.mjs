#!/usr/bin/env node
// Part of `npm run test:grammar`: the crdb: injection grammar lists the rule ids that may follow
// `ignore=` (anything else is scoped invalid). This fails when that list and the server's
// ALL_RULE_IDS (server/src/core/rules/ruleIds.ts) drift apart, so a new rule is never shown
// as invalid in the editor.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const grammarPath = join(root, 'syntaxes', 'crdb-directive.injection.tmLanguage.json');
const idsPath = join(root, 'server', 'src', 'core', 'rules', 'ruleIds.ts');

const source = readFileSync(idsPath, 'utf8');
const list = /ALL_RULE_IDS[^=]*=\s*\[([\s\S]*?)\]/.exec(source);
if (!list) {
  console.error(`check-rule-ids: ALL_RULE_IDS not found in ${idsPath}`);
  process.exit(1);
}
const serverIds = [...list[1].matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]);

const grammar = JSON.parse(readFileSync(grammarPath, 'utf8'));
const rulePattern = grammar.repository?.['rule-list']?.patterns?.find((p) => p.name === 'support.constant.rule-id.crdb');
const alternation = rulePattern && /\(\?:([a-z0-9|-]+)\)/.exec(rulePattern.match);
if (!alternation) {
  console.error('check-rule-ids: the grammar has no #rule-list pattern named support.constant.rule-id.crdb');
  process.exit(1);
}
const grammarIds = alternation[1].split('|');

const missing = serverIds.filter((id) => !grammarIds.includes(id));
const extra = grammarIds.filter((id) => !serverIds.includes(id));
if (missing.length || extra.length || serverIds.length === 0) {
  if (missing.length) console.error(`check-rule-ids: rule ids missing from the grammar: ${missing.join(', ')}`);
  if (extra.length) console.error(`check-rule-ids: grammar lists ids the server does not know: ${extra.join(', ')}`);
  if (serverIds.length === 0) console.error('check-rule-ids: no rule ids read from ruleIds.ts');
  process.exit(1);
}
console.log(`check-rule-ids: grammar and server agree on ${serverIds.length} rule ids`);
