CREATE TABLE `ice_businesses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`username` text NOT NULL,
	`mobile` text NOT NULL,
	`password_hash` text NOT NULL,
	`token_version` integer DEFAULT 0 NOT NULL,
	`profile` text NOT NULL,
	`email` text,
	`legal` text,
	`documents` text,
	`legal_status` text DEFAULT 'none' NOT NULL,
	`legal_reason` text,
	`legal_submitted_at_ms` integer,
	`legal_decide_at_ms` integer,
	`legal_decided_at_ms` integer,
	`official_name` text,
	`balance_rial` integer DEFAULT 0 NOT NULL,
	`created_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ice_businesses_username` ON `ice_businesses` (`tenant_id`,`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `ice_businesses_mobile` ON `ice_businesses` (`tenant_id`,`mobile`);--> statement-breakpoint
CREATE TABLE `ice_charges` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`business_id` text NOT NULL,
	`purpose` text NOT NULL,
	`tracking_code` text,
	`amount_rial` integer NOT NULL,
	`bank` text NOT NULL,
	`return_url` text NOT NULL,
	`payment_token` text NOT NULL,
	`status` text NOT NULL,
	`failure` text,
	`card_pan` text,
	`reference` text,
	`created_at_ms` integer NOT NULL,
	`expires_at_ms` integer NOT NULL,
	`finished_at_ms` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ice_charges_payment_token_unique` ON `ice_charges` (`payment_token`);--> statement-breakpoint
CREATE INDEX `ice_charges_business` ON `ice_charges` (`tenant_id`,`business_id`,`created_at_ms`);--> statement-breakpoint
CREATE TABLE `ice_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`business_id` text NOT NULL,
	`amount_rial` integer NOT NULL,
	`balance_after_rial` integer NOT NULL,
	`description` text NOT NULL,
	`kind` text NOT NULL,
	`tracking_code` text,
	`charge_id` text,
	`once_key` text,
	`at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ice_ledger_once_key_unique` ON `ice_ledger` (`once_key`);--> statement-breakpoint
CREATE INDEX `ice_ledger_business` ON `ice_ledger` (`tenant_id`,`business_id`,`id`);--> statement-breakpoint
CREATE TABLE `ice_password_resets` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`business_id` text NOT NULL,
	`code` text NOT NULL,
	`code_sent_at_ms` integer NOT NULL,
	`code_expires_at_ms` integer NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`used_at_ms` integer
);
--> statement-breakpoint
CREATE TABLE `ice_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`mobile` text NOT NULL,
	`profile` text NOT NULL,
	`code` text NOT NULL,
	`code_sent_at_ms` integer NOT NULL,
	`code_expires_at_ms` integer NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`verified_at_ms` integer,
	`business_id` text,
	`created_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ice_registrations_tenant` ON `ice_registrations` (`tenant_id`,`mobile`);--> statement-breakpoint
CREATE TABLE `ice_reports` (
	`tracking_code` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`business_id` text NOT NULL,
	`person_type` text NOT NULL,
	`national_code` text,
	`national_id` text,
	`mobile` text NOT NULL,
	`payer` text NOT NULL,
	`report_rial` integer NOT NULL,
	`vat_rial` integer NOT NULL,
	`total_rial` integer NOT NULL,
	`state` text NOT NULL,
	`consent_token` text NOT NULL,
	`business_name` text NOT NULL,
	`sms_status` text NOT NULL,
	`scripted` text,
	`scripted_at_ms` integer,
	`requested_at_ms` integer NOT NULL,
	`consent_expires_at_ms` integer NOT NULL,
	`approved_at_ms` integer,
	`viewable_until_ms` integer,
	`rejected_at_ms` integer,
	`expired_at_ms` integer,
	`archived_at_ms` integer,
	`deleted_at_ms` integer,
	`state_before_delete` text,
	`charge_id` text,
	`refunded_at_ms` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ice_reports_consent_token_unique` ON `ice_reports` (`consent_token`);--> statement-breakpoint
CREATE INDEX `ice_reports_business` ON `ice_reports` (`tenant_id`,`business_id`,`state`,`requested_at_ms`);--> statement-breakpoint
CREATE INDEX `ice_reports_due` ON `ice_reports` (`tenant_id`,`state`,`consent_expires_at_ms`);--> statement-breakpoint
CREATE TABLE `ice_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL
);
