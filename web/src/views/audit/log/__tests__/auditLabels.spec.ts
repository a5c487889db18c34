import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enUS from '@/locales/en-US';
import zhCN from '@/locales/zh-CN';
import { AUDIT_ACTIONS, auditActionKey, auditObjectKey } from '../data';

/** The server's sources, read as text: every audit action and object type it can write. */
const SERVER_SRC = join(__dirname, '..', '..', '..', '..', '..', '..', 'server', 'src');

function cppFiles(directory: string, extension = '.cpp'): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return cppFiles(path, extension);
    return name.endsWith(extension) ? [path] : [];
  });
}

const sources = cppFiles(SERVER_SRC).map((file) => readFileSync(file, 'utf8').replace(/\s+/g, ' '));

/** `record(…, {actor, "area.verb", "object_type", …})`: the literal action and object type of each call. */
function recordedLiterals(): Array<{ action: string; objectType: string }> {
  const found: Array<{ action: string; objectType: string }> = [];
  const call = /record(?:_alone)?\([^;]*?"([a-z_]+\.[a-z_]+)", "([a-z_]*)"/g;
  for (const text of sources) {
    for (const match of text.matchAll(call)) found.push({ action: match[1], objectType: match[2] });
  }
  return found;
}

/**
 * `std::string("application.") + enum_code(action)`: the prefix, with every code of the action
 * enum's text table (`EnumText<…Action>` in the server's headers: `{A::submit, "submit", "提交"}`).
 */
function composedActions(): string[] {
  const headers = cppFiles(SERVER_SRC, '.hpp').map((file) => readFileSync(file, 'utf8').replace(/\s+/g, ' '));
  // Each area's action enum by the area it names: `ApplicationAction` → "application", `PlanAction` → "plan".
  const codesByArea = new Map<string, string[]>();
  for (const text of headers) {
    for (const table of text.matchAll(/struct EnumText<\w+::(\w*)Action> \{(.*?)\};/g)) {
      const area = table[1].replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
      const codes = [...table[2].matchAll(/\{\w+::\w+, "([a-z_]+)", "/g)].map((entry) => entry[1]);
      codesByArea.set(area, [...(codesByArea.get(area) ?? []), ...codes]);
    }
  }
  const every = [...codesByArea.values()].flat();
  const found: string[] = [];
  for (const text of sources) {
    for (const match of text.matchAll(/record\([^;]*?"([a-z_]+)\."\)? \+ (?:enum_code\()?\w+/g)) {
      for (const code of codesByArea.get(match[1]) ?? every) found.push(`${match[1]}.${code}`);
    }
  }
  return [...new Set(found)];
}

describe('audit labels', () => {
  it('finds the server\'s audit calls (the scan itself works)', () => {
    const literals = recordedLiterals().map((entry) => entry.action);
    expect(literals).toContain('auth.login');
    expect(literals).toContain('unit.update');
    expect(composedActions()).toEqual(expect.arrayContaining(['application.consult', 'application.decide']));
  });

  it('every action code the server can write has a zh-CN and an en-US label', () => {
    const codes = new Set([...recordedLiterals().map((entry) => entry.action), ...composedActions()]);
    const missing = [...codes].filter((code) => auditActionKey(code) === null);
    expect(missing).toEqual([]);
    for (const code of codes) {
      const [area, verb] = code.split('.');
      const zh = (zhCN.audit.actions as Record<string, Record<string, string>>)[area][verb];
      const en = (enUS.audit.actions as Record<string, Record<string, string>>)[area]?.[verb];
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).toBeTruthy();
    }
  });

  it('every object type the server writes has a label', () => {
    const types = new Set(recordedLiterals().map((entry) => entry.objectType).filter(Boolean));
    expect([...types].filter((type) => auditObjectKey(type) === null)).toEqual([]);
  });

  it('every object type a refused request is recorded under has a label', () => {
    const application = readFileSync(join(SERVER_SRC, 'app', 'application.cpp'), 'utf8');
    const table = /object_type_of_route[\s\S]*?types\{([\s\S]*?)\};/.exec(application);
    expect(table).not.toBeNull();
    const types = [...table![1].matchAll(/\{"[a-z-]+", "([a-z_]+)"\}/g)].map((entry) => entry[1]);
    expect(types).toContain('unit');
    expect(types.filter((type) => auditObjectKey(type) === null)).toEqual([]);
  });

  it('the 操作 filter offers the labelled codes, 登录 among them', () => {
    expect(AUDIT_ACTIONS).toContain('auth.login');
    expect(zhCN.audit.actions.auth.login).toBe('登录');
  });

  it('the server\'s own label table (the archive workbook) says what zh-CN says', () => {
    const table = readFileSync(join(SERVER_SRC, 'audit', 'action_labels.cpp'), 'utf8');
    const entries = [...table.matchAll(/\{"([a-z_]+)\.([a-z_]+)", "([^"]*)"\}/g)];
    expect(entries.length).toBeGreaterThan(50);
    const codes = entries.map((entry) => `${entry[1]}.${entry[2]}`);
    expect(codes).toEqual([...codes].sort());
    const zh = zhCN.audit.actions as Record<string, Record<string, string>>;
    for (const [, area, verb, label] of entries) expect(label, `${area}.${verb}`).toBe(zh[area]?.[verb]);
    const every = Object.entries(zh).flatMap(([area, verbs]) => Object.keys(verbs).map((verb) => `${area}.${verb}`));
    expect(codes.sort()).toEqual(every.sort());
  });
});
