/** The wallet domain's public surface: the ledger, provider payouts and their machine. */
export * from "./ledger.service.js";
export * from "./payouts.service.js";
export * from "./payouts.status.js";
export * from "./iban.js";
export { walletMessages } from "./wallet.messages.js";
