/** express-formidable ships no types: the middleware parses forms into req.fields / req.files. */
declare module "express-formidable" {
  import type { RequestHandler } from "express";
  export default function formidableMiddleware(options?: Record<string, unknown>, events?: unknown[]): RequestHandler;
}
