import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/dist/index.css';
import './styles/index.css';
import App from './App.vue';
import { installClientHooks } from './api/setup';
import { vPermission } from './directives/permission';
import { i18n } from './locales';
import { router } from './router';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.directive('permission', vPermission);
installClientHooks(router);
app.use(router);
app.mount('#app');
