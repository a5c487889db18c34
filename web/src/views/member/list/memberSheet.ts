/**
 * Reading the 党员 import spreadsheet in the browser.
 *
 * `mapMemberSheet` turns the sheet's rows (an array of cell arrays, as read-excel-file returns
 * them) into the rows the preview and import endpoints take: it finds the Chinese header row
 * (姓名, 性别, 单位, 职务, 手机号码, 入党日期, 党员状态), maps 男/女 and 正式/预备 to the API's codes and
 * dates (Date cells, Excel serial numbers, or text such as 2020/7/1 and 2020年7月1日) to
 * YYYY-MM-DD. Values it does not recognise are passed on unchanged so that the server's preview
 * reports them per field.
 *
 * `readMemberSheet` reads the first sheet of an .xlsx file. The archive is first repacked without
 * compression: fflate (read-excel-file's unzipper) inflates large parts in a Web Worker started
 * from a blob: URL, which the server's Content-Security-Policy (script-src 'self') forbids.
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import type { MemberApi } from '@/api/members';

export type SheetCell = string | number | boolean | Date | null | undefined;

type SheetField = 'name' | 'gender' | 'unit_name' | 'post' | 'phone' | 'joined_on' | 'status';

/** The template's header texts (data, not UI: the server's template uses exactly these). */
export const MEMBER_SHEET_HEADERS: Readonly<Record<string, SheetField>> = {
  姓名: 'name',
  性别: 'gender',
  单位: 'unit_name',
  职务: 'post',
  手机号码: 'phone',
  入党日期: 'joined_on',
  党员状态: 'status',
};

const HEADER_ALIASES: Readonly<Record<string, SheetField>> = {
  所在单位: 'unit_name',
  单位名称: 'unit_name',
  手机: 'phone',
  手机号: 'phone',
  联系电话: 'phone',
  状态: 'status',
};

export interface MemberSheetRow {
  /** 1-based position among the data rows (the number shown in the preview). */
  number: number;
  row: MemberApi.ImportRow;
}

export interface MemberSheet {
  rows: MemberSheetRow[];
  /** Example rows of the template (marked 示例 in 姓名) that were left out: never imported. */
  skippedExamples: number;
  /** Template headers the sheet lacks (empty when the sheet is usable). */
  missingHeaders: string[];
}

export interface MapOptions {
  /** A unit admin's own unit: used when the 单位 cell is empty. */
  defaultUnitId?: number;
}

/** How the template marks a sample row in 姓名: （示例…） or (示例…). Data, not UI text. */
export const EXAMPLE_MARK = /[（(]\s*示例/;

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's day 0, after its 1900 leap-year bug) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function fromUtcDays(days: number): string {
  const date = new Date(days * MS_PER_DAY);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** A cell as trimmed text (numbers without exponent or grouping). */
export function cellText(value: SheetCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : normalizeDate(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return String(value).trim();
}

/**
 * A date cell as YYYY-MM-DD. read-excel-file returns date cells as Date objects at UTC midnight,
 * so the UTC calendar day is taken (rounded to the nearest day when within a minute of
 * midnight, which absorbs floating-point error in the Excel serial).
 */
export function normalizeDate(value: SheetCell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return '';
    const nearest = Math.round(time / MS_PER_DAY);
    const days = Math.abs(time - nearest * MS_PER_DAY) < 60_000 ? nearest : Math.floor(time / MS_PER_DAY);
    return fromUtcDays(days);
  }
  if (typeof value === 'number') {
    // An Excel serial day number in a cell not formatted as a date (1900-03-01 … 9999-12-31),
    // whole (43948) or with a time of day (43948.75): the same range and reading as the server's
    // import (members/member_rules.cpp date_of_spreadsheet_serial). Serials below 61 fall in
    // Lotus's phantom 1900-02-29 and are left for the server to report.
    if (value >= 61 && value < 2_958_466) return fromUtcDays(Math.floor(value) - EXCEL_EPOCH_OFFSET);
    return String(value);
  }
  const text = String(value).trim();
  const separated = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(text);
  if (separated) return isoDate(Number(separated[1]), Number(separated[2]), Number(separated[3])) ?? text;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3])) ?? text;
  return text;
}

/** 男 → male, 女 → female; anything else unchanged (the preview reports it). */
export function normalizeGender(value: SheetCell): string {
  const text = cellText(value);
  const lower = text.toLowerCase();
  if (text === '男' || text === '男性' || lower === 'male' || lower === 'm') return 'male';
  if (text === '女' || text === '女性' || lower === 'female' || lower === 'f') return 'female';
  return text;
}

/** 正式(党员) → formal, 预备(党员) → probationary; anything else unchanged. */
export function normalizeStatus(value: SheetCell): string {
  const text = cellText(value);
  const lower = text.toLowerCase();
  if (text === '正式' || text === '正式党员' || lower === 'formal') return 'formal';
  if (text === '预备' || text === '预备党员' || lower === 'probationary') return 'probationary';
  return text;
}

/** A phone cell as digits as typed (spaces and dashes dropped; numeric cells without exponent). */
export function normalizePhone(value: SheetCell): string {
  return cellText(value).replace(/[\s-]/g, '');
}

/** A header cell's field: tolerates required-marks (*) and notes in brackets, e.g. 性别（男/女）. */
export function headerField(value: SheetCell): SheetField | null {
  const text = cellText(value)
    .replace(/[*＊\s]/g, '')
    .replace(/[(（[【].*$/, '');
  return MEMBER_SHEET_HEADERS[text] ?? HEADER_ALIASES[text] ?? null;
}

const HEADER_SEARCH_ROWS = 10;

export function mapMemberSheet(data: readonly (readonly SheetCell[])[], options: MapOptions = {}): MemberSheet {
  const required = Object.entries(MEMBER_SHEET_HEADERS)
    .filter(([, field]) => field !== 'post' && !(field === 'unit_name' && options.defaultUnitId !== undefined))
    .map(([header]) => header);

  // The header row is the first row (of the first few: a title may stand above it) naming 姓名.
  let headerIndex = -1;
  for (let index = 0; index < Math.min(data.length, HEADER_SEARCH_ROWS); index += 1) {
    if ((data[index] ?? []).some((cell) => headerField(cell) === 'name')) {
      headerIndex = index;
      break;
    }
  }
  if (headerIndex < 0) return { rows: [], skippedExamples: 0, missingHeaders: required };

  const columns = new Map<SheetField, number>();
  (data[headerIndex] ?? []).forEach((cell, column) => {
    const field = headerField(cell);
    if (field && !columns.has(field)) columns.set(field, column);
  });
  const missingHeaders = required.filter((header) => !columns.has(MEMBER_SHEET_HEADERS[header] as SheetField));
  if (missingHeaders.length > 0) return { rows: [], skippedExamples: 0, missingHeaders };

  const cell = (cells: readonly SheetCell[], field: SheetField): SheetCell => {
    const column = columns.get(field);
    return column === undefined ? undefined : cells[column];
  };

  const rows: MemberSheetRow[] = [];
  let skippedExamples = 0;
  for (const cells of data.slice(headerIndex + 1)) {
    if (!cells || cells.every((value) => cellText(value) === '')) continue;
    // The template's sample rows say so in 姓名 ("张三（示例，请删除本行）"): they are never
    // imported, whether or not the user deleted them.
    if (EXAMPLE_MARK.test(cellText(cell(cells, 'name')))) {
      skippedExamples += 1;
      continue;
    }
    const row: MemberApi.ImportRow = {
      name: cellText(cell(cells, 'name')),
      gender: normalizeGender(cell(cells, 'gender')),
      post: cellText(cell(cells, 'post')),
      phone: normalizePhone(cell(cells, 'phone')),
      joined_on: normalizeDate(cell(cells, 'joined_on')),
      status: normalizeStatus(cell(cells, 'status')),
    };
    const unitName = cellText(cell(cells, 'unit_name'));
    if (unitName) row.unit_name = unitName;
    else if (options.defaultUnitId !== undefined) row.unit_id = options.defaultUnitId;
    rows.push({ number: rows.length + 1, row });
  }
  return { rows, skippedExamples, missingHeaders: [] };
}

/** The same archive with every part stored uncompressed (see the note at the top). */
export function storeUncompressed(bytes: Uint8Array): Uint8Array {
  const parts: Unzipped = unzipSync(bytes, {
    filter: (file) => file.name.endsWith('.xml') || file.name.endsWith('.rels'),
  });
  return zipSync(parts, { level: 0 });
}

/** Reads the first sheet of an .xlsx file and maps it. Throws when the file is not an .xlsx. */
export async function readMemberSheet(file: Blob, options: MapOptions = {}): Promise<MemberSheet> {
  const bytes = storeUncompressed(new Uint8Array(await file.arrayBuffer()));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const data = await readSheet(buffer);
  return mapMemberSheet(data as unknown as SheetCell[][], options);
}

/**
 * Lines the server's per-row results up with the rows sent. The contract gives each result an
 * `index`; when there is one result per row they are taken in order of `index` (so 0- and
 * 1-based numbering both work), otherwise `index` is read as the 0-based position.
 */
export function matchResults(rowCount: number, results: readonly MemberApi.RowResult[]): Array<MemberApi.RowResult | undefined> {
  if (results.length === rowCount) return [...results].sort((a, b) => a.index - b.index);
  const byIndex = new Map(results.map((result) => [result.index, result]));
  return Array.from({ length: rowCount }, (_, position) => byIndex.get(position));
}

/** The preview column a server error belongs to (unit_id and unit both go to 单位). */
export function errorColumn(field: string): SheetField | null {
  if (field === 'unit' || field === 'unit_id' || field === 'unit_name') return 'unit_name';
  return (Object.values(MEMBER_SHEET_HEADERS) as string[]).includes(field) ? (field as SheetField) : null;
}
