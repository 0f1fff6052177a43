/**
 * Typed domain errors. Each carries a stable code and an HTTP status; the API maps them to
 * problem+json, the admin panel to a notice. Messages for users come from the i18n catalog
 * by code, the `message` here is for logs and developers.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status: number = 422,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The record does not exist, or the caller may not know it exists. */
export class NotFoundError extends DomainError {
  constructor(entity: string, id: unknown) {
    super("NOT_FOUND", `${entity} ${String(id)} was not found`, 404, { entity, id });
  }
}

/** A concurrent change won, or the record is not in a state that allows the action. */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 409, details);
  }
}

/** Input that passed the schema but breaks a business rule. */
export class ValidationError extends DomainError {
  constructor(message: string, fields: Record<string, string>) {
    super("VALIDATION_FAILED", message, 400, { fields });
  }
}

/** The actor may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message = "You are not allowed to do this") {
    super("FORBIDDEN", message, 403);
  }
}
