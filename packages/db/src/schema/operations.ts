import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import {
  createdAt,
  shopIdColumn,
  shopifyId,
  tenantRef,
  tenantRowId,
  timestampTz,
  updatedAt,
} from "./columns";
import { cascadeWithCustomer } from "./customers";
import {
  actorType,
  gdprRequestKind,
  gdprRequestStatus,
  notificationKind,
  notificationStatus,
  webhookDeliveryStatus,
} from "./enums";
import { cascadeWithShop } from "./shops";

/** Every webhook accepted at the edge; the unique (shop, event id) is how duplicates are dropped. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    eventId: text().notNull(),
    webhookId: text().notNull(),
    topic: text().notNull(),
    apiVersion: text(),
    triggeredAt: timestampTz(),
    payload: jsonb().notNull(),
    status: webhookDeliveryStatus().notNull().default("received"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    jobId: text(),
    receivedAt: createdAt(),
    processedAt: timestampTz(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    uniqueIndex("webhook_deliveries_event_key").on(t.shopId, t.eventId),
    index("webhook_deliveries_status_idx").on(t.shopId, t.status, t.receivedAt),
  ],
);

/** GDPR requests and their progress; a data request's export is stored encrypted until downloaded. */
export const gdprRequests = pgTable(
  "gdpr_requests",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    kind: gdprRequestKind().notNull(),
    status: gdprRequestStatus().notNull().default("received"),
    shopifyCustomerId: shopifyId(),
    customerId: tenantRef(),
    ordersRequested: text().array().notNull().default([]),
    shopifyRequestId: text(),
    exportEnc: text(),
    lastError: text(),
    receivedAt: createdAt(),
    completedAt: timestampTz(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    index("gdpr_requests_received_idx").on(t.shopId, t.receivedAt),
  ],
);

/** Who did what: staff adjustments, tier pins, settings changes, reviews, GDPR actions. */
export const auditLog = pgTable(
  "audit_log",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    actorType: actorType().notNull(),
    actorId: text(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    reason: text(),
    /** Never PII: changes are recorded by field name and non-personal value. */
    changes: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    index("audit_log_created_idx").on(t.shopId, t.createdAt),
    index("audit_log_entity_idx").on(t.shopId, t.entityType, t.entityId),
  ],
);

/** Every notification decided for a shopper, sent or not; the key makes each send happen once. */
export const notificationLog = pgTable(
  "notification_log",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    customerId: tenantRef().notNull(),
    kind: notificationKind().notNull(),
    channel: text().notNull().default("email"),
    locale: text().notNull().default("en"),
    status: notificationStatus().notNull().default("queued"),
    idempotencyKey: text().notNull(),
    lastError: text(),
    sentAt: timestampTz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.customerId),
    uniqueIndex("notification_log_idempotency_key").on(t.shopId, t.idempotencyKey),
    index("notification_log_customer_idx").on(t.shopId, t.customerId, t.createdAt),
  ],
);
