CREATE TABLE `ice_api_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`business_id` text NOT NULL,
	`request_number` integer NOT NULL,
	`status` text NOT NULL,
	`company` text NOT NULL,
	`company_at_ms` integer NOT NULL,
	`nda_viewed_version` text,
	`nda_viewed_at_ms` integer,
	`nda_accepted_version` text,
	`nda_accepted_at_ms` integer,
	`firm_viewed_version` text,
	`firm_viewed_at_ms` integer,
	`firm_accepted_version` text,
	`firm_accepted_at_ms` integer,
	`invoice_issued_at_ms` integer,
	`invoice_rial` integer,
	`invoice_charge_id` text,
	`invoice_paid_at_ms` integer,
	`ip1` text,
	`ip2` text,
	`webhook_url` text,
	`documents_at_ms` integer,
	`live_requested_at_ms` integer,
	`live_due_at_ms` integer,
	`live_at_ms` integer,
	`client_id` text,
	`client_secret_hash` text,
	`credential_version` integer DEFAULT 0 NOT NULL,
	`credentials_issued_at_ms` integer,
	`created_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ice_api_requests_client_id_unique` ON `ice_api_requests` (`client_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ice_api_requests_business` ON `ice_api_requests` (`tenant_id`,`business_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `ice_api_requests_number` ON `ice_api_requests` (`tenant_id`,`request_number`);--> statement-breakpoint
CREATE INDEX `ice_api_requests_due` ON `ice_api_requests` (`tenant_id`,`status`,`live_due_at_ms`);