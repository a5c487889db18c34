import { requestClient, type PageResult, type RequestOptions } from './client';

/** 资源优势 tags a unit can carry (e.g. 党建活动基地, 优秀党课人才). */
export namespace StrengthTagApi {
  export interface StrengthTag {
    id: number;
    name: string;
    active: boolean;
    sort_order: number;
  }

  export type ListResult = PageResult<StrengthTag>;

  export interface CreateParams {
    name: string;
  }

  export interface UpdateParams {
    name: string;
    active: boolean;
  }
}

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

/** `silent` for pages that only use the tags as a filter and can do without them. */
export function listStrengthTags(options: Pick<RequestOptions, 'silent'> = {}): Promise<StrengthTagApi.ListResult> {
  return requestClient.get<StrengthTagApi.ListResult>('/strength-tags', undefined, options);
}

export function createStrengthTag(params: StrengthTagApi.CreateParams, options: MutationOptions = {}): Promise<StrengthTagApi.StrengthTag> {
  return requestClient.post<StrengthTagApi.StrengthTag>('/strength-tags', params, options);
}

export function updateStrengthTag(
  id: number,
  params: StrengthTagApi.UpdateParams,
  options: MutationOptions = {},
): Promise<StrengthTagApi.StrengthTag> {
  return requestClient.put<StrengthTagApi.StrengthTag>(`/strength-tags/${id}`, params, options);
}
