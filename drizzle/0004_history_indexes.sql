CREATE TABLE `freepay_payment_counts` (
	`tenant_id` text NOT NULL,
	`status` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `status`)
);
--> statement-breakpoint
DROP INDEX `freepay_payments_tenant`;--> statement-breakpoint
CREATE INDEX `freepay_payments_status` ON `freepay_payments` (`tenant_id`,(CASE WHEN status = 'failed' AND reversed_at_ms IS NOT NULL THEN 'reversed' ELSE status END),`created_at_ms`,`authority`);--> statement-breakpoint
CREATE INDEX `freepay_payments_amount` ON `freepay_payments` (`tenant_id`,`amount_rial`,`created_at_ms`,`authority`);--> statement-breakpoint
CREATE INDEX `freepay_payments_order` ON `freepay_payments` (`tenant_id`,`order_id`,`created_at_ms`,`authority`);--> statement-breakpoint
CREATE INDEX `freepay_payments_card` ON `freepay_payments` (`tenant_id`,substr(`card_pan`, -4),`created_at_ms`,`authority`);--> statement-breakpoint
CREATE INDEX `freepay_payments_unsettled` ON `freepay_payments` (`tenant_id`,`status`,`settlement_id`,`verified_at_ms`);--> statement-breakpoint
CREATE INDEX `freepay_payments_reversal_due` ON `freepay_payments` (`tenant_id`,`status`,`reversed_at_ms`,`reversal_due_at_ms`);--> statement-breakpoint
CREATE INDEX `freepay_payments_tenant` ON `freepay_payments` (`tenant_id`,`created_at_ms`,`authority`);--> statement-breakpoint
CREATE INDEX `ledger_tenant_wallet` ON `ledger` (`tenant_id`,`wallet`,`id`);--> statement-breakpoint
CREATE INDEX `journal_tenant_provider` ON `journal` (`tenant_id`,`provider`,`id`);--> statement-breakpoint
CREATE INDEX `journal_tenant_endpoint` ON `journal` (`tenant_id`,`endpoint_id`,`id`);--> statement-breakpoint
CREATE INDEX `journal_tenant_status` ON `journal` (`tenant_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `journal_tenant_code` ON `journal` (`tenant_id`,`error_code`,`id`) WHERE "journal"."error_code" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `journal_tenant_at` ON `journal` (`tenant_id`,`at_ms`);--> statement-breakpoint
CREATE INDEX `outbox_tenant_channel` ON `outbox` (`tenant_id`,`channel`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_tenant_provider` ON `outbox` (`tenant_id`,`provider`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_tenant_recipient` ON `outbox` (`tenant_id`,`recipient`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_tenant_at` ON `outbox` (`tenant_id`,`at_ms`);--> statement-breakpoint
-- Hand-written below: the running counts, backfilled from the payments already stored, then kept by
-- triggers in the statement that writes a payment (countedStatusSql in src/db/schema/freepay.ts).
INSERT INTO `freepay_payment_counts` (`tenant_id`, `status`, `count`)
SELECT `tenant_id`, (CASE WHEN status = 'failed' AND reversed_at_ms IS NOT NULL THEN 'reversed' ELSE status END), count(*) FROM `freepay_payments` GROUP BY 1, 2;--> statement-breakpoint
CREATE TRIGGER `freepay_payment_counts_insert` AFTER INSERT ON `freepay_payments` BEGIN
	INSERT INTO `freepay_payment_counts` (`tenant_id`, `status`, `count`) VALUES (NEW.tenant_id, CASE WHEN NEW.status = 'failed' AND NEW.reversed_at_ms IS NOT NULL THEN 'reversed' ELSE NEW.status END, 1)
	ON CONFLICT (`tenant_id`, `status`) DO UPDATE SET `count` = `count` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `freepay_payment_counts_delete` AFTER DELETE ON `freepay_payments` BEGIN
	UPDATE `freepay_payment_counts` SET `count` = `count` - 1 WHERE `tenant_id` = OLD.tenant_id AND `status` = CASE WHEN OLD.status = 'failed' AND OLD.reversed_at_ms IS NOT NULL THEN 'reversed' ELSE OLD.status END;
END;--> statement-breakpoint
CREATE TRIGGER `freepay_payment_counts_update` AFTER UPDATE OF `tenant_id`, `status`, `reversed_at_ms` ON `freepay_payments`
WHEN OLD.tenant_id IS NOT NEW.tenant_id OR (CASE WHEN OLD.status = 'failed' AND OLD.reversed_at_ms IS NOT NULL THEN 'reversed' ELSE OLD.status END) IS NOT (CASE WHEN NEW.status = 'failed' AND NEW.reversed_at_ms IS NOT NULL THEN 'reversed' ELSE NEW.status END) BEGIN
	UPDATE `freepay_payment_counts` SET `count` = `count` - 1 WHERE `tenant_id` = OLD.tenant_id AND `status` = CASE WHEN OLD.status = 'failed' AND OLD.reversed_at_ms IS NOT NULL THEN 'reversed' ELSE OLD.status END;
	INSERT INTO `freepay_payment_counts` (`tenant_id`, `status`, `count`) VALUES (NEW.tenant_id, CASE WHEN NEW.status = 'failed' AND NEW.reversed_at_ms IS NOT NULL THEN 'reversed' ELSE NEW.status END, 1)
	ON CONFLICT (`tenant_id`, `status`) DO UPDATE SET `count` = `count` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `freepay_payment_counts_tenant_delete` AFTER DELETE ON `tenants` BEGIN
	DELETE FROM `freepay_payment_counts` WHERE `tenant_id` = OLD.id;
END;
