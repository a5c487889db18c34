import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  errorColumn,
  headerField,
  mapMemberSheet,
  matchResults,
  normalizeDate,
  normalizeGender,
  normalizeStatus,
  readMemberSheet,
  storeUncompressed,
  type SheetCell,
} from '../memberSheet';

const HEADER: SheetCell[] = ['姓名', '性别', '单位', '职务', '手机号码', '入党日期', '党员状态'];

describe('mapMemberSheet', () => {
  it('maps the Chinese header row to row objects in any column order', () => {
    const data: SheetCell[][] = [
      ['党员状态', '入党日期', '手机号码', '职务', '单位', '性别', '姓名'],
      ['正式', '2020-07-01', '13800138000', '科员', '区审计局', '男', '张三'],
    ];
    expect(mapMemberSheet(data)).toEqual({
      missingHeaders: [],
      skippedExamples: 0,
      rows: [
        {
          number: 1,
          row: {
            name: '张三',
            gender: 'male',
            unit_name: '区审计局',
            post: '科员',
            phone: '13800138000',
            joined_on: '2020-07-01',
            status: 'formal',
          },
        },
      ],
    });
  });

  it('maps 男/女 and 正式/预备, and passes unknown values on for the server to report', () => {
    const data: SheetCell[][] = [
      HEADER,
      ['张三', '男', '区审计局', '科员', 13800138000, new Date(Date.UTC(2020, 6, 1)), '正式'],
      ['李四', '女', '区妇联', '', '13900139000', '2021/3/5', '预备党员'],
      ['王五', '未知', '区妇联', '', '139', '去年', '积极分子'],
    ];
    const { rows } = mapMemberSheet(data);
    expect(rows.map(({ row }) => [row.gender, row.status])).toEqual([
      ['male', 'formal'],
      ['female', 'probationary'],
      ['未知', '积极分子'],
    ]);
    expect(rows[0]?.row.phone).toBe('13800138000');
    expect(rows[2]?.row.joined_on).toBe('去年');
  });

  it('finds the header under a title row, tolerates marks and notes, skips blank rows', () => {
    const data: SheetCell[][] = [
      ['党员信息导入模板', null, null],
      [],
      ['*姓名', '性别（男/女）', '单位', '职务', '* 手机号码', '入党日期(YYYY-MM-DD)', '党员状态'],
      [null, '', '  ', null, null, null, null],
      ['  赵六 ', '女', '团区委', '书记', '138 0013 8000', '2019年10月1日', '正式'],
    ];
    const { rows, missingHeaders } = mapMemberSheet(data);
    expect(missingHeaders).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ number: 1, row: { name: '赵六', phone: '13800138000', joined_on: '2019-10-01' } });
  });

  it('never imports the template\'s example rows (marked 示例 in 姓名)', () => {
    // Given the template as downloaded, its sample row left in place, and one real row,
    const data: SheetCell[][] = [
      HEADER,
      ['张三（示例，请删除本行）', '男', '区委直属机关工委', '党支部书记', '13800000000', '2020-07-01', '正式'],
      ['李四(示例)', '女', '区审计局', '', '13900000000', '2021-07-01', '预备'],
      ['王五', '男', '区审计局', '科员', '13700000000', '2019-07-01', '正式'],
    ];
    const sheet = mapMemberSheet(data);
    // then only the real row is read, numbered 1, and the examples are counted as skipped.
    expect(sheet.rows.map((entry) => entry.row.name)).toEqual(['王五']);
    expect(sheet.rows[0].number).toBe(1);
    expect(sheet.skippedExamples).toBe(2);
    // A template with nothing but its example imports nothing.
    expect(mapMemberSheet(data.slice(0, 2)).rows).toEqual([]);
  });

  it('reports missing headers', () => {
    expect(mapMemberSheet([['姓名', '性别', '单位']]).missingHeaders).toEqual(['手机号码', '入党日期', '党员状态']);
    expect(mapMemberSheet([['名单'], ['a', 'b']]).missingHeaders).toEqual(['姓名', '性别', '单位', '手机号码', '入党日期', '党员状态']);
  });

  it("puts a unit admin's rows without a unit into its own unit", () => {
    const data: SheetCell[][] = [
      ['姓名', '性别', '职务', '手机号码', '入党日期', '党员状态'],
      ['张三', '男', '科员', '13800138000', '2020-07-01', '正式'],
    ];
    expect(mapMemberSheet(data).missingHeaders).toEqual(['单位']);
    const mapped = mapMemberSheet(data, { defaultUnitId: 7 });
    expect(mapped.missingHeaders).toEqual([]);
    expect(mapped.rows[0]?.row).toMatchObject({ unit_id: 7 });
    expect(mapped.rows[0]?.row).not.toHaveProperty('unit_name');
  });
});

describe('normalisation', () => {
  it('turns dates into YYYY-MM-DD', () => {
    expect(normalizeDate(new Date(Date.UTC(2020, 6, 1)))).toBe('2020-07-01');
    // Floating-point error in the Excel serial: a millisecond before midnight is still that day.
    expect(normalizeDate(new Date(Date.UTC(2020, 6, 1) - 1))).toBe('2020-07-01');
    expect(normalizeDate(43_983)).toBe('2020-06-01');
    // A whole serial and the same serial with a time of day are one date, as on the server.
    expect(normalizeDate(43_948)).toBe('2020-04-27');
    expect(normalizeDate(43_948.0)).toBe('2020-04-27');
    expect(normalizeDate(43_948.75)).toBe('2020-04-27');
    expect(normalizeDate(60)).toBe('60');
    // A date-time cell (Date at 18:00 UTC) is its calendar day.
    expect(normalizeDate(new Date(Date.UTC(2020, 3, 27, 18, 0)))).toBe('2020-04-27');
    expect(normalizeDate('\u30002020/4/27\u00A0')).toBe('2020-04-27');
    expect(normalizeDate('2020-07-01')).toBe('2020-07-01');
    expect(normalizeDate('2020/7/1')).toBe('2020-07-01');
    expect(normalizeDate('2020.07.01')).toBe('2020-07-01');
    expect(normalizeDate('2020年7月1日')).toBe('2020-07-01');
    expect(normalizeDate('20200701')).toBe('2020-07-01');
    expect(normalizeDate('2020-07-01 00:00:00')).toBe('2020-07-01');
    expect(normalizeDate('2020-02-30')).toBe('2020-02-30');
    expect(normalizeDate(null)).toBe('');
    expect(normalizeDate(new Date(Number.NaN))).toBe('');
  });

  it('maps genders and statuses', () => {
    expect(['男', ' 男性 ', 'Male', 'M', '女', '女性', 'female', 'F', ''].map((value) => normalizeGender(value))).toEqual([
      'male',
      'male',
      'male',
      'male',
      'female',
      'female',
      'female',
      'female',
      '',
    ]);
    expect(['正式', '正式党员', '预备', '预备党员', 'formal', '其他'].map((value) => normalizeStatus(value))).toEqual([
      'formal',
      'formal',
      'probationary',
      'probationary',
      'formal',
      '其他',
    ]);
  });

  it('recognises header cells', () => {
    expect(headerField(' 手机号码 ')).toBe('phone');
    expect(headerField('入党日期（格式：2020-07-01）')).toBe('joined_on');
    expect(headerField('备注')).toBeNull();
  });
});

describe('preview results', () => {
  it('lines results up with rows, whatever the numbering', () => {
    const zeroBased = [
      { index: 1, ok: false, errors: [{ field: 'phone', message: 'x' }] },
      { index: 0, ok: true, errors: [] },
    ];
    expect(matchResults(2, zeroBased).map((result) => result?.ok)).toEqual([true, false]);
    const oneBased = [
      { index: 1, ok: true, errors: [] },
      { index: 2, ok: false, errors: [] },
    ];
    expect(matchResults(2, oneBased).map((result) => result?.ok)).toEqual([true, false]);
    expect(matchResults(3, [{ index: 2, ok: false, errors: [] }]).map((result) => result?.ok)).toEqual([
      undefined,
      undefined,
      false,
    ]);
  });

  it('sends unit errors to the unit column', () => {
    expect(['unit_id', 'unit', 'unit_name', 'phone', 'rows'].map(errorColumn)).toEqual([
      'unit_name',
      'unit_name',
      'unit_name',
      'phone',
      null,
    ]);
  });
});

/** A minimal .xlsx: shared strings, a number and a date-formatted cell (numFmt 14). */
function buildXlsx(level: 0 | 6 = 6): Uint8Array {
  const strings = ['姓名', '性别', '单位', '职务', '手机号码', '入党日期', '党员状态', '张三', '男', '区审计局', '科员', '正式'];
  const s = (index: number, ref: string) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
  const files = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheets><sheet name="党员" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '</Relationships>',
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
        strings.map((text) => `<si><t>${text}</t></si>`).join('') +
        '</sst>',
    ),
    'xl/styles.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1">' +
        ['A1', 'B1', 'C1', 'D1', 'E1', 'F1', 'G1'].map((ref, index) => s(index, ref)).join('') +
        '</row>' +
        '<row r="2">' +
        s(7, 'A2') +
        s(8, 'B2') +
        s(9, 'C2') +
        s(10, 'D2') +
        '<c r="E2"><v>13800138000</v></c>' +
        '<c r="F2" s="1"><v>44013</v></c>' +
        s(11, 'G2') +
        '</row>' +
        '</sheetData></worksheet>',
    ),
  };
  return zipSync(files, { level });
}

describe('readMemberSheet (read-excel-file on a real .xlsx)', () => {
  it('reads the first sheet and maps it; a date cell becomes YYYY-MM-DD', async () => {
    const sheet = await readMemberSheet(new Blob([buildXlsx() as Uint8Array<ArrayBuffer>]));
    expect(sheet).toEqual({
      missingHeaders: [],
      skippedExamples: 0,
      rows: [
        {
          number: 1,
          row: {
            name: '张三',
            gender: 'male',
            unit_name: '区审计局',
            post: '科员',
            phone: '13800138000',
            joined_on: '2020-07-01',
            status: 'formal',
          },
        },
      ],
    });
  });

  it('repacks the archive uncompressed (no Web Worker is needed to inflate it)', () => {
    const repacked = storeUncompressed(buildXlsx());
    const entries = unzipSync(repacked);
    expect(Object.keys(entries)).toContain('xl/worksheets/sheet1.xml');
    // Stored entries: the archive holds the XML as plain text.
    expect(new TextDecoder().decode(repacked)).toContain('<sheetData>');
  });

  it('rejects a file that is not an .xlsx', async () => {
    await expect(readMemberSheet(new Blob([strToU8('name,gender\n') as Uint8Array<ArrayBuffer>]))).rejects.toBeDefined();
  });
});
