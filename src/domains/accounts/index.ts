/** The accounts domain's public surface: OTP login, API tokens, the user's own profile. */
export * from "./otp.service.js";
export * from "./tokens.service.js";
export * from "./profile.service.js";
export * from "./accounts.schemas.js";
export { accountsMessages, otpSmsText } from "./accounts.messages.js";
export * from "./account-deletion.service.js";
export * from "./account-deletion.status.js";
export * from "./data-export.status.js";
export * from "./account-obligations.js";
export * from "./data-export.service.js";
export { ERASED_NOTIFICATION } from "./account-erasure.js";
