import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { Random } from "../random";
import { seededRandom, shuffled } from "../random";
import { signWebhookBody } from "./sign";
import type { PostResult } from "./transport";
import { postWithTimeouts } from "./transport";

/**
 * Delivers webhooks the way Shopify does: signed raw body, Shopify's headers, a connect and a total
 * timeout, and 8 retries with exponential backoff over 4 hours on anything but 2xx (the schedule is
 * multiplied by `retryScale`). Deliveries can be duplicated, delayed, or held and released out of
 * order, and every attempt is logged.
 */
export interface DeliveryControls {
  /** Extra copies: same event id (the app's dedupe key), new webhook id. */
  duplicate?: number;
  delayMs?: number;
  /** false holds the deliveries until released. */
  deliver?: boolean;
}

export interface Attempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export type DeliveryStatus = "held" | "scheduled" | "in_flight" | "retry_scheduled" | "delivered" | "failed";

export interface Delivery {
  webhookId: string;
  eventId: string;
  topic: string;
  shopDomain: string;
  apiVersion: string;
  triggeredAt: string;
  body: string;
  status: DeliveryStatus;
  attempts: Attempt[];
  /** The webhook id of the first copy when this is a duplicate. */
  duplicateOf: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

/** Exponential backoff whose 8 steps add up to Shopify's 4 hours: 56 s × 2^n. */
export const RETRY_DELAYS_MS = Array.from({ length: 8 }, (_, n) => Math.round((14_400_000 / 255) * 2 ** n));

export interface DispatcherOptions {
  webhookUrl: string;
  apiSecret: string;
  apiVersion: string;
  retryScale: number;
  connectTimeoutMs: number;
  deliveryTimeoutMs: number;
  concurrency?: number;
}

export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue: Delivery[] = [];
  private inFlight = 0;
  private flushing = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(private readonly options: DispatcherOptions) {}

  /** Records one event for a topic and sends it (and its duplicates) per the controls. */
  emit(shopDomain: string, topic: string, payload: unknown, controls: DeliveryControls = {}): Delivery[] {
    const eventId = randomUUID();
    const triggeredAt = new Date().toISOString();
    const body = JSON.stringify(payload);
    const copies = 1 + Math.max(0, Math.floor(controls.duplicate ?? 0));
    const created: Delivery[] = [];
    for (let i = 0; i < copies; i++) {
      const delivery: Delivery = {
        webhookId: randomUUID(),
        eventId,
        topic,
        shopDomain,
        apiVersion: this.options.apiVersion,
        triggeredAt,
        body,
        status: "held",
        attempts: [],
        duplicateOf: created[0]?.webhookId ?? null,
        nextAttemptAt: null,
        createdAt: triggeredAt,
      };
      this.deliveries.push(delivery);
      created.push(delivery);
      if (controls.deliver !== false)
        this.schedule(delivery, Math.max(0, controls.delayMs ?? 0), "scheduled");
    }
    return created;
  }

  /** Shopify's headers for one delivery; the HMAC covers the exact bytes sent. */
  headersFor(delivery: Delivery): Record<string, string> {
    return {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Topic": delivery.topic,
      "X-Shopify-Hmac-Sha256": signWebhookBody(delivery.body, this.options.apiSecret),
      "X-Shopify-Shop-Domain": delivery.shopDomain,
      "X-Shopify-API-Version": delivery.apiVersion,
      "X-Shopify-Webhook-Id": delivery.webhookId,
      "X-Shopify-Triggered-At": delivery.triggeredAt,
      "X-Shopify-Event-Id": delivery.eventId,
    };
  }

  /**
   * Sends held deliveries (all of them, or just `only`) in the requested order. Sequential release
   * waits for each first attempt before sending the next, so the receiver sees exactly that order;
   * otherwise they are queued in that order and the call returns at once.
   */
  async release(
    order: "fifo" | "reverse" | "shuffle" = "fifo",
    seed?: number,
    options: { only?: readonly Delivery[]; sequential?: boolean } = {},
  ): Promise<Delivery[]> {
    const candidates = options.only ?? this.deliveries;
    const held = candidates.filter((d) => d.status === "held");
    const random: Random = seededRandom(seed ?? Date.now());
    const ordered =
      order === "reverse" ? [...held].reverse() : order === "shuffle" ? shuffled(held, random) : held;
    for (const delivery of ordered) delivery.status = "scheduled";
    if (options.sequential === false) {
      for (const delivery of ordered) this.enqueue(delivery);
      return ordered;
    }
    for (const delivery of ordered) await this.attempt(delivery);
    return ordered;
  }

  /**
   * Test helper: releases held deliveries, fires scheduled ones and retries now (fast-forwarding the
   * retry schedule), and resolves once nothing is pending or in flight.
   */
  async deliverPending(): Promise<void> {
    this.flushing++;
    try {
      await this.release("fifo");
      for (const [webhookId, timer] of this.timers) {
        clearTimeout(timer);
        this.timers.delete(webhookId);
        const delivery = this.deliveries.find((d) => d.webhookId === webhookId);
        if (delivery) this.enqueue(delivery);
      }
      await this.idle();
    } finally {
      this.flushing--;
    }
  }

  private idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && this.queue.length === 0 && this.timers.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private schedule(delivery: Delivery, delayMs: number, status: "scheduled" | "retry_scheduled"): void {
    if (this.closed) return;
    delivery.status = status;
    const delay = this.flushing > 0 ? 0 : delayMs;
    delivery.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    if (delay === 0) {
      this.enqueue(delivery);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(delivery.webhookId);
      this.enqueue(delivery);
    }, delay);
    this.timers.set(delivery.webhookId, timer);
  }

  private enqueue(delivery: Delivery): void {
    this.queue.push(delivery);
    this.pump();
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 32;
    while (!this.closed && this.inFlight < limit && this.queue.length > 0) {
      const delivery = this.queue.shift() as Delivery;
      void this.attempt(delivery);
    }
    this.notifyIfIdle();
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.closed) return;
    this.inFlight++;
    delivery.status = "in_flight";
    delivery.nextAttemptAt = null;
    const at = new Date().toISOString();
    let result: PostResult;
    try {
      result = await postWithTimeouts(
        this.options.webhookUrl,
        this.headersFor(delivery),
        delivery.body,
        { connectMs: this.options.connectTimeoutMs, totalMs: this.options.deliveryTimeoutMs },
        this.agents,
      );
    } catch (error) {
      result = {
        statusCode: null,
        error: error instanceof Error ? error.message : String(error),
        durationMs: 0,
      };
    }
    this.inFlight--;
    delivery.attempts.push({ attempt: delivery.attempts.length + 1, at, ...result });
    this.settle(delivery, result);
    this.pump();
  }

  /** Only 2xx counts; 3xx, 4xx, 5xx and timeouts are failures Shopify retries. */
  private settle(delivery: Delivery, result: PostResult): void {
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    if (ok) {
      delivery.status = "delivered";
      return;
    }
    const retriesUsed = delivery.attempts.length - 1;
    const nextDelay = RETRY_DELAYS_MS[retriesUsed];
    if (nextDelay === undefined) {
      delivery.status = "failed";
      return;
    }
    this.schedule(delivery, Math.round(nextDelay * this.options.retryScale), "retry_scheduled");
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.agents.http.destroy();
    this.agents.https.destroy();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
