/** The approvals domain's public surface: four eyes for money actions, and re-authentication. */
export * from "./approvals.service.js";
export * from "./approval-actions.js";
export * from "../backoffice/reauth.js";
export { approvalsMessages } from "./approvals.messages.js";
export * from "./approval.status.js";
