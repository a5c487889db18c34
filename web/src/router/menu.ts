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

/** True when a route's `meta.roles` lets any of the given roles in. */
export function canAccess(route: Pick<RouteRecordRaw, 'meta'>, roles: readonly AuthApi.Role[]): boolean {
  const allowed = route.meta?.roles;
  if (!allowed || allowed.length === 0) return true;
  return allowed.some((role) => roles.includes(role));
}

/** The left menu: the layout's routes marked `menu`, filtered by the user's roles. */
export function buildMenu(roles: readonly AuthApi.Role[], children: RouteRecordRaw[] = layoutChildren): MenuItem[] {
  return children
    .filter((route) => route.meta?.menu && canAccess(route, roles))
    .map((route) => ({
      name: String(route.name),
      path: `/${route.path}`,
      title: route.meta?.title ?? String(route.name),
      icon: route.meta?.icon,
      testId: route.meta?.testId ?? `menu-${String(route.name)}`,
    }));
}

/** Where "/" leads: the first menu page the roles may open (the auditor lands on the audit log). */
export function homePathFor(roles: readonly AuthApi.Role[]): string | null {
  return buildMenu(roles)[0]?.path ?? null;
}
