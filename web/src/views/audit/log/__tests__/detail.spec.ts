import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import enUS from '@/locales/en-US';
import zhCN from '@/locales/zh-CN';
import { describeDetail, fieldLabelKey, type Translator } from '../detail';

const SERVER_SRC = join(__dirname, '..', '..', '..', '..', '..', '..', 'server', 'src');

function cppFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return cppFiles(path);
    return name.endsWith('.cpp') ? [path] : [];
  });
}

const sources = cppFiles(SERVER_SRC).map((file) => readFileSync(file, 'utf8').replace(/\s+/g, ' '));

/** The text of each `audit::detail(…)` call, up to its closing parenthesis. */
function detailCalls(text: string): string[] {
  const calls: string[] = [];
  for (let start = text.indexOf('audit::detail('); start >= 0; start = text.indexOf('audit::detail(', start + 1)) {
    let depth = 0;
    let end = start + 'audit::detail'.length;
    for (; end < text.length; ++end) {
      if (text[end] === '(') depth += 1;
      if (text[end] === ')' && --depth === 0) break;
    }
    calls.push(text.slice(start, end + 1));
  }
  return calls;
}

/** Every key the server writes into a structured detail, and every field an update's changes name. */
function serverKeys(): string[] {
  const keys = new Set<string>();
  for (const text of sources) {
    for (const call of detailCalls(text)) {
      for (const match of call.matchAll(/\{"([a-z0-9_]+)", /g)) keys.add(match[1]);
    }
    for (const match of text.matchAll(/compare(?:_personal)?\("([a-z_.]+)"/g)) keys.add(match[1]);
    // The settings `system.config` records (app/configuration_audit.cpp) are its changes' fields.
    const settings = /effective_configuration\(const Config& config[^{]*\{ return \{(.*?)\}; \}/.exec(text);
    if (settings) for (const match of settings[1].matchAll(/\{"([a-z_]+)", /g)) keys.add(match[1]);
  }
  keys.delete('changes');
  keys.delete('field');
  keys.delete('old');
  keys.delete('new');
  return [...keys];
}

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } });
const translator: Translator = { t: (key) => i18n.global.t(key), te: (key) => i18n.global.te(key) };

describe('audit details', () => {
  it('finds the server\'s structured details (the scan itself works)', () => {
    const keys = serverKeys();
    expect(keys).toEqual(
      expect.arrayContaining(['unit', 'left_on', 'roles', 'plan_state', 'note', 'support.funds', 'retention_days', 'time_zone', 'attachment_kind']),
    );
  });

  it('every key and changed field the server writes has a zh-CN and an en-US label', () => {
    const missing = serverKeys().filter((key) => !i18n.global.te(fieldLabelKey(key), 'zh-CN'));
    expect(missing).toEqual([]);
    const missingEn = serverKeys().filter((key) => !i18n.global.te(fieldLabelKey(key), 'en-US'));
    expect(missingEn).toEqual([]);
  });

  it('given a member leaving an alliance, when shown, then it reads in Chinese with the unit by name', () => {
    const detail = JSON.stringify({ unit: { id: 5, name: '区科协' }, left_on: '2026-11-29' });
    expect(describeDetail(detail, translator)).toBe('单位：区科协；退出日期：2026-11-29');
  });

  it('given an application decision, when shown, then its state and the opinion are labelled', () => {
    const text = describeDetail(JSON.stringify({ application_state: 'approved', agree: true }), translator);
    expect(text).toBe('申请状态：已批准；意见：同意');
  });

  it('given an account created with roles, when shown, then each role has its Chinese name', () => {
    const text = describeDetail(JSON.stringify({ username: 'zhangsan', roles: ['viewer', 'unit_admin'] }), translator);
    expect(text).toBe('用户名：zhangsan；角色：领导查看、单位管理员（联络员）');
  });

  it('given an update, when shown, then each change reads field: old → new, and personal data has no values', () => {
    const detail = JSON.stringify({
      changes: [
        { field: 'rotation_mode', old: 'per_activity', new: 'per_quarter' },
        { field: 'note', old: '', new: '新的备注' },
        { field: 'phone', personal: true },
        { field: 'office_area_id', old: 1, new: 2 },
      ],
    });
    expect(describeDetail(detail, translator)).toBe(
      '轮值方式：一次活动一轮值 → 一季时间一轮值；备注：（空） → 新的备注；手机号码已修改；办公区已修改',
    );
  });

  it('given a refused request, when shown, then the method reads in Chinese', () => {
    const text = describeDetail(JSON.stringify({ http_method: 'POST', route: '/api/v1/units', reason: '无权限' }), translator);
    expect(text).toMatch(/^请求方式：提交；/);
    expect(text).not.toMatch(/POST/);
  });

  it('given a plain-text detail written before details were structured, then it is shown as it is', () => {
    expect(describeDetail('密码错误', translator)).toBe('密码错误');
    expect(describeDetail('', translator)).toBe('');
  });
});
