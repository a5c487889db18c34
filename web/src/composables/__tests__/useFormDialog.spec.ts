import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus, { ElMessageBox, type FormInstance } from 'element-plus';
import { defineComponent, h, nextTick, reactive, ref } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { ApiError } from '@/api/client';
import { i18n } from '@/locales';
import { useFormDialog } from '../useFormDialog';

function setup(save: () => Promise<void>) {
  let dialog!: ReturnType<typeof useFormDialog<'name' | 'phone'>>;
  const open = ref(false);
  const form = reactive({ name: '', phone: '' });
  const Page = defineComponent({
    setup() {
      const formRef = ref<FormInstance>();
      // A form whose rules always pass: the tests are about what happens around them.
      formRef.value = { validate: async () => true, clearValidate: () => undefined } as unknown as FormInstance;
      dialog = useFormDialog({ open, form, fields: ['name', 'phone'] as const, formRef, fill: () => Object.assign(form, { name: '', phone: '' }), save });
      return () => h('div');
    },
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/members', component: Page },
      { path: '/other', component: defineComponent({ render: () => h('div') }) },
    ],
  });
  const App = defineComponent({ render: () => h(RouterView) });
  return { open, form, router, App, dialog: () => dialog };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('useFormDialog', () => {
  it('submits once while a request is in flight, however often it is triggered', async () => {
    let finish!: () => void;
    const save = vi.fn(() => new Promise<void>((done) => (finish = done)));
    const { open, router, App, dialog } = setup(save);
    await router.push('/members');
    mount(App, { global: { plugins: [router, i18n, ElementPlus] } });
    open.value = true;
    dialog().onOpen();
    const first = dialog().submit();
    const second = dialog().submit(); // Enter while the button's request runs
    await flushPromises();
    expect(save).toHaveBeenCalledTimes(1);
    expect(dialog().submitting.value).toBe(true);
    finish();
    await Promise.all([first, second]);
    expect(open.value).toBe(false);
  });

  it('shows every field error of a 422 at once', async () => {
    const error = new ApiError(422, 'validation_failed', '输入有误', {
      errors: [
        { field: 'name', message: '请输入姓名' },
        { field: 'phone', message: '手机号码格式不正确' },
      ],
    });
    const { open, router, App, dialog } = setup(() => Promise.reject(error));
    await router.push('/members');
    mount(App, { global: { plugins: [router, i18n, ElementPlus] } });
    open.value = true;
    dialog().onOpen();
    await dialog().submit();
    expect(dialog().errors.name).toBe('请输入姓名');
    expect(dialog().errors.phone).toBe('手机号码格式不正确');
    expect(open.value).toBe(true);
  });

  it('asks before discarding edits on close, and keeps them when the user says no', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel').mockResolvedValueOnce('confirm' as never);
    const { open, form, router, App, dialog } = setup(async () => undefined);
    await router.push('/members');
    mount(App, { global: { plugins: [router, i18n, ElementPlus] } });
    open.value = true;
    dialog().onOpen();
    // Untouched: closes without a question.
    const done = vi.fn();
    await dialog().beforeClose(done);
    expect(done).toHaveBeenCalledTimes(1);
    expect(confirm).not.toHaveBeenCalled();

    form.name = '张三';
    await nextTick();
    await dialog().close();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(open.value).toBe(true);
    await dialog().close();
    expect(open.value).toBe(false);
  });

  it('asks before Back leaves a dialog with edits', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel');
    const { open, form, router, App, dialog } = setup(async () => undefined);
    await router.push('/other');
    await router.push('/members');
    mount(App, { global: { plugins: [router, i18n, ElementPlus] } });
    await flushPromises();
    open.value = true;
    dialog().onOpen();
    form.phone = '13800000000';
    await router.push('/other').catch(() => undefined);
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/members');
    expect(open.value).toBe(true);
  });
});
