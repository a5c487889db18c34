import { createRouter, createWebHistory } from 'vue-router';
import { installGuards } from './guard';
import { ERROR_PATH, routes } from './routes';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

installGuards(router);

// A page whose script fails to load (network, or a new build replaced the old files) shows the
// one error page with a retry, instead of a blank screen.
router.onError((_error, to) => {
  void router.replace({ path: ERROR_PATH, query: { from: to.fullPath } });
});
