import type { RouteRecordRaw } from 'vue-router';
import {
  Avatar,
  Bell,
  Calendar,
  Collection,
  Document,
  DocumentChecked,
  Flag,
  Grid,
  House,
  List,
  Location,
  Notebook,
  OfficeBuilding,
  Share,
  Tickets,
  User,
} from '@element-plus/icons-vue';
import type { AuthApi } from '@/api/auth';

/** Roles that work in the programme (see DOMAIN.md, Roles). */
export const PROGRAMME_ROLES: AuthApi.Role[] = ['committee_admin', 'unit_admin', 'member', 'viewer'];

export const LOGIN_PATH = '/login';
export const PASSWORD_PATH = '/password';
export const TOTP_PATH = '/totp';
export const FORBIDDEN_PATH = '/403';
export const ERROR_PATH = '/error';
export const SIGNIN_PATH = '/signin';

/**
 * The pages inside the main layout, in menu order. The menu, the guards and the home page
 * all read this one table. A page names the permission codes that open it (any one of them;
 * server: accounts::permission_name); 待办 has no code of its own and names the roles that
 * have an inbox.
 */
export const layoutChildren: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/home/index.vue'),
    // 首页 is every signed-in role's workbench (the auditor's too: the audit chain and refusals).
    meta: {
      title: 'menu.dashboard',
      permissions: ['signed_in'],
      menu: true,
      icon: House,
      testId: 'menu-dashboard',
    },
  },
  {
    path: 'office-areas',
    name: 'office-areas',
    component: () => import('@/views/office-area/list/index.vue'),
    meta: {
      title: 'menu.officeAreas',
      permissions: ['registry_read'],
      menu: true,
      icon: Location,
      testId: 'menu-office-areas',
    },
  },
  {
    path: 'units',
    name: 'units',
    component: () => import('@/views/unit/list/index.vue'),
    meta: {
      title: 'menu.units',
      permissions: ['registry_read'],
      menu: true,
      icon: OfficeBuilding,
      testId: 'menu-units',
    },
  },
  {
    path: 'members',
    name: 'members',
    component: () => import('@/views/member/list/index.vue'),
    meta: {
      title: 'menu.members',
      permissions: ['members_read'],
      menu: true,
      icon: Avatar,
      testId: 'menu-members',
    },
  },
  {
    path: 'alliances',
    name: 'alliances',
    component: () => import('@/views/alliance/list/index.vue'),
    meta: {
      title: 'menu.alliances',
      permissions: ['alliances_read'],
      menu: true,
      icon: Share,
      testId: 'menu-alliances',
    },
  },
  {
    path: 'alliances/:id(\\d+)',
    name: 'alliance-detail',
    component: () => import('@/views/alliance/detail/index.vue'),
    meta: { title: 'alliance.detailTitle', permissions: ['alliances_read'] },
  },
  {
    path: 'formation',
    name: 'formation',
    component: () => import('@/views/formation/suggest/index.vue'),
    meta: {
      title: 'menu.formation',
      permissions: ['formation_suggest'],
      menu: true,
      icon: Grid,
      testId: 'menu-formation',
    },
  },
  {
    path: 'applications',
    name: 'applications',
    component: () => import('@/views/application/list/index.vue'),
    meta: {
      title: 'menu.applications',
      permissions: ['applications_read'],
      menu: true,
      icon: Tickets,
      testId: 'menu-applications',
    },
  },
  {
    path: 'applications/new',
    name: 'application-create',
    component: () => import('@/views/application/create/index.vue'),
    meta: { title: 'application.createTitle', permissions: ['applications_act'] },
  },
  {
    path: 'applications/:id(\\d+)',
    name: 'application-detail',
    component: () => import('@/views/application/detail/index.vue'),
    meta: { title: 'application.detailTitle', permissions: ['applications_read'] },
  },
  {
    path: 'campaign',
    name: 'campaign',
    component: () => import('@/views/campaign/overview/index.vue'),
    meta: {
      title: 'menu.campaign',
      permissions: ['campaign_read'],
      menu: true,
      icon: Calendar,
      testId: 'menu-campaign',
    },
  },
  {
    path: 'checklist',
    name: 'checklist',
    component: () => import('@/views/campaign/checklist/index.vue'),
    meta: {
      title: 'menu.checklist',
      permissions: ['campaign_read'],
      menu: true,
      icon: List,
      testId: 'menu-checklist',
    },
  },
  {
    path: 'plans',
    name: 'plans',
    component: () => import('@/views/plan/list/index.vue'),
    meta: {
      title: 'menu.plans',
      permissions: ['plans_read'],
      menu: true,
      icon: Notebook,
      testId: 'menu-plans',
    },
  },
  {
    path: 'plans/:id(\\d+)',
    name: 'plan-detail',
    component: () => import('@/views/plan/detail/index.vue'),
    meta: { title: 'plan.detailTitle', permissions: ['plans_read'] },
  },
  {
    path: 'activities',
    name: 'activities',
    component: () => import('@/views/activity/list/index.vue'),
    meta: {
      title: 'menu.activities',
      permissions: ['activities_read'],
      menu: true,
      icon: Flag,
      testId: 'menu-activities',
    },
  },
  {
    path: 'activities/:id(\\d+)',
    name: 'activity-detail',
    component: () => import('@/views/activity/detail/index.vue'),
    meta: { title: 'activity.detailTitle', permissions: ['activities_read'] },
  },
  {
    path: 'ledger',
    name: 'ledger',
    component: () => import('@/views/ledger/index.vue'),
    meta: {
      title: 'menu.ledger',
      permissions: ['activities_read'],
      menu: true,
      icon: Collection,
      testId: 'menu-ledger',
    },
  },
  {
    path: 'responsibility',
    name: 'responsibility',
    component: () => import('@/views/responsibility/index.vue'),
    meta: {
      title: 'menu.responsibility',
      permissions: ['responsibility_read'],
      menu: true,
      icon: DocumentChecked,
      testId: 'menu-responsibility',
    },
  },
  {
    path: 'todos',
    name: 'todos',
    component: () => import('@/views/todo/list/index.vue'),
    meta: {
      title: 'menu.todos',
      roles: [...PROGRAMME_ROLES, 'system_admin'],
      menu: true,
      icon: Bell,
      testId: 'menu-todos',
    },
  },
  {
    path: 'system/users',
    name: 'users',
    component: () => import('@/views/system/user/index.vue'),
    meta: {
      title: 'menu.users',
      permissions: ['users_manage'],
      menu: true,
      icon: User,
      testId: 'menu-users',
    },
  },
  {
    path: 'audit/events',
    name: 'audit',
    component: () => import('@/views/audit/log/index.vue'),
    meta: {
      title: 'menu.audit',
      permissions: ['audit_read'],
      menu: true,
      icon: Document,
      testId: 'menu-audit',
    },
  },
];

export const routes: RouteRecordRaw[] = [
  {
    path: LOGIN_PATH,
    name: 'login',
    component: () => import('@/views/auth/login/index.vue'),
    meta: { title: 'login.title', public: true },
  },
  {
    path: PASSWORD_PATH,
    name: 'password',
    component: () => import('@/views/auth/password/index.vue'),
    meta: { title: 'password.title' },
  },
  {
    // Two-factor enrolment: the only page open while a required second factor is not set up.
    path: TOTP_PATH,
    name: 'totp',
    component: () => import('@/views/auth/totp/index.vue'),
    meta: { title: 'totp.title' },
  },
  {
    path: '/',
    name: 'root',
    component: () => import('@/layouts/BasicLayout.vue'),
    children: layoutChildren,
  },
  {
    // The projector view of an activity's sign-in code: full screen, outside the layout.
    path: '/activities/:id(\\d+)/signin-code',
    name: 'activity-signin-code',
    component: () => import('@/views/activity/signin-code/index.vue'),
    meta: { title: 'activity.signinCodeTitle', permissions: ['activities_write'] },
  },
  {
    // The page the QR code opens on a phone: no session needed.
    path: SIGNIN_PATH + '/:token',
    name: 'signin',
    component: () => import('@/views/signin/index.vue'),
    meta: { title: 'signin.title', public: true },
  },
  {
    path: FORBIDDEN_PATH,
    name: 'forbidden',
    component: () => import('@/views/error/index.vue'),
    meta: { title: 'error.forbiddenTitle', public: true, error: 'forbidden' },
  },
  {
    path: ERROR_PATH,
    name: 'error',
    component: () => import('@/views/error/index.vue'),
    meta: { title: 'error.serverTitle', public: true, error: 'server' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/index.vue'),
    meta: { title: 'error.notFoundTitle', public: true, error: 'not-found' },
  },
];
