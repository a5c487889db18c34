import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enUS from '../en-US';
import zhCN from '../zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function vueFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return vueFiles(path);
    return name.endsWith('.vue') ? [path] : [];
  });
}

describe('locales', () => {
  it('en-US has exactly the keys of zh-CN', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
  });

  it('no component carries literal Chinese text (all UI strings go through i18n)', () => {
    const root = join(__dirname, '..', '..');
    const offenders = vueFiles(root).filter((file) => /[\u4e00-\u9fff]/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
