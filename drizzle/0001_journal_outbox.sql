CREATE TABLE `journal` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`at_ms` integer NOT NULL,
	`provider` text NOT NULL,
	`endpoint_id` text,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`query` text NOT NULL,
	`request_body` text,
	`headers` text NOT NULL,
	`status` integer NOT NULL,
	`response_body` text,
	`error_code` text,
	`charged_rial` integer NOT NULL,
	`rule` text,
	`latency_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `journal_tenant` ON `journal` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`at_ms` integer NOT NULL,
	`provider` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`message` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_tenant` ON `outbox` (`tenant_id`,`id`);