import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { AuthApi } from '@/api/auth';
import { buildMenu } from '@/router/menu';
import { accessFor } from '@/test/access';
import { routes } from '@/router/routes';
import { alliancePath, applicationPath, safeLink, TODO_PATH } from '../paths';

describe('paths', () => {
  it('follows only same-app links', () => {
    expect(safeLink('/applications/12')).toBe('/applications/12');
    expect(safeLink('//evil.example/x')).toBeNull();
    expect(safeLink('https://evil.example')).toBeNull();
    expect(safeLink(null)).toBeNull();
  });

  it('the server links resolve to the pages', () => {
    const router = createRouter({ history: createMemoryHistory(), routes });
    expect(router.resolve(applicationPath(12)).name).toBe('application-detail');
    expect(router.resolve('/applications/new').name).toBe('application-create');
    expect(router.resolve(alliancePath(3)).name).toBe('alliance-detail');
    expect(router.resolve(TODO_PATH).name).toBe('todos');
  });

  it('shows 申请 and 待办 to the right roles', () => {
    const names = (role: AuthApi.Role) => buildMenu(accessFor([role])).map((item) => item.name);
    expect(names('committee_admin')).toEqual(expect.arrayContaining(['alliances', 'applications', 'todos']));
    expect(names('unit_admin')).toEqual(expect.arrayContaining(['applications', 'todos']));
    expect(names('viewer')).toEqual(expect.arrayContaining(['applications', 'todos']));
    expect(names('member')).not.toContain('applications');
    expect(names('member')).toContain('todos');
    expect(names('system_admin')).toContain('todos');
    expect(names('auditor')).not.toContain('todos');
    expect(names('auditor')).not.toContain('applications');
  });
});
