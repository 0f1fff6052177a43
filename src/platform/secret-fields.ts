/**
 * Values that never leave the server: password and token hashes, one-time codes, bearer tokens
 * and storage keys (a key names a private file). The panel never sends them in its JSON, and the
 * audit trail records that they changed without their values.
 */
export const SECRET_FIELDS: Record<string, readonly string[]> = {
  User: ["passwordHash"],
  Otp: ["codeHash"],
  ApiToken: ["tokenHash"],
  IdempotencyKey: ["key", "requestHash", "responseBody"],
  Session: ["sess"],
  PaymentLink: ["token"],
  DeviceToken: ["token"],
  ServiceRequestAttachment: ["storageKey"],
  ProviderPortfolioItem: ["imageKey"],
  Message: ["attachmentKey"],
  PromoAsset: ["storageKey"],
  SupportAttachment: ["storageKey"],
  VerificationDocumentVersion: ["storageKey"],
  ExportJob: ["storageKey"],
  DataExport: ["storageKey"],
  Payout: ["receiptKey"],
};
