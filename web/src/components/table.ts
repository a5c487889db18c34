/**
 * A list page's column, declared in the page's `data.ts`. `DataTable` draws it: the cell is
 * `row[prop ?? key]` unless the page fills the slot `cell-<key>`.
 */
export interface Column {
  key: string;
  /** i18n key of the header. */
  label: string;
  prop?: string;
  width?: number;
  minWidth?: number;
  align?: 'left' | 'center' | 'right';
  /** Sorted by the server (`sort-change` reports `key`). */
  sortable?: boolean;
  /** Long text: one line with a tooltip. */
  tooltip?: boolean;
  /** Kept on the left on wide screens (the record's name). */
  fixedLeft?: boolean;
  /** Shown only when this returns true (e.g. a column for some callers only). */
  visible?: () => boolean;
}
