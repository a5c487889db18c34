import type { vPermission } from './permission';

declare module 'vue' {
  interface GlobalDirectives {
    /** See src/directives/permission.ts. */
    vPermission: typeof vPermission;
  }
}

export {};
