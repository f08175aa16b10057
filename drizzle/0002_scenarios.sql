CREATE TABLE `scenarios` (
	`name` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`origin` text NOT NULL,
	`source` text NOT NULL,
	`definition` text NOT NULL,
	`loaded_at_ms` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `tenants` ADD `scenario` text;