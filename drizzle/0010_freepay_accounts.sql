CREATE TABLE `freepay_accounts` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`mobile` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`token_version` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`rejection_reason` text,
	`national_code` text,
	`landline` text,
	`address` text,
	`email` text,
	`document` text,
	`documents_at_ms` integer,
	`created_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `freepay_accounts_id_unique` ON `freepay_accounts` (`id`);--> statement-breakpoint
CREATE TABLE `freepay_bank_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`bank` text NOT NULL,
	`account_number` text NOT NULL,
	`card_number` text NOT NULL,
	`iban` text NOT NULL,
	`added_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `freepay_bank_accounts_iban` ON `freepay_bank_accounts` (`tenant_id`,`iban`);--> statement-breakpoint
CREATE TABLE `freepay_signups` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`mobile` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`code` text NOT NULL,
	`code_sent_at_ms` integer NOT NULL,
	`code_expires_at_ms` integer NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`verified_at_ms` integer,
	`created_at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `freepay_signups_tenant` ON `freepay_signups` (`tenant_id`,`created_at_ms`);