/** Input schemas of the messaging commands (shared by the API and tests). */
import { z } from "zod";
import { dbId } from "../../platform/validation.js";

export const messageBodySchema = z.string().trim().min(1).max(4000);

export const sendMessageSchema = z.object({ body: messageBodySchema }).strict();
export type SendMessageInput = z.input<typeof sendMessageSchema>;

export const markThreadReadSchema = z
  .object({
    /** Mark the other party's messages up to and including this id; all of them when absent. */
    upToMessageId: dbId.optional(),
  })
  .strict();
export type MarkThreadReadInput = z.input<typeof markThreadReadSchema>;
