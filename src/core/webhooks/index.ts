// Webhook deliveries for every provider: emit an event, and the loop POSTs it signed to the
// tenant's endpoint for the provider, retrying on the documented schedule (README "Webhooks").
export { emit, type EmitDeps, type EmitInput } from './events.js';
export { WebhookDeliveries, type DeliveryOptions } from './deliveries.js';
export { verifyWebhook, webhookHeaders, type VerifyOptions, type WebhookHeaders, type WebhookVerification } from './signature.js';
export { endpointOf, setEndpoint, type EndpointRow } from './endpoints.js';
export { retryDelaysMs, maxAttempts, defaultTimeoutMs } from './schedule.js';
