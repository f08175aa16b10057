CREATE TABLE `freepay_payments` (
	`authority` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`amount_rial` integer NOT NULL,
	`callback` text NOT NULL,
	`description` text,
	`mobile` text,
	`email` text,
	`order_id` text,
	`status` text NOT NULL,
	`failure` text,
	`card_pan` text,
	`ref_id` text,
	`created_at_ms` integer NOT NULL,
	`expires_at_ms` integer NOT NULL,
	`paid_at_ms` integer,
	`verified_at_ms` integer,
	`reversal_due_at_ms` integer,
	`reversed_at_ms` integer,
	`settlement_id` text,
	`history` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `freepay_payments_tenant` ON `freepay_payments` (`tenant_id`,`created_at_ms`);--> statement-breakpoint
CREATE TABLE `freepay_settlements` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`tehran_day` text NOT NULL,
	`at_ms` integer NOT NULL,
	`amount_rial` integer NOT NULL,
	`payments` integer NOT NULL,
	`iban` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `freepay_settlements_tenant` ON `freepay_settlements` (`tenant_id`,`at_ms`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `freepay_api_key` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `freepay` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_freepay_api_key_unique` ON `tenants` (`freepay_api_key`);