CREATE TABLE `webhook_attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`number` integer NOT NULL,
	`at_ms` integer NOT NULL,
	`wall_at_ms` integer NOT NULL,
	`url` text NOT NULL,
	`result` text,
	`status` integer,
	`latency_ms` integer,
	`error` text,
	`response_head` text
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_event` ON `webhook_attempts` (`event_id`,`number`);--> statement-breakpoint
CREATE INDEX `webhook_attempts_tenant` ON `webhook_attempts` (`tenant_id`);--> statement-breakpoint
CREATE INDEX `webhook_attempts_open` ON `webhook_attempts` (`event_id`) WHERE "webhook_attempts"."result" IS NULL;--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`tenant_id` text NOT NULL,
	`provider` text NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`previous_secret` text,
	`previous_until_ms` integer,
	`paused` integer DEFAULT false NOT NULL,
	`ordered` integer DEFAULT true NOT NULL,
	`updated_at_ms` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `provider`)
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`provider` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`occurred_at_ms` integer NOT NULL,
	`state` text NOT NULL,
	`tries` integer DEFAULT 0 NOT NULL,
	`next_at_ms` integer,
	`next_wall_ms` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_id_unique` ON `webhook_events` (`id`);--> statement-breakpoint
CREATE INDEX `webhook_events_tenant` ON `webhook_events` (`tenant_id`,`provider`,`seq`);--> statement-breakpoint
CREATE INDEX `webhook_events_pending` ON `webhook_events` (`state`,`seq`);