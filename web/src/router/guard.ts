import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import { t } from '@/locales';
import { useUserStore } from '@/stores/user';
import { canAccess, homePathFor } from './menu';
import { FORBIDDEN_PATH, LOGIN_PATH, PASSWORD_PATH, TOTP_PATH } from './routes';

type UserStore = ReturnType<typeof useUserStore>;
type Target = Pick<RouteLocationNormalized, 'path' | 'fullPath' | 'query' | 'meta'>;

function safeRedirect(value: unknown): string | null {
  // Only same-app paths: "/x" but not "//evil.example" (open redirect).
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null;
  if (value.startsWith(LOGIN_PATH)) return null;
  return value;
}

/** Where a signed-in user goes after login (or when opening /login while signed in). */
export function landingFor(store: UserStore, redirect?: unknown): string {
  if (store.mustChangePassword) return PASSWORD_PATH;
  if (store.mustEnrolSecondFactor) return TOTP_PATH;
  return safeRedirect(redirect) ?? homePathFor(store) ?? FORBIDDEN_PATH;
}

/**
 * Decides one navigation. Returns `true` to proceed or the location to go to instead.
 * Kept free of the router instance so the unit tests can call it directly.
 */
export async function resolveNavigation(to: Target, store: UserStore): Promise<true | RouteLocationRaw> {
  if (!store.loaded) {
    try {
      await store.fetchMe();
    } catch {
      // Server unreachable: treat as signed out; the client already showed the message.
      store.clear();
    }
  }

  if (to.meta.public) {
    if (to.path === LOGIN_PATH && store.isLoggedIn) return landingFor(store, to.query.redirect);
    return true;
  }

  if (!store.isLoggedIn) {
    return { path: LOGIN_PATH, query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  }

  if (store.mustChangePassword && to.path !== PASSWORD_PATH) return PASSWORD_PATH;
  // A role that requires a second factor reaches only enrolment until it has one (the server
  // refuses the rest with second_factor_enrolment_required).
  if (!store.mustChangePassword && store.mustEnrolSecondFactor && to.path !== TOTP_PATH) return TOTP_PATH;

  if (to.path === '/') return homePathFor(store) ?? FORBIDDEN_PATH;

  if (!canAccess(to, store)) return FORBIDDEN_PATH;

  return true;
}

export function installGuards(router: Router): void {
  router.beforeEach((to) => resolveNavigation(to, useUserStore()));
  router.afterEach((to) => {
    const title = to.meta.title ? `${t(to.meta.title)} - ${t('app.name')}` : t('app.name');
    if (typeof document !== 'undefined') document.title = title;
  });
}
