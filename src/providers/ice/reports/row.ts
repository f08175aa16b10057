// A report request's row as stored, and its states: the types every module of the requests shares,
// kept apart from the lifecycle so the modules the lifecycle calls (views, webhooks) need not import it.
import type { iceReports } from '../../../db/schema/index.js';

export type ReportRow = typeof iceReports.$inferSelect;
export type ReportState = ReportRow['state'];
