import { requestClient, type PageResult } from './client';

export namespace AllianceApi {
  export interface Ref {
    id: number;
    name: string;
  }

  export type MemberRole = 'lead' | 'member';

  export interface Member {
    unit: Ref;
    role: MemberRole;
    /** `YYYY-MM-DD` */
    joined_on: string;
  }

  export interface Alliance {
    id: number;
    name: string;
    batch: number;
    office_area: Ref;
    lead_unit: Ref;
    members: Member[];
  }

  export type ListResult = PageResult<Alliance>;
}

export function listAlliances(): Promise<AllianceApi.ListResult> {
  return requestClient.get<AllianceApi.ListResult>('/alliances');
}
