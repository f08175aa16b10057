CREATE TABLE `ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`wallet` text NOT NULL,
	`amount_rial` integer NOT NULL,
	`balance_after_rial` integer NOT NULL,
	`reason` text NOT NULL,
	`endpoint_id` text,
	`at_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_tenant` ON `ledger` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`jibit_api_key` text NOT NULL,
	`jibit_secret_key` text NOT NULL,
	`allowed_ips` text DEFAULT '[]' NOT NULL,
	`daily_limits` text DEFAULT '{}' NOT NULL,
	`prices` text DEFAULT '{}' NOT NULL,
	`billing` text DEFAULT 'prepaid' NOT NULL,
	`clock_offset_ms` integer DEFAULT 0 NOT NULL,
	`clock_frozen_at_ms` integer,
	`initial_config` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_jibit_api_key_unique` ON `tenants` (`jibit_api_key`);--> statement-breakpoint
CREATE TABLE `usage` (
	`tenant_id` text NOT NULL,
	`tehran_day` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `tehran_day`, `endpoint_id`)
);
--> statement-breakpoint
CREATE TABLE `wallets` (
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`amount_rial` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `type`)
);
--> statement-breakpoint
CREATE TABLE `world_cards` (
	`number` text PRIMARY KEY NOT NULL,
	`bank` text NOT NULL,
	`type` text NOT NULL,
	`state` text NOT NULL,
	`deposit_number` text NOT NULL,
	`owner_national_code` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `world_corporations` (
	`code` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`info` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `world_deposits` (
	`bank` text NOT NULL,
	`number` text NOT NULL,
	`iban` text NOT NULL,
	`status` text NOT NULL,
	`iban_state` text NOT NULL,
	`owners` text NOT NULL,
	PRIMARY KEY(`bank`, `number`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `world_deposits_iban_unique` ON `world_deposits` (`iban`);--> statement-breakpoint
CREATE TABLE `world_foreigners` (
	`fida` text PRIMARY KEY NOT NULL,
	`black_listed` integer NOT NULL,
	`info` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `world_mobiles` (
	`mobile` text PRIMARY KEY NOT NULL,
	`national_code` text NOT NULL,
	`black_listed` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `world_persons` (
	`national_code` text PRIMARY KEY NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`father_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`gender` text NOT NULL,
	`mobile` text NOT NULL,
	`registry` text NOT NULL,
	`black_listed` integer NOT NULL,
	`sana_registered` integer NOT NULL,
	`military` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `world_postal_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`province` text NOT NULL,
	`district` text NOT NULL,
	`street` text NOT NULL,
	`no` text NOT NULL,
	`floor` text NOT NULL,
	`address` text NOT NULL,
	`latitude` real NOT NULL,
	`longitude` real NOT NULL
);
