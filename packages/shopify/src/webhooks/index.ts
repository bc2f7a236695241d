export { signWebhookBody, verifyWebhook } from "./verify-webhook";
export type {
  VerifyWebhookInput,
  WebhookBody,
  WebhookRefusalReason,
  WebhookVerification,
} from "./verify-webhook";
export type { WebhookDelivery } from "./webhook-delivery";
export type { HeaderSource } from "./header-source";
export { COMPLIANCE_TOPICS, WEBHOOK_HEADERS } from "./webhook-headers";
