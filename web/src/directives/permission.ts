import type { Directive } from 'vue';
import type { AuthApi } from '@/api/auth';
import { useUserStore } from '@/stores/user';

/**
 * `v-permission="'registry_manage'"` or `v-permission="['members_manage', 'registry_manage']"`:
 * the element is removed unless the caller holds one of the codes (RuoYi's v-hasPermi). For
 * per-object rules (own unit, lead of this alliance) use the data the server sends instead.
 */
export const vPermission: Directive<HTMLElement, AuthApi.Permission | AuthApi.Permission[]> = {
  mounted(element, binding) {
    const wanted = Array.isArray(binding.value) ? binding.value : [binding.value];
    if (!useUserStore().hasPermission(...wanted)) element.remove();
  },
};
