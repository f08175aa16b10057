// Changing a tenant's ICE settings (control API and scenario setup): checked whole, then saved.
import type { Db } from '../../db/index.js';
import { iceSettingsOf, iceSettingsRefusal, saveIceSettings, type IceSettingsPatch } from './settings.js';

/** Why the patch cannot apply, or undefined once it has. */
export function applyIceSettings(db: Db, tenantId: string, patch: IceSettingsPatch): string | undefined {
  const settings = { ...iceSettingsOf(db, tenantId), ...patch };
  const refusal = iceSettingsRefusal(settings);
  if (refusal) return refusal;
  saveIceSettings(db, tenantId, settings);
  return undefined;
}

/** Why the patch would not apply, without applying it. */
export const iceSettingsPatchRefusal = (db: Db, tenantId: string, patch: IceSettingsPatch) => iceSettingsRefusal({ ...iceSettingsOf(db, tenantId), ...patch });
