import type { Column } from '@/components/table';

/** 账号管理's filters, as the search form and the URL hold them. */
export interface UserFilters {
  [key: string]: string | number | undefined;
  q: string;
}

export function userFilters(): UserFilters {
  return { q: '' };
}

export const userColumns: Column[] = [
  { key: 'username', label: 'user.username', minWidth: 120, fixedLeft: true },
  { key: 'display_name', label: 'user.displayName', minWidth: 100 },
  { key: 'roles', label: 'user.roles', minWidth: 160 },
  { key: 'unit', label: 'user.unit', minWidth: 140, tooltip: true },
  { key: 'status', label: 'user.status', minWidth: 100 },
];
