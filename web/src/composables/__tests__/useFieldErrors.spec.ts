import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/client';
import { fieldErrorsOf } from '../useFieldErrors';

describe('fieldErrorsOf', () => {
  it('given the text normaliser reports two fields in details.fields, when read, then both are returned', () => {
    const error = new ApiError(422, 'validation_failed', '姓名不能为空', {
      field: 'name',
      fields: [
        { field: 'name', message: '姓名不能为空' },
        { field: 'post', message: '职务不能超过 64 个字' },
      ],
    });
    expect(fieldErrorsOf(error)).toEqual([
      { field: 'name', message: '姓名不能为空' },
      { field: 'post', message: '职务不能超过 64 个字' },
    ]);
  });

  it('given details.errors as an object, when read, then each field carries its message', () => {
    const error = new ApiError(422, 'validation_failed', '输入有误', { errors: { phone: '手机号码格式不正确' } });
    expect(fieldErrorsOf(error)).toEqual([{ field: 'phone', message: '手机号码格式不正确' }]);
  });

  it('given only details.field, when read, then the error message goes to that field', () => {
    const error = new ApiError(422, 'validation_failed', '请选择单位', { field: 'unit_id' });
    expect(fieldErrorsOf(error)).toEqual([{ field: 'unit_id', message: '请选择单位' }]);
  });
});
