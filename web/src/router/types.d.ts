import type { Component } from 'vue';
import type { AuthApi } from '@/api/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, used by the menu, breadcrumbs and document title. */
    title?: string;
    /** Roles allowed to open the route; absent means any signed-in user. */
    roles?: AuthApi.Role[];
    /** Reachable without a session (login, error pages). */
    public?: boolean;
    /** Shown in the left menu (filtered by `roles`). */
    menu?: boolean;
    /** Menu icon. */
    icon?: Component;
    /** `data-testid` of the menu entry. */
    testId?: string;
    /** Permission codes the caller needs (any one of them); see `usePermissions`. */
    permissions?: string[];
    /** Which page the one error page shows. */
    error?: 'forbidden' | 'not-found' | 'server';
  }
}

export {};
