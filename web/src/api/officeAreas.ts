import { requestClient, type PageResult, type RequestOptions } from './client';

export namespace OfficeAreaApi {
  export interface OfficeArea {
    id: number;
    name: string;
    address: string;
    latitude: number | null;
    longitude: number | null;
    note: string;
  }

  export type ListResult = PageResult<OfficeArea>;

  /** Body of POST /office-areas and PUT /office-areas/{id}. 409 when the name is taken. */
  export interface SaveParams {
    name: string;
    address?: string;
    latitude?: number | null;
    longitude?: number | null;
    note?: string;
  }
}

type MutationOptions = Omit<RequestOptions, 'body' | 'query'>;

export function listOfficeAreas(): Promise<OfficeAreaApi.ListResult> {
  return requestClient.get<OfficeAreaApi.ListResult>('/office-areas');
}

export function getOfficeArea(id: number): Promise<OfficeAreaApi.OfficeArea> {
  return requestClient.get<OfficeAreaApi.OfficeArea>(`/office-areas/${id}`);
}

export function createOfficeArea(params: OfficeAreaApi.SaveParams, options: MutationOptions = {}): Promise<OfficeAreaApi.OfficeArea> {
  return requestClient.post<OfficeAreaApi.OfficeArea>('/office-areas', params, options);
}

export function updateOfficeArea(
  id: number,
  params: OfficeAreaApi.SaveParams,
  options: MutationOptions = {},
): Promise<OfficeAreaApi.OfficeArea> {
  return requestClient.put<OfficeAreaApi.OfficeArea>(`/office-areas/${id}`, params, options);
}
