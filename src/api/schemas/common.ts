/** Schemas shared by many endpoints. Integers are bounded to int4 (see platform/validation). */
import { z } from "zod";
import { dateTimeString, dbId, dbIdFromString, dbInt } from "../../platform/validation.js";

export { dateTimeString, dbId, dbIdFromString, dbInt };
export const idParam = z.object({ id: dbIdFromString.meta({ description: "Record id" }) });
/** A date-time the API answers with (input date-times use dateTimeString). */
export const isoDateTime = z.string().meta({ format: "date-time", example: "2026-11-22T10:00:00.000Z" });
export const money = dbInt.meta({ description: "Amount in minor units (halalas for SAR)." });
export const currency = z.string().length(3).meta({ example: "SAR" });
export const lang = z.enum(["ar", "en"]);
