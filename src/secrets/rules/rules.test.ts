import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scanText } from '../engine.ts';
import { buildRuleset } from '../ruleset.ts';
import { BUILTIN_RULES } from './index.ts';

const ruleset = buildRuleset();

describe('rule registry', () => {
  it('holds at least 150 rules with unique kebab-case ids', () => {
    assert.ok(BUILTIN_RULES.length >= 150, `${BUILTIN_RULES.length} rules`);
    const ids = BUILTIN_RULES.map((r) => r.id);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('registers every family file', () => {
    const dir = new URL('.', import.meta.url);
    const families = readdirSync(dir).filter(
      (f) => f.endsWith('.ts') && !/^(index|build|allowlist)\.ts$|\.test\.ts$/.test(f),
    );
    const index = readFileSync(new URL('index.ts', dir), 'utf8');
    for (const family of families) {
      const exported = /export const ([A-Z_]+_RULES)\b/.exec(readFileSync(new URL(family, dir), 'utf8'))?.[1];
      assert.ok(exported, `${family} exports a *_RULES list`);
      assert.ok(index.includes(`...${exported}`), `${exported} from ${family} is in BUILTIN_RULES`);
    }
  });

  for (const rule of BUILTIN_RULES) {
    describe(rule.id, () => {
      it('is well-formed', () => {
        assert.ok(
          rule.description.length > 5 && !rule.description.endsWith('.'),
          'a noun phrase description',
        );
        assert.match(rule.flags ?? '', /^[is]{0,2}$/);
        assert.ok(rule.keywords.length > 0, 'keywords for the prefilter');
        for (const keyword of rule.keywords)
          assert.match(keyword, /^[\x20-\x7e]{3,}$/, `keyword '${keyword}'`);
        for (const keyword of rule.keywords) assert.equal(keyword, keyword.toLowerCase());
        assert.doesNotThrow(() => new RegExp(rule.regex, rule.flags));
        assert.ok(rule.samples.truePositives.length > 0 && rule.samples.falsePositives.length > 0);
      });

      const path = rule.samples.path ?? 'sample.txt';
      for (const [i, sample] of rule.samples.truePositives.entries()) {
        it(`reports true positive ${i + 1} with this rule alone`, () => {
          const matches = scanText(path, sample, ruleset).matches;
          assert.deepEqual(
            matches.map((m) => m.ruleId),
            [rule.id],
            sample,
          );
        });
      }
      for (const [i, sample] of rule.samples.falsePositives.entries()) {
        it(`reports nothing on false positive ${i + 1}`, () => {
          const matches = scanText(path, sample, ruleset).matches;
          assert.deepEqual(
            matches.map((m) => `${m.ruleId}: ${m.redacted}`),
            [],
            sample,
          );
        });
      }
    });
  }
});
