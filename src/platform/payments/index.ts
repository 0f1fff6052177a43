export {
  Stripe,
  STRIPE_MAX_NETWORK_RETRIES,
  STRIPE_TIMEOUT_MS,
  createCheckoutSession,
  createPaymentIntent,
  createRefund,
  createStripe,
  listAll,
  parseApiBase,
  paymentsNotConfigured,
  requireStripe,
  retrievePaymentIntent,
  verifyWebhook,
} from "./stripe-client.js";
export type {
  CreateCheckoutSessionInput,
  CreatePaymentIntentInput,
  CreateRefundInput,
  ListAllParams,
  ListableKind,
  ListableKinds,
  StripeSettings,
} from "./stripe-client.js";
