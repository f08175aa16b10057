CREATE INDEX `ice_reports_scripted` ON `ice_reports` (`tenant_id`,`state`,`scripted_at_ms`);--> statement-breakpoint
CREATE INDEX `ice_reports_window` ON `ice_reports` (`tenant_id`,`state`,`viewable_until_ms`);--> statement-breakpoint
CREATE INDEX `ice_reports_newest` ON `ice_reports` (`tenant_id`,`business_id`,`requested_at_ms`);