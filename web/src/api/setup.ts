import { ElMessage } from 'element-plus';
import type { Router } from 'vue-router';
import { t } from '@/locales';
import { LOGIN_PATH, PASSWORD_PATH } from '@/router/routes';
import { useUserStore } from '@/stores/user';
import { CLIENT_ERROR_CODES, configureClient } from './client';

/** Wires the request client to the UI: toasts, the 401 redirect, the forced password change. */
export function installClientHooks(router: Router): void {
  configureClient({
    notify: (message) => {
      ElMessage({ type: 'error', message, grouping: true, showClose: true });
    },
    onUnauthorized: () => {
      useUserStore().clear();
      const current = router.currentRoute.value;
      if (current.path === LOGIN_PATH) return;
      void router.replace({ path: LOGIN_PATH, query: { redirect: current.fullPath } });
    },
    onPasswordChangeRequired: () => {
      useUserStore().requirePasswordChange();
      if (router.currentRoute.value.path !== PASSWORD_PATH) void router.replace(PASSWORD_PATH);
    },
    fallbackMessage: (code, status) => {
      if (code === CLIENT_ERROR_CODES.network) return t('error.network');
      if (code === CLIENT_ERROR_CODES.badResponse) return t('error.badResponse');
      return t('error.http', { status });
    },
  });
}
