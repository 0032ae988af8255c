/**
 * The secret that signs a pipeline's webhooks in both directions (CI deliveries,
 * step webhooks, notifications): its own `webhookSecret`, else
 * SHIPBOARD_WEBHOOK_SECRET; undefined when neither is set (webhooks are off).
 */
export function webhookSecretOf(pipeline: { webhookSecret: string | null }): string | undefined {
  return pipeline.webhookSecret || process.env.SHIPBOARD_WEBHOOK_SECRET || undefined;
}
