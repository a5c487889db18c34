import { requestClient, type PageResult } from './client';

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
}

export function listOfficeAreas(): Promise<OfficeAreaApi.ListResult> {
  return requestClient.get<OfficeAreaApi.ListResult>('/office-areas');
}
