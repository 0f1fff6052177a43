/** Schemas shared by many endpoints. */
import { z } from "zod";

export const idParam = z.object({ id: z.coerce.number().int().positive().meta({ description: "Record id" }) });
export const isoDateTime = z.string().meta({ format: "date-time", example: "2026-11-22T10:00:00.000Z" });
export const money = z.number().int().meta({ description: "Amount in minor units (halalas for SAR)." });
export const currency = z.string().length(3).meta({ example: "SAR" });
export const lang = z.enum(["ar", "en"]);
