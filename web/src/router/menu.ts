import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { AuthApi } from '@/api/auth';
import { layoutChildren } from './routes';

export interface MenuItem {
  name: string;
  path: string;
  title: string;
  icon?: Component;
  testId: string;
}

/** What the signed-in caller holds: its permission codes (from the server) and its roles. */
export interface Access {
  permissions: readonly string[];
  roles: readonly AuthApi.Role[];
}

/**
 * True when the caller may open the route: any one of `meta.permissions` (the codes the server
 * sent), and any one of `meta.roles` where a page has no code of its own (待办).
 */
export function canAccess(route: Pick<RouteRecordRaw, 'meta'>, access: Access): boolean {
  const codes = route.meta?.permissions;
  if (codes && codes.length > 0 && !codes.some((code) => access.permissions.includes(code))) return false;
  const roles = route.meta?.roles;
  if (roles && roles.length > 0 && !roles.some((role) => access.roles.includes(role))) return false;
  return true;
}

/** The left menu: the layout's routes marked `menu` that the caller may open. */
export function buildMenu(access: Access, children: RouteRecordRaw[] = layoutChildren): MenuItem[] {
  return children
    .filter((route) => route.meta?.menu && canAccess(route, access))
    .map((route) => ({
      name: String(route.name),
      path: `/${route.path}`,
      title: route.meta?.title ?? String(route.name),
      icon: route.meta?.icon,
      testId: route.meta?.testId ?? `menu-${String(route.name)}`,
    }));
}

/** Where "/" leads: the first menu page the caller may open (首页, for every signed-in role). */
export function homePathFor(access: Access): string | null {
  return buildMenu(access)[0]?.path ?? null;
}
