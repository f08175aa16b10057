ALTER TABLE `webhook_attempts` ADD `fault` text;--> statement-breakpoint
ALTER TABLE `webhook_events` ADD `fault` text;