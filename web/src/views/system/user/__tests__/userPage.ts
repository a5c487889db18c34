import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { vPermission } from '@/directives/permission';
import { i18n } from '@/locales';
import { useUserStore } from '@/stores/user';
import { codesFor } from '@/test/access';
import UserPage from '../index.vue';

/** Lets the page's requests and renders run out (a few turns of the event loop). */
export async function settle(): Promise<void> {
  for (let round = 0; round < 4; round += 1) {
    await flushPromises();
    await new Promise((done) => setTimeout(done, 0));
  }
}

/** The account page (账号管理) mounted for the signed-in system administrator (id 99). */
export async function mountUserPage() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useUserStore().setUser(
    { id: 99, username: 'sysadmin', display_name: '系统管理员', roles: ['system_admin'], unit_id: null, must_change_password: false },
    codesFor(['system_admin']),
  );
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/system/users', component: UserPage },
      { path: '/:rest(.*)*', component: defineComponent({ render: () => null }) },
    ],
  });
  await router.push('/system/users');
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [pinia, router, i18n, ElementPlus], directives: { permission: vPermission } },
    attachTo: document.body,
  });
  await settle();
  return wrapper;
}
