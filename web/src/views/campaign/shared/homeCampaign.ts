import { reactive } from 'vue';
import { getHomeCampaign, type CampaignApi } from '@/api/campaign';

/**
 * The signed-in user's campaign summary (GET /home/campaign), shared by the header's phase
 * badge and the home page's card, so both show the same and one request serves them.
 */
export const homeCampaign = reactive<{ data: CampaignApi.Home | null; loaded: boolean }>({ data: null, loaded: false });

let inflight: Promise<void> | null = null;

export function refreshHomeCampaign(): Promise<void> {
  if (inflight) return inflight;
  inflight = (async () => {
    try {
      homeCampaign.data = await getHomeCampaign({ silent: true });
    } catch {
      // Quiet: the badge and the card keep what they had.
    } finally {
      homeCampaign.loaded = true;
      inflight = null;
    }
  })();
  return inflight;
}

export function resetHomeCampaign(): void {
  homeCampaign.data = null;
  homeCampaign.loaded = false;
}
